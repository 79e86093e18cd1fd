package pl.kmzb.render;

import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;

/**
 * What a map shows: a rectangle of {@code crs} (x = east, y = north, whatever the CRS's axis order
 * at the protocol edge) drawn on {@code width} × {@code height} pixels. Pixels need not be square
 * (WMS allows a distorted map).
 */
public record MapView(Bounds bbox, Crs crs, int width, int height) {
  /** OGC's standardized rendering pixel: 0.28 mm (WMS 1.3.0 §7.2.4.6.9, SE 1.1 §10.2). */
  public static final double PIXEL_METRES = 0.00028;
  /** Metres per degree on the WGS 84 equator, as the same section asks for geographic CRSs. */
  public static final double METRES_PER_DEGREE = 6378137 * 2 * Math.PI / 360;

  public MapView {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("a map needs a positive size, was " + width + "x" + height);
    }
    if (!(bbox.width() > 0 && bbox.height() > 0)) {
      throw new IllegalArgumentException("a map's bbox needs a positive width and height: " + bbox);
    }
  }

  /** The scale denominator of the map's width, in OGC's 0.28 mm pixels. */
  public double scaleDenominator() {
    double metresPerUnit = crs.geographic() ? METRES_PER_DEGREE : 1;
    return bbox.width() / width * metresPerUnit / PIXEL_METRES;
  }

  /** Pixel column of CRS x (may lie outside the image). */
  public double column(double x) {
    return (x - bbox.minX()) * width / bbox.width();
  }

  /** Pixel row of CRS y (row 0 at the top). */
  public double row(double y) {
    return (bbox.maxY() - y) * height / bbox.height();
  }

  /** CRS x of a pixel column (a fractional column for the pixel's centre). */
  public double x(double column) {
    return bbox.minX() + column * bbox.width() / width;
  }

  /** CRS y of a pixel row. */
  public double y(double row) {
    return bbox.maxY() - row * bbox.height() / height;
  }
}
