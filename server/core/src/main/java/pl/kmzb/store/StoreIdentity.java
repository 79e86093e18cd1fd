package pl.kmzb.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Which database a store is, as a string that changes when the database is another one (a new
 * cluster, a database created again, a change-log table dropped and made again), so state kept
 * outside the database — the cluster index's snapshot — is never applied to a database it was not
 * taken from. PostgreSQL: the cluster's system identifier, the database's and the change log's
 * object ids. SQLite: the file's path and the change log table's creation SQL (a file replaced by a
 * copy is caught by the change log's position, which the snapshot checks as well).
 */
public final class StoreIdentity {
  private StoreIdentity() {}

  public static String of(ReportStore store) {
    JdbcReportStore jdbc = (JdbcReportStore) store;
    return jdbc.withConnection(c -> store.kind().equals("postgis") ? postgis(c) : sqlite(c));
  }

  private static String postgis(Connection c) throws SQLException {
    String system;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT system_identifier FROM pg_control_system()")) {
      rs.next();
      system = Long.toString(rs.getLong(1));
    } catch (SQLException e) {
      // Not every role may read the control file; the object ids below still tell databases apart.
      system = "?";
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT d.oid, current_database(), 'report_change'::regclass::oid"
            + " FROM pg_database d WHERE d.datname = current_database()")) {
      rs.next();
      return "postgis:" + system + "/" + rs.getLong(1) + ":" + rs.getString(2) + "/" + rs.getLong(3);
    }
  }

  private static String sqlite(Connection c) throws SQLException {
    String file;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA database_list")) {
      file = rs.next() ? rs.getString("file") : "?";
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sql FROM sqlite_master WHERE name = 'report_change'")) {
      return "embedded:" + file + "/" + (rs.next() ? Integer.toHexString(rs.getString(1).hashCode()) : "?");
    }
  }
}
