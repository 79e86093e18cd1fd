package pl.kmzb.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedReportStoreTest extends ReportStoreContract {
  @TempDir
  Path dir;

  Path file() {
    return dir.resolve("kmzb.sqlite");
  }

  @Override
  ReportStore openStore() {
    return EmbeddedReportStore.open(file());
  }

  @Override
  void directSql(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Durability rests on these two settings: every commit is fsynced to the WAL before it returns. */
  @org.junit.jupiter.api.Test
  void everyConnectionUsesWalWithFullSynchronousCommits() throws SQLException {
    try (Connection c = ((JdbcReportStore) store).dataSource.getConnection(); Statement s = c.createStatement()) {
      try (var rs = s.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        org.junit.jupiter.api.Assertions.assertEquals("wal", rs.getString(1));
      }
      try (var rs = s.executeQuery("PRAGMA synchronous")) {
        rs.next();
        org.junit.jupiter.api.Assertions.assertEquals(2, rs.getInt(1), "2 = FULL");
      }
    }
  }

  @Override
  String pointColumnsFor() {
    return "lon, lat";
  }

  @Override
  String directInsertValues() {
    return "('vandalism', 'new', 19.94, 50.06, 1700000000000, 'officer', 1700000000000)";
  }

  @Override
  void allowTerytThatDoesNotNest() throws SQLException {
    directSql("DROP TRIGGER IF EXISTS report_teryt_checked_insert");
    directSql("DROP TRIGGER IF EXISTS report_teryt_checked_update");
  }

  /**
   * An operator edits the store with Debian 12's own sqlite3 shell (SQLite 3.40, older than the
   * bundled library): the triggers must stamp the update time and the change-log time there too.
   */
  @org.junit.jupiter.api.Test
  void directEditsWithDebiansSqliteShellAreStampedAndLogged() {
    pl.kmzb.report.Report r = store.insert(krakowReport("illegal_parking", pl.kmzb.report.Status.NEW), "form");
    long seq = store.lastChangeSeq();
    java.time.Instant before = java.time.Instant.now().minusSeconds(1);
    pl.kmzb.testing.SqliteCli.exec(file(), "UPDATE report SET description = 'poprawione w sqlite3' WHERE id = " + r.id()
        + "; UPDATE report SET status = 'verification' WHERE id = " + r.id() + ";");
    java.time.Instant after = java.time.Instant.now().plusSeconds(1);
    String why = "sqlite3 " + pl.kmzb.testing.SqliteCli.version();
    pl.kmzb.report.Report edited = store.find(r.id()).orElseThrow();
    org.junit.jupiter.api.Assertions.assertEquals("poprawione w sqlite3", edited.description(), why);
    org.junit.jupiter.api.Assertions.assertEquals(3, edited.version(), why);
    org.junit.jupiter.api.Assertions.assertNotNull(edited.updatedAt(), why);
    org.junit.jupiter.api.Assertions.assertTrue(!edited.updatedAt().isBefore(before) && !edited.updatedAt().isAfter(after),
        why + ": updated_at " + edited.updatedAt() + " not between " + before + " and " + after);
    java.util.List<Change> log = store.changesSince(seq, 10);
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(ChangeKind.EDITED, ChangeKind.STATUS_CHANGED),
        log.stream().map(Change::kind).toList(), why);
    for (Change c : log) {
      org.junit.jupiter.api.Assertions.assertNotNull(c.at(), why);
      org.junit.jupiter.api.Assertions.assertTrue(!c.at().isBefore(before) && !c.at().isAfter(after),
          why + ": changed_at " + c.at());
    }
  }

  /** The time expression of the V13 triggers gives the clock in whole epoch milliseconds. */
  @org.junit.jupiter.api.Test
  void theTriggersTimeIsEpochMilliseconds() {
    String out = pl.kmzb.testing.SqliteCli.exec(file(), "SELECT CAST(round((julianday('2025-05-04 10:15:30.123')"
        + " - 2440587.5) * 86400000.0) AS INTEGER), CAST(round((julianday('1970-01-01 00:00:00.001') - 2440587.5)"
        + " * 86400000.0) AS INTEGER);");
    org.junit.jupiter.api.Assertions.assertEquals(java.time.Instant.parse("2025-05-04T10:15:30.123Z").toEpochMilli() + "|1",
        out.strip());
  }
}
