package pl.kmzb.geo;

/** An axis-aligned rectangle in EPSG:4326, longitude/latitude, edges inclusive. */
public record Envelope(double minLon, double minLat, double maxLon, double maxLat) {
  /** Bounds of Poland with a margin, used for TileJSON bounds and sanity checks. */
  public static final Envelope POLAND = new Envelope(14.0, 48.9, 24.25, 54.95);

  public Envelope {
    if (!(minLon >= -180 && maxLon <= 180 && minLat >= -90 && maxLat <= 90)) {
      throw new IllegalArgumentException("envelope outside EPSG:4326 range: " + minLon + "," + minLat
          + "," + maxLon + "," + maxLat);
    }
    if (!(minLon <= maxLon && minLat <= maxLat)) {
      throw new IllegalArgumentException("envelope minimum exceeds maximum: " + minLon + "," + minLat
          + "," + maxLon + "," + maxLat);
    }
  }

  public boolean contains(double lon, double lat) {
    return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
  }

  public boolean contains(LonLat p) {
    return contains(p.lon(), p.lat());
  }
}
