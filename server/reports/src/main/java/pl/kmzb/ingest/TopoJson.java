package pl.kmzb.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateList;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

/**
 * A TopoJSON topology (specification 1.0), read with Jackson, with just enough decoding to turn a
 * Polygon or MultiPolygon object into a JTS geometry. Arcs are decoded only when a geometry uses
 * them. With a {@code transform}, arcs are quantized and delta-encoded: a position is the running
 * sum of the integer pairs, times {@code scale}, plus {@code translate}. In a ring, arc index
 * {@code i >= 0} is arc i and {@code ~i} (a negative number) is arc i reversed; consecutive arcs
 * share their end position, which is written once.
 */
record TopoJson(String type, Map<String, GeometryObject> objects, double[][][] arcs, Transform transform) {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  record Transform(double[] scale, double[] translate) {}

  /** A geometry object; {@code arcs} nests by type, {@code geometries} is set for collections. */
  record GeometryObject(String type, String id, Map<String, Object> properties, JsonNode arcs,
      List<GeometryObject> geometries) {
    Object property(String key) {
      return properties == null ? null : properties.get(key);
    }
  }

  TopoJson {
    if (!"Topology".equals(type) || objects == null || arcs == null) {
      throw new IllegalArgumentException("not a TopoJSON topology (type, objects and arcs are required)");
    }
    if (transform != null && (transform.scale() == null || transform.scale().length != 2
        || transform.translate() == null || transform.translate().length != 2)) {
      throw new IllegalArgumentException("TopoJSON transform needs scale and translate of two numbers each");
    }
  }

  static TopoJson read(InputStream in) throws IOException {
    return MAPPER.readValue(in, TopoJson.class);
  }

  /** The first geometry in the named object (searched through collections) that matches. */
  Optional<GeometryObject> find(String objectName, Predicate<GeometryObject> test) {
    GeometryObject root = objects.get(objectName);
    return root == null ? Optional.empty() : find(root, test);
  }

  private static Optional<GeometryObject> find(GeometryObject o, Predicate<GeometryObject> test) {
    if (test.test(o)) {
      return Optional.of(o);
    }
    for (GeometryObject child : o.geometries() == null ? List.<GeometryObject>of() : o.geometries()) {
      Optional<GeometryObject> hit = find(child, test);
      if (hit.isPresent()) {
        return hit;
      }
    }
    return Optional.empty();
  }

  /**
   * A Polygon or MultiPolygon object as a JTS MultiPolygon. Rings that quantization collapsed to
   * fewer than four positions are dropped (a polygon whose exterior collapsed, with its holes).
   */
  MultiPolygon toMultiPolygon(GeometryObject o, GeometryFactory factory) {
    List<JsonNode> polygons = new ArrayList<>();
    if ("Polygon".equals(o.type())) {
      polygons.add(o.arcs());
    } else if ("MultiPolygon".equals(o.type())) {
      o.arcs().forEach(polygons::add);
    } else {
      throw new IllegalArgumentException("expected a Polygon or MultiPolygon, got " + o.type());
    }
    List<Polygon> result = new ArrayList<>();
    for (JsonNode polygon : polygons) {
      List<LinearRing> rings = new ArrayList<>();
      for (JsonNode ring : polygon) {
        Coordinate[] coordinates = ring(ring);
        if (coordinates.length >= 4) {
          rings.add(factory.createLinearRing(coordinates));
        } else if (rings.isEmpty()) {
          break;
        }
      }
      if (!rings.isEmpty()) {
        result.add(factory.createPolygon(rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new)));
      }
    }
    return factory.createMultiPolygon(result.toArray(Polygon[]::new));
  }

  private Coordinate[] ring(JsonNode arcIndices) {
    CoordinateList ring = new CoordinateList();
    for (JsonNode index : arcIndices) {
      if (!index.canConvertToInt() || !index.isIntegralNumber()) {
        throw new IllegalArgumentException("arc index is not an integer: " + index);
      }
      int i = index.intValue();
      Coordinate[] arc = arc(i < 0 ? ~i : i);
      for (int k = 0; k < arc.length; k++) {
        Coordinate c = arc[i < 0 ? arc.length - 1 - k : k];
        if (k > 0 || ring.isEmpty()) {
          ring.add(c, true);
        }
      }
    }
    if (!ring.isEmpty() && !ring.get(0).equals2D(ring.get(ring.size() - 1))) {
      throw new IllegalArgumentException("TopoJSON ring does not close: " + arcIndices);
    }
    return ring.toCoordinateArray();
  }

  private Coordinate[] arc(int index) {
    if (index >= arcs.length) {
      throw new IllegalArgumentException("arc index " + index + " out of range (" + arcs.length + " arcs)");
    }
    double[][] positions = arcs[index];
    Coordinate[] out = new Coordinate[positions.length];
    double x = 0;
    double y = 0;
    for (int k = 0; k < positions.length; k++) {
      if (positions[k] == null || positions[k].length < 2) {
        throw new IllegalArgumentException("arc " + index + " has a position without two numbers");
      }
      if (transform == null) {
        out[k] = new Coordinate(positions[k][0], positions[k][1]);
      } else {
        x += positions[k][0];
        y += positions[k][1];
        out[k] = new Coordinate(x * transform.scale()[0] + transform.translate()[0],
            y * transform.scale()[1] + transform.translate()[1]);
      }
    }
    return out;
  }
}
