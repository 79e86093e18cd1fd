package pl.kmzb.statistics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

class EmbeddedStatisticsStoreTest extends StatisticsStoreContract {
  @Override
  ReportStore openStore() {
    return EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
  }

  @Override
  Connection sql() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kmzb.sqlite"));
  }

  /** The embedded store keeps instants as epoch milliseconds. */
  @Override
  void bind(PreparedStatement ps, int i, Instant at) throws SQLException {
    ps.setLong(i, at.toEpochMilli());
  }

  @Override
  Instant instant(ResultSet rs, int column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }
}
