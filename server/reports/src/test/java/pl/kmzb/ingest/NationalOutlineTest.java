package pl.kmzb.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.geo.Envelope;
import pl.kmzb.geo.LonLat;

class NationalOutlineTest {
  static final NationalOutline POLAND = NationalOutline.poland();

  /**
   * Metres from (lon, lat) to the outline's boundary, negative inside: the outline in a local
   * plane around the point, with the WGS84 lengths of a degree at that latitude (good to a few
   * metres at these distances).
   */
  static double signedMetres(Geometry outline, double lon, double lat) {
    double phi = Math.toRadians(lat);
    double perLat = 111_132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
    double perLon = 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi) + 0.118 * Math.cos(5 * phi);
    Geometry local = outline.copy();
    local.apply((CoordinateFilter) c -> {
      c.x = (c.x - lon) * perLon;
      c.y = (c.y - lat) * perLat;
    });
    local.geometryChanged();
    Geometry origin = local.getFactory().createPoint(new Coordinate(0, 0));
    double d = local.getBoundary().distance(origin);
    return local.covers(origin) ? -d : d;
  }

  @ParameterizedTest(name = "{0} is in Poland")
  @CsvSource({
      "Warszawa, 21.0122, 52.2297",
      "Świnoujście, 14.25, 53.91",
      "Ustrzyki Górne, 22.65, 49.10",
      "Zakopane, 19.95, 49.30",
      "Suwałki, 22.93, 54.10",
      "Zgorzelec, 15.00, 51.15",
      "Słubice, 14.57, 52.35",
      "Terespol, 23.61, 52.07",
  })
  void placesInPoland(String name, double lon, double lat) {
    assertTrue(POLAND.contains(lon, lat), name);
    assertTrue(POLAND.contains(new LonLat(lon, lat)), name);
    assertTrue(signedMetres(POLAND.outline(), lon, lat) < 0, name + " lies inside the outline itself");
  }

  @Test
  void theShapeAndItsBoundsAreThoseOfTheSharedOutlineWithoutBuildingIt() {
    assertSame(NationalOutline.poland().outline(), NationalOutline.polandOutline());
    assertEquals(NationalOutline.poland().envelope(), NationalOutline.polandEnvelope());
  }

  @Test
  void helIsAcceptedThanksToTheBuffer() {
    // The peninsula is a few hundred metres wide; at 1:10m the town lies just off the outline.
    double metres = signedMetres(POLAND.outline(), 18.80, 54.61);
    assertTrue(metres > 0 && metres < 600, "Hel is " + metres + " m from the outline");
    assertTrue(POLAND.contains(18.80, 54.61));
  }

  @Test
  void aPointThreeHundredMetresOverTheBorderIsAccepted() {
    // Across the Bug from Terespol, on the Belarusian bank: the nearest border point of the
    // outline is about (23.6432, 52.0729), and this point lies 300 m from it away from Poland.
    double lon = 23.6467;
    double lat = 52.0746;
    double metres = signedMetres(POLAND.outline(), lon, lat);
    assertTrue(metres > 250 && metres < 350, "the point is " + metres + " m outside the outline");
    assertTrue(POLAND.contains(lon, lat));
    assertFalse(NationalOutline.poland(0).contains(lon, lat));
    assertFalse(NationalOutline.poland(200).contains(lon, lat));
  }

  @ParameterizedTest(name = "{0} is not in Poland")
  @CsvSource({
      "Berlin, 13.40, 52.52",
      "Kaliningrad, 20.51, 54.71",
      "Lviv, 24.03, 49.84",
      "Prague, 14.42, 50.09",
      "Vilnius, 25.28, 54.69",
      "Bornholm, 14.90, 55.10",
      "Baltic Sea, 18.0, 55.0",
      // Frankfurt (Oder) centre (14.55, 52.34) is only ~1.1 km from the 1:10m outline, and Görlitz
      // centre (14.99, 51.155) even falls inside it: points in their western districts instead.
      "Frankfurt (Oder) west, 14.50, 52.35",
      "Görlitz west, 14.93, 51.16",
  })
  void placesOutsidePoland(String name, double lon, double lat) {
    assertTrue(signedMetres(POLAND.outline(), lon, lat) > 3_000, name + " lies more than 3 km outside");
    assertFalse(POLAND.contains(lon, lat), name);
  }

  @Test
  void theGridAnswersLikeTheGeometryEverywhere() {
    NationalOutline poland = NationalOutline.poland();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
    int inside = 0;
    for (int i = 0; i < 300_000; i++) {
      double lon = 13.5 + rnd.nextDouble() * 11.5;
      double lat = 48.5 + rnd.nextDouble() * 7;
      boolean exact = poland.containsExactly(lon, lat);
      assertEquals(exact, poland.contains(lon, lat), "at " + lon + " " + lat);
      inside += exact ? 1 : 0;
    }
    assertTrue(inside > 100_000 && inside < 250_000, "both answers occur: " + inside);
  }

  @Test
  void envelopeIsThatOfTheUnbufferedOutline() {
    Envelope e = POLAND.envelope();
    assertEquals(14.12, e.minLon(), 0.05);
    assertEquals(24.15, e.maxLon(), 0.05);
    assertEquals(49.00, e.minLat(), 0.05);
    assertEquals(54.84, e.maxLat(), 0.05);
    assertEquals(e, NationalOutline.poland(5_000).envelope());
  }

  @Test
  void theDefaultIsOneSharedOneKilometreOutline() {
    assertEquals(1_000, POLAND.bufferMetres());
    assertSame(POLAND, NationalOutline.poland(NationalOutline.DEFAULT_BUFFER_METRES));
  }

  @Test
  void theBufferIsMeasuredInMetresInBothDirections() {
    // A 0.1° square at 52° N; the buffer is never narrower than asked and here at most ~1% wider.
    Geometry square = new GeometryFactory().toGeometry(new org.locationtech.jts.geom.Envelope(20.0, 20.1, 52.0, 52.1));
    NationalOutline outline = NationalOutline.of(square, 1_000);
    double perLat = 111_250;
    double perLon = 111_320 * Math.cos(Math.toRadians(52.05));
    assertTrue(outline.contains(20.1 + 990 / perLon, 52.05), "990 m east");
    assertFalse(outline.contains(20.1 + 1_050 / perLon, 52.05), "1,050 m east");
    assertTrue(outline.contains(20.05, 52.1 + 990 / perLat), "990 m north");
    assertFalse(outline.contains(20.05, 52.1 + 1_050 / perLat), "1,050 m north");
    assertTrue(outline.contains(20.0, 52.0), "a corner");
    assertTrue(NationalOutline.of(square, 0).contains(20.0, 52.05), "the boundary without a buffer");
  }

  @Test
  void badInputIsRejectedOrOutside() {
    assertFalse(POLAND.contains(Double.NaN, 52.0));
    assertFalse(POLAND.contains(21.0, Double.NaN));
    assertFalse(POLAND.contains(Double.POSITIVE_INFINITY, 52.0));
    assertThrows(IllegalArgumentException.class, () -> NationalOutline.poland(-1));
    assertThrows(IllegalArgumentException.class, () -> NationalOutline.poland(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> NationalOutline.poland(100_001));
    assertThrows(IllegalArgumentException.class,
        () -> NationalOutline.of(new GeometryFactory().createPoint(new Coordinate(20, 52)), 0));
  }

  @Test
  void concurrentCallersAgreeWithASingleThreadAndCallsAreFast() throws Exception {
    SplittableRandom random = new SplittableRandom(42);
    int n = 200_000;
    double[] lon = new double[n];
    double[] lat = new double[n];
    for (int i = 0; i < n; i++) {
      lon[i] = random.nextDouble(13.5, 24.8);
      lat[i] = random.nextDouble(48.5, 55.3);
    }
    boolean[] expected = new boolean[n];
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      expected[i] = POLAND.contains(lon[i], lat[i]);
    }
    double microsPerCall = (System.nanoTime() - start) / 1_000.0 / n;
    System.out.printf("NationalOutline.contains: %.2f µs per call (%d calls, one thread, cold)%n", microsPerCall, n);
    assertTrue(microsPerCall < 50, microsPerCall + " µs per call");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> mismatches = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        mismatches.add(pool.submit(() -> {
          int bad = 0;
          for (int i = 0; i < n; i++) {
            bad += POLAND.contains(lon[i], lat[i]) == expected[i] ? 0 : 1;
          }
          return bad;
        }));
      }
      for (Future<Integer> f : mismatches) {
        assertEquals(0, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
