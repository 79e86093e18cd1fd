package pl.kmzb.render;

import java.util.Objects;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.Queryables;

/**
 * A layer drawn from the store instead of the cluster index: what a CQL_FILTER asks that the index
 * cannot answer (a description, a police layer's source, any queryable the index lacks). The
 * expression is judged in {@code view} (the public view for public layers: public positions,
 * published descriptions only; the police view for the police layer), as WFS judges it.
 *
 * @param filter the client's filter, checked against the view's queryables
 */
public record StoreScan(Expr filter, Queryables view) {
  public StoreScan {
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(view, "view");
  }
}
