package pl.kmzb.crs;

import java.util.Locale;

/**
 * Axis order at protocol edges. Inside the server x is east and y is north; what a client sends or
 * expects depends on the protocol, its version and how the CRS was spelled, following GeoServer's
 * rules, which clients (QGIS above all) rely on:
 * <ul>
 *   <li>WMS 1.3.0 and OGC API Features: the order of the CRS's definition (EPSG:4326 and the Polish
 *       grids north first; CRS:84 and EPSG:3857 east first);
 *   <li>WMS 1.1.1 and WFS 1.0.0: always east first;
 *   <li>WFS 1.1.0 and 2.0.0: the definition's order for URN and http URI spellings, but east first for
 *       the short {@code EPSG:n} and the old {@code http://www.opengis.net/gml/srs/epsg.xml#n}.
 * </ul>
 */
public final class AxisOrder {
  /** The protocol versions whose axis rules differ. */
  public enum Protocol { WMS_1_1_1, WMS_1_3_0, WFS_1_0_0, WFS_1_1_0, WFS_2_0_0, OGC_API_FEATURES }

  private AxisOrder() {}

  /** Whether coordinates at this edge are north first, for {@code crs} spelled as {@code identifier}. */
  public static boolean northFirst(Crs crs, String identifier, Protocol protocol) {
    return switch (protocol) {
      case WMS_1_1_1, WFS_1_0_0 -> false;
      case WMS_1_3_0, OGC_API_FEATURES -> crs.northFirst();
      case WFS_1_1_0, WFS_2_0_0 -> crs.northFirst() && !isShortForm(identifier);
    };
  }

  /** As {@link #northFirst(Crs, String, Protocol)} for the spelling the server itself writes (URN in WFS). */
  public static boolean northFirst(Crs crs, Protocol protocol) {
    return northFirst(crs, crs.urn(), protocol);
  }

  /** {@code EPSG:n} or {@code http://www.opengis.net/gml/srs/epsg.xml#n}: the spellings read east first in WFS. */
  public static boolean isShortForm(String identifier) {
    String id = identifier == null ? "" : identifier.strip().toLowerCase(Locale.ROOT);
    return id.startsWith("epsg:") || id.contains("opengis.net/gml/srs/epsg.xml#");
  }

  /** Swaps every x/y pair of each array in place. */
  public static void swap(double[]... arrays) {
    for (double[] xy : arrays) {
      swap(xy, 0, xy.length / 2);
    }
  }

  /** Swaps {@code points} pairs of {@code xy} in place, starting at {@code offset}. */
  public static void swap(double[] xy, int offset, int points) {
    int end = offset + 2 * points;
    for (int i = offset; i < end; i += 2) {
      double t = xy[i];
      xy[i] = xy[i + 1];
      xy[i + 1] = t;
    }
  }

  /** Pairs in a protocol's order to the internal east/north order (or back: swapping is its own inverse). */
  public static void toInternal(double[] xy, int offset, int points, boolean northFirst) {
    if (northFirst) {
      swap(xy, offset, points);
    }
  }

  /**
   * A bounding box as a protocol writes it (two corners, each in the edge's axis order, e.g. WMS 1.3.0
   * {@code BBOX=minlat,minlon,maxlat,maxlon} for EPSG:4326) as internal bounds.
   */
  public static Bounds bounds(double a1, double a2, double b1, double b2, boolean northFirst) {
    return northFirst ? new Bounds(a2, a1, b2, b1) : new Bounds(a1, a2, b1, b2);
  }

  /** Internal bounds as the four numbers of a protocol's bounding box, in the edge's axis order. */
  public static double[] corners(Bounds b, boolean northFirst) {
    return northFirst ? new double[] {b.minY(), b.minX(), b.maxY(), b.maxX()}
        : new double[] {b.minX(), b.minY(), b.maxX(), b.maxY()};
  }
}
