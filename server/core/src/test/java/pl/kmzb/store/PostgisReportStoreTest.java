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
}
