package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Status;
import pl.kmzb.testing.TestPostgis;
import pl.kmzb.testing.TestReports;

/**
 * A pooled connection whose session the database ended (a restart, an administrator) fails the
 * streaming reads as an outage (503 + Retry-After in every protocol), never as an unexpected error:
 * the pool then fails the read's rollback and the statement limit's reset with a state-less
 * "Connection is closed", which must not hide the read's own failure. DatabaseRestartTest met this
 * as a race once in CI; here the pool hands out a connection used a moment ago (the pool checks a
 * connection only after 500 ms idle), so the read meets the ended session itself.
 */
class PostgisLostConnectionTest {
  String url;
  PostgisReportStore store;
  FeatureQueries features;

  @BeforeEach
  void open() {
    url = TestPostgis.createDatabase();
    store = PostgisReportStore.open(url, null, null, 2);
    store.insertAll(TestReports.random(3, 50), "test");
    features = new FeatureQueries(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aReportScanIsAnOutage() throws Exception {
    assertOutage(() -> store.scan(ReportFilter.ALL_INTERNAL, r -> {}, e -> {}));
  }

  @Test
  void aFilterScanIsAnOutage() throws Exception {
    assertOutage(() -> store.scan(Expr.INCLUDE, FeatureQueriesContract.POLICE, r -> {}));
  }

  @Test
  void aFeatureStreamIsAnOutage() throws Exception {
    assertOutage(() -> features.stream(FeatureQueriesContract.POLICE_ALL, 0L, 10, r -> true));
  }

  @Test
  void aFeatureStreamWithAStatementLimitIsAnOutage() throws Exception {
    assertOutage(() -> store.withStatementTimeout(Duration.ofSeconds(20),
        () -> features.stream(FeatureQueriesContract.POLICE_ALL, 0L, 10, r -> true)));
  }

  @Test
  void aScanOfFirstMovesIsAnOutage() throws Exception {
    assertOutage(() -> store.firstMovesInto(Set.of(Status.CONFIRMED), 1, 1_000, (id, at) -> {}));
  }

  /**
   * Runs {@code read} once to leave a just-used connection in the pool, ends every session of the
   * store's database, and runs it again: it must fail as an outage. Repeated when the pool checked
   * the connection anyway (the run took longer than the pool's 500 ms) and so the read succeeded.
   */
  void assertOutage(Runnable read) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      read.run();
      endSessions();
      try {
        read.run();
      } catch (StoreException e) {
        assertEquals(StoreFaults.Kind.OUTAGE, StoreFaults.of(e), () -> "not an outage: " + trace(e));
        recovers(read);
        return;
      }
    }
    fail("the read never met an ended session in 20 attempts");
  }

  /** The pool drops each ended session it hands out: reads succeed again once they are gone, outages until then. */
  static void recovers(Runnable read) {
    for (int i = 0; i < 4; i++) {
      try {
        read.run();
        return;
      } catch (StoreException e) {
        assertEquals(StoreFaults.Kind.OUTAGE, StoreFaults.of(e), () -> "not an outage: " + trace(e));
      }
    }
    fail("reads still failed after the pool's ended sessions were dropped");
  }

  /** Ends the sessions of the store's pool and waits until the database has let them go. */
  void endSessions() throws Exception {
    String others = " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()";
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("SELECT pg_terminate_backend(pid)" + others);
      for (int i = 0; i < 200; i++) {
        try (ResultSet rs = s.executeQuery("SELECT count(*)" + others)) {
          rs.next();
          if (rs.getInt(1) == 0) {
            return;
          }
        }
        Thread.sleep(2);
      }
    }
    assertTrue(false, "the ended sessions did not go within 400 ms");
  }

  static String trace(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
