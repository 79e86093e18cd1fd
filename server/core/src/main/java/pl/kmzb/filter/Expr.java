package pl.kmzb.filter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;

/**
 * The one filter AST of every protocol: CQL2 (text and JSON), FES 2.0 and the vendor parameters
 * ({@link ReportFilter#toExpr()}) all parse into it, {@link ExprPredicate} evaluates it in memory and
 * {@code store.ExprSql} turns it into SQL for both stores.
 *
 * <p>Literals are Java values: {@link String}, {@link Long}, {@link Double}, {@link Boolean},
 * {@link Instant} (truncated to milliseconds, the stores' precision), {@link LocalDate}. Property
 * names and literal types are checked against a view by {@link Queryables#check}. Geometry literals
 * are JTS geometries in longitude/latitude (east, north) order: parsers convert from their declared
 * CRS before they build the tree.
 *
 * <p>Logic is three-valued as in SQL: a comparison with a missing (null) value is unknown, and a
 * report matches only if the whole expression is true.
 */
public sealed interface Expr {
  Expr INCLUDE = new Include();
  Expr EXCLUDE = new Exclude();

  /** Comparison operators. */
  enum CompareOp {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String sql;

    CompareOp(String sql) {
      this.sql = sql;
    }

    public String sql() {
      return sql;
    }
  }

  /** Spatial operators; the first operand is always the report's position. */
  enum SpatialOp { INTERSECTS, DISJOINT, WITHIN, CONTAINS, EQUALS, TOUCHES, CROSSES, OVERLAPS, BBOX, DWITHIN, BEYOND }

  /**
   * Temporal operators between an instant-valued property t and a literal interval [start, end]
   * (an instant literal has start == end; a null bound is open), after Allen's relations as
   * OGC 21-065 and ISO 19108 define them, an instant being the interval [t, t].
   */
  enum TemporalOp {
    /** t > end. */
    AFTER,
    /** t < start. */
    BEFORE,
    /** start < t < end. */
    DURING,
    /** t == start == end. */
    TEQUALS,
    /** start <= t <= end: not disjoint. */
    INTERSECTS,
    /** t < start or t > end. */
    DISJOINT,
    /** t == start and t < end. */
    STARTS,
    /** t == end and t > start. */
    FINISHES,
    /** t == start (the instant ends where the interval begins). */
    MEETS,
    /** t == end. */
    METBY
  }

  /** Always true. */
  record Include() implements Expr {}

  /** Always false. */
  record Exclude() implements Expr {}

  record And(List<Expr> parts) implements Expr {
    public And {
      parts = List.copyOf(parts);
    }
  }

  record Or(List<Expr> parts) implements Expr {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  record Not(Expr part) implements Expr {
    public Not {
      Objects.requireNonNull(part, "part");
    }
  }

  record Compare(CompareOp op, String property, Object literal) implements Expr {
    public Compare {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(property, "property");
      literal = normalise(literal);
    }
  }

  /**
   * A pattern match. {@code wildcard} matches any run of characters, {@code singleChar} exactly one,
   * {@code escape} makes the next character literal (CQL2: %, _, \; FES names its own).
   */
  record Like(String property, String pattern, char wildcard, char singleChar, char escape, boolean caseInsensitive)
      implements Expr {
    public Like {
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(pattern, "pattern");
      if (wildcard == singleChar || wildcard == escape || singleChar == escape) {
        throw new FilterException(property, "the wildcard, single-character and escape characters must differ");
      }
      LikePattern.parse(pattern, wildcard, singleChar, escape); // a trailing escape is an error here, not later
    }

    /** A CQL2/SQL pattern: % any run, _ one character, \ escape. */
    public static Like sql(String property, String pattern, boolean caseInsensitive) {
      return new Like(property, pattern, '%', '_', '\\', caseInsensitive);
    }
  }

  record IsNull(String property) implements Expr {
    public IsNull {
      Objects.requireNonNull(property, "property");
    }
  }

  /** lower <= property <= upper. */
  record Between(String property, Object lower, Object upper) implements Expr {
    public Between {
      Objects.requireNonNull(property, "property");
      lower = normalise(lower);
      upper = normalise(upper);
    }
  }

  record In(String property, List<Object> values) implements Expr {
    public In {
      Objects.requireNonNull(property, "property");
      if (values.isEmpty()) {
        throw new FilterException(property, "IN needs at least one value");
      }
      List<Object> out = new ArrayList<>(values.size());
      for (Object v : values) {
        out.add(normalise(v));
      }
      values = List.copyOf(out);
    }
  }

  /**
   * A spatial test of the report's position against {@code lonLat}. {@code distanceMetres} is used by
   * DWITHIN and BEYOND only (0 otherwise).
   */
  record Spatial(SpatialOp op, Geometry lonLat, double distanceMetres) implements Expr {
    public Spatial {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(lonLat, "lonLat");
      boolean distance = op == SpatialOp.DWITHIN || op == SpatialOp.BEYOND;
      if (distance && (!Double.isFinite(distanceMetres) || distanceMetres < 0)) {
        throw new FilterException("geometry", "a distance must be a finite number of metres >= 0");
      }
      if (!distance) {
        distanceMetres = 0;
      }
    }

    public Spatial(SpatialOp op, Geometry lonLat) {
      this(op, lonLat, 0);
    }
  }

  /**
   * A temporal test of an instant-valued property against [start, end]; bounds are {@link Instant}s
   * or {@link LocalDate}s (for date properties), null for an open end.
   */
  record Temporal(TemporalOp op, String property, Object start, Object end) implements Expr {
    public Temporal {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(property, "property");
      start = normalise(start);
      end = normalise(end);
      if (start != null && end != null && start.getClass() == end.getClass() && compareLiterals(start, end) > 0) {
        throw new FilterException(property, "an interval must not end before it starts");
      }
    }

    /**
     * The same test as comparisons, so the stores and the in-memory predicate share one reading of
     * every operator (an open bound makes the test on that side false for AFTER, BEFORE, TEQUALS and
     * the relations that need the bound, and leaves the side unrestricted for DURING and INTERSECTS).
     */
    public Expr asComparisons() {
      Expr afterStart = start == null ? INCLUDE : new Compare(CompareOp.GT, property, start);
      Expr beforeEnd = end == null ? INCLUDE : new Compare(CompareOp.LT, property, end);
      return switch (op) {
        case AFTER -> end == null ? EXCLUDE : new Compare(CompareOp.GT, property, end);
        case BEFORE -> start == null ? EXCLUDE : new Compare(CompareOp.LT, property, start);
        case DURING -> and(afterStart, beforeEnd);
        case TEQUALS -> start == null || !start.equals(end) ? EXCLUDE : new Compare(CompareOp.EQ, property, start);
        case INTERSECTS -> and(start == null ? INCLUDE : new Compare(CompareOp.GE, property, start),
            end == null ? INCLUDE : new Compare(CompareOp.LE, property, end), new Not(new IsNull(property)));
        case DISJOINT -> or(start == null ? EXCLUDE : new Compare(CompareOp.LT, property, start),
            end == null ? EXCLUDE : new Compare(CompareOp.GT, property, end));
        case STARTS -> start == null ? EXCLUDE : and(new Compare(CompareOp.EQ, property, start), beforeEnd);
        case FINISHES -> end == null ? EXCLUDE : and(new Compare(CompareOp.EQ, property, end), afterStart);
        case MEETS -> start == null ? EXCLUDE : new Compare(CompareOp.EQ, property, start);
        case METBY -> end == null ? EXCLUDE : new Compare(CompareOp.EQ, property, end);
      };
    }

    /** An instant literal. */
    public static Temporal at(TemporalOp op, String property, Object instant) {
      Objects.requireNonNull(instant, "instant");
      return new Temporal(op, property, instant, instant);
    }
  }

  /** Reports with one of these ids (FES ResourceId, OGC API item ids). */
  record ResourceId(Set<Long> ids) implements Expr {
    public ResourceId {
      ids = Set.copyOf(new TreeSet<>(ids));
    }
  }

  static Expr and(List<Expr> parts) {
    List<Expr> kept = new ArrayList<>();
    for (Expr p : parts) {
      if (p instanceof Exclude) {
        return EXCLUDE;
      } else if (p instanceof And a) {
        kept.addAll(a.parts());
      } else if (!(p instanceof Include)) {
        kept.add(p);
      }
    }
    return kept.isEmpty() ? INCLUDE : kept.size() == 1 ? kept.get(0) : new And(kept);
  }

  static Expr and(Expr... parts) {
    return and(List.of(parts));
  }

  static Expr or(List<Expr> parts) {
    List<Expr> kept = new ArrayList<>();
    for (Expr p : parts) {
      if (p instanceof Include) {
        return INCLUDE;
      } else if (p instanceof Or o) {
        kept.addAll(o.parts());
      } else if (!(p instanceof Exclude)) {
        kept.add(p);
      }
    }
    return kept.isEmpty() ? EXCLUDE : kept.size() == 1 ? kept.get(0) : new Or(kept);
  }

  static Expr or(Expr... parts) {
    return or(List.of(parts));
  }

  static Expr not(Expr part) {
    return part instanceof Include ? EXCLUDE : part instanceof Exclude ? INCLUDE : new Not(part);
  }

  /** Normalises a literal: integers to Long, instants to milliseconds; rejects other types. */
  private static Object normalise(Object v) {
    if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
        || v instanceof LocalDate) {
      return v;
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    } else if (v instanceof Float f) {
      return f.doubleValue();
    } else if (v instanceof Instant i) {
      // The stores keep milliseconds; a finer literal would compare differently in each of them.
      return i.truncatedTo(ChronoUnit.MILLIS);
    }
    throw new IllegalArgumentException("not a filter literal: " + v.getClass().getName());
  }

  /** Orders two literals of one kind (numbers, strings by code point, instants, dates, booleans). */
  public static int compareLiterals(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if (x instanceof Long l && y instanceof Long m) {
        return Long.compare(l, m);
      }
      return Double.compare(x.doubleValue(), y.doubleValue());
    } else if (a instanceof String x && b instanceof String y) {
      return compareCodePoints(x, y);
    } else if (a instanceof Instant x && b instanceof Instant y) {
      return x.compareTo(y);
    } else if (a instanceof LocalDate x && b instanceof LocalDate y) {
      return x.compareTo(y);
    } else if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    throw new IllegalArgumentException("cannot compare " + a + " with " + b);
  }

  /** Code-point order: the order of UTF-8 bytes, as SQLite and PostgreSQL's "C" collation compare. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
