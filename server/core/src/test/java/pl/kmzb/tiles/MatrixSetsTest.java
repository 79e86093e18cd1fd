package pl.kmzb.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;

class MatrixSetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void geoportalsCornerScalesAndMatricesAreThePublishedOnes() {
    MatrixSet s = MatrixSets.GEOPORTAL_2180;
    assertEquals(17, s.matrices().size());
    // the capabilities of mapy.geoportal.gov.pl …/PZGIK/ORTO/WMTS/StandardResolution, TileMatrixSet "EPSG:2180"
    double[] published = {3.0238155714285716E7, 1.5119077857142858E7, 7559538.928571429, 3779769.4642857146,
        1889884.7321428573, 944942.3660714286, 472471.1830357143, 236235.59151785716, 94494.23660714286,
        47247.11830357143, 23623.559151785714, 9449.423660714287, 4724.711830357143, 1889.8847321428573,
        944.9423660714286, 472.4711830357143, 236.23559151785716};
    for (int i = 0; i < published.length; i++) {
      TileMatrix m = s.level(i);
      assertEquals(Integer.toString(i), m.id());
      assertEquals(published[i], m.scaleDenominator(), 0);
      assertEquals(512, m.tileWidth());
      assertEquals(512, m.tileHeight());
      assertEquals(850_000, s.pointOfOrigin(m)[0], 0, "northing first, as TopLeftCorner \"850000.0 100000.0\"");
      assertEquals(100_000, s.pointOfOrigin(m)[1], 0);
      assertEquals(published[i] * 0.00028, m.cellSize(), 1e-9);
    }
    assertEquals(1, s.level(2).matrixWidth());
    assertEquals(12, s.level(6).matrixWidth());
    assertEquals(11, s.level(6).matrixHeight());
    assertEquals(22645, s.level(16).matrixWidth());
    assertEquals(21312, s.level(16).matrixHeight());
    // not a quadtree: 7 → 8, 10 → 11 and 12 → 13 step by 2.5
    assertEquals(2.5, s.level(7).scaleDenominator() / s.level(8).scaleDenominator(), 1e-12);
    assertEquals(2.5, s.level(10).scaleDenominator() / s.level(11).scaleDenominator(), 1e-12);
    assertEquals(2.5, s.level(12).scaleDenominator() / s.level(13).scaleDenominator(), 1e-12);
    assertEquals(2.0, s.level(13).scaleDenominator() / s.level(14).scaleDenominator(), 1e-12);
  }

  @Test
  void aKnownPointLandsInTheExpectedGeoportalTile() {
    // the Palace of Culture in Warsaw, 21.006111 E 52.231667 N; EPSG:2180 by proj4j (GDAL's gdaltransform
    // gives E 636960.468, N 486964.367)
    CrsRegistry crs = CrsRegistry.standard();
    double[] p = crs.fromLonLat(crs.require("EPSG:2180")).apply(21.006111, 52.231667);
    assertEquals(636960.468, p[0], 0.01);
    assertEquals(486964.367, p[1], 0.01);
    MatrixSet s = MatrixSets.GEOPORTAL_2180;
    // expected tiles worked out by hand: col = floor((E - 100000) / (scale × 0.00028 × 512)), row likewise from 850000 N
    assertTile(s.level(8), p, 39, 26);
    assertTile(s.level(10), p, 158, 107);
    assertTile(s.level(13), p, 1981, 1339);
    Bounds b = s.level(10).tileBounds(158, 107);
    assertTrue(b.contains(p[0], p[1]));
    assertEquals(100_000 + 158 * 3386.67344, b.minX(), 1e-3);
    assertEquals(850_000 - 107 * 3386.67344, b.maxY(), 1e-3);
    // Poland's extreme points (north, south, west, east; EPSG:2180 by gdaltransform) lie in every level's matrix
    double[][] extremes = {{455053, 774909}, {782092, 133279}, {171693, 563863}, {861890, 346143}};
    for (TileMatrix m : s.matrices()) {
      for (double[] e : extremes) {
        assertTrue(m.contains(m.column(e[0]), m.row(e[1])), m.id());
      }
    }
  }

  private static void assertTile(TileMatrix m, double[] p, long col, long row) {
    assertEquals(col, m.column(p[0]), "column at level " + m.id());
    assertEquals(row, m.row(p[1]), "row at level " + m.id());
    assertTrue(m.contains(col, row));
  }

  @Test
  void theQuadSetsAreOgcsRegisteredOnes() {
    TileMatrix z0 = MatrixSets.WEB_MERCATOR_QUAD.level(0);
    assertEquals(559082264.028717, z0.scaleDenominator(), 1e-5);
    assertEquals(156543.03392804097, z0.cellSize(), 1e-8);
    assertEquals(-20037508.3427892, z0.originEast(), 0);
    assertEquals(1, z0.matrixWidth());
    TileMatrix z18 = MatrixSets.WEB_MERCATOR_QUAD.matrix("18").orElseThrow();
    assertEquals(2132.729583849784, z18.scaleDenominator(), 1e-9);
    assertEquals(1L << 18, z18.matrixHeight());
    assertEquals(25, MatrixSets.WEB_MERCATOR_QUAD.matrices().size());

    TileMatrix c0 = MatrixSets.WORLD_CRS84_QUAD.level(0);
    assertEquals(279541132.014358, c0.scaleDenominator(), 1e-5);
    assertEquals(0.703125, c0.cellSize(), 0);
    assertEquals(2, c0.matrixWidth());
    assertEquals(1, c0.matrixHeight());
    assertEquals(33.3238997476528, MatrixSets.WORLD_CRS84_QUAD.level(23).scaleDenominator(), 1e-9);
    assertEquals(MatrixSets.WEB_MERCATOR_QUAD, MatrixSets.byId("WebMercatorQuad").orElseThrow());
    assertFalse(MatrixSets.byId("webmercatorquad").isPresent());
  }

  @Test
  void webMercatorTilesAgreeWithTheIndexsQuadtree() {
    // the same tile by the matrix set value and by the index's world square
    TileMatrix z12 = MatrixSets.WEB_MERCATOR_QUAD.level(12);
    TileCoord t = new TileCoord(12, WebMercatorQuad.INSTANCE.worldX(21.0, 52.23) >> 19,
        WebMercatorQuad.INSTANCE.worldY(21.0, 52.23) >> 19);
    double x = 21.0 * 20037508.3427892 / 180;
    double y = Math.log(Math.tan(Math.PI / 4 + Math.toRadians(52.23) / 2)) * 6378137;
    assertEquals(t.x(), z12.column(x));
    assertEquals(t.y(), z12.row(y));
  }

  @Test
  void theJsonHasWhatTheTmsSchemaRequires() throws Exception {
    for (MatrixSet s : MatrixSets.all()) {
      JsonNode doc = JSON.readTree(JSON.writeValueAsString(s.json()));
      checkTileMatrixSetSchema(doc);
      assertEquals(s.id(), doc.get("id").asText());
    }
    JsonNode pl = JSON.readTree(JSON.writeValueAsString(MatrixSets.GEOPORTAL_2180.json()));
    assertEquals("http://www.opengis.net/def/crs/EPSG/0/2180", pl.get("crs").asText());
    assertEquals(850000.0, pl.at("/tileMatrices/0/pointOfOrigin/0").asDouble(), 0);
    assertEquals(100000.0, pl.at("/tileMatrices/0/pointOfOrigin/1").asDouble(), 0);
    JsonNode wm = JSON.readTree(JSON.writeValueAsString(MatrixSets.WEB_MERCATOR_QUAD.json()));
    assertEquals(-20037508.3427892, wm.at("/tileMatrices/0/pointOfOrigin/0").asDouble(), 0);
    assertEquals("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", wm.get("uri").asText());
  }

  /**
   * The constraints of OGC's {@code tms/2.0/json/tileMatrixSet.json} (with {@code 2DPoint.json} and
   * {@code crs.json} as a URI string): required members, their types, the corner enumeration, and
   * integral sizes of at least 1. Checked by hand because no draft 2019-09 validator is reachable.
   */
  static void checkTileMatrixSetSchema(JsonNode doc) {
    assertTrue(doc.isObject());
    for (String required : List.of("crs", "tileMatrices")) {
      assertTrue(doc.has(required), "required: " + required);
    }
    for (String text : List.of("title", "description", "id", "uri", "wellKnownScaleSet", "crs")) {
      if (doc.has(text)) {
        assertTrue(doc.get(text).isTextual(), text + " is a string");
      }
    }
    if (doc.has("orderedAxes")) {
      assertTrue(doc.get("orderedAxes").isArray() && doc.get("orderedAxes").size() >= 1);
      doc.get("orderedAxes").forEach(a -> assertTrue(a.isTextual()));
    }
    assertTrue(doc.get("tileMatrices").isArray());
    assertFalse(doc.get("tileMatrices").isEmpty());
    for (JsonNode m : doc.get("tileMatrices")) {
      for (String required : List.of("id", "scaleDenominator", "cellSize", "pointOfOrigin", "tileWidth", "tileHeight",
          "matrixWidth", "matrixHeight")) {
        assertTrue(m.has(required), "tileMatrix requires " + required);
      }
      assertTrue(m.get("id").isTextual());
      assertTrue(m.get("scaleDenominator").isNumber());
      assertTrue(m.get("cellSize").isNumber());
      if (m.has("cornerOfOrigin")) {
        assertTrue(List.of("topLeft", "bottomLeft").contains(m.get("cornerOfOrigin").asText()));
      }
      JsonNode p = m.get("pointOfOrigin");
      assertTrue(p.isArray() && p.size() == 2 && p.get(0).isNumber() && p.get(1).isNumber(), "2DPoint");
      for (String size : List.of("tileWidth", "tileHeight", "matrixWidth", "matrixHeight")) {
        JsonNode n = m.get(size);
        assertTrue(n.isNumber() && n.asDouble() >= 1 && n.asDouble() == Math.rint(n.asDouble()), size);
      }
    }
  }

  @Test
  void theJsonIsPlainValues() {
    Map<String, Object> json = MatrixSets.GEOPORTAL_2180.json();
    assertInstanceOf(List.class, json.get("tileMatrices"));
    assertFalse(json.containsKey("uri"), "Geoportal's set has no registered URI");
  }
}
