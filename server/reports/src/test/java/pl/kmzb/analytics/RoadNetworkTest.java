package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.roads.Road;
import pl.kmzb.roads.RoadClass;

/** Snapping and chainage on a network drawn in metres (the identity transform keeps the numbers exact). */
class RoadNetworkTest {
  static final GeometryFactory F = new GeometryFactory();
  static final CrsTransform IDENTITY = CrsRegistry.standard().fromLonLat(CrsRegistry.standard().lonLat());

  /** A road of the given parts, each part x, y pairs in metres. */
  static Road road(String number, double[]... parts) {
    LineString[] lines = new LineString[parts.length];
    for (int p = 0; p < parts.length; p++) {
      Coordinate[] cs = new Coordinate[parts[p].length / 2];
      for (int i = 0; i < cs.length; i++) {
        cs[i] = new Coordinate(parts[p][2 * i], parts[p][2 * i + 1]);
      }
      lines[p] = F.createLineString(cs);
    }
    return new Road(number, RoadClass.ofNumber(number), F.createMultiLineString(lines));
  }

  /** DK1: an L of 10 km east then 10 km north; DK2: two parts of 1 km and 2 km with a 4-km gap between. */
  static RoadNetwork network() {
    return new RoadNetwork(List.of(road("DK1", new double[] {0, 0, 10_000, 0, 10_000, 10_000}),
        road("DK2", new double[] {0, 100_000, 1_000, 100_000}, new double[] {5_000, 100_000, 7_000, 100_000})),
        7, IDENTITY);
  }

  @Test
  void chainageRunsAlongTheRoadAndAcrossItsParts() {
    RoadNetwork n = network();
    assertEquals(20_000, n.length(0), 1e-9);
    assertEquals(3_000, n.length(1), 1e-9);
    assertEquals(new RoadNetwork.Snap(0, 0, 5_000, 30), n.snap(5_000, 30, 50));
    assertEquals(new RoadNetwork.Snap(0, 0, 14_000, 30), n.snap(10_030, 4_000, 50));
    RoadNetwork.Snap corner = n.snap(10_020, -20, 50);
    assertEquals(10_000, corner.chainage(), 1e-9);
    assertEquals(Math.sqrt(800), corner.distance(), 1e-9);
    assertEquals(new RoadNetwork.Snap(1, 1, 2_000, 10), n.snap(6_000, 100_010, 50));
    assertEquals(1_000, n.partStart(1, 1), 1e-9);
    assertEquals(3_000, n.partEnd(1, 1), 1e-9);
    assertEquals(7, n.version());
  }

  @Test
  void toleranceIsInclusiveAndNothingBeyondItSnaps() {
    RoadNetwork n = network();
    assertEquals(50, n.snap(5_000, 50, 50).distance(), 1e-9);
    assertNull(n.snap(5_000, 50.001, 50));
    assertNull(n.snap(3_000, 100_000, 50), "in the gap between DK2's parts");
  }

  @Test
  void aPointBetweenTwoRoadsGoesToTheFirstListed() {
    RoadNetwork n = new RoadNetwork(List.of(road("DK1", new double[] {0, 0, 1_000, 0}),
        road("DK2", new double[] {0, 100, 1_000, 100})), 1, IDENTITY);
    assertEquals(0, n.snap(500, 50, 50).road());
    assertEquals(1, n.snap(500, 51, 50).road());
  }

  @Test
  void aStretchFollowsTheRoadRoundItsBends() {
    LineString s = network().stretch(0, 0, 9_000, 11_000, F);
    assertEquals(2_000, s.getLength(), 1e-9);
    assertEquals(new Coordinate(9_000, 0), s.getCoordinateN(0));
    assertEquals(new Coordinate(10_000, 0), s.getCoordinateN(1));
    assertEquals(new Coordinate(10_000, 1_000), s.getCoordinateN(2));
    LineString second = network().stretch(1, 1, 1_500, 2_500, F);
    assertEquals(new Coordinate(5_500, 100_000), second.getCoordinateN(0));
    assertEquals(new Coordinate(6_500, 100_000), second.getCoordinateN(1));
  }
}
