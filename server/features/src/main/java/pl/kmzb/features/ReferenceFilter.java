package pl.kmzb.features;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.DistanceOp;
import pl.kmzb.encode.ReferenceFeature;
import pl.kmzb.encode.ReferenceSchema;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.GeoDistance;
import pl.kmzb.filter.LikePattern;

/**
 * The one filter AST ({@link Expr}) evaluated in memory on reference features, three-valued as the
 * stores evaluate it for reports (a comparison with a missing value is unknown; a feature matches
 * only when the whole expression is true). Spatial operators relate the feature's geometry (a point
 * or an area) to the literal: BBOX and INTERSECTS when they share a point, WITHIN when the feature
 * lies inside the literal, DWITHIN/BEYOND by the geodesic distance of the nearest points.
 */
final class ReferenceFilter implements Predicate<ReferenceFeature> {
  private interface Node {
    Boolean eval(ReferenceFeature f);
  }

  private final Node root;

  private ReferenceFilter(Node root) {
    this.root = root;
  }

  /** The filter of {@code e}, already checked against {@code schema.queryables()}. */
  static ReferenceFilter compile(Expr e, ReferenceSchema schema) {
    return new ReferenceFilter(new Compiler(schema).node(e));
  }

  @Override
  public boolean test(ReferenceFeature f) {
    return Boolean.TRUE.equals(root.eval(f));
  }

  private record Compiler(ReferenceSchema schema) {
    Node node(Expr e) {
      if (e instanceof Expr.Include) {
        return f -> Boolean.TRUE;
      } else if (e instanceof Expr.Exclude) {
        return f -> Boolean.FALSE;
      } else if (e instanceof Expr.And a) {
        List<Node> parts = nodes(a.parts());
        return f -> {
          Boolean out = Boolean.TRUE;
          for (Node n : parts) {
            Boolean b = n.eval(f);
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
        return f -> {
          Boolean out = Boolean.FALSE;
          for (Node n : parts) {
            Boolean b = n.eval(f);
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
        return f -> {
          Boolean b = part.eval(f);
          return b == null ? null : !b;
        };
      } else if (e instanceof Expr.Compare c) {
        Function<ReferenceFeature, Object> value = value(c.property());
        return f -> {
          Object v = value.apply(f);
          return v == null ? null : holds(c.op(), Expr.compareLiterals(v, c.literal()));
        };
      } else if (e instanceof Expr.Like l) {
        Function<ReferenceFeature, Object> value = value(l.property());
        Pattern p = LikePattern.of(l).regex(l.caseInsensitive());
        return f -> {
          Object v = value.apply(f);
          return v == null ? null : p.matcher(v.toString()).matches();
        };
      } else if (e instanceof Expr.IsNull n) {
        Function<ReferenceFeature, Object> value = value(n.property());
        return f -> value.apply(f) == null;
      } else if (e instanceof Expr.Between b) {
        Function<ReferenceFeature, Object> value = value(b.property());
        return f -> {
          Object v = value.apply(f);
          return v == null ? null : Expr.compareLiterals(v, b.lower()) >= 0 && Expr.compareLiterals(v, b.upper()) <= 0;
        };
      } else if (e instanceof Expr.In in) {
        Function<ReferenceFeature, Object> value = value(in.property());
        return f -> {
          Object v = value.apply(f);
          if (v == null) {
            return null;
          }
          for (Object x : in.values()) {
            if (Expr.compareLiterals(v, x) == 0) {
              return Boolean.TRUE;
            }
          }
          return Boolean.FALSE;
        };
      } else if (e instanceof Expr.ResourceId r) {
        // FES resource ids arrive as numbers (the part after the last dot): TERYT codes lose their
        // leading zeros there, so compare as numbers; non-numeric unit codes cannot be named this way.
        Set<Long> ids = new HashSet<>(r.ids());
        return f -> ids.contains(number(f.id()));
      } else if (e instanceof Expr.Temporal) {
        throw new FilterException(e.toString(), "reference features have no time to compare");
      } else if (e instanceof Expr.Spatial s) {
        return spatial(s);
      }
      throw new IllegalArgumentException("unknown expression " + e);
    }

    private List<Node> nodes(List<Expr> parts) {
      List<Node> out = new ArrayList<>(parts.size());
      parts.forEach(p -> out.add(node(p)));
      return out;
    }

    private Function<ReferenceFeature, Object> value(String property) {
      int i = schema.indexOf(property);
      if (i < 0) {
        throw new FilterException(property, "'" + property + "' has no value to compare");
      }
      return f -> f.value(i);
    }

    private static Boolean holds(Expr.CompareOp op, int cmp) {
      return switch (op) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }

    private static Node spatial(Expr.Spatial s) {
      Geometry literal = s.lonLat();
      PreparedGeometry prepared = PreparedGeometryFactory.prepare(literal);
      return switch (s.op()) {
        case BBOX -> f -> prepared.intersects(f.lonLat());
        case INTERSECTS -> f -> prepared.intersects(f.lonLat());
        case DISJOINT -> f -> !prepared.intersects(f.lonLat());
        case WITHIN -> f -> prepared.contains(f.lonLat());
        case CONTAINS -> f -> f.lonLat().contains(literal);
        case EQUALS -> f -> f.lonLat().equalsTopo(literal);
        case TOUCHES -> f -> prepared.touches(f.lonLat());
        case CROSSES -> f -> f.lonLat().crosses(literal);
        case OVERLAPS -> f -> f.lonLat().overlaps(literal);
        case DWITHIN -> f -> metres(f.lonLat(), literal, prepared) <= s.distanceMetres();
        case BEYOND -> f -> metres(f.lonLat(), literal, prepared) > s.distanceMetres();
      };
    }

    /** Metres between the feature and the literal: 0 when they meet, else from the feature's nearest point. */
    private static double metres(Geometry feature, Geometry literal, PreparedGeometry prepared) {
      if (prepared.intersects(feature)) {
        return 0;
      }
      Coordinate nearest = DistanceOp.nearestPoints(feature, literal)[0];
      return GeoDistance.metres(nearest.x, nearest.y, literal, prepared);
    }
  }

  private static Long number(String id) {
    if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(id);
  }
}
