package pl.kmzb.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

class EmbeddedIndexFollowerTest extends IndexFollowerContract {
  @Override
  ReportStore openStore() {
    return EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
  }

  @Override
  List<String> storeArgs() {
    return List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"));
  }

  @Override
  void directSql(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kmzb.sqlite"));
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  @Override
  void allowTerytThatDoesNotNest() throws SQLException {
    directSql("DROP TRIGGER IF EXISTS report_teryt_checked_insert");
    directSql("DROP TRIGGER IF EXISTS report_teryt_checked_update");
  }

  @Override
  String insertSql(double lon, double lat, String voivodeship, String county) {
    return "INSERT INTO report (category, status, lon, lat, reported_at, source, updated_at, teryt_voivodeship,"
        + " teryt_county) VALUES ('illegal_parking', 'confirmed', " + lon + ", " + lat + ", 1700000000000, 'officer',"
        + " 1700000000000, " + voivodeship + ", " + county + ")";
  }
}
