package pl.kmzb.cql2;

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
 * CQL2 text (OGC 21-065) into the filter AST, by hand-written recursive descent over a small lexer:
 * the grammar is a few dozen productions, an ANTLR grammar would bring a run-time and generated
 * sources for no gain, and errors can name the exact character.
 *
 * <p>Conformance classes read: Basic CQL2 (AND, OR, NOT, comparisons, IS NULL, booleans), Advanced
 * Comparison Operators (LIKE, BETWEEN, IN, with NOT), Case-insensitive Comparison (CASEI), Basic
 * Spatial and Spatial Functions (S_INTERSECTS, S_DISJOINT, S_WITHIN, S_CONTAINS, S_EQUALS,
 * S_TOUCHES, S_CROSSES, S_OVERLAPS with POINT, LINESTRING, POLYGON, MULTI*, GEOMETRYCOLLECTION
 * and BBOX literals), Temporal (DATE, TIMESTAMP, INTERVAL and the T_ functions). Not read:
 * arithmetic, arrays, property-to-property comparisons, ACCENTI, custom functions: each is an error
 * naming it. Keywords are case-insensitive; precedence is NOT over AND over OR.
 *
 * <p>Input is bounded: at most {@link #MAX_LENGTH} characters and {@link #MAX_DEPTH} levels of
 * nesting, so hostile input costs linear time and a bounded stack.
 */
public final class Cql2TextParser {
  public static final int MAX_LENGTH = 262_144;
  public static final int MAX_DEPTH = 64;
  private static final GeometryFactory GF = new GeometryFactory();
  private static final Set<String> GEOMETRY_TYPES = Set.of("point", "linestring", "polygon", "multipoint",
      "multilinestring", "multipolygon", "geometrycollection", "bbox");

  private enum Kind { IDENT, QUOTED, STRING, NUMBER, PUNCT, EOF }

  private record Token(Kind kind, String text, int pos) {
    boolean is(String keyword) {
      return kind == Kind.IDENT && text.equalsIgnoreCase(keyword) || kind == Kind.PUNCT && text.equals(keyword);
    }
  }

  /** ECQL's spatial predicates (GeoServer's CQL_FILTER), read in {@link #parseEcql} only. */
  private static final Set<String> ECQL_SPATIAL = Set.of("bbox", "intersects", "disjoint", "within", "contains",
      "equals", "touches", "crosses", "overlaps", "dwithin", "beyond");
  private static final java.util.Map<String, Double> ECQL_UNITS = java.util.Map.of("meters", 1.0, "metres", 1.0,
      "m", 1.0, "kilometers", 1000.0, "km", 1000.0, "feet", 0.3048, "statute miles", 1609.344, "nautical miles", 1852.0);

  private final Queryables view;
  private final FilterCrs crs;
  private final List<Token> tokens;
  private final boolean ecql;
  private int at;

  private Cql2TextParser(Queryables view, FilterCrs crs, List<Token> tokens, boolean ecql) {
    this.view = view;
    this.crs = crs;
    this.tokens = tokens;
    this.ecql = ecql;
  }

  /**
   * The filter as a checked expression of the view.
   *
   * @param crs the filter-crs its geometry literals are written in
   * @throws FilterException (a {@link Cql2Exception} for syntax) with the position
   */
  public static Expr parse(String text, Queryables view, FilterCrs crs) {
    return parse(text, view, crs, false);
  }

  /**
   * The flavour WMS clients send as {@code CQL_FILTER} (GeoServer's ECQL), as far as it overlaps
   * CQL2: CQL2 text, plus ECQL's spatial predicates ({@code BBOX(geometry, minx, miny, maxx, maxy)},
   * {@code INTERSECTS(geometry, POINT(…))}, {@code DWITHIN(geometry, POINT(…), 100, meters)}, …),
   * and quoted strings read as the compared property's type ({@code reportedAt > '2024-01-01'}).
   */
  public static Expr parseEcql(String text, Queryables view, FilterCrs crs) {
    return parse(text, view, crs, true);
  }

  private static Expr parse(String text, Queryables view, FilterCrs crs, boolean ecql) {
    if (text.length() > MAX_LENGTH) {
      throw new Cql2Exception("the filter is " + text.length() + " characters long; at most " + MAX_LENGTH + " are read");
    }
    Cql2TextParser p = new Cql2TextParser(view, crs, lex(text), ecql);
    Expr e = p.or(0);
    if (p.peek().kind() != Kind.EOF) {
      throw p.error("expected AND, OR or the end of the filter");
    }
    return view.check(e, ecql);
  }

  // --- grammar ---

  private Expr or(int depth) {
    List<Expr> parts = new ArrayList<>();
    parts.add(and(depth));
    while (peek().is("OR")) {
      next();
      parts.add(and(depth));
    }
    return parts.size() == 1 ? parts.get(0) : new Expr.Or(parts);
  }

  private Expr and(int depth) {
    List<Expr> parts = new ArrayList<>();
    parts.add(factor(depth));
    while (peek().is("AND")) {
      next();
      parts.add(factor(depth));
    }
    return parts.size() == 1 ? parts.get(0) : new Expr.And(parts);
  }

  private Expr factor(int depth) {
    int nots = 0;
    while (peek().is("NOT")) {
      next();
      nots++;
    }
    Expr e = primary(depth);
    return nots % 2 == 0 ? e : new Expr.Not(e);
  }

  private Expr primary(int depth) {
    Token t = peek();
    if (t.is("(")) {
      if (depth + 1 > MAX_DEPTH) {
        throw error("the filter is nested deeper than " + MAX_DEPTH + " levels");
      }
      next();
      Expr e = or(depth + 1);
      expect(")");
      return e;
    }
    if (t.kind() == Kind.IDENT && peekAt(1).is("(")) {
      String name = t.text().toLowerCase(Locale.ROOT);
      String where = "at character " + (t.pos() + 1);
      if (Cql2Builder.SPATIAL.containsKey(name)) {
        next();
        expect("(");
        Operand a = spatialOperand();
        expect(",");
        Operand b = spatialOperand();
        expect(")");
        return Cql2Builder.spatial(name, a, b, where);
      } else if (Cql2Builder.TEMPORAL.containsKey(name)) {
        next();
        expect("(");
        Operand a = temporalOperand();
        expect(",");
        Operand b = temporalOperand();
        expect(")");
        return Cql2Builder.temporal(name, a, b, where);
      } else if (ecql && ECQL_SPATIAL.contains(name)) {
        return ecqlSpatial(name, where);
      }
    }
    if ((t.is("TRUE") || t.is("FALSE")) && !startsPredicate(peekAt(1))) {
      next();
      return t.is("TRUE") ? Expr.INCLUDE : Expr.EXCLUDE;
    }
    return predicate();
  }

  /** BBOX(p, minx, miny, maxx, maxy), DWITHIN/BEYOND(p, geometry, distance, units), or OP(p, geometry). */
  private Expr ecqlSpatial(String name, String where) {
    Token fn = next();
    expect("(");
    Operand p = scalar();
    expect(",");
    Expr e;
    if (name.equals("bbox")) {
      Token t = peek();
      Geometry box = bbox();
      if (peek().is(",")) {
        throw error("BBOX with a CRS argument is not supported: coordinates are in the request's CRS");
      }
      try {
        e = Cql2Builder.spatial("s_intersects", p, new Operand.Geom(crs.toLonLat(box)), where);
      } catch (FilterException ex) {
        throw error(t, ex.getMessage());
      }
      e = new Expr.Spatial(Expr.SpatialOp.BBOX, ((Expr.Spatial) e).lonLat());
    } else if (name.equals("dwithin") || name.equals("beyond")) {
      Operand g = spatialOperand();
      expect(",");
      double distance = signedNumber();
      expect(",");
      StringBuilder unit = new StringBuilder(next().text());
      while (peek().kind() == Kind.IDENT) {
        unit.append(' ').append(next().text());
      }
      Double factor = ECQL_UNITS.get(unit.toString().toLowerCase(Locale.ROOT));
      if (factor == null || distance < 0) {
        throw error(fn, "DWITHIN and BEYOND take a distance >= 0 in meters, kilometers, feet, statute miles or"
            + " nautical miles");
      }
      Expr.Spatial s = (Expr.Spatial) Cql2Builder.spatial("s_intersects", p, g, where);
      e = new Expr.Spatial(name.equals("dwithin") ? Expr.SpatialOp.DWITHIN : Expr.SpatialOp.BEYOND, s.lonLat(),
          distance * factor);
    } else {
      e = Cql2Builder.spatial("s_" + name, p, spatialOperand(), where);
    }
    expect(")");
    return e;
  }

  private static boolean startsPredicate(Token t) {
    return t.kind() == Kind.PUNCT && Set.of("=", "<>", "<", "<=", ">", ">=").contains(t.text())
        || t.is("LIKE") || t.is("BETWEEN") || t.is("IN") || t.is("IS") || t.is("NOT");
  }

  private Expr predicate() {
    Token start = peek();
    String where = "at character " + (start.pos() + 1);
    Operand a = scalar();
    Token op = peek();
    if (op.kind() == Kind.PUNCT && Set.of("=", "<>", "<", "<=", ">", ">=").contains(op.text())) {
      next();
      return Cql2Builder.compare(op.text(), a, scalar(), where);
    } else if (op.is("IS")) {
      next();
      boolean not = peek().is("NOT");
      if (not) {
        next();
      }
      expect("NULL");
      Expr e = Cql2Builder.isNull(a, where);
      return not ? new Expr.Not(e) : e;
    }
    boolean not = op.is("NOT");
    if (not) {
      next();
    }
    Token kw = peek();
    Expr e;
    if (kw.is("LIKE")) {
      next();
      e = Cql2Builder.like(a, scalar(), where);
    } else if (kw.is("BETWEEN")) {
      next();
      Operand low = scalar();
      expect("AND");
      e = Cql2Builder.between(a, low, scalar(), where);
    } else if (kw.is("IN")) {
      next();
      expect("(");
      List<Operand> values = new ArrayList<>();
      values.add(scalar());
      while (peek().is(",")) {
        next();
        values.add(scalar());
      }
      expect(")");
      e = Cql2Builder.in(a, values, where);
    } else {
      throw error(not ? "expected LIKE, BETWEEN or IN after NOT" : "expected a comparison operator, LIKE, BETWEEN, IN or IS");
    }
    return not ? new Expr.Not(e) : e;
  }

  /** A property, a literal, or CASEI of one. */
  private Operand scalar() {
    Token t = next();
    switch (t.kind()) {
      case STRING:
        return new Operand.Literal(t.text());
      case NUMBER:
        return new Operand.Literal(number(t, false));
      case QUOTED:
        return new Operand.Property(t.text());
      case PUNCT:
        if ((t.is("-") || t.is("+")) && peek().kind() == Kind.NUMBER) {
          return new Operand.Literal(number(next(), t.is("-")));
        }
        throw error(t, "expected a property name or a value");
      case EOF:
        throw error(t, "the filter ends where a property name or a value was expected");
      default:
        break;
    }
    if (t.is("TRUE") || t.is("FALSE")) {
      return new Operand.Literal(t.is("TRUE"));
    } else if (peek().is("(")) {
      String f = t.text().toLowerCase(Locale.ROOT);
      switch (f) {
        case "casei": {
          next();
          Operand inner = scalar();
          expect(")");
          return new Operand.CaseI(inner);
        }
        case "date":
        case "timestamp":
          return new Operand.Literal(instant(t));
        case "accenti":
          throw error(t, "ACCENTI (accent-insensitive comparison) is not supported");
        default:
          throw error(t, "unknown function '" + t.text() + "'");
      }
    }
    return new Operand.Property(t.text());
  }

  private Operand spatialOperand() {
    Token t = peek();
    if (t.kind() == Kind.IDENT && GEOMETRY_TYPES.contains(t.text().toLowerCase(Locale.ROOT))
        && (peekAt(1).is("(") || peekAt(1).is("EMPTY") || peekAt(1).is("Z") || peekAt(1).is("M") || peekAt(1).is("ZM"))) {
      Geometry g = geometry(0);
      try {
        return new Operand.Geom(crs.toLonLat(g));
      } catch (FilterException e) {
        throw error(t, e.getMessage());
      }
    }
    return scalar();
  }

  private Operand temporalOperand() {
    Token t = peek();
    if (t.is("INTERVAL") && peekAt(1).is("(")) {
      next();
      next();
      Object start = bound();
      expect(",");
      Object end = bound();
      expect(")");
      if (start != null && end != null && start.getClass() == end.getClass()
          && ((Comparable<Object>) start).compareTo(end) > 0) {
        throw error(t, "the interval ends before it starts");
      }
      return new Operand.Interval(start, end);
    }
    return scalar();
  }

  /** An interval bound: a date or timestamp string, DATE(...), TIMESTAMP(...), or '..' for open. */
  private Object bound() {
    Token t = next();
    if (t.kind() == Kind.STRING) {
      if (t.text().equals("..")) {
        return null;
      }
      return t.text().length() == 10 ? date(t, t.text()) : timestamp(t, t.text());
    } else if ((t.is("DATE") || t.is("TIMESTAMP")) && peek().is("(")) {
      return instant(t);
    }
    throw error(t, "expected a date, a timestamp or '..' as an interval bound");
  }

  /** DATE('...') or TIMESTAMP('...'), the name already read. */
  private Object instant(Token fn) {
    expect("(");
    Token s = next();
    if (s.kind() != Kind.STRING) {
      throw error(s, "expected a quoted " + fn.text().toUpperCase(Locale.ROOT) + " value");
    }
    expect(")");
    return fn.is("DATE") ? date(s, s.text()) : timestamp(s, s.text());
  }

  private LocalDate date(Token t, String s) {
    try {
      return LocalDate.parse(s);
    } catch (DateTimeException e) {
      throw error(t, "'" + s + "' is not a date (YYYY-MM-DD)");
    }
  }

  private Instant timestamp(Token t, String s) {
    try {
      // RFC 3339 allows a lower-case t and z.
      return OffsetDateTime.parse(s.toUpperCase(java.util.Locale.ROOT)).toInstant();
    } catch (DateTimeException e) {
      throw error(t, "'" + s + "' is not a timestamp with a time zone (RFC 3339, e.g. 2024-05-01T10:00:00Z)");
    }
  }

  private Object number(Token t, boolean negative) {
    String s = negative ? "-" + t.text() : t.text();
    try {
      if (s.matches("-?\\d+")) {
        return Long.parseLong(s);
      }
      double d = Double.parseDouble(s);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw error(t, "'" + s + "' is not a number this server can read");
    }
  }

  // --- WKT ---

  private Geometry geometry(int depth) {
    if (depth > 4) {
      throw error("geometry collections are nested too deeply");
    }
    Token type = next();
    String name = type.text().toLowerCase(Locale.ROOT);
    if (peek().is("Z") || peek().is("M") || peek().is("ZM")) {
      throw error("only two-dimensional coordinates are supported");
    }
    if (peek().is("EMPTY")) {
      throw error("an empty geometry cannot be tested against");
    }
    expect("(");
    Geometry g = switch (name) {
      case "point" -> GF.createPoint(coordinate());
      case "linestring" -> GF.createLineString(coordinates());
      case "polygon" -> polygonBody();
      case "multipoint" -> multiPoint();
      case "multilinestring" -> {
        List<LineString> lines = new ArrayList<>();
        do {
          expect("(");
          lines.add(GF.createLineString(coordinates()));
          expect(")");
        } while (comma());
        yield GF.createMultiLineString(lines.toArray(LineString[]::new));
      }
      case "multipolygon" -> {
        List<Polygon> polygons = new ArrayList<>();
        do {
          expect("(");
          polygons.add(polygonBody());
          expect(")");
        } while (comma());
        yield GF.createMultiPolygon(polygons.toArray(Polygon[]::new));
      }
      case "geometrycollection" -> {
        List<Geometry> parts = new ArrayList<>();
        do {
          Token t = peek();
          if (t.kind() != Kind.IDENT || !GEOMETRY_TYPES.contains(t.text().toLowerCase(Locale.ROOT)) || t.is("BBOX")) {
            throw error("expected a geometry in the collection");
          }
          parts.add(geometry(depth + 1));
        } while (comma());
        yield GF.createGeometryCollection(parts.toArray(Geometry[]::new));
      }
      default -> bbox();
    };
    expect(")");
    return g;
  }

  /** BBOX(minx, miny, maxx, maxy) or the 6-number 3D form (heights ignored). */
  private Geometry bbox() {
    List<Double> n = new ArrayList<>();
    do {
      n.add(signedNumber());
    } while (comma());
    if (n.size() != 4 && n.size() != 6) {
      throw error("BBOX takes 4 (or 6) numbers, got " + n.size());
    }
    int k = n.size() / 2;
    double x1 = n.get(0);
    double y1 = n.get(1);
    double x2 = n.get(k);
    double y2 = n.get(k + 1);
    if (x1 > x2 || y1 > y2) {
      throw error("BBOX must be minimum x, minimum y, maximum x, maximum y (the antimeridian is not crossed here)");
    }
    return GF.toGeometry(new org.locationtech.jts.geom.Envelope(x1, x2, y1, y2));
  }

  private Geometry multiPoint() {
    List<Point> points = new ArrayList<>();
    do {
      boolean wrapped = peek().is("(");
      if (wrapped) {
        next();
      }
      points.add(GF.createPoint(coordinate()));
      if (wrapped) {
        expect(")");
      }
    } while (comma());
    return GF.createMultiPoint(points.toArray(Point[]::new));
  }

  private Polygon polygonBody() {
    List<LinearRing> rings = new ArrayList<>();
    do {
      expect("(");
      Token t = peek();
      Coordinate[] cs = coordinates();
      if (cs.length < 4 || !cs[0].equals2D(cs[cs.length - 1])) {
        throw error(t, "a polygon ring needs at least four positions and must end where it starts");
      }
      rings.add(GF.createLinearRing(cs));
      expect(")");
    } while (comma());
    return GF.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
  }

  private Coordinate[] coordinates() {
    List<Coordinate> out = new ArrayList<>();
    do {
      out.add(coordinate());
    } while (comma());
    return out.toArray(Coordinate[]::new);
  }

  private Coordinate coordinate() {
    double x = signedNumber();
    double y = signedNumber();
    if (peek().kind() == Kind.NUMBER || peek().is("-")) {
      throw error("only two-dimensional coordinates are supported");
    }
    return new Coordinate(x, y);
  }

  private double signedNumber() {
    boolean negative = peek().is("-");
    if (negative || peek().is("+")) {
      next();
    }
    Token t = next();
    if (t.kind() != Kind.NUMBER) {
      throw error(t, "expected a number");
    }
    return ((Number) number(t, negative)).doubleValue();
  }

  private boolean comma() {
    if (peek().is(",")) {
      next();
      return true;
    }
    return false;
  }

  // --- tokens ---

  private Token peek() {
    return tokens.get(at);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(at + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = tokens.get(at);
    if (t.kind() != Kind.EOF) {
      at++;
    }
    return t;
  }

  private void expect(String what) {
    Token t = next();
    if (!t.is(what)) {
      throw error(t, "expected '" + what + "'");
    }
  }

  private Cql2Exception error(String message) {
    return error(peek(), message);
  }

  private static Cql2Exception error(Token t, String message) {
    String found = t.kind() == Kind.EOF ? "the end of the filter" : "'" + abbreviate(t.text()) + "'";
    return new Cql2Exception("CQL2 at character " + (t.pos() + 1) + " (" + found + "): " + message);
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        StringBuilder sb = new StringBuilder();
        int start = i++;
        while (true) {
          if (i >= n) {
            throw new Cql2Exception("CQL2 at character " + (start + 1) + ": the string is not closed");
          }
          char d = s.charAt(i);
          if (d == '\'' && i + 1 < n && s.charAt(i + 1) == '\'') {
            sb.append('\'');
            i += 2;
          } else if (d == '\\' && i + 1 < n && s.charAt(i + 1) == '\'') {
            sb.append('\'');
            i += 2;
          } else if (d == '\'') {
            i++;
            break;
          } else {
            sb.append(d);
            i++;
          }
        }
        out.add(new Token(Kind.STRING, sb.toString(), start));
      } else if (c == '"') {
        int start = i++;
        int end = s.indexOf('"', i);
        if (end < 0) {
          throw new Cql2Exception("CQL2 at character " + (start + 1) + ": the quoted property name is not closed");
        }
        out.add(new Token(Kind.QUOTED, s.substring(i, end), start));
        i = end + 1;
      } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
        int start = i;
        while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
          i++;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
          i++;
          if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
          }
          while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
          }
        }
        out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':')) {
          i++;
        }
        out.add(new Token(Kind.IDENT, s.substring(start, i), start));
      } else if (c == '<' || c == '>') {
        int start = i++;
        if (i < n && (s.charAt(i) == '=' || c == '<' && s.charAt(i) == '>')) {
          i++;
        }
        out.add(new Token(Kind.PUNCT, s.substring(start, i), start));
      } else if ("=(),-+".indexOf(c) >= 0) {
        out.add(new Token(Kind.PUNCT, String.valueOf(c), i++));
      } else {
        throw new Cql2Exception("CQL2 at character " + (i + 1) + ": unexpected character '" + c + "'");
      }
    }
    out.add(new Token(Kind.EOF, "", n));
    return out;
  }
}
