package pl.kmzb.filter;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import pl.kmzb.visibility.LocationGeneraliser;

/**
 * Distances in metres for DWITHIN and BEYOND, measured in the equirectangular plane of the report's
 * latitude (x = Δlon · cos φ · 111,320 m, y = Δlat · 111,320 m). Within Poland and a few tens of
 * kilometres this is within 0.5 % of the geodesic distance, and it is one definition the stores'
 * prefilter ({@link #widen}) and the in-memory test share exactly; the stores never judge distance
 * themselves (PostGIS's geography distance would disagree with any Java formula near the edge).
 */
public final class GeoDistance {
  static final double M = LocationGeneraliser.METRES_PER_DEGREE;

  private GeoDistance() {}

  /** The distance in metres from (lon, lat) to {@code g}; 0 if the point is in it. */
  public static double metres(double lon, double lat, Geometry g, PreparedGeometry prepared) {
    if (prepared.intersects(ExprPredicate.GEOMETRY.createPoint(new Coordinate(lon, lat)))) {
      return 0;
    }
    double kx = Math.cos(Math.toRadians(lat)) * M;
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      best = Math.min(best, part(lon, lat, kx, g.getGeometryN(i)));
    }
    return best;
  }

  private static double part(double lon, double lat, double kx, Geometry g) {
    if (g instanceof Point p) {
      return Math.hypot((p.getX() - lon) * kx, (p.getY() - lat) * M);
    } else if (g instanceof LineString l) {
      return line(lon, lat, kx, l.getCoordinates());
    } else if (g instanceof Polygon p) {
      double best = line(lon, lat, kx, p.getExteriorRing().getCoordinates());
      for (int i = 0; i < p.getNumInteriorRing(); i++) {
        best = Math.min(best, line(lon, lat, kx, p.getInteriorRingN(i).getCoordinates()));
      }
      return best;
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      best = Math.min(best, part(lon, lat, kx, g.getGeometryN(i)));
    }
    return best;
  }

  private static double line(double lon, double lat, double kx, Coordinate[] cs) {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < cs.length; i++) {
      double ax = (cs[i].x - lon) * kx;
      double ay = (cs[i].y - lat) * M;
      if (i + 1 == cs.length) {
        best = Math.min(best, Math.hypot(ax, ay));
        break;
      }
      double bx = (cs[i + 1].x - lon) * kx;
      double by = (cs[i + 1].y - lat) * M;
      best = Math.min(best, segment(ax, ay, bx, by));
    }
    return best;
  }

  /** Distance from the origin to the segment a–b. */
  private static double segment(double ax, double ay, double bx, double by) {
    double dx = bx - ax;
    double dy = by - ay;
    double len2 = dx * dx + dy * dy;
    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
    return Math.hypot(ax + t * dx, ay + t * dy);
  }

  /**
   * The envelope holding every point within {@code metres} of an envelope, plus {@code slack}
   * degrees on every side: a superset for the stores' prefilter.
   */
  public static Envelope widen(Envelope env, double metres, double slackLon, double slackLat) {
    double dLat = metres / M;
    double maxAbsLat = Math.min(89.9, Math.max(Math.abs(env.getMinY() - dLat - slackLat),
        Math.abs(env.getMaxY() + dLat + slackLat)));
    double dLon = metres / (M * Math.cos(Math.toRadians(maxAbsLat)));
    double pad = 1e-9;
    return new Envelope(env.getMinX() - dLon - slackLon - pad, env.getMaxX() + dLon + slackLon + pad,
        env.getMinY() - dLat - slackLat - pad, env.getMaxY() + dLat + slackLat + pad);
  }
}
