package pl.kmzb.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisIndexFollowerTest extends IndexFollowerContract {
  String url;

  @Override
  ReportStore openStore() {
    url = TestPostgis.createDatabase();
    return PostgisReportStore.open(url, null, null, 4);
  }

  @Override
  List<String> storeArgs() {
    return List.of("--store=postgis", "--postgis.url=" + url);
  }

  @Override
  void directSql(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  void allowTerytThatDoesNotNest() throws SQLException {
    directSql("ALTER TABLE report DROP CONSTRAINT IF EXISTS report_teryt_nesting_check");
  }

  @Override
  String insertSql(double lon, double lat, String voivodeship, String county) {
    return "INSERT INTO report (category, status, geom, reported_at, source, updated_at, teryt_voivodeship,"
        + " teryt_county) VALUES ('illegal_parking', 'confirmed', ST_SetSRID(ST_MakePoint(" + lon + ", " + lat
        + "), 4326), now(), 'officer', now(), " + voivodeship + ", " + county + ")";
  }
}
