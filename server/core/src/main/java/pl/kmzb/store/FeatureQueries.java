package pl.kmzb.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import pl.kmzb.report.Report;
import pl.kmzb.store.FeatureOrder.Position;

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
  private final FeatureTimeStart timeStart;
  /**
   * Counts by query and the change-log position they were taken at. Every page of a collection
   * reports numberMatched, and without this each page of a walk through a large selection repeated
   * the same COUNT (0.5-0.7 s a page at 1 M reports, docs/notes/ogc-bench.md). Any committed change
   * moves the position, so a count is reused only while nothing was written; the short lifetime
   * bounds how long a count of a clock-relative filter (police {@code pastDeadline}) can lag.
   */
  private final Cache<String, long[]> counts = Caffeine.newBuilder().maximumSize(1_024)
      .expireAfterWrite(Duration.ofSeconds(10)).build();

  /**
   * First ids of time ranges ({@link #startOfTimeRange}) and the change-log position they were found
   * at, reused while nothing was written: a WFS page asks twice (its extent, then its rows).
   */
  private final Cache<String, long[]> timeStarts = Caffeine.newBuilder().maximumSize(256)
      .expireAfterWrite(Duration.ofSeconds(10)).build();

  public FeatureQueries(ReportStore store) {
    if (!(store instanceof JdbcReportStore jdbc)) {
      throw new IllegalArgumentException("feature streams need one of the SQL stores, not " + store.getClass());
    }
    this.store = jdbc;
    this.checkpoints = new RankCheckpoints(this, store);
    this.timeStart = new FeatureTimeStart(jdbc);
  }

  /**
   * Hands every matching row with id greater than {@code afterId} to {@code sink}, ascending, until
   * the sink returns false or {@code maxRows} rows were handed (0: no limit). The query must be in
   * id order.
   *
   * @return the id of the last row handed, or {@code afterId} if none
   * @throws UncheckedIOException when the sink fails to write (the client went away)
   */
  public long stream(FeatureQuery q, long afterId, long maxRows, FeatureSink sink) {
    Position last = stream(q, idPosition(q, afterId), maxRows, sink);
    return last == null ? afterId : last.id();
  }

  /**
   * Hands every matching row after {@code after} in the query's order to {@code sink} until the
   * sink returns false or {@code maxRows} rows were handed (0: no limit).
   *
   * @param after a position of the query's order, or null for the start
   * @return the position of the last row handed, or {@code after} if none
   * @throws UncheckedIOException when the sink fails to write (the client went away)
   */
  public Position stream(FeatureQuery q, Position after, long maxRows, FeatureSink sink) {
    return rows(q, after, maxRows, sink);
  }

  /**
   * The number of matching rows. With a current rank table for the query (built by a deep page or
   * at start for the unfiltered collections) it is the table's count plus the rows after the
   * table's last id; otherwise one COUNT when SQL is exact, else the SQL superset's rows streamed
   * through the remainder.
   */
  public long count(FeatureQuery q) {
    FeatureQuery byId = q.withOrder(FeatureOrder.BY_ID);
    long seq = store.lastChangeSeq();
    long[] cached = counts.getIfPresent(byId.key());
    if (cached != null && cached[0] == seq) {
      return cached[1];
    }
    java.util.OptionalLong fromTable = checkpoints.total(byId);
    long n = fromTable.isPresent() ? fromTable.getAsLong() : countAfter(byId, 0);
    counts.put(byId.key(), new long[] {seq, n});
    return n;
  }

  /** The number of matching rows with id greater than {@code afterId}. */
  long countAfter(FeatureQuery q, long afterId) {
    ExprSql.Plan plan = plan(q);
    if (!plan.exact()) {
      long[] n = {0};
      stream(q.withOrder(FeatureOrder.BY_ID), afterId, 0, r -> {
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
   * What a page of at most {@code size} rows after a position will hold.
   *
   * @param returned rows on the page
   * @param last the position of its last row ({@code after} when empty): the next page's keyset
   *     position
   * @param more whether rows follow it
   */
  public record Extent(long returned, Position last, boolean more) {
    /** The id of the last row (0 when the page is empty and started at the beginning). */
    public long lastId() {
      return last == null ? 0 : last.id();
    }
  }

  /**
   * The page's extent, known before the page is written (GML states numberReturned and the next
   * link on its first element). Reads at most {@code size + 1} positions: an index-only range when
   * SQL is exact.
   */
  public Extent extent(FeatureQuery q, long afterId, long size) {
    return extent(q, idPosition(q, afterId), size);
  }

  /** The page's extent after a position of the query's order (null: from the start). */
  public Extent extent(FeatureQuery q, Position after, long size) {
    long[] state = {0, 0}; // returned, more
    Position[] last = {after};
    positions(q, after, size + 1, p -> {
      if (state[0] == size) {
        state[1] = 1;
        return false;
      }
      state[0]++;
      last[0] = p;
      return true;
    });
    return new Extent(state[0], last[0], state[1] == 1);
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
   * checkpoint, not a scan of {@code rank} rows. The query must be in id order.
   */
  public long afterIdForRank(FeatureQuery q, long rank) {
    requireById(q);
    Position p = positionForRank(q, rank);
    return p == null ? 0 : p.id();
  }

  /**
   * The position after which the row of rank {@code rank} (0-based) of the query's order starts
   * (null: the start; {@link Position#END} past the last row), through the rank checkpoints of that
   * order.
   */
  public Position positionForRank(FeatureQuery q, long rank) {
    if (rank < 0) {
      throw new IllegalArgumentException("rank must be >= 0, was " + rank);
    }
    return checkpoints.positionForRank(q, rank);
  }

  /**
   * The position of the row {@code skip} matching rows after {@code after} (the last one skipped),
   * or {@link Position#END} if fewer match.
   */
  Position skip(FeatureQuery q, Position after, long skip) {
    if (skip == 0) {
      return after;
    }
    long[] seen = {0};
    Position[] last = {null};
    positions(q, after, skip, p -> {
      last[0] = p;
      return ++seen[0] < skip;
    });
    return seen[0] == skip ? last[0] : Position.END;
  }

  /**
   * The positions of the matching rows after {@code after} in the query's order, at most
   * {@code limit} (0: all), until {@code sink} returns false. An exact query reads only the key
   * columns and the id (an index range); one with a residual needs whole rows.
   */
  void positions(FeatureQuery q, Position after, long limit, java.util.function.Predicate<Position> sink) {
    after = startOfTimeRange(q, after);
    if (after != null && after.isEnd()) {
      return;
    }
    ExprSql.Plan plan = plan(q);
    FeatureOrder order = q.order();
    if (!plan.exact()) {
      stream(q, after, limit, r -> sink.test(order.positionOf(r)));
      return;
    }
    StringBuilder cols = new StringBuilder();
    order.keys().forEach(k -> cols.append(FeatureOrder.column(k.property())).append(", "));
    Keyset keyset = keyset(order, after);
    String sql = "SELECT " + cols + "id FROM report WHERE " + plan.where() + keyset.sql + orderBy(order)
        + (limit > 0 ? " LIMIT ?" : "");
    read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(limit > 0 ? (int) Math.min(limit, 10_000) : 10_000);
        int i = keyset.bind(ps, plan.bind(ps, 1));
        if (limit > 0) {
          ps.setLong(i, limit);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            java.util.List<Object> values = new java.util.ArrayList<>();
            for (FeatureOrder.Key k : order.keys()) {
              values.add(k.property().equals("reportedAt") ? store.getInstant(rs, "reported_at")
                  : rs.getString(FeatureOrder.column(k.property())));
            }
            if (!sink.test(new Position(values, rs.getLong("id")))) {
              break;
            }
          }
        }
      }
      return null;
    });
  }

  /** The matching ids after {@code afterId}, ascending, until {@code idSink} returns false (id order). */
  void ids(FeatureQuery q, long afterId, java.util.function.LongPredicate idSink) {
    positions(q.withOrder(FeatureOrder.BY_ID), Position.afterId(afterId), 0, p -> idSink.test(p.id()));
  }

  private Position rows(FeatureQuery q, Position after, long maxRows, FeatureSink sink) {
    Position given = after;
    after = startOfTimeRange(q, after);
    if (after != null && after.isEnd()) {
      return given != null && given.isEnd() ? given : after;
    }
    ExprSql.Plan plan = plan(q);
    if (plan.exact() || maxRows == 0) {
      // Exact: the row limit goes into the SQL. Unbounded: one cursor through the whole selection.
      return batch(plan, q.order(), after, maxRows, plan.exact() ? maxRows : 0, sink).lastHanded;
    }
    // A page with a remainder: rows that fail it do not count, so the page reads on until enough
    // passed — in LIMITed batches, each after the last row read. Without a LIMIT, PostgreSQL plans
    // a cursor for a tenth of the superset (cursor_tuple_fraction) and chose to sort it whole: a
    // limit=1 page with a public area filter cost 1.9 s at 5 M reports (docs/PERFORMANCE.md).
    Position from = after;
    Position last = after;
    long handed = 0;
    // Few rows of the superset may pass: each batch reads twice as many as the one before, so a
    // page costs a handful of statements however sparse the remainder is.
    long size = Math.min(Math.max(4 * maxRows, BATCH_MIN), BATCH_MAX);
    while (true) {
      long want = maxRows - handed;
      Batch b = batch(plan, q.order(), from, want, size, sink);
      handed += b.handed;
      last = b.handed > 0 ? b.lastHanded : last;
      if (b.stopped || handed >= maxRows || b.read < size) {
        return last;
      }
      from = b.lastRead;
      size = Math.min(2 * size, BATCH_MAX_GROWN);
    }
  }

  /**
   * Where an id-ordered stream from the start may begin when the query bounds the report time from
   * below: after the smallest id of any report in that time range ({@link FeatureTimeStart}: a small
   * multiple of the smaller of the reports before the range and those in it are read), or
   * {@link Position#END} when the range holds none. Every row of the selection lies in the range, so
   * none is skipped. Why: ids grow with the time reports arrive, so for "2024 only" PostgreSQL walks
   * the primary key from id 1 and discards every older report before the first match (0.75 s for a
   * limit=1 page at 5 M reports, docs/PERFORMANCE.md).
   */
  private Position startOfTimeRange(FeatureQuery q, Position after) {
    if (!q.order().equals(FeatureOrder.BY_ID) || (after != null && (!after.values().isEmpty() || after.id() > 0))) {
      return after;
    }
    java.time.Instant[] range = timeRange(q.expr());
    if (range[0] == null) {
      return after;
    }
    String key = range[0] + "/" + range[1];
    long seq = store.lastChangeSeq();
    long[] known = timeStarts.getIfPresent(key);
    Long min;
    if (known != null && known[0] == seq) {
      min = known[1] == 0 ? null : known[1];
    } else {
      min = read(c -> timeStart.find(c, range[0], range[1]).firstId());
      timeStarts.put(key, new long[] {seq, min == null ? 0 : min});
    }
    if (min == null) {
      return Position.END;
    }
    return Position.afterId(Math.max(after == null ? 0 : after.id(), min - 1));
  }

  /**
   * The time range every row of {@code e} lies in, from its top-level conjuncts on reportedAt: an
   * inclusive lower bound (or null) and an exclusive upper bound (or null).
   */
  static java.time.Instant[] timeRange(pl.kmzb.filter.Expr e) {
    java.time.Instant[] range = new java.time.Instant[2];
    java.util.List<pl.kmzb.filter.Expr> todo = new java.util.ArrayList<>(java.util.List.of(e));
    while (!todo.isEmpty()) {
      pl.kmzb.filter.Expr x = todo.remove(todo.size() - 1);
      if (x instanceof pl.kmzb.filter.Expr.And and) {
        todo.addAll(and.parts());
      } else if (x instanceof pl.kmzb.filter.Expr.Compare c && c.property().equals("reportedAt")
          && c.literal() instanceof java.time.Instant t) {
        switch (c.op()) {
          // reported_at > t lies within >= t too: a bound, not the exact set.
          case GE, GT -> range[0] = range[0] == null || t.isAfter(range[0]) ? t : range[0];
          case LT -> range[1] = range[1] == null || t.isBefore(range[1]) ? t : range[1];
          default -> { }
        }
      }
    }
    return range;
  }

  /** Rows read per batch of a page with a remainder: at least this many ... */
  private static final int BATCH_MIN = 256;
  /** ... and at most this many at first (the page's rows, four times over, between the two) ... */
  private static final int BATCH_MAX = 20_000;
  /** ... growing to this many while the remainder lets few rows pass. */
  private static final int BATCH_MAX_GROWN = 200_000;

  /** What one statement of a stream did. */
  private record Batch(long read, long handed, Position lastRead, Position lastHanded, boolean stopped) {}

  /**
   * One statement: the rows after {@code from} in order, at most {@code sqlLimit} read (0: no
   * LIMIT), those passing the remainder handed to the sink until it refuses or {@code maxRows}
   * were handed (0: no bound).
   */
  private Batch batch(ExprSql.Plan plan, FeatureOrder order, Position from, long maxRows, long sqlLimit,
      FeatureSink sink) {
    java.util.function.Predicate<Report> remainder = plan.residual();
    Keyset keyset = keyset(order, from);
    String sql = store.selectReport() + " WHERE " + plan.where() + keyset.sql + orderBy(order)
        + (sqlLimit > 0 ? " LIMIT ?" : "");
    return read(c -> {
      Position lastRead = from;
      Position lastHanded = from;
      long read = 0;
      long handed = 0;
      boolean stopped = false;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(sqlLimit > 0 ? (int) Math.min(sqlLimit, FETCH_SIZE) : FETCH_SIZE);
        int i = keyset.bind(ps, plan.bind(ps, 1));
        if (sqlLimit > 0) {
          ps.setLong(i, sqlLimit);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Report r = store.read(rs);
            read++;
            Position p = order.positionOf(r);
            lastRead = p;
            if (remainder != null && !remainder.test(r)) {
              continue;
            }
            lastHanded = p;
            handed++;
            if (!sink.accept(r)) {
              stopped = true;
              break;
            }
            if (maxRows > 0 && handed >= maxRows) {
              break;
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return new Batch(read, handed, lastRead, lastHanded, stopped);
    });
  }

  /** A position of the id order for an id (0: the start). */
  private static Position idPosition(FeatureQuery q, long afterId) {
    requireById(q);
    return afterId == Long.MAX_VALUE ? Position.END : afterId == 0 ? null : Position.afterId(afterId);
  }

  private static void requireById(FeatureQuery q) {
    if (!q.order().equals(FeatureOrder.BY_ID)) {
      throw new IllegalArgumentException("an id position needs the ascending id order, not " + q.order().key());
    }
  }

  private static String orderBy(FeatureOrder o) {
    StringBuilder sb = new StringBuilder(" ORDER BY ");
    o.keys().forEach(k -> sb.append(FeatureOrder.column(k.property())).append(k.descending() ? " DESC, " : ", "));
    return sb.append(o.idDescending() ? "id DESC" : "id").toString();
  }

  /** The condition "after this position" of an order, ANDed to a WHERE, and its values. */
  private record Keyset(String sql, java.util.List<Object> params) {
    int bind(PreparedStatement ps, int index) throws java.sql.SQLException {
      int i = index;
      for (Object v : params) {
        ps.setObject(i++, v);
      }
      return i;
    }
  }

  /**
   * After a position: one row comparison when every key runs in one direction (an index range in
   * both engines), else the expanded comparison behind a bound on the first key, which keeps the
   * scan a range of the first key's index.
   */
  private Keyset keyset(FeatureOrder o, Position p) {
    if (p == null) {
      return new Keyset("", java.util.List.of());
    }
    java.util.List<Object> params = new java.util.ArrayList<>();
    if (o.byId()) {
      params.add(p.id());
      return new Keyset(o.idDescending() ? " AND id < ?" : " AND id > ?", params);
    }
    java.util.List<String> cols = new java.util.ArrayList<>();
    o.keys().forEach(k -> cols.add(FeatureOrder.column(k.property())));
    java.util.List<Object> values = new java.util.ArrayList<>();
    p.values().forEach(v -> values.add(sqlValue(v)));
    boolean firstDesc = o.keys().get(0).descending();
    // The bound on the first key alone is implied, but PostgreSQL 15 needs it: when the selection
    // has an IN list on that column (the public categories), the list becomes the index condition
    // and the index is descended once per listed code from its start, ignoring the row comparison
    // (300 ms instead of 1.4 ms for a page of 500 sorted by category at 300,000 reports).
    String bound = " AND " + cols.get(0) + (firstDesc ? " <= ?" : " >= ?");
    if (o.uniform()) {
      params.add(values.get(0));
      params.addAll(values);
      params.add(p.id());
      String marks = "?, ".repeat(cols.size()) + "?";
      return new Keyset(bound + " AND (" + String.join(", ", cols) + ", id) " + (o.idDescending() ? "<" : ">")
          + " (" + marks + ")", params);
    }
    StringBuilder sql = new StringBuilder(bound + " AND ");
    params.add(values.get(0));
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      boolean desc = o.keys().get(i).descending();
      sql.append("(").append(cols.get(i)).append(desc ? " < ?" : " > ?").append(" OR (").append(cols.get(i))
          .append(" = ? AND ");
      params.add(values.get(i));
      params.add(values.get(i));
      close.append("))");
    }
    sql.append(o.idDescending() ? "id < ?" : "id > ?").append(close);
    params.add(p.id());
    return new Keyset(sql.toString(), params);
  }

  /** A key value as this store binds it (times: PostGIS timestamptz, SQLite epoch milliseconds). */
  private Object sqlValue(Object v) {
    if (v instanceof java.time.Instant t) {
      return store.dialect() == ExprSql.Dialect.POSTGIS ? t.atOffset(java.time.ZoneOffset.UTC) : (Object) t.toEpochMilli();
    }
    return v;
  }

  /** Runs a read on one connection; PostgreSQL streams through a cursor only inside a transaction. */
  private <T> T read(JdbcReportStore.SqlWork<T> work) {
    return store.withConnection(c -> JdbcReportStore.streamRead(store.dataSource, c, store.streamsInTransaction(), work));
  }
}
