package pl.kmzb.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.Queryables;
import pl.kmzb.report.Report;

/**
 * Reading reports by an {@link Expr} ({@link ExprSql}): the rows the SQL returns, narrowed by the
 * plan's in-memory remainder when it has one. Paging stays keyset paging on id; with a remainder a
 * page reads on until it has its rows, in batches, never an OFFSET.
 */
final class ExprQueries {
  private static final int BATCH = 1_000;

  private final JdbcReportStore store;
  private final String selectReport;
  private final ExprSql.Dialect dialect;

  ExprQueries(JdbcReportStore store, String selectReport, ExprSql.Dialect dialect) {
    this.store = store;
    this.selectReport = selectReport;
    this.dialect = dialect;
  }

  ExprSql.Plan plan(Expr expr, Queryables view) {
    return ExprSql.plan(expr, view, dialect, Instant.now(view.clock()));
  }

  Page<Report> list(Expr expr, Queryables view, long afterId, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    ExprSql.Plan plan = plan(expr, view);
    List<Report> items = new ArrayList<>();
    long after = afterId;
    int batch = plan.exact() ? limit + 1 : Math.max(BATCH, limit + 1);
    while (items.size() <= limit) {
      List<Report> rows = page(plan, after, batch);
      for (Report r : rows) {
        if (plan.exact() || plan.residual().test(r)) {
          items.add(r);
        }
      }
      if (rows.size() < batch) {
        break;
      }
      after = rows.get(rows.size() - 1).id();
    }
    boolean more = items.size() > limit;
    List<Report> page = more ? List.copyOf(items.subList(0, limit)) : items;
    return new Page<>(page, more ? page.get(page.size() - 1).id() : null);
  }

  private List<Report> page(ExprSql.Plan plan, long afterId, int limit) {
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(selectReport + " WHERE id > ? AND " + plan.where()
          + " ORDER BY id LIMIT ?")) {
        ps.setLong(1, afterId);
        int next = plan.bind(ps, 2);
        ps.setInt(next, limit);
        List<Report> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(store.read(rs));
          }
        }
        return rows;
      }
    });
  }

  long count(Expr expr, Queryables view) {
    ExprSql.Plan plan = plan(expr, view);
    if (!plan.exact()) {
      long[] n = {0};
      scan(plan, r -> n[0]++);
      return n[0];
    }
    return store.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM report WHERE " + plan.where())) {
        plan.bind(ps, 1);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  void scan(Expr expr, Queryables view, Consumer<Report> sink) {
    scan(plan(expr, view), sink);
  }

  private void scan(ExprSql.Plan plan, Consumer<Report> sink) {
    store.withConnection(c -> JdbcReportStore.streamRead(store.dataSource, c, store.streamsInTransaction(), t -> {
      try (PreparedStatement ps = t.prepareStatement(selectReport + " WHERE " + plan.where() + " ORDER BY id")) {
        ps.setFetchSize(10_000);
        plan.bind(ps, 1);
        try (ResultSet rs = ps.executeQuery()) {
          for (long row = 0; rs.next(); row++) {
            JdbcReportStore.stopIfInterrupted(row);
            Report r = store.read(rs);
            if (plan.exact() || plan.residual().test(r)) {
              sink.accept(r);
            }
          }
        }
      }
      return null;
    }));
  }

}
