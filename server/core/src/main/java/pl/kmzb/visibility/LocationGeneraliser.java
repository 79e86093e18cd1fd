package pl.kmzb.visibility;

import pl.kmzb.geo.LonLat;

/**
 * Generalised locations for public outputs: categories with {@code generalise_location_m > 0} are
 * shown at the centre of a grid cell of about that many metres, so no home is pinpointed (as
 * police.uk does for crimes).
 *
 * <p>The grid is fixed and deterministic, anchored at longitude 0, latitude 0 and the same for every
 * report, so a point always maps to the same centre and the centres reveal nothing beyond the cell.
 * For a size of N metres a cell is
 *
 * <ul>
 *   <li>N / 111 320 degrees of latitude high (about N metres everywhere), and
 *   <li>N / (111 320 · cos 52°) degrees of longitude wide: N metres at 52°N, the middle of Poland;
 *       from 49°N to 54.9°N that is 0.92 N to 1.05 N (183–210 m for N = 200).
 * </ul>
 *
 * A point on a cell's west or south edge belongs to that cell. Centres are rounded to 7 decimals
 * (about 1 cm), far inside the cell, so generalising a generalised point returns it unchanged.
 */
public final class LocationGeneraliser {
  /** Metres per degree of latitude (and of longitude at the equator), the usual approximation. */
  public static final double METRES_PER_DEGREE = 111_320;
  /** The latitude at which cells are square. */
  public static final double REFERENCE_LATITUDE = 52;

  private static final double COS_REFERENCE = Math.cos(Math.toRadians(REFERENCE_LATITUDE));

  private LocationGeneraliser() {}

  /**
   * The centre of the grid cell of about {@code metres} that holds {@code p}; {@code p} itself if
   * {@code metres} is 0.
   *
   * @throws IllegalArgumentException if {@code metres} is negative
   */
  public static LonLat generalise(LonLat p, int metres) {
    if (metres < 0) {
      throw new IllegalArgumentException("cell size must be >= 0 metres, was " + metres);
    } else if (metres == 0) {
      return p;
    }
    return new LonLat(
        clamp(centre(p.lon(), cellWidthDegrees(metres)), 180),
        clamp(centre(p.lat(), cellHeightDegrees(metres)), 90));
  }

  /** Width of a cell in degrees of longitude. */
  public static double cellWidthDegrees(int metres) {
    return metres / (METRES_PER_DEGREE * COS_REFERENCE);
  }

  /** Height of a cell in degrees of latitude. */
  public static double cellHeightDegrees(int metres) {
    return metres / METRES_PER_DEGREE;
  }

  private static double centre(double value, double size) {
    double centre = (Math.floor(value / size) + 0.5) * size;
    return Math.round(centre * 1e7) / 1e7;
  }

  private static double clamp(double value, double limit) {
    return Math.max(-limit, Math.min(limit, value));
  }
}
