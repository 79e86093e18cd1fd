package pl.kmzb.ogctiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tile matrix sets OGC API – Tiles offers, as OGC Two Dimensional Tile Matrix Set 2.0 JSON
 * (OGC 17-083r4). Only WebMercatorQuad: the vector tiles, their cache and the cluster index are
 * cut in it. Its matrices are computed from the definition in the OGC registry (origin at the
 * top-left corner of the square Web Mercator world, 256-pixel tiles, 0.28 mm pixels), never typed in.
 */
final class MatrixSets {
  static final String WEB_MERCATOR_QUAD = "WebMercatorQuad";
  static final String WEB_MERCATOR_URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
  static final String EPSG_3857 = "http://www.opengis.net/def/crs/EPSG/0/3857";
  /** Half the side of the Web Mercator square, metres (π × 6,378,137). */
  static final double HALF_WORLD = Math.PI * 6_378_137;
  static final int TILE_SIZE = 256;
  /** The registry's WebMercatorQuad has matrices 0 to 24. */
  static final int LAST_MATRIX = 24;
  /** The standardised rendering pixel size, metres (OGC 2D-TMS 6.1.1). */
  static final double PIXEL = 0.00028;

  private MatrixSets() {}

  static List<String> ids() {
    return List.of(WEB_MERCATOR_QUAD);
  }

  static Optional<String> find(String id) {
    return WEB_MERCATOR_QUAD.equals(id) ? Optional.of(id) : Optional.empty();
  }

  static double cellSize(int z) {
    return 2 * HALF_WORLD / TILE_SIZE / (1L << z);
  }

  /** The tile matrix set document. */
  static Map<String, Object> webMercatorQuad() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", WEB_MERCATOR_QUAD);
    m.put("title", "Google Maps Compatible for the World");
    m.put("uri", WEB_MERCATOR_URI);
    m.put("crs", EPSG_3857);
    m.put("orderedAxes", List.of("E", "N"));
    m.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
    List<Map<String, Object>> matrices = new ArrayList<>();
    for (int z = 0; z <= LAST_MATRIX; z++) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("id", Integer.toString(z));
      t.put("scaleDenominator", cellSize(z) / PIXEL);
      t.put("cellSize", cellSize(z));
      t.put("cornerOfOrigin", "topLeft");
      t.put("pointOfOrigin", List.of(-HALF_WORLD, HALF_WORLD));
      t.put("tileWidth", TILE_SIZE);
      t.put("tileHeight", TILE_SIZE);
      t.put("matrixWidth", 1L << z);
      t.put("matrixHeight", 1L << z);
      matrices.add(t);
    }
    m.put("tileMatrices", matrices);
    return m;
  }

  /** The bounds of tile (z, row, col) in EPSG:3857 metres: minX, minY, maxX, maxY. */
  static double[] bounds(int z, long row, long col) {
    double span = 2 * HALF_WORLD / (1L << z);
    double minX = -HALF_WORLD + col * span;
    double maxY = HALF_WORLD - row * span;
    return new double[] {minX, maxY - span, minX + span, maxY};
  }
}
