package pl.kmzb.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tile matrix sets the server publishes (WMTS, OGC API – Tiles).
 *
 * <ul>
 *   <li>{@link #WEB_MERCATOR_QUAD} and {@link #WORLD_CRS84_QUAD}: OGC 17-083r4 Annex D (the OGC
 *       registry's definitions), 256-pixel tiles, levels 0–24 and 0–23.
 *   <li>{@link #GEOPORTAL_2180}: the set "EPSG:2180" exactly as GUGiK's Geoportal publishes it for its
 *       EPSG:2180 WMTS, e.g. the capabilities of
 *       {@code https://mapy.geoportal.gov.pl/wss/service/PZGIK/ORTO/WMTS/StandardResolution}
 *       (TileMatrix "EPSG:2180:0" … "EPSG:2180:16"): top-left corner 850,000 N / 100,000 E, 512-pixel
 *       tiles, the seventeen scale denominators and matrix sizes below. Read from a copy of that
 *       document in LiteFarm's map-source tests (LiteFarmOrg/LiteFarm, webapp) and the same scale list
 *       in Leaflet configurations of the Geoportal ORTO/G2_MOBILE_500 services (proj4leaflet
 *       {@code projwmts}); the service itself is not reachable from here. Levels halve down to 7, then
 *       step by 2.5 (7→8, 10→11, 12→13), so this is not a quadtree. Matrix identifiers here are
 *       "0" … "16" (Geoportal's "EPSG:2180:n" with the prefix dropped, as OGC API paths use them).
 * </ul>
 */
public final class MatrixSets {
  private static final double MERCATOR_HALF = 20037508.3427892;
  /**
   * Level 0 scale denominators as the standards print them (17-083r4 Annex D; 07-057r7 Annex E),
   * not recomputed from the cell size: clients and OGC's suite compare them with the well-known
   * scale sets digit for digit, and a product of rounded factors is off in the 15th digit.
   */
  private static final double WEB_MERCATOR_SCALE_0 = 559082264.0287178;
  private static final double WORLD_CRS84_SCALE_0 = 279541132.0143589;

  public static final MatrixSet WEB_MERCATOR_QUAD = quad("WebMercatorQuad", "Web Mercator Quad for the World",
      "EPSG:3857", "http://www.opengis.net/def/crs/EPSG/0/3857", false, List.of("X", "Y"),
      "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible", -MERCATOR_HALF, MERCATOR_HALF,
      2 * MERCATOR_HALF / 256, WEB_MERCATOR_SCALE_0, 1, 1, TileCoord.MAX_ZOOM);

  public static final MatrixSet WORLD_CRS84_QUAD = quad("WorldCRS84Quad", "CRS84 for the World", "CRS:84",
      "http://www.opengis.net/def/crs/OGC/1.3/CRS84", false, List.of("Lon", "Lat"),
      "http://www.opengis.net/def/wkss/OGC/1.0/GoogleCRS84Quad", -180, 90, 0.703125, WORLD_CRS84_SCALE_0, 2, 1, 23);

  /** Geoportal's scale denominators for "EPSG:2180:0" … "EPSG:2180:16", as published. */
  static final double[] GEOPORTAL_SCALES = {
    30238155.714285716, 15119077.857142858, 7559538.928571429, 3779769.4642857146, 1889884.7321428573,
    944942.3660714286, 472471.1830357143, 236235.59151785716, 94494.23660714286, 47247.11830357143,
    23623.559151785714, 9449.423660714287, 4724.711830357143, 1889.8847321428573, 944.9423660714286,
    472.4711830357143, 236.23559151785716};
  /** Geoportal's MatrixWidth and MatrixHeight per level, as published. */
  static final long[][] GEOPORTAL_MATRICES = {
    {1, 1}, {1, 1}, {1, 1}, {2, 2}, {3, 3}, {6, 6}, {12, 11}, {23, 22}, {57, 54}, {114, 107}, {227, 214},
    {567, 533}, {1133, 1066}, {2831, 2664}, {5662, 5328}, {11323, 10656}, {22645, 21312}};

  public static final MatrixSet GEOPORTAL_2180 = geoportal();

  private static final List<MatrixSet> ALL = List.of(WEB_MERCATOR_QUAD, WORLD_CRS84_QUAD, GEOPORTAL_2180);

  private MatrixSets() {}

  /** Every published set, WebMercatorQuad first. */
  public static List<MatrixSet> all() {
    return ALL;
  }

  /** The set with identifier {@code id} (exact spelling). */
  public static Optional<MatrixSet> byId(String id) {
    return ALL.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  private static MatrixSet quad(String id, String title, String crsCode, String crsUri, boolean northFirst,
      List<String> axes, String wkss, double originEast, double originNorth, double cell0, double scale0,
      long width0, long height0, int maxLevel) {
    List<TileMatrix> levels = new ArrayList<>();
    for (int z = 0; z <= maxLevel; z++) {
      double cell = cell0 / (1L << z);
      levels.add(new TileMatrix(Integer.toString(z), scale0 / (1L << z), cell, originEast,
          originNorth, 256, 256, width0 << z, height0 << z));
    }
    return new MatrixSet(id, title, "http://www.opengis.net/def/tilematrixset/OGC/1.0/" + id, crsCode, crsUri,
        northFirst, axes, wkss, levels);
  }

  private static MatrixSet geoportal() {
    List<TileMatrix> levels = new ArrayList<>();
    for (int i = 0; i < GEOPORTAL_SCALES.length; i++) {
      double scale = GEOPORTAL_SCALES[i];
      levels.add(new TileMatrix(Integer.toString(i), scale, scale * TileMatrix.PIXEL_METRES, 100_000, 850_000, 512, 512,
          GEOPORTAL_MATRICES[i][0], GEOPORTAL_MATRICES[i][1]));
    }
    return new MatrixSet("EPSG2180", "Poland CS92 (EPSG:2180), Geoportal's WMTS grid", null, "EPSG:2180",
        "http://www.opengis.net/def/crs/EPSG/0/2180", true, List.of("N", "E"), null, levels);
  }
}
