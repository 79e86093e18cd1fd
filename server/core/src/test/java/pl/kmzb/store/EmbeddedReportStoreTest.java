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
}
