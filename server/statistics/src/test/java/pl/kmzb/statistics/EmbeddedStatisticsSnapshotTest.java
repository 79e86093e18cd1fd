package pl.kmzb.statistics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

class EmbeddedStatisticsSnapshotTest extends StatisticsSnapshotContract {
  @Override
  ReportStore openStore() {
    return EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
  }

  @Override
  ReportStore openOtherStore() {
    return EmbeddedReportStore.open(dir.resolve("other.sqlite"));
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
}
