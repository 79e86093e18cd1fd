package pl.kmzb.statistics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisStatisticsSnapshotTest extends StatisticsSnapshotContract {
  String url;

  @Override
  ReportStore openStore() {
    url = TestPostgis.createDatabase();
    return PostgisReportStore.open(url, null, null, 4);
  }

  @Override
  ReportStore openOtherStore() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 4);
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
}
