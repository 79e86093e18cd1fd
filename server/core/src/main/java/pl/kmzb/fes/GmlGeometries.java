package pl.kmzb.fes;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * GML 3.2 and 3.1.1 geometries (and GML 2's Box and coordinates, which WFS 1.1 clients still send)
 * read as written: coordinates in the order of the document, converted to lon/lat by the caller
 * through the srsName's {@code FilterCrs}. Point, LineString, LinearRing, Polygon, Envelope,
 * MultiPoint, MultiLineString, MultiCurve, MultiPolygon, MultiSurface; curves and surfaces with
 * arcs are refused.
 */
final class GmlGeometries {
  private static final GeometryFactory GF = new GeometryFactory();

  private GmlGeometries() {}

  /** The srsName of the geometry or the first member that has one; null if none does. */
  static String srsName(XmlTree g) {
    String s = g.attribute("srsName");
    if (s != null) {
      return s;
    }
    for (XmlTree c : g.children()) {
      String inner = srsName(c);
      if (inner != null) {
        return inner;
      }
    }
    return null;
  }

  static Geometry read(XmlTree g) {
    return switch (g.name()) {
      case "Point" -> GF.createPoint(single(g));
      case "LineString" -> GF.createLineString(positions(g));
      case "LinearRing" -> ring(g);
      case "Polygon" -> polygon(g);
      case "Envelope", "Box" -> envelope(g);
      case "MultiPoint" -> GF.createMultiPoint(members(g, "pointMember", "pointMembers").stream()
          .map(m -> (Point) read(m)).toArray(Point[]::new));
      case "MultiLineString", "MultiCurve" -> GF.createMultiLineString(members(g, "lineStringMember", "curveMember",
          "curveMembers").stream().map(m -> (LineString) lineLike(m)).toArray(LineString[]::new));
      case "MultiPolygon", "MultiSurface" -> GF.createMultiPolygon(members(g, "polygonMember", "surfaceMember",
          "surfaceMembers").stream().map(m -> (Polygon) polygonLike(m)).toArray(Polygon[]::new));
      default -> throw invalid("the GML geometry '" + g.name() + "' is not supported");
    };
  }

  private static Geometry lineLike(XmlTree m) {
    if (!m.name().equals("LineString")) {
      throw invalid("a curve member must be a LineString, not " + m.name());
    }
    return read(m);
  }

  private static Geometry polygonLike(XmlTree m) {
    if (!m.name().equals("Polygon")) {
      throw invalid("a surface member must be a Polygon, not " + m.name());
    }
    return read(m);
  }

  /** The geometries inside member properties (one per xxxMember, any number per xxxMembers). */
  private static List<XmlTree> members(XmlTree g, String... names) {
    List<XmlTree> out = new ArrayList<>();
    for (XmlTree c : g.children()) {
      for (String n : names) {
        if (c.name().equals(n)) {
          out.addAll(c.children());
        }
      }
    }
    if (out.isEmpty()) {
      throw invalid("the " + g.name() + " has no members");
    }
    return out;
  }

  private static Polygon polygon(XmlTree g) {
    List<LinearRing> rings = new ArrayList<>();
    for (XmlTree c : g.children()) {
      switch (c.name()) {
        case "exterior", "outerBoundaryIs" -> rings.add(0, ringIn(c));
        case "interior", "innerBoundaryIs" -> rings.add(ringIn(c));
        default -> throw invalid("unexpected " + c.name() + " in a Polygon");
      }
    }
    if (rings.isEmpty()) {
      throw invalid("a Polygon needs an exterior ring");
    }
    return GF.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
  }

  private static LinearRing ringIn(XmlTree boundary) {
    XmlTree ring = boundary.child("LinearRing");
    if (ring == null) {
      throw invalid("a polygon boundary must be a LinearRing");
    }
    return ring(ring);
  }

  private static LinearRing ring(XmlTree g) {
    Coordinate[] cs = positions(g);
    if (cs.length < 4 || !cs[0].equals2D(cs[cs.length - 1])) {
      throw invalid("a LinearRing needs at least four positions and must end where it starts");
    }
    return GF.createLinearRing(cs);
  }

  private static Geometry envelope(XmlTree g) {
    Coordinate[] cs;
    XmlTree lower = g.child("lowerCorner");
    XmlTree upper = g.child("upperCorner");
    if (lower != null && upper != null) {
      cs = new Coordinate[] {numbers(lower.text(), dimension(g))[0], numbers(upper.text(), dimension(g))[0]};
    } else {
      cs = positions(g);
    }
    if (cs.length != 2) {
      throw invalid("an Envelope needs two corners");
    }
    if (cs[0].x > cs[1].x || cs[0].y > cs[1].y) {
      throw invalid("an Envelope's lower corner must be below and left of its upper corner");
    }
    return GF.toGeometry(new org.locationtech.jts.geom.Envelope(cs[0], cs[1]));
  }

  private static Coordinate single(XmlTree g) {
    Coordinate[] cs = positions(g);
    if (cs.length != 1) {
      throw invalid("a Point has exactly one position");
    }
    return cs[0];
  }

  /** Positions from posList, pos elements, coordinates or coord elements. */
  private static Coordinate[] positions(XmlTree g) {
    List<Coordinate> out = new ArrayList<>();
    for (XmlTree c : g.children()) {
      switch (c.name()) {
        case "posList" -> out.addAll(List.of(numbers(c.text(), dimension(c, g))));
        case "pos" -> out.addAll(List.of(numbers(c.text(), dimension(c, g))));
        case "coordinates" -> out.addAll(List.of(coordinates(c)));
        case "coord" -> out.add(coord(c));
        case "pointProperty", "pointRep" -> {
          for (XmlTree p : c.children()) {
            out.add(single(p));
          }
        }
        default -> {
        }
      }
    }
    if (out.isEmpty()) {
      throw invalid("the " + g.name() + " has no positions");
    }
    return out.toArray(Coordinate[]::new);
  }

  private static int dimension(XmlTree... from) {
    for (XmlTree t : from) {
      String d = t.attribute("srsDimension");
      if (d != null) {
        if (!d.strip().equals("2")) {
          throw invalid("only two-dimensional coordinates are supported (srsDimension " + d + ")");
        }
        return 2;
      }
    }
    return 2;
  }

  private static Coordinate[] numbers(String text, int dimension) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw invalid("an empty position list");
    }
    String[] parts = s.split("\\s+");
    if (parts.length % dimension != 0) {
      throw invalid("a position list of " + parts.length + " numbers is not a list of two-dimensional positions");
    }
    Coordinate[] out = new Coordinate[parts.length / dimension];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Coordinate(number(parts[2 * i]), number(parts[2 * i + 1]));
    }
    return out;
  }

  /** GML 2/3.1 {@code <coordinates>} with its decimal, cs and ts characters. */
  private static Coordinate[] coordinates(XmlTree c) {
    String decimal = c.attributes().getOrDefault("decimal", ".");
    String cs = c.attributes().getOrDefault("cs", ",");
    String ts = c.attributes().getOrDefault("ts", " ");
    List<Coordinate> out = new ArrayList<>();
    for (String tuple : c.text().strip().split(ts.isBlank() ? "\\s+" : java.util.regex.Pattern.quote(ts))) {
      if (tuple.isBlank()) {
        continue;
      }
      String[] xy = tuple.strip().split(java.util.regex.Pattern.quote(cs));
      if (xy.length != 2) {
        throw invalid("'" + tuple + "' is not a two-dimensional coordinate");
      }
      out.add(new Coordinate(number(xy[0].replace(decimal, ".")), number(xy[1].replace(decimal, "."))));
    }
    return out.toArray(Coordinate[]::new);
  }

  private static Coordinate coord(XmlTree c) {
    XmlTree x = c.child("X");
    XmlTree y = c.child("Y");
    if (x == null || y == null || c.child("Z") != null) {
      throw invalid("a coord needs X and Y (and no Z)");
    }
    return new Coordinate(number(x.text()), number(y.text()));
  }

  private static double number(String s) {
    try {
      double d = Double.parseDouble(s.strip());
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid("'" + s.strip() + "' is not a number");
  }

  private static FesException invalid(String message) {
    return new FesException(FesException.INVALID_VALUE, "filter", message);
  }
}
