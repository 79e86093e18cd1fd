package pl.kmzb.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.indicator.IndicatorImport;
import pl.kmzb.indicator.IndicatorValue;
import pl.kmzb.indicator.PopulationImport;
import pl.kmzb.indicator.PopulationValue;

/**
 * Indicator values and population figures in either store. An import replaces, in one transaction,
 * every series its file carries (an indicator's values of one level and period; a level's
 * population of one year) and records itself in {@code statistics_import}, whose largest id is the
 * version servers poll: a failure anywhere rolls all of it back, so the previous data stays whole.
 */
public final class JdbcIndicatorStore {
  /** One row of {@code statistics_import}. */
  public record ImportRecord(long id, String kind, BoundaryLevel level, String source, int rows, Instant importedAt) {}

  private final JdbcReportStore store;
  private final boolean postgis;

  private JdbcIndicatorStore(JdbcReportStore store) {
    this.store = store;
    this.postgis = store instanceof PostgisReportStore;
  }

  /** The indicators kept in the same database as {@code store}. */
  public static JdbcIndicatorStore of(ReportStore store) {
    return new JdbcIndicatorStore((JdbcReportStore) store);
  }

  /** Stores a checked indicator file; returns the new version. */
  public long replaceIndicators(IndicatorImport imported, String source) {
    requireOk(imported.ok(), imported.errors());
    BoundaryLevel level = imported.level();
    return store.inTransaction(c -> {
      long id = record(c, "indicators", level, source, imported.values().size());
      Set<List<String>> series = new LinkedHashSet<>();
      imported.values().forEach(v -> series.add(List.of(v.indicator(), v.period())));
      try (PreparedStatement del = c.prepareStatement(
          "DELETE FROM indicator_value WHERE indicator = ? AND level = ? AND period = ?")) {
        for (List<String> s : series) {
          del.setString(1, s.get(0));
          del.setString(2, level.key());
          del.setString(3, s.get(1));
          del.addBatch();
        }
        del.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO indicator_value"
          + " (indicator, level, code, period, value, import_id) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (IndicatorValue v : imported.values()) {
          ps.setString(1, v.indicator());
          ps.setString(2, level.key());
          ps.setString(3, v.code());
          ps.setString(4, v.period());
          ps.setDouble(5, v.value());
          ps.setLong(6, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return id;
    });
  }

  /** Stores a checked population file; returns the new version. */
  public long replacePopulation(PopulationImport imported, String source) {
    requireOk(imported.ok(), imported.errors());
    BoundaryLevel level = imported.level();
    return store.inTransaction(c -> {
      long id = record(c, "population", level, source, imported.values().size());
      Set<Integer> years = new LinkedHashSet<>();
      imported.values().forEach(v -> years.add(v.year()));
      try (PreparedStatement del = c.prepareStatement("DELETE FROM population WHERE level = ? AND year = ?")) {
        for (int year : years) {
          del.setString(1, level.key());
          del.setInt(2, year);
          del.addBatch();
        }
        del.executeBatch();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO population (code, level, year, population, import_id) VALUES (?, ?, ?, ?, ?)")) {
        for (PopulationValue v : imported.values()) {
          ps.setString(1, v.code());
          ps.setString(2, level.key());
          ps.setInt(3, v.year());
          ps.setLong(4, v.population());
          ps.setLong(5, id);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return id;
    });
  }

  private static void requireOk(boolean ok, List<String> errors) {
    if (!ok) {
      throw new IllegalArgumentException("a file with problems is not stored:\n  - " + String.join("\n  - ", errors));
    }
  }

  private long record(Connection c, String kind, BoundaryLevel level, String source, int rows) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO statistics_import (kind, level, source, row_count,"
        + " imported_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, kind);
      ps.setString(2, level.key());
      ps.setString(3, source);
      ps.setInt(4, rows);
      Instant now = Instant.now();
      if (postgis) {
        ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      } else {
        ps.setLong(5, now.toEpochMilli());
      }
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** The version of the data: the id of the latest import, 0 before any. */
  public long version() {
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 0) FROM statistics_import");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** Every import, the latest first. */
  public List<ImportRecord> imports() {
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, level, source, row_count, imported_at"
          + " FROM statistics_import ORDER BY id DESC");
          ResultSet rs = ps.executeQuery()) {
        List<ImportRecord> out = new ArrayList<>();
        while (rs.next()) {
          Instant at = postgis ? rs.getObject(6, OffsetDateTime.class).toInstant() : Instant.ofEpochMilli(rs.getLong(6));
          out.add(new ImportRecord(rs.getLong(1), rs.getString(2), BoundaryLevel.ofKey(rs.getString(3)),
              rs.getString(4), rs.getInt(5), at));
        }
        return out;
      }
    });
  }

  public List<IndicatorValue> indicatorValues() {
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT indicator, level, code, period, value FROM indicator_value"
          + " ORDER BY indicator, level, period, code");
          ResultSet rs = ps.executeQuery()) {
        List<IndicatorValue> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new IndicatorValue(rs.getString(1), BoundaryLevel.ofKey(rs.getString(2)), rs.getString(3),
              rs.getString(4), rs.getDouble(5)));
        }
        return out;
      }
    });
  }

  public List<PopulationValue> population() {
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT level, code, year, population FROM population"
          + " ORDER BY level, year, code");
          ResultSet rs = ps.executeQuery()) {
        List<PopulationValue> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new PopulationValue(BoundaryLevel.ofKey(rs.getString(1)), rs.getString(2), rs.getInt(3),
              rs.getLong(4)));
        }
        return out;
      }
    });
  }

  /** The names of the imported boundaries of a level by TERYT code (no geometry is read). */
  public Map<String, String> areaNames(BoundaryLevel level) {
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT code, name FROM boundary WHERE level = ? ORDER BY code")) {
        ps.setString(1, level.key());
        try (ResultSet rs = ps.executeQuery()) {
          Map<String, String> out = new LinkedHashMap<>();
          while (rs.next()) {
            out.put(rs.getString(1), rs.getString(2));
          }
          return out;
        }
      }
    });
  }
}
