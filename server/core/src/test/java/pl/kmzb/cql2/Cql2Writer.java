package pl.kmzb.cql2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.LikePattern;

/**
 * Test-only: an expression written as CQL2 text and JSON, in randomly varied spellings (keyword
 * case, quoted names, operand order), so the parsers can be checked against the AST they must give
 * back. DWITHIN and BEYOND have no CQL2 form and are written as TRUE.
 */
final class Cql2Writer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final SplittableRandom rnd;

  Cql2Writer(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  private String kw(String k) {
    int c = rnd.nextInt(3);
    return c == 0 ? k.toLowerCase(Locale.ROOT) : c == 1 ? k : k.charAt(0) + k.substring(1).toLowerCase(Locale.ROOT);
  }

  private String name(String p) {
    return rnd.nextInt(4) == 0 ? "\"" + p + "\"" : p;
  }

  String text(Expr e) {
    if (e instanceof Expr.Include) {
      return kw("TRUE");
    } else if (e instanceof Expr.Exclude) {
      return kw("FALSE");
    } else if (e instanceof Expr.And a) {
      return join(a.parts(), " " + kw("AND") + " ");
    } else if (e instanceof Expr.Or o) {
      return join(o.parts(), " " + kw("OR") + " ");
    } else if (e instanceof Expr.Not n) {
      return kw("NOT") + " (" + text(n.part()) + ")";
    } else if (e instanceof Expr.Compare c) {
      if (rnd.nextBoolean()) {
        String flipped = switch (c.op()) {
          case LT -> ">";
          case LE -> ">=";
          case GT -> "<";
          case GE -> "<=";
          default -> c.op().sql();
        };
        return literal(c.literal()) + " " + flipped + " " + name(c.property());
      }
      return name(c.property()) + " " + c.op().sql() + " " + literal(c.literal());
    } else if (e instanceof Expr.Like l) {
      String pattern = literal(LikePattern.of(l).sqlLike());
      return l.caseInsensitive() ? kw("CASEI") + "(" + name(l.property()) + ") " + kw("LIKE") + " " + kw("CASEI") + "("
          + pattern + ")" : name(l.property()) + " " + kw("LIKE") + " " + pattern;
    } else if (e instanceof Expr.IsNull n) {
      return name(n.property()) + " " + kw("IS") + " " + kw("NULL");
    } else if (e instanceof Expr.Between b) {
      return name(b.property()) + " " + kw("BETWEEN") + " " + literal(b.lower()) + " " + kw("AND") + " " + literal(b.upper());
    } else if (e instanceof Expr.In in) {
      return name(in.property()) + " " + kw("IN") + " (" + String.join(", ", in.values().stream().map(this::literal).toList())
          + ")";
    } else if (e instanceof Expr.ResourceId r) {
      return r.ids().isEmpty() ? kw("FALSE") : "id " + kw("IN") + " (" + String.join(", ",
          r.ids().stream().sorted().map(String::valueOf).toList()) + ")";
    } else if (e instanceof Expr.Temporal t) {
      String arg = t.start() != null && t.start().equals(t.end()) && rnd.nextBoolean() ? literal(t.start())
          : kw("INTERVAL") + "(" + bound(t.start()) + ", " + bound(t.end()) + ")";
      return kw(temporalName(t.op())) + "(" + name(t.property()) + ", " + arg + ")";
    }
    Expr.Spatial s = (Expr.Spatial) e;
    if (s.op() == Expr.SpatialOp.DWITHIN || s.op() == Expr.SpatialOp.BEYOND) {
      return kw("TRUE");
    }
    String g = s.op() == Expr.SpatialOp.BBOX ? bbox(s.lonLat().getEnvelopeInternal()) : wkt(s.lonLat());
    String fn = s.op() == Expr.SpatialOp.BBOX ? "S_INTERSECTS" : "S_" + s.op().name();
    if (rnd.nextBoolean()) {
      // The converse: S_WITHIN(literal, property) is S_CONTAINS(property, literal).
      String conv = fn.equals("S_WITHIN") ? "S_CONTAINS" : fn.equals("S_CONTAINS") ? "S_WITHIN" : fn;
      return kw(conv) + "(" + g + ", " + name("geometry") + ")";
    }
    return kw(fn) + "(" + name("geometry") + ", " + g + ")";
  }

  static String temporalName(Expr.TemporalOp op) {
    return switch (op) {
      case TEQUALS -> "T_EQUALS";
      default -> "T_" + op.name();
    };
  }

  private String join(List<Expr> parts, String op) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < parts.size(); i++) {
      sb.append(i == 0 ? "" : op).append(text(parts.get(i)));
    }
    return sb.append(')').toString();
  }

  private String bound(Object v) {
    return v == null ? "'..'" : "'" + v + "'";
  }

  /** A string CQL2 text cannot spell: a backslash before a closing quote reads as an escaped quote. */
  static final class Unwritable extends RuntimeException {
    Unwritable() {
      super(null, null, false, false);
    }
  }

  private String literal(Object v) {
    if (v instanceof String s) {
      if (s.endsWith("\\") || s.contains("\\'")) {
        throw new Unwritable();
      }
      return "'" + s.replace("'", "''") + "'";
    } else if (v instanceof Boolean b) {
      return kw(b ? "TRUE" : "FALSE");
    } else if (v instanceof Instant i) {
      return kw("TIMESTAMP") + "('" + i + "')";
    } else if (v instanceof LocalDate d) {
      return kw("DATE") + "('" + d + "')";
    }
    return String.valueOf(v);
  }

  private String bbox(Envelope e) {
    return kw("BBOX") + "(" + e.getMinX() + ", " + e.getMinY() + ", " + e.getMaxX() + ", " + e.getMaxY() + ")";
  }

  private String wkt(Geometry g) {
    if (g instanceof Point p) {
      return kw("POINT") + "(" + xy(p.getCoordinate()) + ")";
    } else if (g instanceof LineString l) {
      return kw("LINESTRING") + coords(l.getCoordinates());
    } else if (g instanceof Polygon p) {
      return kw("POLYGON") + "(" + coords(p.getExteriorRing().getCoordinates()) + ")";
    } else if (g instanceof MultiPoint m) {
      StringBuilder sb = new StringBuilder(kw("MULTIPOINT")).append('(');
      for (int i = 0; i < m.getNumGeometries(); i++) {
        String c = xy(m.getGeometryN(i).getCoordinate());
        sb.append(i == 0 ? "" : ", ").append(rnd.nextBoolean() ? "(" + c + ")" : c);
      }
      return sb.append(')').toString();
    }
    throw new IllegalArgumentException(g.getGeometryType());
  }

  private static String coords(Coordinate[] cs) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < cs.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(xy(cs[i]));
    }
    return sb.append(')').toString();
  }

  private static String xy(Coordinate c) {
    return c.x + " " + c.y;
  }

  // --- JSON ---

  ObjectNode op(String op, Object... args) {
    ObjectNode n = F.objectNode().put("op", op);
    ArrayNode a = n.putArray("args");
    for (Object x : args) {
      a.add(x instanceof com.fasterxml.jackson.databind.JsonNode j ? j : literalJson(x));
    }
    return n;
  }

  com.fasterxml.jackson.databind.JsonNode json(Expr e) {
    if (e instanceof Expr.Include) {
      return F.booleanNode(true);
    } else if (e instanceof Expr.Exclude) {
      return F.booleanNode(false);
    } else if (e instanceof Expr.And a) {
      return op("and", a.parts().stream().map(this::json).toArray());
    } else if (e instanceof Expr.Or o) {
      return op("or", o.parts().stream().map(this::json).toArray());
    } else if (e instanceof Expr.Not n) {
      return op("not", json(n.part()));
    } else if (e instanceof Expr.Compare c) {
      return op(c.op().sql(), prop(c.property()), literalJson(c.literal()));
    } else if (e instanceof Expr.Like l) {
      String pattern = LikePattern.of(l).sqlLike();
      return l.caseInsensitive() ? op("like", op("casei", prop(l.property())), op("casei", pattern))
          : op("like", prop(l.property()), pattern);
    } else if (e instanceof Expr.IsNull n) {
      return op("isNull", prop(n.property()));
    } else if (e instanceof Expr.Between b) {
      return op("between", prop(b.property()), literalJson(b.lower()), literalJson(b.upper()));
    } else if (e instanceof Expr.In in) {
      ArrayNode values = F.arrayNode();
      in.values().forEach(v -> values.add(literalJson(v)));
      return op("in", prop(in.property()), values);
    } else if (e instanceof Expr.ResourceId r) {
      if (r.ids().isEmpty()) {
        return F.booleanNode(false);
      }
      ArrayNode values = F.arrayNode();
      r.ids().stream().sorted().forEach(values::add);
      return op("in", prop("id"), values);
    } else if (e instanceof Expr.Temporal t) {
      ObjectNode interval = F.objectNode();
      ArrayNode bounds = interval.putArray("interval");
      bounds.add(t.start() == null ? ".." : t.start().toString());
      bounds.add(t.end() == null ? ".." : t.end().toString());
      return op(temporalName(t.op()).toLowerCase(Locale.ROOT), prop(t.property()), interval);
    }
    Expr.Spatial s = (Expr.Spatial) e;
    if (s.op() == Expr.SpatialOp.DWITHIN || s.op() == Expr.SpatialOp.BEYOND) {
      return F.booleanNode(true);
    }
    ObjectNode g = F.objectNode();
    if (s.op() == Expr.SpatialOp.BBOX) {
      Envelope env = s.lonLat().getEnvelopeInternal();
      g.putArray("bbox").add(env.getMinX()).add(env.getMinY()).add(env.getMaxX()).add(env.getMaxY());
      return op("s_intersects", prop("geometry"), g);
    }
    Geometry geom = s.lonLat();
    g.put("type", geom.getGeometryType());
    ArrayNode c = g.putArray("coordinates");
    if (geom instanceof Point p) {
      position(c, p.getCoordinate());
    } else if (geom instanceof LineString l) {
      for (Coordinate x : l.getCoordinates()) {
        position(c.addArray(), x);
      }
    } else if (geom instanceof Polygon p) {
      ArrayNode ring = c.addArray();
      for (Coordinate x : p.getExteriorRing().getCoordinates()) {
        position(ring.addArray(), x);
      }
    } else {
      for (Coordinate x : geom.getCoordinates()) {
        position(c.addArray(), x);
      }
    }
    return op("s_" + s.op().name().toLowerCase(Locale.ROOT), prop("geometry"), g);
  }

  private static void position(ArrayNode a, Coordinate c) {
    a.add(c.x).add(c.y);
  }

  private static ObjectNode prop(String name) {
    return F.objectNode().put("property", name);
  }

  private static com.fasterxml.jackson.databind.JsonNode literalJson(Object v) {
    if (v instanceof String s) {
      return F.textNode(s);
    } else if (v instanceof Boolean b) {
      return F.booleanNode(b);
    } else if (v instanceof Long l) {
      return F.numberNode(l);
    } else if (v instanceof Double d) {
      return F.numberNode(d);
    } else if (v instanceof Instant i) {
      return F.objectNode().put("timestamp", i.toString());
    } else if (v instanceof LocalDate d) {
      return F.objectNode().put("date", d.toString());
    }
    throw new IllegalArgumentException(String.valueOf(v));
  }
}
