package pl.kmzb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class TopoJsonTest {
  static final GeometryFactory FACTORY = new GeometryFactory();

  /**
   * A square split into two arcs that meet at its corners: arc 0 runs along the bottom and up the
   * right side, arc 1 up the left side and along the top, so the ring is arc 0 then arc 1 reversed
   * ({@code ~1 = -2}). Quantized: x = 10 + 0.5 q, y = 50 + 0.25 q; positions are deltas.
   */
  static final String SQUARE = """
      {"type": "Topology",
       "transform": {"scale": [0.5, 0.25], "translate": [10, 50]},
       "objects": {"countries": {"type": "GeometryCollection", "geometries": [
         {"type": "Polygon", "id": "1", "properties": {"name": "Elsewhere"}, "arcs": [[1]]},
         {"type": "Polygon", "id": "616", "properties": {"name": "Square"}, "arcs": [[0, -2]]}
       ]}},
       "arcs": [
         [[0, 0], [2, 0], [0, 2]],
         [[0, 0], [0, 2], [2, 0]]
       ]}
      """;

  static TopoJson read(String json) throws IOException {
    return TopoJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  static Geometry wkt(String wkt) throws ParseException {
    return new WKTReader(FACTORY).read(wkt);
  }

  @Test
  void quantizedRingWithAReversedArc() throws Exception {
    TopoJson topology = read(SQUARE);
    TopoJson.GeometryObject square = topology.find("countries", o -> "616".equals(o.id())).orElseThrow();
    assertEquals("Square", square.property("name"));
    MultiPolygon decoded = topology.toMultiPolygon(square, FACTORY);
    Geometry expected = wkt("MULTIPOLYGON (((10 50, 11 50, 11 50.5, 10 50.5, 10 50)))");
    assertTrue(decoded.equalsExact(expected), decoded.toText());
  }

  @Test
  void positionsWithoutTransformAreAbsoluteAndHolesAndPartsAreKept() throws Exception {
    String json = """
        {"type": "Topology",
         "objects": {"land": {"type": "MultiPolygon", "id": 7, "arcs": [[[0], [1]], [[-3]]]}},
         "arcs": [
           [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
           [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]],
           [[6, 0], [6, 1], [7, 1], [7, 0], [6, 0]]
         ]}
        """;
    TopoJson topology = read(json);
    TopoJson.GeometryObject land = topology.find("land", o -> true).orElseThrow();
    assertEquals("7", land.id());
    Geometry expected = wkt("MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1)),"
        + " ((6 0, 7 0, 7 1, 6 1, 6 0)))");
    assertTrue(topology.toMultiPolygon(land, FACTORY).equalsExact(expected));
  }

  @Test
  void ringsCollapsedByQuantizationAreDropped() throws Exception {
    String json = """
        {"type": "Topology", "objects": {"o": {"type": "MultiPolygon", "arcs": [[[0], [1]], [[1]]]}},
         "arcs": [[[0, 0], [4, 0], [4, 4], [0, 0]], [[1, 1], [2, 1], [1, 1]]]}
        """;
    TopoJson topology = read(json);
    Geometry decoded = topology.toMultiPolygon(topology.find("o", o -> true).orElseThrow(), FACTORY);
    assertTrue(decoded.equalsExact(wkt("MULTIPOLYGON (((0 0, 4 0, 4 4, 0 0)))")), decoded.toText());
  }

  @Test
  void missingObjectsAndNoMatchAreEmpty() throws Exception {
    TopoJson topology = read(SQUARE);
    assertTrue(topology.find("land", o -> true).isEmpty());
    assertTrue(topology.find("countries", o -> "999".equals(o.id())).isEmpty());
  }

  @Test
  void malformedTopologiesAreRejected() throws Exception {
    TopoJson badIndex = read("""
        {"type": "Topology", "objects": {"o": {"type": "Polygon", "arcs": [[5]]}}, "arcs": [[[0, 0], [1, 1]]]}
        """);
    assertThrows(IllegalArgumentException.class, () -> badIndex.toMultiPolygon(badIndex.objects().get("o"), FACTORY));
    TopoJson open = read("""
        {"type": "Topology", "objects": {"o": {"type": "Polygon", "arcs": [[0]]}},
         "arcs": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}
        """);
    assertThrows(IllegalArgumentException.class, () -> open.toMultiPolygon(open.objects().get("o"), FACTORY));
    TopoJson line = read("""
        {"type": "Topology", "objects": {"o": {"type": "LineString", "arcs": [0]}}, "arcs": [[[0, 0], [1, 0]]]}
        """);
    assertThrows(IllegalArgumentException.class, () -> line.toMultiPolygon(line.objects().get("o"), FACTORY));
    Exception notTopology = assertThrows(Exception.class, () -> read("{\"type\": \"FeatureCollection\"}"));
    assertTrue(notTopology.getMessage().contains("not a TopoJSON topology"), notTopology.getMessage());
  }
}
