package pl.kmzb.cql2;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.Queryables;

/**
 * What a CQL2 predicate means, shared by the text and JSON encodings so they cannot drift apart:
 * operands in either order, NOT forms, CASEI, the spatial and temporal functions mapped onto the
 * AST's operators.
 */
final class Cql2Builder {
  static final Map<String, Expr.SpatialOp> SPATIAL = Map.of(
      "s_intersects", Expr.SpatialOp.INTERSECTS, "s_disjoint", Expr.SpatialOp.DISJOINT,
      "s_within", Expr.SpatialOp.WITHIN, "s_contains", Expr.SpatialOp.CONTAINS,
      "s_equals", Expr.SpatialOp.EQUALS, "s_touches", Expr.SpatialOp.TOUCHES,
      "s_crosses", Expr.SpatialOp.CROSSES, "s_overlaps", Expr.SpatialOp.OVERLAPS);
  /** Temporal functions; null where an instant property can never be in that relation (Allen). */
  static final Map<String, Expr.TemporalOp> TEMPORAL = temporal();
  /** The function with its arguments swapped. */
  static final Map<String, String> TEMPORAL_CONVERSE = Map.ofEntries(
      Map.entry("t_after", "t_before"), Map.entry("t_before", "t_after"), Map.entry("t_during", "t_contains"),
      Map.entry("t_contains", "t_during"), Map.entry("t_starts", "t_startedby"), Map.entry("t_startedby", "t_starts"),
      Map.entry("t_finishes", "t_finishedby"), Map.entry("t_finishedby", "t_finishes"), Map.entry("t_meets", "t_metby"),
      Map.entry("t_metby", "t_meets"), Map.entry("t_overlaps", "t_overlappedby"), Map.entry("t_overlappedby", "t_overlaps"),
      Map.entry("t_equals", "t_equals"), Map.entry("t_intersects", "t_intersects"), Map.entry("t_disjoint", "t_disjoint"));

  private static Map<String, Expr.TemporalOp> temporal() {
    Map<String, Expr.TemporalOp> m = new java.util.HashMap<>();
    m.put("t_after", Expr.TemporalOp.AFTER);
    m.put("t_before", Expr.TemporalOp.BEFORE);
    m.put("t_during", Expr.TemporalOp.DURING);
    m.put("t_equals", Expr.TemporalOp.TEQUALS);
    m.put("t_intersects", Expr.TemporalOp.INTERSECTS);
    m.put("t_disjoint", Expr.TemporalOp.DISJOINT);
    m.put("t_starts", Expr.TemporalOp.STARTS);
    m.put("t_finishes", Expr.TemporalOp.FINISHES);
    m.put("t_meets", Expr.TemporalOp.MEETS);
    m.put("t_metby", Expr.TemporalOp.METBY);
    // An instant [t, t] never contains, overlaps, is started by or finished by another interval.
    for (String never : List.of("t_contains", "t_overlaps", "t_overlappedby", "t_startedby", "t_finishedby")) {
      m.put(never, null);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private Cql2Builder() {}

  static Expr compare(String op, Operand a, Operand b, String where) {
    Expr.CompareOp cmp = switch (op) {
      case "=" -> Expr.CompareOp.EQ;
      case "<>" -> Expr.CompareOp.NE;
      case "<" -> Expr.CompareOp.LT;
      case "<=" -> Expr.CompareOp.LE;
      case ">" -> Expr.CompareOp.GT;
      case ">=" -> Expr.CompareOp.GE;
      default -> throw new Cql2Exception(where + ": unknown comparison operator '" + op + "'");
    };
    if (a instanceof Operand.CaseI || b instanceof Operand.CaseI) {
      if (cmp != Expr.CompareOp.EQ && cmp != Expr.CompareOp.NE) {
        throw new Cql2Exception(where + ": CASEI is supported with =, <> and LIKE");
      }
      Operand.Property p = property(unwrap(a) instanceof Operand.Property ? unwrap(a) : unwrap(b), where);
      String text = string(unwrap(a) instanceof Operand.Property ? unwrap(b) : unwrap(a), where);
      Expr like = new Expr.Like(p.name(), escape(text), '%', '_', '\\', true);
      return cmp == Expr.CompareOp.EQ ? like : new Expr.Not(like);
    }
    if (a instanceof Operand.Property p && b instanceof Operand.Literal l) {
      return new Expr.Compare(cmp, p.name(), l.value());
    } else if (b instanceof Operand.Property p && a instanceof Operand.Literal l) {
      return new Expr.Compare(flip(cmp), p.name(), l.value());
    }
    throw new Cql2Exception(where + ": a comparison needs one property and one literal value"
        + (a instanceof Operand.Property && b instanceof Operand.Property ? " (comparing two properties is not supported)" : ""));
  }

  private static Expr.CompareOp flip(Expr.CompareOp op) {
    return switch (op) {
      case LT -> Expr.CompareOp.GT;
      case LE -> Expr.CompareOp.GE;
      case GT -> Expr.CompareOp.LT;
      case GE -> Expr.CompareOp.LE;
      default -> op;
    };
  }

  static Expr like(Operand a, Operand pattern, String where) {
    boolean ci = a instanceof Operand.CaseI || pattern instanceof Operand.CaseI;
    Operand.Property p = property(unwrap(a), where);
    return new Expr.Like(p.name(), string(unwrap(pattern), where), '%', '_', '\\', ci);
  }

  static Expr between(Operand a, Operand low, Operand high, String where) {
    return new Expr.Between(property(a, where).name(), literal(low, where), literal(high, where));
  }

  static Expr in(Operand a, List<Operand> values, String where) {
    List<Object> out = new ArrayList<>();
    for (Operand v : values) {
      out.add(literal(v, where));
    }
    return new Expr.In(property(a, where).name(), out);
  }

  static Expr isNull(Operand a, String where) {
    return new Expr.IsNull(property(a, where).name());
  }

  static Expr spatial(String function, Operand a, Operand b, String where) {
    String f = function.toLowerCase(Locale.ROOT);
    Expr.SpatialOp op = SPATIAL.get(f);
    if (op == null) {
      throw new Cql2Exception(where + ": unknown spatial function '" + function + "'");
    }
    Operand.Geom g;
    if (a instanceof Operand.Property p && b instanceof Operand.Geom lit) {
      checkGeometry(p, where);
      g = lit;
    } else if (b instanceof Operand.Property p && a instanceof Operand.Geom lit) {
      checkGeometry(p, where);
      g = lit;
      op = op == Expr.SpatialOp.WITHIN ? Expr.SpatialOp.CONTAINS : op == Expr.SpatialOp.CONTAINS ? Expr.SpatialOp.WITHIN : op;
    } else {
      throw new Cql2Exception(where + ": " + function + " needs the geometry property and one geometry literal");
    }
    return new Expr.Spatial(op, g.lonLat());
  }

  private static void checkGeometry(Operand.Property p, String where) {
    if (!p.name().equals(Queryables.GEOMETRY)) {
      throw new FilterException(p.name(), where + ": '" + p.name() + "' is not a geometry; the geometry property is '"
          + Queryables.GEOMETRY + "'");
    }
  }

  static Expr temporal(String function, Operand a, Operand b, String where) {
    String f = function.toLowerCase(Locale.ROOT);
    if (!TEMPORAL.containsKey(f)) {
      throw new Cql2Exception(where + ": unknown temporal function '" + function + "'");
    }
    Operand.Property p;
    Operand lit;
    if (a instanceof Operand.Property x) {
      p = x;
      lit = b;
    } else if (b instanceof Operand.Property x) {
      p = x;
      lit = a;
      f = TEMPORAL_CONVERSE.get(f);
    } else {
      throw new Cql2Exception(where + ": " + function + " needs a property and a temporal literal");
    }
    Expr.TemporalOp op = TEMPORAL.get(f);
    Object start;
    Object end;
    if (lit instanceof Operand.Interval i) {
      start = i.start();
      end = i.end();
    } else if (lit instanceof Operand.Literal l && (l.value() instanceof java.time.Instant
        || l.value() instanceof java.time.LocalDate)) {
      start = l.value();
      end = l.value();
    } else {
      throw new Cql2Exception(where + ": " + function + " needs a DATE, TIMESTAMP or INTERVAL literal");
    }
    if (op == null) {
      // Never true; kept as a test of the property so its name and type are still checked.
      return new Expr.And(List.of(new Expr.Temporal(Expr.TemporalOp.INTERSECTS, p.name(), start, end), Expr.EXCLUDE));
    }
    return new Expr.Temporal(op, p.name(), start, end);
  }

  private static Operand unwrap(Operand o) {
    return o instanceof Operand.CaseI c ? c.inner() : o;
  }

  private static Operand.Property property(Operand o, String where) {
    if (o instanceof Operand.Property p) {
      return p;
    }
    throw new Cql2Exception(where + ": expected a property name here");
  }

  private static Object literal(Operand o, String where) {
    if (o instanceof Operand.Literal l) {
      return l.value();
    }
    throw new Cql2Exception(where + ": expected a literal value here");
  }

  private static String string(Operand o, String where) {
    if (o instanceof Operand.Literal l && l.value() instanceof String s) {
      return s;
    }
    throw new Cql2Exception(where + ": expected a string literal here");
  }

  /** A string as a LIKE pattern matching exactly it. */
  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
