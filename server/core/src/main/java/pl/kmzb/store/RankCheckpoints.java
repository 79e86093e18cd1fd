package pl.kmzb.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import pl.kmzb.store.FeatureOrder.Position;

/**
 * Sparse rank → keyset position tables, one per selection and order: every {@link #SPACING}-th matching id,
 * so the row of any rank is reached from the checkpoint below it by skipping fewer than
 * {@link #SPACING} rows, never by an OFFSET scan that grows with the rank (GeoServer's 42 s at
 * STARTINDEX 3,000,000). A table is built by one id scan of the selection and kept while the change
 * log shows only appends after its last id (new reports get higher ids, so earlier ranks stay
 * where they were); any other change rebuilds it at the next deep request. A table of a sorted
 * order ({@link FeatureOrder} with keys) is kept only while nothing at all changed: a new report
 * may sort anywhere, so every write rebuilds it at the next deep request of that order (one scan of
 * the selection's key columns in that order, an index range in both stores).
 */
final class RankCheckpoints {
  /** Rows between checkpoints: the most a deep request ever skips row by row. */
  static final int SPACING = 1024;
  /** Ranks below this are reached by skipping from the start: no table is worth building. */
  static final long DIRECT = 4L * SPACING;
  /** Change-log entries examined before giving up on keeping a table. */
  private static final int MAX_CHANGES = 1_000;

  /**
   * @param positions positions[j] is the keyset position of rank j × SPACING (null: the start)
   * @param total matching rows with id up to {@code maxId}
   * @param maxId the last matching id the build saw: rows after it are not in the table, so changes
   *     to them never move a rank the table holds
   */
  private record Table(Position[] positions, long total, long seq, long maxId, boolean byId) {}

  private final FeatureQueries queries;
  private final ReportStore store;
  private final Cache<String, Table> tables = Caffeine.newBuilder().maximumSize(64).build();

  RankCheckpoints(FeatureQueries queries, ReportStore store) {
    this.queries = queries;
    this.store = store;
  }

  /**
   * The number of matching rows from a current table (its count plus the live rows after its last
   * id), or empty when no table is cached for the query: building one costs more than a COUNT.
   */
  java.util.OptionalLong total(FeatureQuery q) {
    String key = key(q);
    Table t = tables.getIfPresent(key);
    if (t != null) {
      t = stillValid(t);
    }
    if (t == null || !t.byId) {
      tables.invalidate(key);
      return java.util.OptionalLong.empty();
    }
    tables.put(key, t);
    return java.util.OptionalLong.of(t.total + queries.countAfter(q, t.maxId));
  }

  Position positionForRank(FeatureQuery q, long rank) {
    if (rank < DIRECT) {
      return queries.skip(q, null, rank);
    }
    String key = key(q);
    Table t = tables.getIfPresent(key);
    t = t == null ? null : stillValid(t);
    boolean fresh = t == null;
    if (fresh) {
      t = build(q);
    }
    int j = (int) Math.min(rank / SPACING, t.positions.length - 1);
    if (!fresh && rank - (long) j * SPACING > DIRECT) {
      // Many reports came in after the table was built: take them into the table rather than skip them.
      t = build(q);
      j = (int) Math.min(rank / SPACING, t.positions.length - 1);
    }
    tables.put(key, t);
    return queries.skip(q, t.positions[j], rank - (long) j * SPACING);
  }

  /** Tables belong to a selection in one order. */
  private static String key(FeatureQuery q) {
    return q.key() + "|" + q.order().key();
  }

  /**
   * The table with its sequence moved on if no change since touched a row at or below its last id,
   * else null. New reports get higher ids, so appends (and any change to them) leave it valid; a
   * report committed late with a lower id, or a change to an older report, does not.
   */
  private Table stillValid(Table t) {
    long seq = store.lastChangeSeq();
    if (seq == t.seq) {
      return t;
    } else if (!t.byId) {
      return null;
    }
    List<Change> changes = store.changesSince(t.seq, MAX_CHANGES + 1);
    if (changes.size() > MAX_CHANGES) {
      return null;
    }
    long lastSeq = t.seq;
    for (Change c : changes) {
      if (c.reportId() == null || c.reportId() <= t.maxId) {
        return null;
      }
      lastSeq = c.seq();
    }
    return new Table(t.positions, t.total, lastSeq, t.maxId, true);
  }

  private Table build(FeatureQuery q) {
    // The sequence is read first: a change committed during the scan is examined again later and at
    // worst causes one more build, never a stale table.
    long seq = store.lastChangeSeq();
    List<Position> positions = new ArrayList<>();
    long[] state = {0, 0}; // rows seen, largest id
    positions.add(null);
    queries.positions(q, null, 0, p -> {
      state[0]++;
      state[1] = Math.max(state[1], p.id());
      if (state[0] % SPACING == 0) {
        positions.add(p);
      }
      return true;
    });
    return new Table(positions.toArray(new Position[0]), state[0], seq, state[1], q.order().equals(FeatureOrder.BY_ID));
  }
}
