package pl.kmzb.boundary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** Writes GeoJSON FeatureCollections for tests, feature by feature. */
final class GeoJsonFixture {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ObjectNode root = MAPPER.createObjectNode().put("type", "FeatureCollection");
  private final ArrayNode features = MAPPER.createArrayNode();

  /** A legacy {"type":"name"} crs member. */
  GeoJsonFixture crs(String name) {
    return crsJson("{\"type\":\"name\",\"properties\":{\"name\":\"" + name + "\"}}");
  }

  GeoJsonFixture crsJson(String json) {
    root.set("crs", parse(json));
    return this;
  }

  GeoJsonFixture feature(Map<String, ?> properties, Geometry geometry) {
    ObjectNode feature = features.addObject().put("type", "Feature");
    feature.set("properties", MAPPER.valueToTree(properties));
    feature.set("geometry", geometry == null ? MAPPER.nullNode() : geometry(geometry));
    return this;
  }

  /** A feature written as raw JSON, for shapes the helpers cannot produce. */
  GeoJsonFixture rawFeature(String json) {
    features.add(parse(json));
    return this;
  }

  /** One feature per boundary, its code and name under the given property names. */
  GeoJsonFixture boundaries(List<Boundary> boundaries, String codeField, String nameField,
      UnaryOperator<Geometry> transform) {
    for (Boundary b : boundaries) {
      feature(Map.of(codeField, b.code(), nameField, b.name()), transform.apply(b.geometry()));
    }
    return this;
  }

  String json() {
    ObjectNode copy = root.deepCopy();
    copy.set("features", features);
    return copy.toString();
  }

  Path write(Path file) {
    try {
      return Files.writeString(file, json());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode geometry(Geometry g) {
    ObjectNode node = MAPPER.createObjectNode().put("type", g.getGeometryType());
    ArrayNode coordinates = node.putArray("coordinates");
    if (g instanceof Point p) {
      position(coordinates, p.getCoordinate());
    } else if (g instanceof LineString line) {
      positions(coordinates, line.getCoordinates());
    } else if (g instanceof Polygon polygon) {
      rings(coordinates, polygon);
    } else if (g.getGeometryType().equals("MultiPolygon")) {
      for (int i = 0; i < g.getNumGeometries(); i++) {
        rings(coordinates.addArray(), (Polygon) g.getGeometryN(i));
      }
    } else {
      throw new IllegalArgumentException("fixture cannot write " + g.getGeometryType());
    }
    return node;
  }

  private static void rings(ArrayNode into, Polygon polygon) {
    if (polygon.isEmpty()) {
      return;
    }
    positions(into.addArray(), polygon.getExteriorRing().getCoordinates());
    for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
      positions(into.addArray(), polygon.getInteriorRingN(i).getCoordinates());
    }
  }

  private static void positions(ArrayNode into, Coordinate[] coordinates) {
    for (Coordinate c : coordinates) {
      position(into.addArray(), c);
    }
  }

  private static void position(ArrayNode into, Coordinate c) {
    into.add(c.x).add(c.y);
  }

  private static ObjectNode parse(String json) {
    try {
      return (ObjectNode) MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
