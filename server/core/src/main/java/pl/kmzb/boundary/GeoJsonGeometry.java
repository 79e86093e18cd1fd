package pl.kmzb.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Turns a GeoJSON geometry object into JTS. Only the areal types are converted: a boundary of any
 * other type is rejected anyway, so its coordinates are never read. Coordinates stay as they are in
 * the file (x, y); reprojection is a separate step because the file's CRS may come after its features.
 */
final class GeoJsonGeometry {
  private GeoJsonGeometry() {}

  /** A GeoJSON geometry that cannot become a boundary; the message says why, for the import report. */
  static final class Unusable extends Exception {
    Unusable(String message) {
      super(message);
    }
  }

  static Geometry read(JsonNode geometry, GeometryFactory factory) throws Unusable {
    if (!geometry.isObject()) {
      throw new Unusable("geometry is not a GeoJSON object");
    }
    String type = geometry.path("type").asText("");
    return switch (type) {
      case "Polygon" -> polygon(coordinates(geometry), factory);
      case "MultiPolygon" -> {
        JsonNode polygons = coordinates(geometry);
        Polygon[] parts = new Polygon[polygons.size()];
        for (int i = 0; i < parts.length; i++) {
          parts[i] = polygon(array(polygons.get(i), "polygon"), factory);
        }
        yield factory.createMultiPolygon(parts);
      }
      case "Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection" ->
          throw new Unusable("geometry is a " + type + ", not a Polygon or MultiPolygon");
      default -> throw new Unusable("unknown geometry type '" + type + "'");
    };
  }

  private static JsonNode coordinates(JsonNode geometry) throws Unusable {
    return array(geometry.get("coordinates"), "coordinates");
  }

  private static Polygon polygon(JsonNode rings, GeometryFactory factory) throws Unusable {
    if (rings.isEmpty()) {
      return factory.createPolygon();
    }
    LinearRing shell = ring(rings.get(0), factory);
    LinearRing[] holes = new LinearRing[rings.size() - 1];
    for (int i = 0; i < holes.length; i++) {
      holes[i] = ring(rings.get(i + 1), factory);
    }
    return factory.createPolygon(shell, holes);
  }

  private static LinearRing ring(JsonNode positions, GeometryFactory factory) throws Unusable {
    array(positions, "ring");
    Coordinate[] points = new Coordinate[positions.size()];
    for (int i = 0; i < points.length; i++) {
      JsonNode p = positions.get(i);
      if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
        throw new Unusable("position " + p + " is not [x, y]");
      }
      points[i] = new Coordinate(p.get(0).doubleValue(), p.get(1).doubleValue());
    }
    // JTS refuses rings that are open or shorter than 4 positions; its messages say which.
    try {
      return factory.createLinearRing(points);
    } catch (IllegalArgumentException e) {
      throw new Unusable("bad ring: " + e.getMessage());
    }
  }

  private static JsonNode array(JsonNode node, String what) throws Unusable {
    if (node == null || !node.isArray()) {
      throw new Unusable(what + " must be an array");
    }
    return node;
  }
}
