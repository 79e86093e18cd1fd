package pl.kmzb.visibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;

class LocationGeneraliserTest {
  private static final int[] SIZES = {1, 50, 100, 200, 500, 1000, 5000};

  /** Equirectangular distance in metres: exact enough within a few kilometres. */
  private static double metres(LonLat a, LonLat b) {
    double dx = (a.lon() - b.lon()) * 111_320 * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
    double dy = (a.lat() - b.lat()) * 111_320;
    return Math.hypot(dx, dy);
  }

  private static LonLat randomInPoland(SplittableRandom random) {
    return new LonLat(random.nextDouble(14.1, 24.2), random.nextDouble(49.0, 54.9));
  }

  @Test
  void zeroIsIdentity() {
    LonLat p = new LonLat(21.0122287, 52.2296756);
    assertSame(p, LocationGeneraliser.generalise(p, 0));
  }

  @Test
  void negativeSizesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> LocationGeneraliser.generalise(new LonLat(21, 52), -1));
  }

  @Test
  void cellsAreAboutTheRequestedSizeAcrossPoland() {
    double width = LocationGeneraliser.cellWidthDegrees(200);
    assertEquals(200, width * 111_320 * Math.cos(Math.toRadians(52)), 1e-9);
    assertEquals(200, LocationGeneraliser.cellHeightDegrees(200) * 111_320, 1e-9);
    double south = width * 111_320 * Math.cos(Math.toRadians(49.0));
    double north = width * 111_320 * Math.cos(Math.toRadians(54.9));
    assertTrue(south > 180 && south < 215, "at 49°N: " + south);
    assertTrue(north > 180 && north < 215, "at 54.9°N: " + north);
  }

  @Test
  void everyPointStaysWithinHalfACellDiagonal() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 20_000; i++) {
      LonLat p = randomInPoland(random);
      int size = SIZES[i % SIZES.length];
      LonLat g = LocationGeneraliser.generalise(p, size);
      double cellWidth = LocationGeneraliser.cellWidthDegrees(size) * 111_320 * Math.cos(Math.toRadians(p.lat()));
      double halfDiagonal = Math.hypot(cellWidth, size) / 2;
      assertTrue(metres(p, g) <= halfDiagonal + 0.05, p + " -> " + g + " at " + size + " m");
      assertTrue(Math.abs(p.lat() - g.lat()) <= LocationGeneraliser.cellHeightDegrees(size) / 2 + 1e-7);
      assertTrue(Math.abs(p.lon() - g.lon()) <= LocationGeneraliser.cellWidthDegrees(size) / 2 + 1e-7);
    }
  }

  @Test
  void generalisingIsStable() {
    SplittableRandom random = new SplittableRandom(43);
    for (int i = 0; i < 20_000; i++) {
      int size = SIZES[i % SIZES.length];
      LonLat once = LocationGeneraliser.generalise(randomInPoland(random), size);
      assertEquals(once, LocationGeneraliser.generalise(once, size));
    }
  }

  @Test
  void pointsInOneCellShareTheCentreAndNeighboursDoNot() {
    SplittableRandom random = new SplittableRandom(44);
    for (int i = 0; i < 2_000; i++) {
      int size = SIZES[i % SIZES.length];
      double w = LocationGeneraliser.cellWidthDegrees(size);
      double h = LocationGeneraliser.cellHeightDegrees(size);
      LonLat centre = LocationGeneraliser.generalise(randomInPoland(random), size);
      LonLat inside = new LonLat(centre.lon() + random.nextDouble(-0.49, 0.49) * w,
          centre.lat() + random.nextDouble(-0.49, 0.49) * h);
      assertEquals(centre, LocationGeneraliser.generalise(inside, size));
      LonLat east = LocationGeneraliser.generalise(new LonLat(centre.lon() + w, centre.lat()), size);
      assertNotEquals(centre, east);
      assertEquals(w, east.lon() - centre.lon(), 2e-7);
      assertEquals(centre.lat(), east.lat());
    }
  }

  @Test
  void theGridIsAnchoredAtZeroAndEdgesBelongToTheCellAbove() {
    double w = LocationGeneraliser.cellWidthDegrees(200);
    double h = LocationGeneraliser.cellHeightDegrees(200);
    LonLat first = LocationGeneraliser.generalise(new LonLat(0, 0), 200);
    assertEquals(Math.round(w / 2 * 1e7) / 1e7, first.lon());
    assertEquals(Math.round(h / 2 * 1e7) / 1e7, first.lat());
    LonLat west = LocationGeneraliser.generalise(new LonLat(-1e-9, -1e-9), 200);
    assertEquals(-first.lon(), west.lon());
    assertEquals(-first.lat(), west.lat());
  }

  @Test
  void knownPointIsDeterministic() {
    LonLat warsaw = new LonLat(21.0122287, 52.2296756);
    LonLat g = LocationGeneraliser.generalise(warsaw, 200);
    assertEquals(g, LocationGeneraliser.generalise(new LonLat(21.0122287, 52.2296756), 200));
    assertTrue(metres(warsaw, g) < 142);
  }

  @Test
  void staysValidAtTheEdgesOfTheWorld() {
    for (LonLat p : new LonLat[] {new LonLat(180, 90), new LonLat(-180, -90), new LonLat(179.9999, 89.9999)}) {
      LonLat g = LocationGeneraliser.generalise(p, 5000);
      assertEquals(g, LocationGeneraliser.generalise(g, 5000));
    }
  }
}
