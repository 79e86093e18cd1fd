package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import pl.kmzb.testing.TestPostgis;

class PostgisFeatureQueriesTest extends FeatureQueriesContract {
  @Override
  ReportStore openStore() {
    return PostgisReportStore.open(TestPostgis.createDatabase(), null, null, 4);
  }

  /**
   * The plans of {@link FeatureTimeStart}'s two statements: the walk is a LIMITed range of the
   * primary key; the range, when it holds more reports than the LIMIT, a LIMITed range of the
   * (reported_at, id) index, and when it holds few, those few. Never a table scan: one with the range
   * as its filter would read every report before the range, the very cost the search avoids
   * ({@code min(id) WHERE reported_at …} became a primary-key walk from id 1).
   */
  @Test
  void theTimeStartStatementsReadIndexRanges() {
    Instant all = Instant.parse("2010-01-01T00:00:00Z");
    Instant end = Instant.parse("2030-01-01T00:00:00Z");
    ((JdbcReportStore) store).withConnection(c -> {
      try (var s = c.createStatement()) {
        s.execute("ANALYZE report");
      }
      String walk = plan(c, FeatureTimeStart.walkSql(true), all, end, 0L, 1024L);
      assertTrue(walk.contains("\"Index Name\": \"report_pkey\"") && walk.contains("\"Node Type\": \"Limit\""), walk);
      String wide = plan(c, FeatureTimeStart.rangeSql(true), all, end, 1024L);
      assertTrue(wide.contains("\"Index Name\": \"report_reported_at_id_idx\"")
          && wide.contains("\"Node Type\": \"Limit\""), wide);
      assertFalse(wide.contains("Sort") || wide.contains("Bitmap"), "an ordered index range, stopped by the LIMIT: " + wide);
      String narrow = plan(c, FeatureTimeStart.rangeSql(true), Instant.parse("2025-06-01T00:00:00Z"),
          Instant.parse("2025-06-08T00:00:00Z"), 1024L);
      assertTrue(narrow.contains("\"Index Name\": \"report_reported_at_id_idx\""), narrow);
      for (String p : new String[] {walk, wide, narrow}) {
        assertFalse(p.contains("Seq Scan"), p);
      }
      return null;
    });
  }

  /** EXPLAIN of a statement with these parameters (times as timestamptz). */
  private static String plan(java.sql.Connection c, String sql, Object... params) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        StringBuilder sb = new StringBuilder();
        while (rs.next()) {
          sb.append(rs.getString(1));
        }
        return sb.toString();
      }
    }
  }
}
