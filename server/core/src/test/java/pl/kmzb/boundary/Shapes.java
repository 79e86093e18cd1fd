package pl.kmzb.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/** Compares outlines that went through a projection or a format that may reorder rings. */
final class Shapes {
  private static final double METRES_PER_DEGREE = 111_320;

  private Shapes() {}

  /** Same vertices (in any ring order) within {@code metres}, and the same area to 1e-6. */
  static void assertSameWithin(Geometry expected, Geometry actual, double metres) {
    assertEquals(expected.getNumPoints(), actual.getNumPoints(), "vertex count");
    assertEquals(expected.getNumGeometries(), actual.getNumGeometries(), "parts");
    double worst = Math.max(farthest(expected, actual), farthest(actual, expected));
    assertTrue(worst <= metres, "a vertex moved " + worst + " m");
    assertEquals(expected.getArea(), actual.getArea(), expected.getArea() * 1e-6, "area");
  }

  /** The largest distance from a vertex of {@code from} to its nearest vertex of {@code to}. */
  private static double farthest(Geometry from, Geometry to) {
    double worst = 0;
    for (Coordinate a : from.getCoordinates()) {
      double nearest = Double.MAX_VALUE;
      for (Coordinate b : to.getCoordinates()) {
        nearest = Math.min(nearest, metres(a, b));
      }
      worst = Math.max(worst, nearest);
    }
    return worst;
  }

  /** Equirectangular distance: plenty for a metre-level check over tiny offsets. */
  static double metres(Coordinate a, Coordinate b) {
    double dx = (a.x - b.x) * Math.cos(Math.toRadians((a.y + b.y) / 2)) * METRES_PER_DEGREE;
    double dy = (a.y - b.y) * METRES_PER_DEGREE;
    return Math.hypot(dx, dy);
  }
}
