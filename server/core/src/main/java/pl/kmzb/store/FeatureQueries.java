package pl.kmzb.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import pl.kmzb.report.Report;

/**
 * Feature streams for WFS and OGC API Features: rows in id order after a keyset position, read
 * through a cursor (constant memory whatever the page size), counts, and the keyset position of a
 * rank ({@link RankCheckpoints}), so STARTINDEX 3,000,000 costs no OFFSET scan of three million
 * rows. Works on both stores; kept apart from {@link JdbcReportStore}, which holds enough concerns.
 */
public final class FeatureQueries {
  /** Rows fetched per round trip when a stream has no row limit. */
  static final int FETCH_SIZE = 2_000;

  private final JdbcReportStore store;
  private final RankCheckpoints checkpoints;
  /**
   * Counts by query and the change-log position they were taken at. Every page of a collection
   * reports numberMatched, and without this each page of a walk through a large selection repeated
   * the same COUNT (0.5-0.7 s a page at 1 M reports, docs/notes/ogc-bench.md). Any committed change
   * moves the position, so a count is reused only while nothing was written; the short lifetime
   * bounds how long a count of a clock-relative filter (police {@code pastDeadline}) can lag.
   */
  private final Cache<String, long[]> counts = Caffeine.newBuilder().maximumSize(1_024)
      .expireAfterWrite(Duration.ofSeconds(10)).build();

  public FeatureQueries(ReportStore store) {
    if (!(store instanceof JdbcReportStore jdbc)) {
      throw new IllegalArgumentException("feature streams need one of the SQL stores, not " + store.getClass());
    }
    this.store = jdbc;
    this.checkpoints = new RankCheckpoints(this, store);
  }

  /**
   * Hands every matching row with id greater than {@code afterId} to {@code sink}, ascending, until
   * the sink returns false or {@code maxRows} rows were handed (0: no limit).
   *
   * @return the id of the last row handed, or {@code afterId} if none
   * @throws UncheckedIOException when the sink fails to write (the client went away)
   */
  public long stream(FeatureQuery q, long afterId, long maxRows, FeatureSink sink) {
    return rows(q, afterId, maxRows, sink);
  }

  /**
   * The number of matching rows. With a current rank table for the query (built by a deep page or
   * at start for the unfiltered collections) it is the table's count plus the rows after the
   * table's last id; otherwise one COUNT when SQL is exact, else the SQL superset's rows streamed
   * through the remainder.
   */
  public long count(FeatureQuery q) {
    long seq = store.lastChangeSeq();
    long[] cached = counts.getIfPresent(q.key());
    if (cached != null && cached[0] == seq) {
      return cached[1];
    }
    java.util.OptionalLong fromTable = checkpoints.total(q);
    long n = fromTable.isPresent() ? fromTable.getAsLong() : countAfter(q, 0);
    counts.put(q.key(), new long[] {seq, n});
    return n;
  }

  /** The number of matching rows with id greater than {@code afterId}. */
  long countAfter(FeatureQuery q, long afterId) {
    ExprSql.Plan plan = plan(q);
    if (!plan.exact()) {
      long[] n = {0};
      stream(q, afterId, 0, r -> {
        n[0]++;
        return true;
      });
      return n[0];
    }
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM report WHERE " + plan.where()
          + " AND id > ?")) {
        int i = plan.bind(ps, 1);
        ps.setLong(i, afterId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  /**
   * What a page of at most {@code size} rows after {@code afterId} will hold.
   *
   * @param returned rows on the page
   * @param lastId the id of its last row ({@code afterId} when empty): the next page's keyset position
   * @param more whether rows follow it
   */
  public record Extent(long returned, long lastId, boolean more) {}

  /**
   * The page's extent, known before the page is written (GML states numberReturned and the next
   * link on its first element). Reads at most {@code size + 1} ids.
   */
  public Extent extent(FeatureQuery q, long afterId, long size) {
    long[] state = {0, afterId, 0}; // returned, last id, more
    ids(q, afterId, id -> {
      if (state[0] == size) {
        state[2] = 1;
        return false;
      }
      state[0]++;
      state[1] = id;
      return true;
    });
    return new Extent(state[0], state[1], state[2] == 1);
  }

  /** Whether SQL alone answers the query (no row needs an in-memory test). */
  public boolean exactInSql(FeatureQuery q) {
    return plan(q).exact();
  }

  private ExprSql.Plan plan(FeatureQuery q) {
    return store.exprPlan(q.expr(), q.view());
  }

  /**
   * The keyset position at which the row of rank {@code rank} (0-based) starts: stream with
   * {@code afterId} = this value to begin at that rank. Costs one bounded skip from the nearest
   * checkpoint, not a scan of {@code rank} rows.
   */
  public long afterIdForRank(FeatureQuery q, long rank) {
    if (rank < 0) {
      throw new IllegalArgumentException("rank must be >= 0, was " + rank);
    }
    return checkpoints.afterIdForRank(q, rank);
  }

  /** The id of the row {@code skip} matching rows after {@code afterId} (the last one skipped), or -1 if fewer match. */
  long skip(FeatureQuery q, long afterId, long skip) {
    if (skip == 0) {
      return afterId;
    }
    long[] last = {-1};
    long[] seen = {0};
    rows(q, afterId, skip, r -> {
      last[0] = r.id();
      return ++seen[0] < skip;
    });
    return seen[0] == skip ? last[0] : -1;
  }

  /**
   * The matching ids after {@code afterId}, ascending, until {@code idSink} returns false. An exact
   * query reads only the id column (the primary key index); one with a residual needs whole rows.
   */
  void ids(FeatureQuery q, long afterId, java.util.function.LongPredicate idSink) {
    ExprSql.Plan plan = plan(q);
    if (!plan.exact()) {
      stream(q, afterId, 0, r -> idSink.test(r.id()));
      return;
    }
    read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM report WHERE " + plan.where()
          + " AND id > ? ORDER BY id")) {
        ps.setFetchSize(10_000);
        int i = plan.bind(ps, 1);
        ps.setLong(i, afterId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next() && idSink.test(rs.getLong(1))) {
            // the sink decides whether to go on
          }
        }
      }
      return null;
    });
  }

  private long rows(FeatureQuery q, long afterId, long maxRows, FeatureSink sink) {
    ExprSql.Plan plan = plan(q);
    java.util.function.Predicate<Report> remainder = plan.residual();
    // A row limit goes into the SQL only when SQL is exact; with a remainder, rows that fail it do
    // not count, so the stream goes on until enough passed.
    boolean limitInSql = maxRows > 0 && plan.exact();
    String sql = store.selectReport() + " WHERE " + plan.where() + " AND id > ? ORDER BY id"
        + (limitInSql ? " LIMIT ?" : "");
    return read(c -> {
      long last = afterId;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(limitInSql ? (int) Math.min(maxRows, FETCH_SIZE) : FETCH_SIZE);
        int i = plan.bind(ps, 1);
        ps.setLong(i++, afterId);
        if (limitInSql) {
          ps.setLong(i, maxRows);
        }
        long handed = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Report r = store.read(rs);
            if (remainder != null && !remainder.test(r)) {
              continue;
            }
            last = r.id();
            handed++;
            if (!sink.accept(r) || (maxRows > 0 && handed >= maxRows)) {
              break;
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return last;
    });
  }

  /** Runs a read on one connection; PostgreSQL streams through a cursor only inside a transaction. */
  private <T> T read(JdbcReportStore.SqlWork<T> work) {
    return store.withConnection(c -> {
      boolean transaction = store.streamsInTransaction();
      boolean autoCommit = c.getAutoCommit();
      if (transaction) {
        c.setAutoCommit(false);
        c.setReadOnly(true);
      }
      try {
        return work.run(c);
      } finally {
        if (transaction) {
          c.rollback();
          c.setReadOnly(false);
          c.setAutoCommit(autoCommit);
        }
      }
    });
  }
}
