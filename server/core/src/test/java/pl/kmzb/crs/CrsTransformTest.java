package pl.kmzb.crs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.geo.Envelope;

class CrsTransformTest {
  private final CrsRegistry registry = CrsRegistry.standard();

  /**
   * Reference values computed with GDAL 3.6.2 (PROJ), east/north output, e.g.
   * {@code printf "21.0067 52.2318\n" | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:2180 -output_xy}.
   * Each point lies in its zone for the CS2000 codes.
   */
  private record ControlPoint(String crs, double lon, double lat, double x, double y) {}

  private static final List<ControlPoint> CONTROL = List.of(
      new ControlPoint("EPSG:2180", 21.0067, 52.2318, 637000.26586331, 486980.267351352),
      new ControlPoint("EPSG:2180", 14.5528, 53.4285, 204684.703753828, 627375.023522722),
      new ControlPoint("EPSG:2180", 17.0385, 51.1079, 362728.67539484, 361953.835456785),
      new ControlPoint("EPSG:2180", 19.9450, 50.0647, 567613.619270457, 244587.531162634),
      new ControlPoint("EPSG:2180", 23.1688, 53.1325, 778759.875542968, 593362.799915354),
      new ControlPoint("EPSG:2180", 18.6466, 54.3520, 477037.599436204, 720936.520931367),
      new ControlPoint("EPSG:2176", 14.5528, 53.4285, 5470276.70290145, 5921945.41017495),
      new ControlPoint("EPSG:2177", 17.0385, 51.1079, 6432667.45096924, 5664093.13580648),
      new ControlPoint("EPSG:2177", 18.6466, 54.3520, 6542039.25839442, 6024825.37540979),
      new ControlPoint("EPSG:2178", 21.0067, 52.2318, 7500457.72701157, 5788690.09019582),
      new ControlPoint("EPSG:2178", 19.9450, 50.0647, 7424469.10037182, 5548149.62978616),
      new ControlPoint("EPSG:2179", 23.1688, 53.1325, 8444371.3563404, 5889235.31618741),
      new ControlPoint("EPSG:3857", 21.0067, 52.2318, 2338455.14724706, 6842146.87442271),
      new ControlPoint("EPSG:3857", 14.5528, 53.4285, 1620010.28561635, 7062655.50986928));

  @Test
  void projectsControlPointsAsGdalDoes() {
    for (ControlPoint p : CONTROL) {
      double[] xy = registry.fromLonLat(registry.require(p.crs())).apply(p.lon(), p.lat());
      assertEquals(p.x(), xy[0], 0.01, p.toString());
      assertEquals(p.y(), xy[1], 0.01, p.toString());
      double[] back = registry.toLonLat(registry.require(p.crs())).apply(p.x(), p.y());
      assertEquals(p.lon(), back[0], 1e-7, p.toString());
      assertEquals(p.lat(), back[1], 1e-7, p.toString());
    }
  }

  @Test
  void lonLatCrsAreIdentities() {
    for (String code : List.of("CRS:84", "EPSG:4326", "EPSG:4258")) {
      CrsTransform t = registry.fromLonLat(registry.require(code));
      assertTrue(t.isIdentity());
      double[] xy = t.apply(19.5, 52.1);
      assertEquals(19.5, xy[0]);
      assertEquals(52.1, xy[1]);
    }
  }

  @Test
  void roundTripsAcrossPolandInEveryCrs() {
    for (Crs crs : registry.supported()) {
      CrsTransform there = registry.fromLonLat(crs);
      CrsTransform back = registry.toLonLat(crs);
      // Across the CRS's area of use (Poland for the world-wide ones): a CS2000 zone is exact only in its strip.
      Envelope area = crs.areaOfUse().maxLon() - crs.areaOfUse().minLon() > 20 ? new Envelope(14.1, 49.0, 24.2, 54.9)
          : crs.areaOfUse();
      double[] xy = grid(area, 40);
      double[] original = xy.clone();
      there.apply(xy, 0, xy.length / 2);
      back.apply(xy, 0, xy.length / 2);
      for (int i = 0; i < xy.length; i++) {
        assertEquals(original[i], xy[i], 1e-8, crs.code() + " at " + i); // 1e-8° is 1 mm
      }
    }
  }

  @Test
  void transformsPartOfAnArrayInPlace() {
    CrsTransform t = registry.fromLonLat(registry.require("EPSG:2180"));
    double[] xy = {1, 2, 21.0067, 52.2318, 3, 4};
    t.apply(xy, 2, 1);
    assertEquals(1, xy[0]);
    assertEquals(2, xy[1]);
    assertEquals(637000.27, xy[2], 0.01);
    assertEquals(486980.27, xy[3], 0.01);
    assertEquals(3, xy[4]);
    assertEquals(4, xy[5]);
  }

  @Test
  void chainsBetweenProjectedCrs() {
    CrsTransform t = registry.between(registry.require("EPSG:2180"), registry.require("EPSG:2178"));
    double[] xy = t.apply(637000.26586331, 486980.267351352);
    assertEquals(7500457.727, xy[0], 0.01);
    assertEquals(5788690.090, xy[1], 0.01);
  }

  @Test
  void envelopeImageCoversEveryInteriorPoint() {
    Envelope poland = new Envelope(14.0, 48.9, 24.25, 54.95);
    for (Crs crs : registry.supported()) {
      CrsTransform t = registry.fromLonLat(crs);
      Bounds image = t.apply(poland);
      double[] xy = grid(poland, 200);
      t.apply(xy, 0, xy.length / 2);
      assertCovers(image, xy, crs.code());
      assertTight(image, xy, crs.code());
    }
  }

  @Test
  void envelopeImageIsWiderThanItsCornersWhereEdgesCurve() {
    // A parallel is curved in EPSG:2180, rising away from the central meridian (19°E): the bottom
    // edge dips lowest in its middle, below either bottom corner, so a box from the corners alone
    // would cut the image short.
    Envelope e = new Envelope(14.0, 49.0, 24.0, 55.0);
    CrsTransform t = registry.fromLonLat(registry.require("EPSG:2180"));
    double[] corners = {14, 49, 24, 49, 24, 55, 14, 55};
    t.apply(corners, 0, 4);
    double cornerMinY = Math.min(Math.min(corners[1], corners[3]), Math.min(corners[5], corners[7]));
    double bottomMiddle = t.apply(19.0, 49.0)[1];
    assertTrue(bottomMiddle < cornerMinY - 5_000, "the parallel bends: " + bottomMiddle + " vs " + cornerMinY);
    assertTrue(t.apply(e).minY() <= bottomMiddle);
  }

  @Test
  void projectedBoundsBackToLonLatCoverTheirImage() {
    Crs cs92 = registry.require("EPSG:2180");
    Bounds b = new Bounds(150_000, 130_000, 870_000, 790_000);
    CrsTransform t = registry.toLonLat(cs92);
    Bounds image = t.apply(b);
    double[] xy = new double[2 * 201 * 201];
    int k = 0;
    for (int i = 0; i <= 200; i++) {
      for (int j = 0; j <= 200; j++) {
        xy[k++] = b.minX() + b.width() * i / 200;
        xy[k++] = b.minY() + b.height() * j / 200;
      }
    }
    t.apply(xy, 0, xy.length / 2);
    assertCovers(image, xy, "2180 → lon/lat");
    assertTight(image, xy, "2180 → lon/lat");
  }

  @Test
  void webMercatorEnvelopesStopShortOfThePoles() {
    CrsTransform t = registry.fromLonLat(registry.require("EPSG:3857"));
    Bounds world = t.apply(new Envelope(-180, -90, 180, 90));
    assertEquals(20037508.34, world.maxY(), 1);
    assertEquals(-20037508.34, world.minX(), 1);
    assertTrue(Double.isNaN(t.apply(0, 90)[1]) || Double.isInfinite(t.apply(0, 90)[1]) || t.apply(0, 90)[1] > 3e7);
  }

  @Test
  void transformsGeometriesAsCopies() {
    GeometryFactory f = new GeometryFactory();
    Geometry line = f.createLineString(new Coordinate[] {new Coordinate(21.0067, 52.2318), new Coordinate(14.5528, 53.4285)});
    Geometry projected = registry.fromLonLat(registry.require("EPSG:2180")).apply(line);
    assertEquals(21.0067, line.getCoordinates()[0].x, 0, "the original is unchanged");
    assertEquals(637000.27, projected.getCoordinates()[0].x, 0.01);
    assertEquals(627375.02, projected.getCoordinates()[1].y, 0.01);
    Geometry polygon = f.createPolygon(new Coordinate[] {new Coordinate(19, 52), new Coordinate(20, 52),
        new Coordinate(20, 53), new Coordinate(19, 52)});
    Geometry back = registry.toLonLat(registry.require("EPSG:2180"))
        .apply(registry.fromLonLat(registry.require("EPSG:2180")).apply(polygon));
    assertTrue(back.equalsExact(polygon, 1e-8));
  }

  @Test
  void oneTransformServesManyThreads() throws Exception {
    CrsTransform t = registry.fromLonLat(registry.require("EPSG:2178"));
    double[] expected = grid(new Envelope(19.5, 49.1, 22.5, 54.5), 300);
    t.apply(expected, 0, expected.length / 2);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          double[] xy = grid(new Envelope(19.5, 49.1, 22.5, 54.5), 300);
          t.apply(xy, 0, xy.length / 2);
          return xy;
        }));
      }
      for (Future<double[]> r : results) {
        double[] xy = r.get();
        for (int i = 0; i < xy.length; i++) {
          assertEquals(expected[i], xy[i], 0.0);
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * Throughput of point transforms, for docs/notes/ogc-foundation.md; printed, not asserted (a shared
   * build machine's timings are not a test). WFS needs 100,000 features/s with reprojection.
   */
  @Test
  void measuresPointThroughput() {
    CrsTransform t = registry.fromLonLat(registry.require("EPSG:2180"));
    double[] source = grid(new Envelope(14.1, 49.0, 24.2, 54.9), 1000);
    double[] xy = source.clone();
    for (int warm = 0; warm < 5; warm++) {
      System.arraycopy(source, 0, xy, 0, xy.length);
      t.apply(xy, 0, xy.length / 2);
    }
    int rounds = 5;
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      System.arraycopy(source, 0, xy, 0, xy.length);
      t.apply(xy, 0, xy.length / 2);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long points = (long) rounds * xy.length / 2;
    System.out.printf("crs throughput: lon/lat → EPSG:2180 %.1f million points/s (%d points in %.3f s)%n",
        points / seconds / 1e6, points, seconds);
    assertTrue(Double.isFinite(xy[0]));
  }

  private static double[] grid(Envelope e, int steps) {
    double[] xy = new double[2 * (steps + 1) * (steps + 1)];
    int k = 0;
    for (int i = 0; i <= steps; i++) {
      for (int j = 0; j <= steps; j++) {
        xy[k++] = e.minLon() + (e.maxLon() - e.minLon()) * i / steps;
        xy[k++] = e.minLat() + (e.maxLat() - e.minLat()) * j / steps;
      }
    }
    return xy;
  }

  private static void assertCovers(Bounds b, double[] xy, String what) {
    for (int i = 0; i < xy.length; i += 2) {
      assertTrue(b.contains(xy[i], xy[i + 1]), what + ": " + xy[i] + "," + xy[i + 1] + " outside " + b);
    }
  }

  /** The image is not much larger than the sampled points' extent: by at most 1/10,000 of it. */
  private static void assertTight(Bounds b, double[] xy, String what) {
    double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
    for (int i = 0; i < xy.length; i += 2) {
      minX = Math.min(minX, xy[i]);
      maxX = Math.max(maxX, xy[i]);
      minY = Math.min(minY, xy[i + 1]);
      maxY = Math.max(maxY, xy[i + 1]);
    }
    double slack = 1e-4 * Math.max(maxX - minX, maxY - minY);
    assertFalse(minX - b.minX() > slack || b.maxX() - maxX > slack || minY - b.minY() > slack || b.maxY() - maxY > slack,
        what + ": " + b + " much wider than the points' extent " + minX + "," + minY + "," + maxX + "," + maxY);
  }
}
