package pl.kmzb.tiles;

/** OGC's WebMercatorQuad (EPSG:3857, the grid of web maps, XYZ tile order). */
public final class WebMercatorQuad implements TileMatrixSet {
  public static final WebMercatorQuad INSTANCE = new WebMercatorQuad();
  /** Latitude where the square Web Mercator world ends. */
  public static final double MAX_LAT = 85.0511287798066;
  private static final double WORLD = 1L << Morton.LEVELS;

  private WebMercatorQuad() {}

  @Override
  public String id() {
    return "WebMercatorQuad";
  }

  @Override
  public String crs() {
    return "http://www.opengis.net/def/crs/EPSG/0/3857";
  }

  @Override
  public int worldX(double lon, double lat) {
    return clamp(fractionX(lon) * WORLD);
  }

  @Override
  public int worldY(double lon, double lat) {
    return clamp(fractionY(lat) * WORLD);
  }

  @Override
  public double[] world(double lon, double lat) {
    return new double[] {fractionX(lon) * WORLD, fractionY(lat) * WORLD};
  }

  /** Longitude of a world x (west edge of the unit). */
  public static double lon(double worldX) {
    return worldX / WORLD * 360 - 180;
  }

  /** Latitude of a world y (north edge of the unit). */
  public static double lat(double worldY) {
    double n = Math.PI * (1 - 2 * worldY / WORLD);
    return Math.toDegrees(Math.atan(Math.sinh(n)));
  }

  private static double fractionX(double lon) {
    return (lon + 180) / 360;
  }

  private static double fractionY(double lat) {
    double phi = Math.toRadians(Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)));
    return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
  }

  private static int clamp(double world) {
    if (world <= 0) {
      return 0;
    }
    return world >= WORLD - 1 ? (int) (WORLD - 1) : (int) world;
  }
}
