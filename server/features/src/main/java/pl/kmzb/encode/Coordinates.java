package pl.kmzb.encode;

/**
 * How positions leave the server: the internal lon/lat (east, north) turned into the output CRS
 * and written in the axis order the protocol prescribes for it ({@code pl.kmzb.crs.AxisOrder}).
 */
public interface Coordinates {
  /** Writes the output coordinates of lon/lat into {@code out[0]}, {@code out[1]}, in output axis order. */
  void project(double lon, double lat, double[] out);

  /** Decimals worth writing: about a centimetre (7 for degrees, 2 for metres). */
  int decimals();

  /** The CRS as GML names it in {@code srsName}. */
  String srsName();

  /** Lon/lat unchanged, in the given axis order. */
  static Coordinates lonLat(String srsName, boolean northFirst) {
    return new Coordinates() {
      @Override
      public void project(double lon, double lat, double[] out) {
        out[0] = northFirst ? lat : lon;
        out[1] = northFirst ? lon : lat;
      }

      @Override
      public int decimals() {
        return 7;
      }

      @Override
      public String srsName() {
        return srsName;
      }
    };
  }

  /**
   * Lon/lat transformed into {@code crs} and written north first when {@code northFirst} (the
   * protocol's rule for the CRS as spelled, {@code pl.kmzb.crs.AxisOrder}). One instance per response:
   * transforms are thread-safe, and this adds no state.
   */
  static Coordinates of(pl.kmzb.crs.CrsRegistry registry, pl.kmzb.crs.Crs crs, boolean northFirst, String srsName) {
    pl.kmzb.crs.CrsTransform t = registry.fromLonLat(crs);
    int decimals = crs.geographic() ? 7 : 2;
    boolean identity = t.isIdentity();
    return new Coordinates() {
      @Override
      public void project(double lon, double lat, double[] out) {
        out[0] = lon;
        out[1] = lat;
        if (!identity) {
          t.apply(out, 0, 1);
        }
        if (northFirst) {
          double x = out[0];
          out[0] = out[1];
          out[1] = x;
        }
      }

      @Override
      public int decimals() {
        return decimals;
      }

      @Override
      public String srsName() {
        return srsName;
      }
    };
  }

  /** {@code v} rounded to {@code decimals}; exact for the magnitudes of coordinates. */
  static double round(double v, int decimals) {
    double scale = decimals == 7 ? 1e7 : Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }
}
