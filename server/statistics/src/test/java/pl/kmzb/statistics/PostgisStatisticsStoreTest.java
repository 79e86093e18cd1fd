package pl.kmzb.statistics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

class PostgisStatisticsStoreTest extends StatisticsStoreContract {
  String url;

  @Override
  ReportStore openStore() {
    url = TestPostgis.createDatabase();
    return PostgisReportStore.open(url, null, null, 4);
  }

  @Override
  Connection sql() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  void bind(PreparedStatement ps, int i, Instant at) throws SQLException {
    ps.setObject(i, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
  }

  @Override
  Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
