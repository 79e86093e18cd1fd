package pl.kmzb.crs;

import pl.kmzb.geo.Envelope;

/**
 * An axis-aligned rectangle in any CRS, x = east and y = north (metres or degrees). {@link Envelope}
 * is the lon/lat special case, range-checked; projected bounds need this one.
 */
public record Bounds(double minX, double minY, double maxX, double maxY) {
  public Bounds {
    if (!(minX <= maxX && minY <= maxY)) {
      throw new IllegalArgumentException("bounds minimum exceeds maximum (or is NaN): " + minX + "," + minY
          + "," + maxX + "," + maxY);
    }
  }

  public static Bounds of(Envelope e) {
    return new Bounds(e.minLon(), e.minLat(), e.maxLon(), e.maxLat());
  }

  /** These bounds read as lon/lat, clamped to the EPSG:4326 range. */
  public Envelope toEnvelope() {
    return new Envelope(Math.max(-180, minX), Math.max(-90, minY), Math.min(180, maxX), Math.min(90, maxY));
  }

  public boolean contains(double x, double y) {
    return x >= minX && x <= maxX && y >= minY && y <= maxY;
  }

  public boolean intersects(Bounds o) {
    return o.minX <= maxX && o.maxX >= minX && o.minY <= maxY && o.maxY >= minY;
  }

  public double width() {
    return maxX - minX;
  }

  public double height() {
    return maxY - minY;
  }
}
