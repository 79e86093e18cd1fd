package pl.kmzb.roads;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Road files written by code: features as (properties JSON, geometry JSON) pairs, in EPSG:2180 or lon/lat. */
final class RoadFiles {
  private RoadFiles() {}

  /** A LineString's GeoJSON geometry from x, y pairs. */
  static String line(double... xy) {
    return "{\"type\":\"LineString\",\"coordinates\":" + positions(xy) + "}";
  }

  static String multi(double[]... lines) {
    List<String> parts = new ArrayList<>();
    for (double[] l : lines) {
      parts.add(positions(l));
    }
    return "{\"type\":\"MultiLineString\",\"coordinates\":[" + String.join(",", parts) + "]}";
  }

  private static String positions(double[] xy) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < xy.length; i += 2) {
      out.add(String.format(Locale.ROOT, "[%.7f,%.7f]", xy[i], xy[i + 1]));
    }
    return "[" + String.join(",", out) + "]";
  }

  static String feature(String properties, String geometry) {
    return "{\"type\":\"Feature\",\"properties\":" + properties + ",\"geometry\":" + geometry + "}";
  }

  /** A FeatureCollection; {@code crs} null for RFC 7946 lon/lat, else a legacy crs member's name. */
  static String collection(String crs, String... features) {
    return "{\"type\":\"FeatureCollection\"," + (crs == null ? "" : "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\""
        + crs + "\"}},") + "\"features\":[" + String.join(",", features) + "]}";
  }
}
