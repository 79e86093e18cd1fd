package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ReportStore#withStatementTimeout}: a statement that would run for ever (a recursive
 * query without end) is cancelled by the database once its time has passed, in bounded time; a
 * read with no time left is not started; the pool's connections carry no limit afterwards.
 */
@org.junit.jupiter.api.Timeout(120)
abstract class StatementTimeoutContract {
  /** Counts for ever: no database finishes it. */
  static final String ENDLESS = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r)"
      + " SELECT count(*) FROM r";

  JdbcReportStore store;

  abstract JdbcReportStore openStore() throws Exception;

  /** A query of a second or so on this store, harmless without a limit. */
  abstract String secondLongQuery();

  @BeforeEach
  void open() throws Exception {
    store = openStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void anEndlessStatementIsCancelledOnceItsTimeHasPassed() {
    long t0 = System.nanoTime();
    StatementTimeoutException e = assertThrows(StatementTimeoutException.class,
        () -> store.withStatementTimeout(Duration.ofMillis(300), () -> store.withConnection(c -> {
          try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ENDLESS)) {
            return rs.next();
          }
        })));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 250 && ms < 5_000, "cancelled after " + ms + " ms");
    assertTrue(e.getMessage().contains(store.kind()), e.getMessage());
  }

  @Test
  void aReadWithNoTimeLeftIsNotStarted() {
    boolean[] ran = {false};
    assertThrows(StatementTimeoutException.class, () -> store.withStatementTimeout(Duration.ZERO,
        () -> store.withConnection(c -> ran[0] = true)));
    assertTrue(!ran[0]);
  }

  @Test
  void theLimitEndsWithItsScopeOnEveryConnection() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThrows(StatementTimeoutException.class, () -> store.withStatementTimeout(Duration.ofMillis(100),
          () -> store.withConnection(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ENDLESS)) {
              return rs.next();
            }
          })));
    }
    // Every pooled connection again, with work longer than the old limit and no limit now.
    for (int i = 0; i < 4; i++) {
      long n = store.withConnection(c -> {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(secondLongQuery())) {
          rs.next();
          return rs.getLong(1);
        }
      });
      assertTrue(n > 0);
    }
    // Nested scopes: the inner limit cannot extend the outer one.
    assertThrows(StatementTimeoutException.class, () -> store.withStatementTimeout(Duration.ofMillis(100),
        () -> store.withStatementTimeout(Duration.ofMinutes(5), () -> store.withConnection(c -> {
          try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ENDLESS)) {
            return rs.next();
          }
        }))));
    int one = store.withConnection(c -> {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 1")) {
        rs.next();
        return rs.getInt(1);
      }
    });
    assertEquals(1, one);
  }
}
