package pl.kmzb.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import pl.kmzb.testing.TestPostgis;

class PostgisReportStoreTest extends ReportStoreContract {
  String url;

  @Override
  ReportStore openStore() {
    url = TestPostgis.createDatabase();
    return PostgisReportStore.open(url, null, null, 4);
  }

  @Override
  void directSql(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  String pointColumnsFor() {
    return "geom";
  }

  @Override
  String directInsertValues() {
    return "('vandalism', 'new', ST_SetSRID(ST_MakePoint(19.94, 50.06), 4326), now(), 'officer', now())";
  }

  @Override
  void allowTerytThatDoesNotNest() throws SQLException {
    directSql("ALTER TABLE report DROP CONSTRAINT IF EXISTS report_teryt_nesting_check");
  }

  /**
   * Rows stored before V12 that break the nesting rule do not stop the upgrade: the constraint
   * comes in NOT VALID (new and changed rows are checked) and the rows stay as they were.
   */
  @org.junit.jupiter.api.Test
  void theNestingCheckComesInNotValidOverOldRowsThatBreakIt() throws SQLException {
    String old = TestPostgis.createDatabase();
    try (var pool = new com.zaxxer.hikari.HikariDataSource()) {
      pool.setJdbcUrl(old);
      org.flywaydb.core.Flyway.configure().dataSource(pool).locations("classpath:db/migration/postgis").target("10")
          .load().migrate();
    }
    try (Connection c = DriverManager.getConnection(old); Statement s = c.createStatement()) {
      s.execute("INSERT INTO report (category, status, geom, reported_at, source, teryt_voivodeship, teryt_county)"
          + " VALUES ('vandalism', 'new', ST_SetSRID(ST_MakePoint(20, 50), 4326), now(), 'officer', '12', '1465')");
    }
    PostgisReportStore.open(old, null, null, 2).close();
    try (Connection c = DriverManager.getConnection(old); Statement s = c.createStatement()) {
      try (var rs = s.executeQuery("SELECT convalidated FROM pg_constraint WHERE conname = 'report_teryt_nesting_check'")) {
        org.junit.jupiter.api.Assertions.assertTrue(rs.next());
        org.junit.jupiter.api.Assertions.assertFalse(rs.getBoolean(1));
      }
      try (var rs = s.executeQuery("SELECT count(*) FROM report WHERE teryt_county = '1465'")) {
        rs.next();
        org.junit.jupiter.api.Assertions.assertEquals(1, rs.getInt(1));
      }
      org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.execute("INSERT INTO report (category,"
          + " status, geom, reported_at, source, teryt_voivodeship, teryt_county) VALUES ('vandalism', 'new',"
          + " ST_SetSRID(ST_MakePoint(20, 50), 4326), now(), 'officer', '12', '1465')"));
    }
    // and a clean database gets it validated
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT convalidated FROM pg_constraint WHERE conname = 'report_teryt_nesting_check'")) {
      org.junit.jupiter.api.Assertions.assertTrue(rs.next());
      org.junit.jupiter.api.Assertions.assertTrue(rs.getBoolean(1));
    }
  }
}
