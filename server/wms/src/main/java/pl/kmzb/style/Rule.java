package pl.kmzb.style;

import java.util.List;
import pl.kmzb.layer.Text;

/**
 * One rule of a style: it applies to features its filter accepts (or, as an ElseFilter rule, to
 * those no other rule of its feature type style accepted) at scale denominators in
 * [minScale, maxScale), and draws its symbolizers in order. {@code title} is null when the rule
 * has none (it then has no row in a legend).
 */
public record Rule(String name, Text title, StyleFilter filter, boolean elseFilter, double minScale, double maxScale,
    List<Symbolizer> symbolizers) {
  public Rule {
    symbolizers = List.copyOf(symbolizers);
  }

  public boolean appliesAtScale(double scale) {
    return scale >= minScale && scale < maxScale;
  }
}
