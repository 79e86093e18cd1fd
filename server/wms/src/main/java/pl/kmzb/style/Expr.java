package pl.kmzb.style;

/**
 * A value in a style: a literal, or (SLD's {@code ogc:PropertyName}, also inside a
 * {@code CssParameter}/{@code SvgParameter}) a property of the feature being drawn. The threats
 * styles take category colours this way ({@code category_colour}), so the colours stay in
 * {@code layers/categories.yaml} alone.
 */
public sealed interface Expr {
  Object evaluate(Feature f);

  record Literal(String value) implements Expr {
    @Override
    public Object evaluate(Feature f) {
      return value;
    }
  }

  record Property(String name) implements Expr {
    @Override
    public Object evaluate(Feature f) {
      return f.property(name);
    }
  }

  /** The expression's value as text, or null. */
  default String text(Feature f) {
    Object v = evaluate(f);
    return v == null ? null : v.toString();
  }
}
