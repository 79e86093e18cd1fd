package pl.kmzb.fes;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import pl.kmzb.filter.Expr;

/**
 * Test-only: an expression written as a FES 2.0 (GML 3.2) or FES 1.1 (GML 3.1.1) filter, with
 * varied srsName spellings and axis orders, operand orders and geometry encodings.
 */
final class FesWriter {
  private final SplittableRandom rnd;
  private final boolean fes11;
  private final String p;

  FesWriter(SplittableRandom rnd, boolean fes11) {
    this.rnd = rnd;
    this.fes11 = fes11;
    this.p = fes11 ? "ogc:" : "fes:";
  }

  String document(Expr e) {
    String ns = fes11 ? "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:gml=\"http://www.opengis.net/gml\""
        : "xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\"";
    return "<" + p + "Filter " + ns + ">" + write(e) + "</" + p + "Filter>";
  }

  private String el(String name, String body) {
    return "<" + p + name + ">" + body + "</" + p + name + ">";
  }

  private String ref(String property) {
    String name = rnd.nextInt(3) == 0 ? "kmzb:" + property : property;
    return fes11 ? el("PropertyName", name) : el("ValueReference", name);
  }

  private String literal(Object v) {
    return el("Literal", escape(String.valueOf(v)));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String ALWAYS = "NOT_NULL_ID";

  String write(Expr e) {
    if (e instanceof Expr.Include) {
      return el("Not", el("PropertyIsNull", ref("id")));
    } else if (e instanceof Expr.Exclude) {
      return el("PropertyIsNull", ref("id"));
    } else if (e instanceof Expr.And a) {
      return logical("And", a.parts());
    } else if (e instanceof Expr.Or o) {
      return logical("Or", o.parts());
    } else if (e instanceof Expr.Not n) {
      return el("Not", write(n.part()));
    } else if (e instanceof Expr.Compare c) {
      String name = switch (c.op()) {
        case EQ -> "PropertyIsEqualTo";
        case NE -> "PropertyIsNotEqualTo";
        case LT -> "PropertyIsLessThan";
        case LE -> "PropertyIsLessThanOrEqualTo";
        case GT -> "PropertyIsGreaterThan";
        case GE -> "PropertyIsGreaterThanOrEqualTo";
      };
      if (rnd.nextBoolean()) {
        String flipped = switch (c.op()) {
          case LT -> "PropertyIsGreaterThan";
          case LE -> "PropertyIsGreaterThanOrEqualTo";
          case GT -> "PropertyIsLessThan";
          case GE -> "PropertyIsLessThanOrEqualTo";
          default -> name;
        };
        return el(flipped, literal(c.literal()) + ref(c.property()));
      }
      return el(name, ref(c.property()) + literal(c.literal()));
    } else if (e instanceof Expr.Like l) {
      String attrs = " wildCard=\"" + escape(String.valueOf(l.wildcard())) + "\" singleChar=\""
          + escape(String.valueOf(l.singleChar())) + "\" " + (fes11 ? "escape" : "escapeChar") + "=\""
          + escape(String.valueOf(l.escape())) + "\" matchCase=\"" + !l.caseInsensitive() + "\"";
      return "<" + p + "PropertyIsLike" + attrs + ">" + ref(l.property()) + el("Literal", escape(l.pattern()))
          + "</" + p + "PropertyIsLike>";
    } else if (e instanceof Expr.IsNull n) {
      return el("PropertyIsNull", ref(n.property()));
    } else if (e instanceof Expr.Between b) {
      return el("PropertyIsBetween", ref(b.property()) + el("LowerBoundary", literal(b.lower()))
          + el("UpperBoundary", literal(b.upper())));
    } else if (e instanceof Expr.In in) {
      List<Expr> eqs = new ArrayList<>();
      in.values().forEach(v -> eqs.add(new Expr.Compare(Expr.CompareOp.EQ, in.property(), v)));
      return eqs.size() == 1 ? write(eqs.get(0)) : logical("Or", eqs);
    } else if (e instanceof Expr.ResourceId r) {
      if (r.ids().isEmpty()) {
        return write(Expr.EXCLUDE);
      }
      StringBuilder sb = new StringBuilder();
      for (long id : r.ids()) {
        sb.append(fes11 ? "<ogc:FeatureId fid=\"reports." + id + "\"/>" : "<fes:ResourceId rid=\"reports." + id + "\"/>");
      }
      // Several ids in an operand position go into an Or (they are one operand of ours).
      return r.ids().size() == 1 ? sb.toString() : el("Or", sb.toString());
    } else if (e instanceof Expr.Temporal t) {
      return temporal(t);
    }
    return spatial((Expr.Spatial) e);
  }

  private String logical(String op, List<Expr> parts) {
    StringBuilder sb = new StringBuilder();
    for (Expr x : parts) {
      sb.append(write(x));
    }
    return el(op, sb.toString());
  }

  private String temporal(Expr.Temporal t) {
    if (t.op() == Expr.TemporalOp.DISJOINT) {
      List<Expr> sides = new ArrayList<>();
      if (t.start() != null) {
        sides.add(Expr.Temporal.at(Expr.TemporalOp.BEFORE, t.property(), t.start()));
      }
      if (t.end() != null) {
        sides.add(Expr.Temporal.at(Expr.TemporalOp.AFTER, t.property(), t.end()));
      }
      return sides.isEmpty() ? write(Expr.EXCLUDE) : sides.size() == 1 ? write(sides.get(0)) : logical("Or", sides);
    }
    String name = switch (t.op()) {
      case AFTER -> "After";
      case BEFORE -> "Before";
      case DURING -> "During";
      case TEQUALS -> "TEquals";
      case INTERSECTS -> "AnyInteracts";
      case STARTS -> "Begins";
      case FINISHES -> "Ends";
      case MEETS -> "Meets";
      case METBY -> "MetBy";
      default -> throw new IllegalStateException();
    };
    String time;
    if (t.start() != null && t.start().equals(t.end())) {
      time = rnd.nextBoolean() ? literal(t.start())
          : "<gml:TimeInstant gml:id=\"t1\"><gml:timePosition>" + t.start() + "</gml:timePosition></gml:TimeInstant>";
    } else {
      time = "<gml:TimePeriod gml:id=\"t1\">" + position("begin", t.start()) + position("end", t.end()) + "</gml:TimePeriod>";
    }
    return el(name, ref(t.property()) + time);
  }

  private static String position(String which, Object v) {
    return v == null ? "<gml:" + which + "Position indeterminatePosition=\"unknown\"/>"
        : "<gml:" + which + "Position>" + v + "</gml:" + which + "Position>";
  }

  private String spatial(Expr.Spatial s) {
    String name = switch (s.op()) {
      case BBOX -> "BBOX";
      case INTERSECTS -> "Intersects";
      case DISJOINT -> "Disjoint";
      case WITHIN -> "Within";
      case CONTAINS -> "Contains";
      case EQUALS -> "Equals";
      case TOUCHES -> "Touches";
      case CROSSES -> "Crosses";
      case OVERLAPS -> "Overlaps";
      case DWITHIN -> "DWithin";
      case BEYOND -> "Beyond";
    };
    // srsName spellings and the axis order WFS 2.0 / 1.1 read them in.
    int k = rnd.nextInt(4);
    String srs = switch (k) {
      case 0 -> null;
      case 1 -> "urn:ogc:def:crs:EPSG::4326";
      case 2 -> "EPSG:4326";
      default -> "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    };
    boolean swap = k == 1;
    String srsAttr = srs == null ? "" : " srsName=\"" + srs + "\"";
    String g = s.op() == Expr.SpatialOp.BBOX ? envelope(s.lonLat().getEnvelopeInternal(), srsAttr, swap)
        : gml(s.lonLat(), srsAttr, swap);
    String distance = s.op() == Expr.SpatialOp.DWITHIN || s.op() == Expr.SpatialOp.BEYOND
        ? "<" + p + "Distance " + (fes11 ? "units" : "uom") + "=\"m\">" + s.distanceMetres() + "</" + p + "Distance>" : "";
    String reference = s.op() == Expr.SpatialOp.BBOX && rnd.nextBoolean() ? "" : ref("geometry");
    return el(name, reference + g + distance);
  }

  private static String xy(Coordinate c, boolean swap) {
    return swap ? c.y + " " + c.x : c.x + " " + c.y;
  }

  private static String list(Coordinate[] cs, boolean swap) {
    StringBuilder sb = new StringBuilder();
    for (Coordinate c : cs) {
      sb.append(sb.isEmpty() ? "" : " ").append(xy(c, swap));
    }
    return sb.toString();
  }

  private String envelope(Envelope e, String srs, boolean swap) {
    Coordinate lo = new Coordinate(e.getMinX(), e.getMinY());
    Coordinate hi = new Coordinate(e.getMaxX(), e.getMaxY());
    return "<gml:Envelope" + srs + "><gml:lowerCorner>" + xy(lo, swap) + "</gml:lowerCorner><gml:upperCorner>"
        + xy(hi, swap) + "</gml:upperCorner></gml:Envelope>";
  }

  private String gml(Geometry g, String srs, boolean swap) {
    if (g instanceof Point pt) {
      Coordinate c = pt.getCoordinate();
      return fes11 && rnd.nextBoolean() && !swap
          ? "<gml:Point" + srs + "><gml:coordinates>" + c.x + "," + c.y + "</gml:coordinates></gml:Point>"
          : "<gml:Point" + srs + "><gml:pos>" + xy(c, swap) + "</gml:pos></gml:Point>";
    } else if (g instanceof LineString l) {
      return "<gml:LineString" + srs + "><gml:posList>" + list(l.getCoordinates(), swap) + "</gml:posList></gml:LineString>";
    } else if (g instanceof Polygon poly) {
      return "<gml:Polygon" + srs + "><gml:exterior><gml:LinearRing><gml:posList>"
          + list(poly.getExteriorRing().getCoordinates(), swap) + "</gml:posList></gml:LinearRing></gml:exterior></gml:Polygon>";
    } else if (g instanceof MultiPoint m) {
      StringBuilder sb = new StringBuilder("<gml:MultiPoint" + srs + ">");
      for (int i = 0; i < m.getNumGeometries(); i++) {
        sb.append("<gml:pointMember><gml:Point><gml:pos>").append(xy(m.getGeometryN(i).getCoordinate(), swap))
            .append("</gml:pos></gml:Point></gml:pointMember>");
      }
      return sb.append("</gml:MultiPoint>").toString();
    }
    throw new IllegalArgumentException(g.getGeometryType());
  }

  static boolean hasTemporal(Expr e) {
    if (e instanceof Expr.And a) {
      return a.parts().stream().anyMatch(FesWriter::hasTemporal);
    } else if (e instanceof Expr.Or o) {
      return o.parts().stream().anyMatch(FesWriter::hasTemporal);
    } else if (e instanceof Expr.Not n) {
      return hasTemporal(n.part());
    }
    return e instanceof Expr.Temporal;
  }
}
