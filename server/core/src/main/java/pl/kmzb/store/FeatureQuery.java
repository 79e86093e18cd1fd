package pl.kmzb.store;

import java.util.Objects;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.Queryables;

/**
 * What a feature stream selects: a filter expression judged in a view (public: as the public sees
 * each report, positions and areas the public ones; police: the stored report). The store runs it
 * as {@link ExprSql} plans it: exact SQL, or a SQL superset and an in-memory remainder.
 */
public record FeatureQuery(Expr expr, Queryables view) {
  public FeatureQuery {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(view, "view");
  }

  /** Canonical text of the selection, for caches: equal keys select equal rows. */
  public String key() {
    return view.visibility() + ":" + expr;
  }
}
