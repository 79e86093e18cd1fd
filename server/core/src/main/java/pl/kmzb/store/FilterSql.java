package pl.kmzb.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;

/**
 * A {@link ReportFilter} as a parameterised SQL predicate. Values are always bound, never spliced,
 * so nothing from a request reaches the SQL text.
 */
final class FilterSql {
  @FunctionalInterface
  private interface Binder {
    int bind(PreparedStatement ps, int index) throws SQLException;
  }

  private final StringBuilder sql = new StringBuilder("deleted = ?");
  private final List<Binder> binders = new ArrayList<>();
  private FilterSql() {
    binders.add((ps, i) -> {
      ps.setBoolean(i, false);
      return i + 1;
    });
  }

  static FilterSql of(ReportFilter f, JdbcReportStore store) {
    if (f.visibility() == Visibility.PUBLIC && f.isSpatial()) {
      // The table holds exact positions; a public area or bbox filter evaluated on them would tell
      // where a generalised report really is. Such queries go to the cluster index (public positions).
      throw new IllegalArgumentException("the stores do not answer public area or bbox filters:"
          + " the public position is decided by VisibilityPolicy");
    }
    FilterSql w = new FilterSql();
    w.in("category", f.categories());
    w.in("status", f.statuses().stream().map(Status::code).collect(Collectors.toSet()));
    w.in("source", f.sources().stream().map(Source::code).collect(Collectors.toSet()));
    if (f.from() != null) {
      w.sql.append(" AND reported_at >= ?");
      w.binders.add((ps, i) -> {
        store.setInstant(ps, i, f.from());
        return i + 1;
      });
    }
    if (f.to() != null) {
      w.sql.append(" AND reported_at < ?");
      w.binders.add((ps, i) -> {
        store.setInstant(ps, i, f.to());
        return i + 1;
      });
    }
    if (!f.areas().isEmpty()) {
      w.areas(f.areas());
    }
    if (f.bbox() != null) {
      w.sql.append(" AND ").append(store.bboxPredicate());
      w.binders.add((ps, i) -> store.bindBbox(ps, i, f.bbox()));
    }
    if (!f.hiddenUnlessConfirmed().isEmpty()) {
      w.sql.append(" AND NOT (");
      w.inList("category", f.hiddenUnlessConfirmed());
      w.sql.append(" AND status NOT IN (?, ?, ?))");
      w.binders.add((ps, i) -> {
        for (Status s : List.of(Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER, Status.CONFIRMED_ELIMINATED)) {
          ps.setString(i++, s.code());
        }
        return i;
      });
    }
    return w;
  }

  private void in(String column, Set<String> values) {
    if (!values.isEmpty()) {
      sql.append(" AND ");
      inList(column, values);
    }
  }

  private void inList(String column, Set<String> values) {
    List<String> sorted = values.stream().sorted().toList();
    sql.append(column).append(" IN (").append("?, ".repeat(sorted.size() - 1)).append("?)");
    binders.add((ps, i) -> {
      for (String v : sorted) {
        ps.setString(i++, v);
      }
      return i;
    });
  }

  private void areas(Set<String> areas) {
    List<String> sorted = areas.stream().sorted().toList();
    sql.append(" AND (");
    for (int k = 0; k < sorted.size(); k++) {
      String column = switch (sorted.get(k).length()) {
        case 2 -> "teryt_voivodeship";
        case 4 -> "teryt_county";
        default -> "teryt_municipality";
      };
      sql.append(k == 0 ? "" : " OR ").append(column).append(" = ?");
    }
    sql.append(')');
    binders.add((ps, i) -> {
      for (String v : sorted) {
        ps.setString(i++, v);
      }
      return i;
    });
  }

  String sql() {
    return sql.toString();
  }

  /** Binds every parameter starting at {@code index}; returns the next free index. */
  int bind(PreparedStatement ps, int index) throws SQLException {
    int i = index;
    for (Binder b : binders) {
      i = b.bind(ps, i);
    }
    return i;
  }
}
