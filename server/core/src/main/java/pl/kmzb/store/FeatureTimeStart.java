package pl.kmzb.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The smallest id of the reports in a time range, where an id-ordered time-bounded page may start
 * ({@link FeatureQueries}). Ids grow with the time reports arrive, so a late range begins far into
 * the primary key, and the two ways to find its first id each cost what the other saves: walking the
 * primary key reads every report before the range, reading the range off its {@code (reported_at,
 * id)} index reads every report in it. {@code SELECT min(id) … WHERE reported_at …} left the choice
 * to PostgreSQL, which turns min(id) into that walk whatever the range ({@code EXPLAIN ANALYZE} at
 * 1 M reports, range 2024: 718,939 rows removed by the filter, 0.2–1 s); at 5 M it was most of the
 * 0.65 s of a {@code limit=1&datetime=…} page. Here both are taken in turns with a row budget that
 * doubles (the range read on where it stopped), so the cost is a small multiple of the cheaper side,
 * whichever it is. Both statements bound the rows they read with a LIMIT, on both stores.
 */
final class FeatureTimeStart {
  /** Reports the primary-key walk may read in the first turn; the budget doubles each turn. */
  static final long FIRST_BUDGET = 1_024;
  /**
   * How many reports of the range are read per report walked: the walk fetches each row from the
   * table, the range is read from its index alone (1 M reports: 4,096 walked in 1.7 ms, 96,200 of
   * the range in 13 ms).
   */
  static final long RANGE_WEIGHT = 8;

  /**
   * The next {@code ?} reports in id order after an id (primary key), and the first of them in the
   * range: the smallest id of the range when there is one, since every earlier id was read.
   */
  static String walkSql(boolean bounded) {
    return "SELECT min(CASE WHEN " + range(bounded) + " THEN id END), max(id), count(*)"
        + " FROM (SELECT id, reported_at FROM report WHERE id > ? ORDER BY id LIMIT ?) s";
  }

  /**
   * At most {@code ?} reports of the range from a time on, in time order (the {@code (reported_at,
   * id)} index, not a table scan that would stop only after the reports before the range): their
   * smallest id, how many, and the last time read (the next turn goes on from there; reports of
   * that very time are read again, which leaves the minimum as it is).
   */
  static String rangeSql(boolean bounded) {
    return "SELECT min(id), count(*), max(reported_at) AS last_at FROM (SELECT id, reported_at FROM report WHERE "
        + range(bounded) + " ORDER BY reported_at LIMIT ?) s";
  }

  private static String range(boolean bounded) {
    return bounded ? "reported_at >= ? AND reported_at < ?" : "reported_at >= ?";
  }

  /**
   * What a search found.
   *
   * @param firstId the smallest id of a report in the range, or null when the range holds none
   * @param walked the most reports the primary-key walk could read (the sum of its LIMITs)
   * @param ranged the most reports of the range read from the time index (the sum of its LIMITs)
   */
  record Found(Long firstId, long walked, long ranged) {}

  private final JdbcReportStore store;

  FeatureTimeStart(JdbcReportStore store) {
    this.store = store;
  }

  /** The first id of the reports with {@code from <= reported_at < to} ({@code to} null: no end). */
  Found find(Connection c, Instant from, Instant to) throws SQLException {
    long budget = FIRST_BUDGET;
    long walked = 0;
    long ranged = 0;
    long walkedTo = 0;
    Instant rangeFrom = from;
    long rangeMin = Long.MAX_VALUE;
    while (true) {
      long[] walk = walk(c, from, to, walkedTo, budget);
      walked += budget;
      if (walk[0] > 0) {
        return new Found(walk[0], walked, ranged);
      }
      if (walk[2] < budget) {
        return new Found(null, walked, ranged); // every report was read: none lies in the range
      }
      walkedTo = walk[1];
      long rangeBudget = RANGE_WEIGHT * budget;
      Batch b = inRange(c, rangeFrom, to, rangeBudget);
      ranged += rangeBudget;
      if (b.read > 0) {
        rangeMin = Math.min(rangeMin, b.minId);
      }
      if (b.read < rangeBudget) {
        return new Found(rangeMin == Long.MAX_VALUE ? null : rangeMin, walked, ranged);
      }
      rangeFrom = b.lastAt;
      budget *= 2;
    }
  }

  /** {first id in the range or 0, last id read, rows read}. */
  private long[] walk(Connection c, Instant from, Instant to, long afterId, long limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(walkSql(to != null))) {
      int i = bindRange(ps, 1, from, to);
      ps.setLong(i, afterId);
      ps.setLong(i + 1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
      }
    }
  }

  private record Batch(long minId, long read, Instant lastAt) {}

  /** At most {@code limit} reports of the range from {@code from} on. */
  private Batch inRange(Connection c, Instant from, Instant to, long limit) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(rangeSql(to != null))) {
      int i = bindRange(ps, 1, from, to);
      ps.setLong(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long read = rs.getLong(2);
        return new Batch(rs.getLong(1), read, read == 0 ? from : store.getInstant(rs, "last_at"));
      }
    }
  }

  private int bindRange(PreparedStatement ps, int index, Instant from, Instant to) throws SQLException {
    store.setInstant(ps, index, from);
    if (to == null) {
      return index + 1;
    }
    store.setInstant(ps, index + 1, to);
    return index + 2;
  }
}
