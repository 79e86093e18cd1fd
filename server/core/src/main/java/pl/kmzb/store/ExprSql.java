package pl.kmzb.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.io.WKBWriter;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.ExprPredicate;
import pl.kmzb.filter.GeoDistance;
import pl.kmzb.filter.LikePattern;
import pl.kmzb.filter.Queryables;
import pl.kmzb.filter.Visibility;
import pl.kmzb.report.Report;
import pl.kmzb.visibility.LocationGeneraliser;

/**
 * An {@link Expr} as a parameterised WHERE clause for PostGIS or SQLite, plus the in-memory
 * remainder where SQL cannot decide exactly. Values are always bound, never spliced.
 *
 * <p>Where a part cannot be decided in SQL — a distance (DWITHIN, BEYOND), a case-insensitive LIKE
 * (the engines fold case differently from Java and from each other), a geometry test on SQLite (no
 * spatial functions), and, in the public view, anything about the position or areas of a report of a
 * generalised category (the table holds the exact position; the public one is the cell centre) —
 * the SQL holds a bound instead: a superset of the true rows, or, under NOT, a subset, so that NOT
 * of a subset is again a superset (in SQL's three-valued logic, AND and OR keep the order
 * false &lt; unknown &lt; true and NOT reverses it). Rows the SQL returns are then judged by
 * {@link Plan#residual()}, the full expression in memory ({@link ExprPredicate}): the rows that pass
 * both are exactly the matching rows.
 */
public final class ExprSql {
  /** The two SQL dialects of the stores. */
  public enum Dialect { POSTGIS, SQLITE }

  /**
   * A WHERE clause (including the view's base selection: not deleted, and for the public view what
   * the public may see), its parameters in order, and the in-memory test its rows still need (null
   * when the SQL is exact).
   */
  public record Plan(String where, List<Object> params, Predicate<Report> residual) {
    public Plan {
      params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    /** Binds every parameter starting at {@code index}; returns the next free index. */
    public int bind(PreparedStatement ps, int index) throws SQLException {
      int i = index;
      for (Object v : params) {
        if (v instanceof String s) {
          ps.setString(i, s);
        } else if (v instanceof Long l) {
          ps.setLong(i, l);
        } else if (v instanceof Double d) {
          ps.setDouble(i, d);
        } else if (v instanceof Boolean b) {
          ps.setBoolean(i, b);
        } else if (v instanceof byte[] b) {
          ps.setBytes(i, b);
        } else if (v instanceof OffsetDateTime t) {
          ps.setObject(i, t);
        } else if (v instanceof LocalDate d) {
          ps.setObject(i, d, Types.DATE);
        } else {
          throw new IllegalStateException("unexpected parameter " + v);
        }
        i++;
      }
      return i;
    }

    /** True when the SQL alone selects exactly the matching rows. */
    public boolean exact() {
      return residual == null;
    }
  }

  /** A piece of SQL and its parameters. */
  private record Frag(String sql, List<Object> params) {
    static final Frag TRUE = new Frag("1=1", List.of());
    static final Frag FALSE = new Frag("1=0", List.of());

    static Frag of(String sql, Object... params) {
      return new Frag(sql, List.of(params));
    }
  }

  /** The most parameters one statement binds; beyond it the filter runs in memory. */
  static final int MAX_PARAMETERS = 30_000;
  /** Terms per AND/OR level: SQLite refuses expression trees deeper than 1,000, so long lists nest. */
  private static final int MAX_TERMS = 32;

  private final Queryables view;
  private final Dialect dialect;
  private final Instant now;
  private final boolean generalisedPublic;
  private boolean exact = true;

  private ExprSql(Queryables view, Dialect dialect, Instant now) {
    this.view = view;
    this.dialect = dialect;
    this.now = now;
    this.generalisedPublic = view.visibility() == Visibility.PUBLIC && !view.generalised().isEmpty();
  }

  /**
   * The plan of a checked expression ({@link Queryables#check}) in a view.
   *
   * @param now the instant {@code pastDeadline} is judged at
   */
  public static Plan plan(Expr expr, Queryables view, Dialect dialect, Instant now) {
    ExprSql w = new ExprSql(view, dialect, now);
    Frag base = Frag.of("deleted = ?", false);
    if (view.visibility() == Visibility.PUBLIC) {
      // Category and status are the same in both views: the public selection is exact SQL.
      base = and(List.of(base, w.translate(view.policy().publicFilter().toExpr(), true)));
    }
    Frag f = w.translate(expr, true);
    if (f.params().size() > MAX_PARAMETERS) {
      // Past what the drivers bind (SQLite: 32,766; PostgreSQL: 65,535): the base selection in SQL,
      // the whole filter in memory. Slow for a large table, but right; the parsers' length limits
      // keep such filters rare.
      return new Plan(base.sql(), base.params(), ExprPredicate.compile(expr, view, now));
    }
    Frag where = and(List.of(base, f));
    return new Plan(where.sql(), where.params(), w.exact ? null : ExprPredicate.compile(expr, view, now));
  }

  /** Translates {@code e}: exactly if it can, else a superset ({@code upper}) or a subset of its true rows. */
  private Frag translate(Expr e, boolean upper) {
    if (e instanceof Expr.Include) {
      return Frag.TRUE;
    } else if (e instanceof Expr.Exclude) {
      return Frag.FALSE;
    } else if (e instanceof Expr.And a) {
      List<Frag> parts = new ArrayList<>();
      a.parts().forEach(p -> parts.add(translate(p, upper)));
      return and(parts);
    } else if (e instanceof Expr.Or o) {
      List<Frag> parts = new ArrayList<>();
      o.parts().forEach(p -> parts.add(translate(p, upper)));
      return join(parts, " OR ");
    } else if (e instanceof Expr.Not n) {
      Frag inner = translate(n.part(), !upper);
      return new Frag("NOT (" + inner.sql() + ")", inner.params());
    } else if (e instanceof Expr.ResourceId r) {
      return r.ids().isEmpty() ? Frag.FALSE : in("id", List.copyOf(r.ids()));
    } else if (e instanceof Expr.Temporal t) {
      return translate(t.asComparisons(), upper);
    } else if (e instanceof Expr.Spatial s) {
      return spatial(s, upper);
    }
    String property = propertyOf(e);
    Frag exactOrBound = scalar(e, upper);
    if (generalisedPublic && Queryables.LOCATION_DEPENDENT.contains(property)) {
      // Reports of generalised categories are judged at their cell centre's areas: unknown here.
      exact = false;
      return upper ? join(List.of(generalised(true), exactOrBound), " OR ")
          : and(List.of(generalised(false), exactOrBound));
    }
    return exactOrBound;
  }

  private static String propertyOf(Expr e) {
    if (e instanceof Expr.Compare c) {
      return c.property();
    } else if (e instanceof Expr.Like l) {
      return l.property();
    } else if (e instanceof Expr.IsNull n) {
      return n.property();
    } else if (e instanceof Expr.Between b) {
      return b.property();
    } else if (e instanceof Expr.In in) {
      return in.property();
    }
    throw new IllegalArgumentException("unknown expression " + e);
  }

  /** A test of one property's value. */
  private Frag scalar(Expr e, boolean upper) {
    String property = propertyOf(e);
    if (property.equals(Queryables.GEOMETRY)) {
      // Only IS NULL gets here (the checker refuses comparisons): a report always has a position.
      return Frag.FALSE;
    }
    Frag col = column(property);
    boolean ordered = dialect == Dialect.POSTGIS && view.property(property).type() == Queryables.Type.STRING;
    // Code-point order, as Java and SQLite compare; the database's default collation may be a locale's.
    String sortable = ordered ? col.sql() + " COLLATE \"C\"" : col.sql();
    if (e instanceof Expr.Compare c) {
      return concat(col.params(), sortable + " " + c.op().sql() + " ?", value(c.literal()));
    } else if (e instanceof Expr.Between b) {
      return concat(col.params(), sortable + " BETWEEN ? AND ?", value(b.lower()), value(b.upper()));
    } else if (e instanceof Expr.In in) {
      List<Object> params = new ArrayList<>(col.params());
      in.values().forEach(v -> params.add(value(v)));
      return new Frag(col.sql() + " IN (" + "?, ".repeat(in.values().size() - 1) + "?)", params);
    } else if (e instanceof Expr.IsNull) {
      return new Frag(col.sql() + " IS NULL", col.params());
    }
    Expr.Like l = (Expr.Like) e;
    if (l.caseInsensitive()) {
      // PostgreSQL's ILIKE folds case by the database's locale, SQLite's LIKE only ASCII: neither is Java's.
      exact = false;
      return upper ? Frag.TRUE : Frag.FALSE;
    }
    LikePattern p = LikePattern.of(l);
    return dialect == Dialect.POSTGIS ? concat(col.params(), col.sql() + " LIKE ? ESCAPE '\\'", p.sqlLike())
        : concat(col.params(), col.sql() + " GLOB ?", p.glob());
  }

  private static Frag concat(List<Object> first, String sql, Object... more) {
    List<Object> params = new ArrayList<>(first);
    params.addAll(List.of(more));
    return new Frag(sql, params);
  }

  /** The SQL value of a property in this view. */
  private Frag column(String property) {
    boolean pub = view.visibility() == Visibility.PUBLIC;
    return switch (property) {
      case "id", "category", "status", "source", "synthetic", "version" -> Frag.of(property);
      case "reportedAt" -> Frag.of("reported_at");
      case "occurredOn" -> Frag.of("occurred_on");
      case "timeOfDay" -> Frag.of("time_of_day");
      case "descriptionPublic" -> Frag.of("description_public");
      case "externalId" -> Frag.of("external_id");
      case "updatedAt" -> Frag.of("updated_at");
      case "voivodeship", "county", "municipality" -> Frag.of("teryt_" + property);
      case "description" -> pub ? Frag.of("(CASE WHEN description_public = ? THEN description END)", true)
          : Frag.of("description");
      case "pastDeadline" -> Frag.of("(status = ? AND reported_at < ?)", "new", value(now.minus(Report.TAKE_UP_DEADLINE)));
      case "group" -> group();
      default -> throw new IllegalArgumentException("no column for " + property);
    };
  }

  private Frag group() {
    StringBuilder sql = new StringBuilder("(CASE category");
    List<Object> params = new ArrayList<>();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(view.groupOf()).entrySet()) {
      sql.append(" WHEN ? THEN ?");
      params.add(e.getKey());
      params.add(e.getValue());
    }
    return new Frag(sql.append(" END)").toString(), params);
  }

  /** "The report's category is generalised" (or, for {@code !positive}, is not). */
  private Frag generalised(boolean positive) {
    List<Object> codes = new ArrayList<>(new TreeSet<>(view.generalised().keySet()));
    String sql = "category " + (positive ? "IN" : "NOT IN") + " (" + "?, ".repeat(codes.size() - 1) + "?)";
    return new Frag(sql, codes);
  }

  private Frag spatial(Expr.Spatial s, boolean upper) {
    Frag atExact = spatialExact(s, upper);
    if (!generalisedPublic) {
      return atExact;
    }
    exact = false;
    if (!upper) {
      return and(List.of(generalised(false), atExact));
    }
    // A cell centre lies within half a cell of the true spot: widen by a whole cell of the largest grid.
    int metres = view.generalised().values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    double slackLon = LocationGeneraliser.cellWidthDegrees(metres) + 1e-6;
    double slackLat = LocationGeneraliser.cellHeightDegrees(metres) + 1e-6;
    Frag near = switch (s.op()) {
      case DISJOINT, BEYOND -> Frag.TRUE;
      default -> box(GeoDistance.widen(s.lonLat().getEnvelopeInternal(), s.distanceMetres(), slackLon, slackLat));
    };
    return join(List.of(and(List.of(generalised(true), near)), atExact), " OR ");
  }

  /** The spatial test on the stored (exact) position. */
  private Frag spatialExact(Expr.Spatial s, boolean upper) {
    Envelope env = s.lonLat().getEnvelopeInternal();
    switch (s.op()) {
      case BBOX:
        return box(env);
      case DWITHIN:
        exact = false;
        return upper ? box(GeoDistance.widen(env, s.distanceMetres(), 0, 0)) : Frag.FALSE;
      case BEYOND:
        exact = false;
        return upper ? Frag.TRUE : not(box(GeoDistance.widen(env, s.distanceMetres(), 0, 0)));
      default:
        break;
    }
    if (dialect == Dialect.POSTGIS) {
      String fn = switch (s.op()) {
        case INTERSECTS -> "ST_Intersects";
        case DISJOINT -> "ST_Disjoint";
        case WITHIN -> "ST_Within";
        case CONTAINS -> "ST_Contains";
        case EQUALS -> "ST_Equals";
        case TOUCHES -> "ST_Touches";
        case CROSSES -> "ST_Crosses";
        default -> "ST_Overlaps";
      };
      return Frag.of(fn + "(geom, ST_GeomFromWKB(?, 4326))", new WKBWriter().write(s.lonLat()));
    }
    boolean rectangle = s.lonLat().isRectangle();
    if (rectangle && s.op() == Expr.SpatialOp.INTERSECTS) {
      return box(env);
    } else if (rectangle && s.op() == Expr.SpatialOp.DISJOINT) {
      return not(box(env));
    }
    // SQLite has no geometry functions: every point the geometry touches lies in its envelope.
    exact = false;
    if (s.op() == Expr.SpatialOp.DISJOINT) {
      return upper ? Frag.TRUE : not(box(env));
    }
    return upper ? box(env) : Frag.FALSE;
  }

  /** Exactly the positions inside the envelope, edges included. */
  private Frag box(Envelope e) {
    if (dialect == Dialect.POSTGIS) {
      // && narrows by the GiST index (float boxes, rounded outwards); ST_X/ST_Y decide on the doubles.
      return Frag.of("(geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_X(geom) BETWEEN ? AND ? AND ST_Y(geom) BETWEEN ? AND ?)",
          e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY());
    }
    // The R*Tree narrows (32-bit floats rounded outwards); lon/lat decide on the doubles.
    return Frag.of("(id IN (SELECT id FROM report_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)"
        + " AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?)", e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY(),
        e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY());
  }

  private static Frag not(Frag f) {
    return new Frag("NOT (" + f.sql() + ")", f.params());
  }

  private static Frag and(List<Frag> parts) {
    return join(parts, " AND ");
  }

  private static Frag join(List<Frag> parts, String op) {
    if (parts.isEmpty()) {
      return op.equals(" AND ") ? Frag.TRUE : Frag.FALSE;
    } else if (parts.size() == 1) {
      return parts.get(0);
    } else if (parts.size() > MAX_TERMS) {
      // A balanced tree of groups: depth grows with the logarithm of the length, not the length.
      int half = parts.size() / 2;
      return join(List.of(join(parts.subList(0, half), op), join(parts.subList(half, parts.size()), op)), op);
    }
    StringBuilder sql = new StringBuilder("(");
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      sql.append(i == 0 ? "" : op).append(parts.get(i).sql());
      params.addAll(parts.get(i).params());
    }
    return new Frag(sql.append(')').toString(), params);
  }

  private Frag in(String column, List<?> values) {
    List<Object> params = new ArrayList<>();
    values.forEach(v -> params.add(value(v)));
    return new Frag(column + " IN (" + "?, ".repeat(values.size() - 1) + "?)", params);
  }

  /** A literal as this dialect binds it. */
  private Object value(Object v) {
    if (v instanceof Instant i) {
      return dialect == Dialect.POSTGIS ? i.atOffset(ZoneOffset.UTC) : (Object) i.toEpochMilli();
    } else if (v instanceof LocalDate d) {
      return dialect == Dialect.POSTGIS ? d : d.toString();
    }
    return v;
  }
}
