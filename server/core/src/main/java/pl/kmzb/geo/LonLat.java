package pl.kmzb.geo;

/** A point in EPSG:4326 in longitude/latitude order (the order of GeoJSON and of our storage). */
public record LonLat(double lon, double lat) {
  public LonLat {
    if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
      throw new IllegalArgumentException("coordinates out of range: lon=" + lon + ", lat=" + lat);
    }
  }
}
