package pl.kmzb.cql2;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.Queryables;

/**
 * CQL2 JSON (OGC 21-065, the cql2.json schema) into the filter AST, with the same meaning as the
 * text encoding ({@link Cql2Builder}): {@code {"op": "and", "args": [...]}}, {@code {"property": "x"}},
 * GeoJSON geometries and {@code {"bbox": [...]}}, {@code {"date": ...}}, {@code {"timestamp": ...}},
 * {@code {"interval": [..]}}, {@code {"op": "casei", ...}}. Errors name the path of the offending
 * element ({@code args[1].args[0]}).
 *
 * <p>Bounded like the text parser: at most {@link Cql2TextParser#MAX_LENGTH} characters, and Jackson
 * refuses nesting deeper than twice {@link Cql2TextParser#MAX_DEPTH} (an operation is an object
 * holding an array) before this walks it.
 */
public final class Cql2JsonParser {
  private static final GeometryFactory GF = new GeometryFactory();
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(2 * Cql2TextParser.MAX_DEPTH + 8)
          .maxStringLength(Cql2TextParser.MAX_LENGTH)
          .maxNumberLength(64)
          .build())
      .build());
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=");

  private final FilterCrs crs;

  private Cql2JsonParser(FilterCrs crs) {
    this.crs = crs;
  }

  /**
   * The filter as a checked expression of the view.
   *
   * @param crs the filter-crs its geometry literals are written in
   * @throws FilterException (a {@link Cql2Exception} for syntax) with the path
   */
  public static Expr parse(String json, Queryables view, FilterCrs crs) {
    if (json.length() > Cql2TextParser.MAX_LENGTH) {
      throw new Cql2Exception("the filter is " + json.length() + " characters long; at most "
          + Cql2TextParser.MAX_LENGTH + " are read");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new Cql2Exception("CQL2 JSON cannot be read" + at + ": " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) {
      throw new Cql2Exception("CQL2 JSON: the filter is empty");
    }
    return view.check(new Cql2JsonParser(crs).booleanExpr(root, "filter"), false);
  }

  private Expr booleanExpr(JsonNode n, String path) {
    if (n.isBoolean()) {
      return n.booleanValue() ? Expr.INCLUDE : Expr.EXCLUDE;
    }
    if (!n.isObject() || !n.has("op")) {
      throw error(path, "expected a boolean or an object with \"op\" and \"args\"");
    }
    String op = n.get("op").asText();
    String lower = op.toLowerCase(Locale.ROOT);
    JsonNode args = n.get("args");
    if (args == null || !args.isArray()) {
      throw error(path, "\"" + op + "\" needs an \"args\" array");
    }
    String where = "at " + path;
    switch (lower) {
      case "and", "or" -> {
        if (args.size() < 2) {
          throw error(path, "\"" + op + "\" needs at least two arguments");
        }
        List<Expr> parts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
          parts.add(booleanExpr(args.get(i), path + ".args[" + i + "]"));
        }
        return lower.equals("and") ? new Expr.And(parts) : new Expr.Or(parts);
      }
      case "not" -> {
        arity(args, 1, op, path);
        return new Expr.Not(booleanExpr(args.get(0), path + ".args[0]"));
      }
      case "like" -> {
        arity(args, 2, op, path);
        return Cql2Builder.like(operand(args.get(0), path + ".args[0]"), operand(args.get(1), path + ".args[1]"), where);
      }
      case "between" -> {
        arity(args, 3, op, path);
        return Cql2Builder.between(operand(args.get(0), path + ".args[0]"), operand(args.get(1), path + ".args[1]"),
            operand(args.get(2), path + ".args[2]"), where);
      }
      case "in" -> {
        arity(args, 2, op, path);
        JsonNode list = args.get(1);
        if (!list.isArray() || list.isEmpty()) {
          throw error(path + ".args[1]", "\"in\" needs a non-empty array of values");
        }
        List<Operand> values = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          values.add(operand(list.get(i), path + ".args[1][" + i + "]"));
        }
        return Cql2Builder.in(operand(args.get(0), path + ".args[0]"), values, where);
      }
      case "isnull" -> {
        arity(args, 1, op, path);
        return Cql2Builder.isNull(operand(args.get(0), path + ".args[0]"), where);
      }
      default -> {
        if (COMPARISONS.contains(op)) {
          arity(args, 2, op, path);
          return Cql2Builder.compare(op, operand(args.get(0), path + ".args[0]"), operand(args.get(1), path + ".args[1]"),
              where);
        } else if (Cql2Builder.SPATIAL.containsKey(lower)) {
          arity(args, 2, op, path);
          return Cql2Builder.spatial(lower, operand(args.get(0), path + ".args[0]"), operand(args.get(1), path + ".args[1]"),
              where);
        } else if (Cql2Builder.TEMPORAL.containsKey(lower)) {
          arity(args, 2, op, path);
          return Cql2Builder.temporal(lower, operand(args.get(0), path + ".args[0]"),
              operand(args.get(1), path + ".args[1]"), where);
        }
        throw error(path, "unknown or unsupported operator \"" + op + "\"");
      }
    }
  }

  private static void arity(JsonNode args, int n, String op, String path) {
    if (args.size() != n) {
      throw error(path, "\"" + op + "\" takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
    }
  }

  private Operand operand(JsonNode n, String path) {
    if (n.isTextual()) {
      return new Operand.Literal(n.textValue());
    } else if (n.isBoolean()) {
      return new Operand.Literal(n.booleanValue());
    } else if (n.isIntegralNumber() && n.canConvertToLong()) {
      return new Operand.Literal(n.longValue());
    } else if (n.isNumber()) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw error(path, "the number is out of range");
      }
      return new Operand.Literal(d);
    } else if (!n.isObject()) {
      throw error(path, "expected a property, a literal or a geometry");
    }
    if (n.has("property")) {
      return new Operand.Property(n.get("property").asText());
    } else if (n.has("date")) {
      return new Operand.Literal(date(n.get("date"), path + ".date"));
    } else if (n.has("timestamp")) {
      return new Operand.Literal(timestamp(n.get("timestamp"), path + ".timestamp"));
    } else if (n.has("interval")) {
      JsonNode i = n.get("interval");
      if (!i.isArray() || i.size() != 2) {
        throw error(path + ".interval", "an interval is an array of two bounds");
      }
      Object start = bound(i.get(0), path + ".interval[0]");
      Object end = bound(i.get(1), path + ".interval[1]");
      if (start != null && end != null && start.getClass() == end.getClass()
          && ((Comparable<Object>) start).compareTo(end) > 0) {
        throw error(path + ".interval", "the interval ends before it starts");
      }
      return new Operand.Interval(start, end);
    } else if (n.has("bbox")) {
      return new Operand.Geom(lonLat(bbox(n.get("bbox"), path + ".bbox"), path));
    } else if (n.has("type")) {
      return new Operand.Geom(lonLat(geometry(n, path, 0), path));
    } else if (n.has("op")) {
      String op = n.get("op").asText().toLowerCase(Locale.ROOT);
      JsonNode args = n.get("args");
      if (op.equals("casei") && args != null && args.isArray() && args.size() == 1) {
        return new Operand.CaseI(operand(args.get(0), path + ".args[0]"));
      }
      throw error(path, "\"" + n.get("op").asText() + "\" is not supported as a value (no functions or arithmetic)");
    }
    throw error(path, "expected a property, a literal or a geometry");
  }

  private Geometry lonLat(Geometry g, String path) {
    try {
      return crs.toLonLat(g);
    } catch (FilterException e) {
      throw error(path, e.getMessage());
    }
  }

  private Object bound(JsonNode n, String path) {
    if (n.isTextual()) {
      String s = n.textValue();
      return s.equals("..") ? null : s.length() == 10 ? date(n, path) : timestamp(n, path);
    } else if (n.isObject() && n.has("date")) {
      return date(n.get("date"), path + ".date");
    } else if (n.isObject() && n.has("timestamp")) {
      return timestamp(n.get("timestamp"), path + ".timestamp");
    }
    throw error(path, "expected a date, a timestamp or \"..\"");
  }

  private static LocalDate date(JsonNode n, String path) {
    try {
      return LocalDate.parse(n.asText());
    } catch (DateTimeException e) {
      throw error(path, "'" + n.asText() + "' is not a date (YYYY-MM-DD)");
    }
  }

  private static Instant timestamp(JsonNode n, String path) {
    try {
      return OffsetDateTime.parse(n.asText().toUpperCase(Locale.ROOT)).toInstant();
    } catch (DateTimeException e) {
      throw error(path, "'" + n.asText() + "' is not a timestamp with a time zone (RFC 3339)");
    }
  }

  private static Geometry bbox(JsonNode n, String path) {
    if (!n.isArray() || n.size() != 4 && n.size() != 6) {
      throw error(path, "a bbox is an array of 4 (or 6) numbers");
    }
    int k = n.size() / 2;
    double x1 = number(n.get(0), path);
    double y1 = number(n.get(1), path);
    double x2 = number(n.get(k), path);
    double y2 = number(n.get(k + 1), path);
    if (x1 > x2 || y1 > y2) {
      throw error(path, "a bbox is minimum x, minimum y, maximum x, maximum y");
    }
    return GF.toGeometry(new org.locationtech.jts.geom.Envelope(x1, x2, y1, y2));
  }

  private static Geometry geometry(JsonNode n, String path, int depth) {
    if (depth > 4) {
      throw error(path, "geometry collections are nested too deeply");
    }
    String type = n.path("type").asText();
    if (type.equals("GeometryCollection")) {
      JsonNode gs = n.path("geometries");
      if (!gs.isArray() || gs.isEmpty()) {
        throw error(path, "a GeometryCollection needs a non-empty \"geometries\" array");
      }
      Geometry[] parts = new Geometry[gs.size()];
      for (int i = 0; i < gs.size(); i++) {
        parts[i] = geometry(gs.get(i), path + ".geometries[" + i + "]", depth + 1);
      }
      return GF.createGeometryCollection(parts);
    }
    JsonNode c = n.path("coordinates");
    String at = path + ".coordinates";
    return switch (type) {
      case "Point" -> GF.createPoint(coordinate(c, at));
      case "LineString" -> GF.createLineString(coordinates(c, at));
      case "Polygon" -> polygon(c, at);
      case "MultiPoint" -> {
        Coordinate[] cs = coordinates(c, at);
        Point[] ps = new Point[cs.length];
        for (int i = 0; i < cs.length; i++) {
          ps[i] = GF.createPoint(cs[i]);
        }
        yield GF.createMultiPoint(ps);
      }
      case "MultiLineString" -> {
        LineString[] ls = new LineString[array(c, at).size()];
        for (int i = 0; i < ls.length; i++) {
          ls[i] = GF.createLineString(coordinates(c.get(i), at + "[" + i + "]"));
        }
        yield GF.createMultiLineString(ls);
      }
      case "MultiPolygon" -> {
        Polygon[] ps = new Polygon[array(c, at).size()];
        for (int i = 0; i < ps.length; i++) {
          ps[i] = polygon(c.get(i), at + "[" + i + "]");
        }
        yield GF.createMultiPolygon(ps);
      }
      default -> throw error(path, "unknown geometry type \"" + type + "\"");
    };
  }

  private static Polygon polygon(JsonNode c, String path) {
    JsonNode rings = array(c, path);
    LinearRing[] out = new LinearRing[rings.size()];
    for (int i = 0; i < out.length; i++) {
      Coordinate[] cs = coordinates(rings.get(i), path + "[" + i + "]");
      if (cs.length < 4 || !cs[0].equals2D(cs[cs.length - 1])) {
        throw error(path + "[" + i + "]", "a polygon ring needs at least four positions and must end where it starts");
      }
      out[i] = GF.createLinearRing(cs);
    }
    return GF.createPolygon(out[0], java.util.Arrays.copyOfRange(out, 1, out.length));
  }

  private static JsonNode array(JsonNode c, String path) {
    if (!c.isArray() || c.isEmpty()) {
      throw error(path, "expected a non-empty array");
    }
    return c;
  }

  private static Coordinate[] coordinates(JsonNode c, String path) {
    JsonNode a = array(c, path);
    Coordinate[] out = new Coordinate[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = coordinate(a.get(i), path + "[" + i + "]");
    }
    return out;
  }

  private static Coordinate coordinate(JsonNode c, String path) {
    if (!c.isArray() || c.size() != 2) {
      throw error(path, "a position is an array of two numbers (only two-dimensional coordinates are supported)");
    }
    return new Coordinate(number(c.get(0), path), number(c.get(1), path));
  }

  private static double number(JsonNode n, String path) {
    if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
      throw error(path, "expected a number");
    }
    return n.doubleValue();
  }

  private static Cql2Exception error(String path, String message) {
    return new Cql2Exception("CQL2 JSON at " + path + ": " + message);
  }
}
