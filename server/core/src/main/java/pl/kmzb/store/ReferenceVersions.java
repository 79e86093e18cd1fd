package pl.kmzb.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code reference_version} rows: a counter per kind of reference data that servers keep in
 * memory. Writers bump it inside their own transaction, so a server that sees the new number also
 * sees the new data.
 */
public final class ReferenceVersions {
  public static final String BOUNDARIES = "boundaries";
  public static final String POLICE_UNITS = "police_units";

  private final JdbcReportStore store;

  private ReferenceVersions(JdbcReportStore store) {
    this.store = store;
  }

  public static ReferenceVersions of(ReportStore store) {
    return new ReferenceVersions((JdbcReportStore) store);
  }

  /** The current version of {@code name}. */
  public long version(String name) {
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT version FROM reference_version WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "reference_version has no row '" + name + "'");
          }
          return rs.getLong(1);
        }
      }
    });
  }

  /** Bumps {@code name} inside the caller's transaction. */
  static void bump(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE reference_version SET version = version + 1 WHERE name = ?")) {
      ps.setString(1, name);
      ps.executeUpdate();
    }
  }
}
