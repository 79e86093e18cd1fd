package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsTransform;

/**
 * The interpolated positions of every pixel against the exact projection, for the density layer's
 * grid (EPSG:2180) over Poland under views in each kind of CRS and at world to street scale: every
 * pixel over the area has a position within 0.05 of the pixel's own size in the target CRS, exact on
 * the lattice; a pixel beyond the area has none, or one near the area (a lattice square across its edge).
 */
class PixelPositionsTest {
  private static final Bounds POLAND = new Bounds(14.0, 49.0, 24.2, 54.9);
  private static final CrsTransform FROM_2180 = RenderFixtures.CRS.toLonLat(RenderFixtures.CRS.require("EPSG:2180"));

  /** Whether an EPSG:2180 position lies within half a degree of the area (a pixel at its edge). */
  private static boolean nearPoland(double x, double y) {
    double[] ll = FROM_2180.apply(x, y);
    return ll[0] > 13.5 && ll[0] < 24.7 && ll[1] > 48.5 && ll[1] < 55.4;
  }

  @ParameterizedTest
  @CsvSource({
      "EPSG:3857, 14.0, 49.0, 24.2, 54.9, 1024, 1024",
      "EPSG:4326, 14.0, 49.0, 24.2, 54.9, 1000, 700",
      "EPSG:2180, 14.0, 49.0, 24.2, 54.9, 777, 513",
      "EPSG:3857, -180, -85, 180, 85, 1024, 512",
      "EPSG:3857, 18.63, 54.34, 18.66, 54.36, 1024, 1024",
      "EPSG:2177, 20.5, 51.9, 21.5, 52.5, 256, 256"})
  void staysWithinAFractionOfAPixelOfTheExactPosition(String crs, double minLon, double minLat, double maxLon,
      double maxLat, int w, int h) {
    MapView view = RenderFixtures.view(crs, minLon, minLat, maxLon, maxLat, w, h);
    ViewTransform vt = new ViewTransform(view, RenderFixtures.CRS);
    CrsTransform to2180 = RenderFixtures.CRS.fromLonLat(RenderFixtures.CRS.require("EPSG:2180"));
    PixelPositions positions = new PixelPositions(vt, (xy, n) -> to2180.apply(xy, 0, n), POLAND);
    double[] x = new double[w];
    double[] y = new double[w];
    double worst = 0;
    int compared = 0;
    for (int j = 0; j < h; j++) {
      positions.row(j, x, y);
      for (int i = 0; i < w; i++) {
        pl.kmzb.geo.LonLat at = vt.lonLatOf(i + 0.5, j + 0.5);
        if (!POLAND.contains(at.lon(), at.lat())) {
          assertTrue(Double.isNaN(x[i]) || nearPoland(x[i], y[i]), "beyond the area: NaN or near it");
          continue;
        }
        double[] exact = to2180.apply(at.lon(), at.lat());
        // the pixel's size in EPSG:2180 here: the distance to its right-hand neighbour's exact position
        double[] next = to2180.apply(vt.lonLatOf(i + 1.5, j + 0.5).lon(), vt.lonLatOf(i + 1.5, j + 0.5).lat());
        double pixel = Math.hypot(next[0] - exact[0], next[1] - exact[1]);
        double off = Math.hypot(x[i] - exact[0], y[i] - exact[1]);
        assertFalse(Double.isNaN(x[i]), "a pixel over the area has a position");
        if (i % PixelPositions.STEP == 0 && j % PixelPositions.STEP == 0) {
          assertEquals(0, off, 1e-6 * Math.max(1, Math.abs(exact[0])), "a lattice point is projected exactly");
        }
        worst = Math.max(worst, off / pixel);
        compared++;
      }
    }
    assertTrue(compared > 200, "compared " + compared + " pixels");
    System.out.printf("%s %s: worst %.4f px over %d pixels%n", crs, view.bbox(), worst, compared);
    assertTrue(worst < 0.05, "worst interpolation error " + worst + " px");
  }
}
