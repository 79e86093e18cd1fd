package pl.kmzb.filter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import pl.kmzb.report.Report;
import pl.kmzb.visibility.PublicReport;

/**
 * An {@link Expr} evaluated in memory, with SQL's three-valued logic (a comparison with a missing
 * value is unknown; NOT unknown is unknown; only a true result matches), so it agrees with the
 * stores row for row. The police view judges the stored report; the public view judges what
 * {@code VisibilityPolicy.show} makes of it: the public position, the areas of that position and
 * the published description, so no filter can tell more than the public map shows.
 */
public final class ExprPredicate implements Predicate<Report> {
  static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  /** A compiled node: TRUE, FALSE or null (unknown). */
  private interface Node {
    Boolean eval(Row row);
  }

  /** The values of one report as the view sees them. */
  private record Row(Report report, PublicReport shown, Instant now) {
    double lon() {
      return shown != null ? shown.location().lon() : report.location().lon();
    }

    double lat() {
      return shown != null ? shown.location().lat() : report.location().lat();
    }
  }

  private final Queryables view;
  private final Node root;
  private final Instant now;

  private ExprPredicate(Queryables view, Node root, Instant now) {
    this.view = view;
    this.root = root;
    this.now = now;
  }

  /**
   * The predicate of a checked expression in a view.
   *
   * @param now the instant {@code pastDeadline} is judged at (the same one the SQL gets)
   */
  public static ExprPredicate compile(Expr e, Queryables view, Instant now) {
    return new ExprPredicate(view, new Compiler(view).node(e), now);
  }

  /** True if the report is in the view's selection (public: what the public sees) and matches. */
  @Override
  public boolean test(Report r) {
    if (r.deleted()) {
      return false;
    }
    PublicReport shown = null;
    if (view.visibility() == Visibility.PUBLIC) {
      shown = view.policy().show(r);
      if (shown == null) {
        return false;
      }
    }
    return Boolean.TRUE.equals(root.eval(new Row(r, shown, now)));
  }

  private static Boolean not(Boolean b) {
    return b == null ? null : !b;
  }

  private static final class Compiler {
    private final Queryables view;

    Compiler(Queryables view) {
      this.view = view;
    }

    Node node(Expr e) {
      if (e instanceof Expr.Include) {
        return row -> Boolean.TRUE;
      } else if (e instanceof Expr.Exclude) {
        return row -> Boolean.FALSE;
      } else if (e instanceof Expr.And a) {
        List<Node> parts = nodes(a.parts());
        return row -> {
          Boolean out = Boolean.TRUE;
          for (Node n : parts) {
            Boolean b = n.eval(row);
            if (Boolean.FALSE.equals(b)) {
              return Boolean.FALSE;
            } else if (b == null) {
              out = null;
            }
          }
          return out;
        };
      } else if (e instanceof Expr.Or o) {
        List<Node> parts = nodes(o.parts());
        return row -> {
          Boolean out = Boolean.FALSE;
          for (Node n : parts) {
            Boolean b = n.eval(row);
            if (Boolean.TRUE.equals(b)) {
              return Boolean.TRUE;
            } else if (b == null) {
              out = null;
            }
          }
          return out;
        };
      } else if (e instanceof Expr.Not n) {
        Node part = node(n.part());
        return row -> not(part.eval(row));
      } else if (e instanceof Expr.Compare c) {
        Function<Row, Object> value = value(c.property());
        Object literal = c.literal();
        Expr.CompareOp op = c.op();
        return row -> {
          Object v = value.apply(row);
          return v == null ? null : holds(op, Expr.compareLiterals(v, literal));
        };
      } else if (e instanceof Expr.Like l) {
        Function<Row, Object> value = value(l.property());
        Pattern p = LikePattern.of(l).regex(l.caseInsensitive());
        return row -> {
          Object v = value.apply(row);
          return v == null ? null : p.matcher((String) v).matches();
        };
      } else if (e instanceof Expr.IsNull n) {
        Function<Row, Object> value = value(n.property());
        return row -> value.apply(row) == null;
      } else if (e instanceof Expr.Between b) {
        Function<Row, Object> value = value(b.property());
        return row -> {
          Object v = value.apply(row);
          return v == null ? null : Expr.compareLiterals(v, b.lower()) >= 0 && Expr.compareLiterals(v, b.upper()) <= 0;
        };
      } else if (e instanceof Expr.In in) {
        Function<Row, Object> value = value(in.property());
        List<Object> values = in.values();
        if (values.stream().allMatch(x -> x instanceof Long) || values.stream().noneMatch(x -> x instanceof Number)) {
          // One kind of value, equal exactly when equals() says so: a hash lookup, not a scan.
          Set<Object> set = new HashSet<>(values);
          return row -> {
            Object v = value.apply(row);
            return v == null ? null : set.contains(v);
          };
        }
        return row -> {
          Object v = value.apply(row);
          if (v == null) {
            return null;
          }
          for (Object x : values) {
            if (Expr.compareLiterals(v, x) == 0) {
              return Boolean.TRUE;
            }
          }
          return Boolean.FALSE;
        };
      } else if (e instanceof Expr.ResourceId r) {
        Set<Long> ids = new HashSet<>(r.ids());
        return row -> ids.contains(row.report().id());
      } else if (e instanceof Expr.Temporal t) {
        return node(t.asComparisons());
      } else if (e instanceof Expr.Spatial s) {
        return spatial(s);
      }
      throw new IllegalArgumentException("unknown expression " + e);
    }

    private List<Node> nodes(List<Expr> parts) {
      List<Node> out = new ArrayList<>(parts.size());
      for (Expr p : parts) {
        out.add(node(p));
      }
      return out;
    }

    private static boolean holds(Expr.CompareOp op, int cmp) {
      return switch (op) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }

    private Node spatial(Expr.Spatial s) {
      Geometry g = s.lonLat();
      PreparedGeometry prepared = PreparedGeometryFactory.prepare(g);
      Envelope env = g.getEnvelopeInternal();
      return switch (s.op()) {
        case BBOX -> row -> env.intersects(new Coordinate(row.lon(), row.lat()));
        case INTERSECTS -> row -> prepared.intersects(point(row));
        case DISJOINT -> row -> !prepared.intersects(point(row));
        case WITHIN -> row -> prepared.contains(point(row));
        case CONTAINS -> row -> point(row).contains(g);
        case EQUALS -> row -> point(row).equalsTopo(g);
        case TOUCHES -> row -> prepared.touches(point(row));
        case CROSSES -> row -> point(row).crosses(g);
        case OVERLAPS -> row -> point(row).overlaps(g);
        case DWITHIN -> row -> GeoDistance.metres(row.lon(), row.lat(), g, prepared) <= s.distanceMetres();
        case BEYOND -> row -> GeoDistance.metres(row.lon(), row.lat(), g, prepared) > s.distanceMetres();
      };
    }

    private static Point point(Row row) {
      return GEOMETRY.createPoint(new Coordinate(row.lon(), row.lat()));
    }

    /** How the view reads a property off a row. */
    private Function<Row, Object> value(String property) {
      view.property(property);
      boolean pub = view.visibility() == Visibility.PUBLIC;
      return switch (property) {
        case "id" -> row -> row.report().id();
        case "category" -> row -> row.report().category();
        case "group" -> row -> view.groupOf().get(row.report().category());
        case "status" -> row -> row.report().status().code();
        case "reportedAt" -> row -> row.report().reportedAt();
        case "occurredOn" -> row -> row.report().occurredOn();
        case "timeOfDay" -> row -> row.report().timeOfDay() == null ? null : row.report().timeOfDay().code();
        case "description" -> pub ? row -> row.shown().description() : row -> row.report().description();
        case "voivodeship" -> pub ? row -> row.shown().areas().voivodeship() : row -> row.report().teryt().voivodeship();
        case "county" -> pub ? row -> row.shown().areas().county() : row -> row.report().teryt().county();
        case "municipality" -> pub ? row -> row.shown().areas().municipality() : row -> row.report().teryt().municipality();
        case "source" -> row -> row.report().source().code();
        case "descriptionPublic" -> row -> row.report().descriptionPublic();
        case "externalId" -> row -> row.report().externalId();
        case "synthetic" -> row -> row.report().synthetic();
        case "pastDeadline" -> row -> row.report().isPastDeadline(row.now());
        case "updatedAt" -> row -> row.report().updatedAt();
        case "version" -> row -> row.report().version();
        default -> throw new FilterException(property, "'" + property + "' has no value to compare");
      };
    }
  }
}
