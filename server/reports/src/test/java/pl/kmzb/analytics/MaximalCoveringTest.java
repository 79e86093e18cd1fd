package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;

class MaximalCoveringTest {
  static Candidate at(String id, double x, double y) {
    return new Candidate(id, new LonLat(19, 52), x, y);
  }

  /**
   * Threats on a line at x = 0, 100, 200, 300 (group 1), 1000, 1100 (group 2) and 5000 (alone);
   * radius 150. A at 150 reaches the four of group 1; B at 1050 group 2; D at 50 reaches 0 and 100
   * only; C at 5000 the lone one. Greedy takes A (4), then B (2), then C (1); D adds nothing once A
   * is taken and is never listed.
   */
  @Test
  void greedyOnAKnownFixture() {
    double[] xs = {0, 100, 200, 300, 1000, 1100, 5000};
    double[] ys = new double[xs.length];
    List<Candidate> candidates = List.of(at("D", 50, 0), at("B", 1050, 0), at("C", 5000, 0), at("A", 150, 0));
    MaximalCovering.Ranking r = MaximalCovering.rank(xs, ys, xs.length, candidates, 150, 10);
    assertEquals(List.of("A", "B", "C"), r.picks().stream().map(p -> p.candidate().id()).toList());
    assertEquals(List.of(4, 2, 1), r.picks().stream().map(MaximalCovering.Pick::gain).toList());
    assertEquals(List.of(4, 6, 7), r.picks().stream().map(MaximalCovering.Pick::cumulative).toList());
    assertEquals(1.0, r.picks().get(2).cumulativeShare(), 1e-12);
    // Two picks asked: the first two.
    assertEquals(2, MaximalCovering.rank(xs, ys, xs.length, candidates, 150, 2).picks().size());
  }

  /**
   * Where greedy is not optimal, the reason for the bound: threats at x = 0, 100, …, 500, radius 150.
   * X at 250 reaches the middle four (100-400), Y at 100 reaches 0-200, Z at 400 reaches 300-500.
   * Greedy with k = 2 takes X (4), then Y and Z each add one (a tie: the earlier, Y): 5 threats;
   * Y + Z would cover all 6. 5/6 ≥ 1 − (1 − 1/2)² = 0.75, the bound for k = 2.
   */
  @Test
  void greedyIsWithinItsBoundWhereItIsNotOptimal() {
    double[] xs = {0, 100, 200, 300, 400, 500};
    double[] ys = new double[6];
    List<Candidate> candidates = List.of(at("X", 250, 0), at("Y", 100, 0), at("Z", 400, 0));
    MaximalCovering.Ranking r = MaximalCovering.rank(xs, ys, 6, candidates, 150, 2);
    assertEquals(List.of("X", "Y"), r.picks().stream().map(p -> p.candidate().id()).toList());
    assertEquals(5, r.picks().get(1).cumulative());
    assertTrue(5.0 / 6 >= 1 - Math.pow(1 - 1.0 / 2, 2));
  }

  @Test
  void tiesGoToTheEarlierCandidate() {
    double[] xs = {0, 100};
    double[] ys = {0, 0};
    List<Candidate> candidates = List.of(at("first", 50, 0), at("second", 50, 10));
    MaximalCovering.Ranking r = MaximalCovering.rank(xs, ys, 2, candidates, 100, 5);
    assertEquals(List.of("first"), r.picks().stream().map(p -> p.candidate().id()).toList());
  }

  /** The lazy greedy picks exactly what the plain greedy (every gain recomputed every round) picks. */
  @Test
  void lazyGreedyEqualsPlainGreedy() {
    Random random = new Random(5);
    int n = 3000;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = random.nextGaussian() * 5000 + (i % 3) * 8000;
      ys[i] = random.nextGaussian() * 4000;
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      candidates.add(at("c" + i, random.nextDouble() * 30000 - 8000, random.nextDouble() * 20000 - 10000));
    }
    double radius = 2500;
    MaximalCovering.Ranking lazy = MaximalCovering.rank(xs, ys, n, candidates, radius, 15);
    boolean[] covered = new boolean[n];
    List<String> plain = new ArrayList<>();
    for (int round = 0; round < 15; round++) {
      int best = -1;
      int bestGain = 0;
      for (int c = 0; c < candidates.size(); c++) {
        int gain = 0;
        for (int t = 0; t < n; t++) {
          if (!covered[t] && Math.hypot(xs[t] - candidates.get(c).x(), ys[t] - candidates.get(c).y()) <= radius) {
            gain++;
          }
        }
        if (gain > bestGain) {
          best = c;
          bestGain = gain;
        }
      }
      if (best < 0) {
        break;
      }
      plain.add(candidates.get(best).id());
      for (int t = 0; t < n; t++) {
        if (Math.hypot(xs[t] - candidates.get(best).x(), ys[t] - candidates.get(best).y()) <= radius) {
          covered[t] = true;
        }
      }
    }
    assertEquals(plain, lazy.picks().stream().map(p -> p.candidate().id()).toList());
  }

  @Test
  void threatCellsFindExactlyThePointsWithinTheRadius() {
    Random random = new Random(3);
    int n = 2000;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = 400_000 + random.nextDouble() * 20_000;
      ys[i] = 300_000 + random.nextDouble() * 20_000;
    }
    MaximalCovering.ThreatCells cells = new MaximalCovering.ThreatCells(xs, ys, n, 1500);
    for (int q = 0; q < 50; q++) {
      double x = 400_000 + random.nextDouble() * 20_000;
      double y = 300_000 + random.nextDouble() * 20_000;
      int[] found = cells.within(x, y, 1500);
      Arrays.sort(found);
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (Math.hypot(xs[i] - x, ys[i] - y) <= 1500) {
          expected.add(i);
        }
      }
      assertEquals(expected, Arrays.stream(found).boxed().toList());
    }
  }
}
