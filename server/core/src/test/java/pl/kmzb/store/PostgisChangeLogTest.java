package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.testing.TestPostgis;

/**
 * The change log's sequence numbers are drawn at commit (V17): sequence order is commit order, and
 * writers do not wait for each other between their writes and their commits. PostGIS only.
 */
class PostgisChangeLogTest {
  private static final String INSERT = "INSERT INTO report (category, status, geom, reported_at, source, updated_at)"
      + " VALUES ('vandalism', 'new', ST_SetSRID(ST_MakePoint(19.94, 50.06), 4326), now(), 'officer', now()) RETURNING id";

  String url;
  ReportStore store;

  @BeforeEach
  void open() {
    url = TestPostgis.createDatabase();
    store = PostgisReportStore.open(url, null, null, 2);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theTransactionThatCommitsFirstGetsTheSmallerSeqAndAReaderSkipsNothing() throws SQLException {
    try (Connection first = transaction(); Connection second = transaction()) {
      long early = insert(first);
      // With the lock taken at the write (V1), this insert waited for the first transaction's commit.
      try (Statement s = second.createStatement()) {
        s.execute("SET lock_timeout = '5s'");
      }
      long late = insert(second);
      assertTrue(early < late);
      second.commit();

      List<Change> seen = store.changesSince(0, 10);
      assertEquals(List.of(late), seen.stream().map(Change::reportId).toList(), "the uncommitted insert is not in the log");
      first.commit();

      List<Change> next = store.changesSince(seen.get(0).seq(), 10);
      assertEquals(List.of(early), next.stream().map(Change::reportId).toList(),
          "committed later, so after the reader's last seq although its report id is smaller");
      assertTrue(next.get(0).seq() > seen.get(0).seq());
    }
    assertStagingEmpty();
  }

  @Test
  void aRolledBackSavepointTakesItsEntriesAlongAndLaterWritesAreStillLogged() throws SQLException {
    long kept;
    long alsoKept;
    try (Connection c = transaction(); Statement s = c.createStatement()) {
      // The first write of the transaction, rolled back: it queued the commit-time move, which goes too.
      s.execute("SAVEPOINT a");
      insert(c);
      s.execute("ROLLBACK TO SAVEPOINT a");
      kept = insert(c);
      s.execute("SAVEPOINT b");
      s.execute("UPDATE report SET description = 'x' WHERE id = " + kept);
      s.execute("ROLLBACK TO SAVEPOINT b");
      alsoKept = insert(c);
      c.commit();
    }
    List<Change> log = store.changesSince(0, 10);
    assertEquals(List.of(kept, alsoKept), log.stream().map(Change::reportId).toList());
    assertEquals(List.of(ChangeKind.INSERTED, ChangeKind.INSERTED), log.stream().map(Change::kind).toList());
    assertStagingEmpty();
  }

  @Test
  void writesUnderSetConstraintsImmediateAreLoggedEach() throws SQLException {
    long first;
    long second;
    try (Connection c = transaction(); Statement s = c.createStatement()) {
      // The commit-time move then runs at the end of each write: it must find that write's entries.
      s.execute("SET CONSTRAINTS ALL IMMEDIATE");
      first = insert(c);
      s.execute("UPDATE report SET status = 'joke_or_mistake' WHERE id = " + first);
      second = insert(c);
      c.commit();
    }
    List<Change> log = store.changesSince(0, 10);
    assertEquals(List.of(first, first, second), log.stream().map(Change::reportId).toList());
    assertEquals(List.of(ChangeKind.INSERTED, ChangeKind.STATUS_CHANGED, ChangeKind.INSERTED),
        log.stream().map(Change::kind).toList());
    assertStagingEmpty();
  }

  @Test
  void aRolledBackTransactionLeavesNothingStaged() throws SQLException {
    try (Connection c = transaction()) {
      insert(c);
      c.rollback();
    }
    assertEquals(List.of(), store.changesSince(0, 10));
    assertStagingEmpty();
  }

  private Connection transaction() throws SQLException {
    Connection c = DriverManager.getConnection(url);
    c.setAutoCommit(false);
    return c;
  }

  private static long insert(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(INSERT)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void assertStagingEmpty() throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM report_change_pending)"
            + " + (SELECT count(*) FROM report_change_commit)")) {
      rs.next();
      assertEquals(0, rs.getLong(1), "staged entries left after their transaction ended");
    }
  }
}
