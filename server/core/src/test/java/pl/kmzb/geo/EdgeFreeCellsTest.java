package pl.kmzb.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;

class EdgeFreeCellsTest {
  private static final GeometryFactory GF = new GeometryFactory();

  /** Star-shaped polygons with slanted edges, some with a hole, overlapping each other. */
  private static List<Polygon> stars(long seed, int n) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Polygon> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double cx = 14 + rnd.nextDouble() * 10;
      double cy = 49 + rnd.nextDouble() * 6;
      double r = 0.2 + rnd.nextDouble() * 2;
      LinearRing shell = star(rnd, cx, cy, r, 7 + rnd.nextInt(60));
      LinearRing[] holes = i % 3 == 0 ? new LinearRing[] {star(rnd, cx, cy, r / 4, 9)} : new LinearRing[0];
      out.add(GF.createPolygon(shell, holes));
    }
    return out;
  }

  private static LinearRing star(SplittableRandom rnd, double cx, double cy, double r, int vertices) {
    Coordinate[] c = new Coordinate[vertices + 1];
    for (int k = 0; k < vertices; k++) {
      double a = 2 * Math.PI * k / vertices;
      double d = r * (0.5 + rnd.nextDouble() * 0.5);
      c[k] = new Coordinate(cx + d * Math.cos(a), cy + d * Math.sin(a));
    }
    c[vertices] = c[0];
    return GF.createLinearRing(c);
  }

  /** The exact answer: a bit per polygon covering the point. */
  private static EdgeFreeCells.ExactAnswer exact(List<Polygon> areas) {
    List<IndexedPointInAreaLocator> locators = areas.stream().map(IndexedPointInAreaLocator::new).toList();
    return (x, y) -> {
      int bits = 0;
      for (int i = 0; i < locators.size(); i++) {
        if (locators.get(i).locate(new Coordinate(x, y)) != Location.EXTERIOR) {
          bits |= 1 << i;
        }
      }
      return bits;
    };
  }

  @Test
  void everyPrecomputedAnswerIsTheExactOneIncludingOnEdgesAndVertices() {
    for (long seed = 1; seed <= 5; seed++) {
      List<Polygon> areas = stars(seed, 12);
      EdgeFreeCells.ExactAnswer exact = exact(areas);
      EdgeFreeCells cells = EdgeFreeCells.of(areas, 64 * (int) seed, exact);
      assertTrue(cells.answeredShare() > 0.5, "most cells hold an answer: " + cells.answeredShare());
      List<Coordinate> probes = new ArrayList<>();
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int i = 0; i < 50_000; i++) {
        probes.add(new Coordinate(13.5 + rnd.nextDouble() * 11, 48.5 + rnd.nextDouble() * 7));
      }
      for (Polygon p : areas) {
        Coordinate[] c = p.getCoordinates();
        for (int k = 1; k < c.length; k++) {
          probes.add(c[k]);
          for (double t : new double[] {0.5, 1e-9, 1 - 1e-9, rnd.nextDouble()}) {
            probes.add(new Coordinate(c[k - 1].x + t * (c[k].x - c[k - 1].x), c[k - 1].y + t * (c[k].y - c[k - 1].y)));
          }
        }
      }
      int answered = 0;
      for (Coordinate p : probes) {
        int a = cells.answer(p.x, p.y);
        if (a != EdgeFreeCells.UNKNOWN) {
          answered++;
          assertEquals(exact.at(p.x, p.y), a, () -> "at " + p);
        }
      }
      assertTrue(answered > probes.size() / 3, "the grid answered " + answered + " of " + probes.size());
    }
  }

  @Test
  void edgesOnGridLinesMarkTheCellsOnBothSides() {
    // An 8 x 4 box on a grid of 1 x 1 cells, and a unit square whose edges lie on cell lines.
    Polygon box = GF.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(8, 0),
        new Coordinate(8, 4), new Coordinate(0, 4), new Coordinate(0, 0)});
    Polygon inner = GF.createPolygon(new Coordinate[] {new Coordinate(1, 0), new Coordinate(2, 0),
        new Coordinate(2, 1), new Coordinate(1, 1), new Coordinate(1, 0)});
    List<Polygon> areas = List.of(box, inner);
    EdgeFreeCells.ExactAnswer exact = exact(areas);
    EdgeFreeCells cells = EdgeFreeCells.of(areas, 8, exact);
    for (double x = 0; x <= 8; x += 0.25) {
      for (double y = 0; y <= 4; y += 0.25) {
        int a = cells.answer(x, y);
        if (a != EdgeFreeCells.UNKNOWN) {
          assertEquals(exact.at(x, y), a, "at " + x + " " + y);
        }
      }
    }
    assertEquals(1, cells.answer(3.5, 1.5), "inside the box only, in a cell no edge touches");
    assertEquals(1, cells.answer(3.0, 1.0), "on a cell corner no edge touches");
    assertEquals(EdgeFreeCells.UNKNOWN, cells.answer(2.0, 1.5), "the cell above-right of the square's corner");
    assertEquals(EdgeFreeCells.UNKNOWN, cells.answer(2.5, 0.5), "right of the square's edge on a cell line");
    assertEquals(EdgeFreeCells.UNKNOWN, cells.answer(Double.NaN, 1));
    assertEquals(EdgeFreeCells.UNKNOWN, cells.answer(9, 1));
  }

  @Test
  void aVerticalBorderSplitsTheRunsItCrosses() {
    Polygon west = GF.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(2.5, 0),
        new Coordinate(2.5, 4), new Coordinate(0, 4), new Coordinate(0, 0)});
    Polygon east = GF.createPolygon(new Coordinate[] {new Coordinate(2.5, 0), new Coordinate(8, 0),
        new Coordinate(8, 4), new Coordinate(2.5, 4), new Coordinate(2.5, 0)});
    List<Polygon> areas = List.of(west, east);
    EdgeFreeCells cells = EdgeFreeCells.of(areas, 64, exact(areas));
    assertEquals(1, cells.answer(2.3, 2));
    assertEquals(2, cells.answer(2.7, 2));
    assertEquals(EdgeFreeCells.UNKNOWN, cells.answer(2.5, 2));
  }

  /** A nearly vertical edge crossing a column line just above a row line (found in review). */
  @Test
  void aNearlyVerticalEdgeMarksTheDiagonalCellItGrazes() {
    Polygon box = GF.createPolygon(new Coordinate[] {new Coordinate(14, 49), new Coordinate(24.2, 49),
        new Coordinate(24.2, 55), new Coordinate(14, 55), new Coordinate(14, 49)});
    Coordinate a = new Coordinate(19.119921874994272, 51.96241263746496);
    Coordinate b = new Coordinate(19.1199218750053, 52.01221732496496);
    Polygon quad = GF.createPolygon(new Coordinate[] {a, b, new Coordinate(14.5, b.y), new Coordinate(14.5, a.y), a});
    List<Polygon> areas = List.of(quad, box);
    EdgeFreeCells.ExactAnswer exact = exact(areas);
    EdgeFreeCells cells = EdgeFreeCells.of(areas, 1024, exact);
    double x = 19.119921875;
    double y = 51.98828124999999;
    int answer = cells.answer(x, y);
    assertTrue(answer == EdgeFreeCells.UNKNOWN || answer == exact.at(x, y), "grid " + answer + ", exact " + exact.at(x, y));
  }

  @Test
  void aFineGridAnswersTheInsideWithoutGeometry() {
    Polygon box = GF.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(10, 0),
        new Coordinate(10, 10), new Coordinate(0, 10), new Coordinate(0, 0)});
    int[] asked = {0};
    EdgeFreeCells cells = EdgeFreeCells.of(List.of(box), 100, (x, y) -> {
      asked[0]++;
      return 7;
    });
    assertEquals(7, cells.answer(5, 5));
    assertEquals(98, asked[0], "one exact answer per run: each inner row is one run");
    assertEquals(98 * 98 / 10_000.0, cells.answeredShare(), 1e-9);
  }

  @Test
  void rejectsWhatIsNotAnArea() {
    Geometry line = GF.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1)});
    assertThrows(IllegalArgumentException.class, () -> EdgeFreeCells.of(List.of(line), 10, (x, y) -> 0));
  }
}
