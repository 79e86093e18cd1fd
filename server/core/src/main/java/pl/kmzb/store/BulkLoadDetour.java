package pl.kmzb.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a bulk load into {@code report} takes off the tables before writing and puts back before
 * commit, because doing the work once for the whole set is several times cheaper than row by row:
 * <ul>
 *   <li>every index of the report and its history but the small partial ones (GiST, filter
 *       B-trees, the unique external id, both primary keys): a sorted build after the load beats a
 *       million single, WAL-logged inserts;
 *   <li>the foreign keys to them (history and attachments to the report): re-adding one checks
 *       every row with one join instead of one lookup per history row;
 *   <li>the insert log trigger: its transition table copies every new row aside even when the
 *       trigger is disabled, and the loader logs the new id range with one entry itself.
 * </ul>
 * The unique external-id index goes too: random text keys make it the costliest index to maintain
 * row by row (about 5 s of a million-row COPY), the loader already skips stored and repeated ids
 * under its lock, and re-creating it checks uniqueness again before commit; re-adding a primary
 * key checks its ids the same way. DDL is transactional, so a failed load leaves everything as it
 * was; the caller holds an ACCESS EXCLUSIVE lock on {@code report}, and DDL takes the same on every
 * table it alters, so no other session ever sees the tables without them.
 */
final class BulkLoadDetour {
  private static final String LOG_TRIGGER = "report_log_insert";

  private final List<String> restore = new ArrayList<>();
  private boolean logTriggerDropped;

  private BulkLoadDetour() {}

  /** Drops what the load should not maintain row by row and remembers how to put it back. */
  static BulkLoadDetour open(Connection c) throws SQLException {
    BulkLoadDetour d = new BulkLoadDetour();
    List<String> drop = new ArrayList<>();
    d.logTriggerDropped = d.collect(c, "SELECT 'DROP TRIGGER ' || quote_ident(tgname) || ' ON report', pg_get_triggerdef(oid)"
        + " FROM pg_trigger WHERE tgrelid = 'report'::regclass AND tgname = '" + LOG_TRIGGER + "'", drop) > 0;
    // Every index not behind a constraint, except partial ones over few rows (take-up deadline,
    // rate limit): each rebuild scans the whole table, while keeping them costs a predicate test per row.
    d.collect(c, "SELECT 'DROP INDEX ' || i.indexrelid::regclass, pg_get_indexdef(i.indexrelid) FROM pg_index i"
        + " JOIN pg_class x ON x.oid = i.indexrelid"
        + " WHERE i.indrelid IN ('report'::regclass, 'report_history'::regclass)"
        + " AND (i.indpred IS NULL OR i.indisunique)"
        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
        + " ORDER BY x.relname", drop);
    // The foreign keys that refer to either table (history and attachments to the report), then
    // both primary keys: the load adds a million rows in id order to each, every one a WAL-logged
    // index insert, while a sorted build after the load takes a fraction of that.
    d.collect(c, "SELECT 'ALTER TABLE ' || conrelid::regclass || ' DROP CONSTRAINT ' || quote_ident(conname),"
        + " 'ALTER TABLE ' || conrelid::regclass || ' ADD CONSTRAINT ' || quote_ident(conname) || ' '"
        + " || pg_get_constraintdef(oid) FROM pg_constraint"
        + " WHERE (contype = 'f' AND confrelid IN ('report'::regclass, 'report_history'::regclass))"
        + " OR (contype = 'p' AND conrelid IN ('report'::regclass, 'report_history'::regclass))"
        + " ORDER BY contype, conrelid::regclass::text, conname", drop);
    try (Statement s = c.createStatement()) {
      for (String sql : drop) {
        s.execute(sql);
      }
    }
    return d;
  }

  /** Adds each (drop, restore) pair the query returns; returns how many. */
  private int collect(Connection c, String query, List<String> drop) throws SQLException {
    int n = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      for (; rs.next(); n++) {
        drop.add(rs.getString(1));
        restore.add(rs.getString(2));
      }
    }
    return n;
  }

  /** Whether the insert log trigger was in place (and so was dropped): then the loader logs. */
  boolean logTriggerDropped() {
    return logTriggerDropped;
  }

  /**
   * Puts everything back in the reverse order of taking it off (primary keys before the foreign
   * keys that need them); builds run with enough memory to sort in one pass.
   */
  void restore(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL maintenance_work_mem = '512MB'");
      for (int i = restore.size() - 1; i >= 0; i--) {
        s.execute(restore.get(i));
      }
    }
  }
}
