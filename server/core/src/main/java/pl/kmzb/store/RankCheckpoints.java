package pl.kmzb.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;

/**
 * Sparse rank → keyset position tables, one per selection: every {@link #SPACING}-th matching id,
 * so the row of any rank is reached from the checkpoint below it by skipping fewer than
 * {@link #SPACING} rows, never by an OFFSET scan that grows with the rank (GeoServer's 42 s at
 * STARTINDEX 3,000,000). A table is built by one id scan of the selection and kept while the change
 * log shows only appends after its last id (new reports get higher ids, so earlier ranks stay
 * where they were); any other change rebuilds it at the next deep request.
 */
final class RankCheckpoints {
  /** Rows between checkpoints: the most a deep request ever skips row by row. */
  static final int SPACING = 1024;
  /** Ranks below this are reached by skipping from the start: no table is worth building. */
  static final long DIRECT = 4L * SPACING;
  /** Change-log entries examined before giving up on keeping a table. */
  private static final int MAX_CHANGES = 1_000;

  /** @param afterIds afterIds[j] is the keyset position of rank j × SPACING */
  private record Table(long[] afterIds, long total, long seq, long maxId) {}

  private final FeatureQueries queries;
  private final ReportStore store;
  private final Cache<String, Table> tables = Caffeine.newBuilder().maximumSize(64).build();

  RankCheckpoints(FeatureQueries queries, ReportStore store) {
    this.queries = queries;
    this.store = store;
  }

  long afterIdForRank(FeatureQuery q, long rank) {
    if (rank < DIRECT) {
      return skipOrEnd(q, 0, rank);
    }
    Table t = current(q);
    int j = (int) Math.min(rank / SPACING, t.afterIds.length - 1);
    return skipOrEnd(q, t.afterIds[j], rank - (long) j * SPACING);
  }

  /** Past the end of the selection a stream from Long.MAX_VALUE is empty, as a page past the end is. */
  private long skipOrEnd(FeatureQuery q, long afterId, long skip) {
    long id = queries.skip(q, afterId, skip);
    return id < 0 ? Long.MAX_VALUE : id;
  }

  private Table current(FeatureQuery q) {
    Table t = tables.getIfPresent(q.key());
    if (t != null) {
      t = stillValid(t);
    }
    if (t == null) {
      t = build(q);
    }
    tables.put(q.key(), t);
    return t;
  }

  /** The table with its sequence moved on if every change since is an append after its last id, else null. */
  private Table stillValid(Table t) {
    long seq = store.lastChangeSeq();
    if (seq == t.seq) {
      return t;
    }
    List<Change> changes = store.changesSince(t.seq, MAX_CHANGES + 1);
    if (changes.size() > MAX_CHANGES) {
      return null;
    }
    long maxId = t.maxId;
    long lastSeq = t.seq;
    for (Change c : changes) {
      if (c.kind() != ChangeKind.INSERTED || c.reportId() == null || c.reportId() <= maxId) {
        return null;
      }
      maxId = c.lastReportId() == null ? c.reportId() : c.lastReportId();
      lastSeq = c.seq();
    }
    return new Table(t.afterIds, t.total, lastSeq, maxId);
  }

  private Table build(FeatureQuery q) {
    // The sequence is read first: a change committed during the scan is examined again later and at
    // worst causes one more build, never a stale table.
    long seq = store.lastChangeSeq();
    LongList afterIds = new LongList();
    long[] state = {0, 0}; // rows seen, last id
    afterIds.add(0);
    queries.ids(q, 0, id -> {
      state[0]++;
      state[1] = id;
      if (state[0] % SPACING == 0) {
        afterIds.add(id);
      }
      return true;
    });
    return new Table(afterIds.toArray(), state[0], seq, state[1]);
  }

  /** A growable long array: a table of five million rows holds about 5,000 entries. */
  private static final class LongList {
    private long[] values = new long[64];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return java.util.Arrays.copyOf(values, size);
    }
  }
}
