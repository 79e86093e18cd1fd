package pl.kmzb.style;

import java.util.List;

/**
 * The subset of OGC Filter Encoding 1.1 a rule may carry: comparisons of a property with a literal
 * ({@code PropertyIsEqualTo}, {@code NotEqualTo}, {@code LessThan}, {@code LessThanOrEqualTo},
 * {@code GreaterThan}, {@code GreaterThanOrEqualTo}, {@code PropertyIsBetween}) combined with
 * {@code And}, {@code Or}, {@code Not}. Values compare as numbers when both sides are numbers,
 * otherwise as text; a missing property matches nothing but {@code NotEqualTo}.
 */
public sealed interface StyleFilter {
  boolean test(Feature f);

  StyleFilter ALL = (Simple) f -> true;

  /** A filter made from a lambda (only {@link #ALL}); sealed types need a permitted class. */
  non-sealed interface Simple extends StyleFilter {}

  enum Op { EQ, NE, LT, LE, GT, GE }

  record Compare(String property, Op op, String literal) implements StyleFilter {
    @Override
    public boolean test(Feature f) {
      Object v = f.property(property);
      if (v == null) {
        return op == Op.NE;
      }
      int c = compare(v, literal);
      return switch (op) {
        case EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    }
  }

  record Between(String property, String lower, String upper) implements StyleFilter {
    @Override
    public boolean test(Feature f) {
      Object v = f.property(property);
      return v != null && compare(v, lower) >= 0 && compare(v, upper) <= 0;
    }
  }

  record And(List<StyleFilter> parts) implements StyleFilter {
    @Override
    public boolean test(Feature f) {
      for (StyleFilter p : parts) {
        if (!p.test(f)) {
          return false;
        }
      }
      return true;
    }
  }

  record Or(List<StyleFilter> parts) implements StyleFilter {
    @Override
    public boolean test(Feature f) {
      for (StyleFilter p : parts) {
        if (p.test(f)) {
          return true;
        }
      }
      return false;
    }
  }

  record Not(StyleFilter part) implements StyleFilter {
    @Override
    public boolean test(Feature f) {
      return !part.test(f);
    }
  }

  /** Numbers compare numerically, anything else as text (booleans as "true"/"false"). */
  static int compare(Object value, String literal) {
    if (value instanceof Number n) {
      Double other = number(literal);
      if (other != null) {
        return Double.compare(n.doubleValue(), other);
      }
    }
    return value.toString().compareTo(literal);
  }

  private static Double number(String s) {
    try {
      return Double.valueOf(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
