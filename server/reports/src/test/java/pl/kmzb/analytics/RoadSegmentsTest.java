package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import pl.kmzb.roads.Road;

/** The sliding-window ranking against fixtures with known answers and a brute-force oracle. */
class RoadSegmentsTest {
  static final RoadNetwork STRAIGHT = new RoadNetwork(List.of(RoadNetworkTest.road("DK7", new double[] {0, 0, 40_000, 0})),
      1, RoadNetworkTest.IDENTITY);

  static RoadSegments.Incidents incidents(double... chainages) {
    RoadSegments.Incidents in = new RoadSegments.Incidents();
    for (double c : chainages) {
      in.add(0, 0, c);
    }
    return in;
  }

  /** 30 incidents 100 m apart from 10 km, 22 incidents 200 m apart from 20 km, 5 scattered from 30 km. */
  static double[] twoClusters() {
    List<Double> c = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      c.add(10_000 + i * 100.0);
    }
    for (int i = 0; i < 22; i++) {
      c.add(20_000 + i * 200.0);
    }
    for (int i = 0; i < 5; i++) {
      c.add(30_000 + i * 2_000.0);
    }
    java.util.Collections.shuffle(c, new Random(3));
    return c.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void theFullestWindowsAreListedOnceEachAndNeverOverlap() {
    assertEquals(List.of(new RoadSegments.Segment(0, 0, 10_000, 15_000, 30),
        new RoadSegments.Segment(0, 0, 20_000, 25_000, 22)),
        RoadSegments.rank(STRAIGHT, incidents(twoClusters()), 5_000, 20, 100));
    assertEquals(List.of(new RoadSegments.Segment(0, 0, 10_000, 15_000, 30)),
        RoadSegments.rank(STRAIGHT, incidents(twoClusters()), 5_000, 23, 100));
    assertEquals(1, RoadSegments.rank(STRAIGHT, incidents(twoClusters()), 5_000, 20, 1).size(), "limit");
    // 15 km windows take both clusters at once: 30 + 22 incidents from 10 km.
    assertEquals(List.of(new RoadSegments.Segment(0, 0, 10_000, 25_000, 52)),
        RoadSegments.rank(STRAIGHT, incidents(twoClusters()), 15_000, 20, 100));
  }

  @Test
  void windowsAreHalfOpenAndStopAtTheEndOfTheRoad() {
    assertEquals(List.of(new RoadSegments.Segment(0, 0, 0, 5_000, 1), new RoadSegments.Segment(0, 0, 5_000, 10_000, 1)),
        RoadSegments.rank(STRAIGHT, incidents(0, 5_000), 5_000, 1, 100));
    assertEquals(List.of(new RoadSegments.Segment(0, 0, 38_000, 40_000, 3)),
        RoadSegments.rank(STRAIGHT, incidents(38_000, 39_000, 40_000), 5_000, 3, 100));
    assertEquals(List.of(new RoadSegments.Segment(0, 0, 100, 5_100, 3)),
        RoadSegments.rank(STRAIGHT, incidents(100, 100, 100), 5_000, 3, 100), "incidents at one spot: one window");
  }

  @Test
  void aWindowNeverSpansTheGapBetweenTwoPartsOfARoad() {
    RoadNetwork n = RoadNetworkTest.network(); // DK2: parts [0, 1000] and [1000, 3000] of chainage
    RoadSegments.Incidents in = new RoadSegments.Incidents();
    for (int i = 0; i < 3; i++) {
      in.add(1, 0, 500 + i * 100);
      in.add(1, 1, 1_000 + i * 100);
    }
    assertEquals(List.of(new RoadSegments.Segment(1, 0, 500, 1_000, 3), new RoadSegments.Segment(1, 1, 1_000, 3_000, 3)),
        RoadSegments.rank(n, in, 5_000, 3, 100));
  }

  @Test
  void theRankingEqualsABruteForceGreedyOnRandomRoads() {
    Random random = new Random(17);
    for (int round = 0; round < 200; round++) {
      int roads = 1 + random.nextInt(4);
      List<Road> list = new ArrayList<>();
      for (int r = 0; r < roads; r++) {
        double len = 5_000 + random.nextInt(60_000);
        list.add(RoadNetworkTest.road("DK" + (r + 1), new double[] {0, r * 10_000.0, len, r * 10_000.0}));
      }
      RoadNetwork n = new RoadNetwork(list, 1, RoadNetworkTest.IDENTITY);
      RoadSegments.Incidents in = new RoadSegments.Incidents();
      List<double[]> all = new ArrayList<>();
      int points = random.nextInt(400);
      for (int i = 0; i < points; i++) {
        int r = random.nextInt(roads);
        // Metre-rounded chainages make ties and shared window edges common.
        double c = Math.round(random.nextDouble() * n.length(r) / (1 + random.nextInt(3)));
        in.add(r, 0, c);
        all.add(new double[] {r, c});
      }
      double length = 1_000 + random.nextInt(6_000);
      int min = 1 + random.nextInt(12);
      List<RoadSegments.Segment> got = RoadSegments.rank(n, in, length, min, 10_000);
      assertEquals(bruteForce(n, all, length, min), got, "round " + round);
      // The first listed window is the fullest window anywhere.
      int best = 0;
      for (double[] a : all) {
        int k = 0;
        for (double[] b : all) {
          k += a[0] == b[0] && b[1] >= a[1] && b[1] < a[1] + length ? 1 : 0;
        }
        best = Math.max(best, k);
      }
      assertEquals(best >= min ? best : 0, got.isEmpty() ? 0 : got.get(0).incidents());
      int listed = got.stream().mapToInt(RoadSegments.Segment::incidents).sum();
      assertTrue(listed <= points, "no incident counted twice");
    }
  }

  /** Every window from every incident, counted by a scan, sorted and taken greedily with a list of taken windows. */
  static List<RoadSegments.Segment> bruteForce(RoadNetwork n, List<double[]> all, double length, int min) {
    List<RoadSegments.Segment> candidates = new ArrayList<>();
    for (double[] a : all) {
      int k = 0;
      for (double[] b : all) {
        k += a[0] == b[0] && b[1] >= a[1] && b[1] < a[1] + length ? 1 : 0;
      }
      RoadSegments.Segment s = new RoadSegments.Segment((int) a[0], 0, a[1], Math.min(a[1] + length,
          n.length((int) a[0])), k);
      if (k >= min && !candidates.contains(s)) {
        candidates.add(s);
      }
    }
    candidates.sort(Comparator.comparingInt(RoadSegments.Segment::incidents).reversed()
        .thenComparingInt(RoadSegments.Segment::road).thenComparingDouble(RoadSegments.Segment::from));
    List<RoadSegments.Segment> taken = new ArrayList<>();
    for (RoadSegments.Segment s : candidates) {
      boolean free = taken.stream().noneMatch(t -> t.road() == s.road() && s.from() < t.from() + length
          && t.from() < s.from() + length);
      if (free) {
        taken.add(s);
      }
    }
    return taken;
  }
}
