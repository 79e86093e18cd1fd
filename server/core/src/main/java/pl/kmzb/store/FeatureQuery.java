package pl.kmzb.store;

import java.util.Objects;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.Queryables;

/**
 * What a feature stream selects: a filter expression judged in a view (public: as the public sees
 * each report, positions and areas the public ones; police: the stored report), and the order the
 * rows come in. The store runs it as {@link ExprSql} plans it: exact SQL, or a SQL superset and an
 * in-memory remainder.
 */
public record FeatureQuery(Expr expr, Queryables view, FeatureOrder order) {
  public FeatureQuery {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(order, "order");
  }

  /** A selection in id order. */
  public FeatureQuery(Expr expr, Queryables view) {
    this(expr, view, FeatureOrder.BY_ID);
  }

  /** The same selection in another order. */
  public FeatureQuery withOrder(FeatureOrder o) {
    return new FeatureQuery(expr, view, o);
  }

  /** Canonical text of the selection, for caches: equal keys select equal rows (in any order). */
  public String key() {
    return view.visibility() + ":" + expr;
  }
}
