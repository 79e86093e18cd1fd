package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GetisOrdTest {
  static final double EPS = 1e-12;

  /**
   * A 3 × 3 grid of 100 m cells with 9 reports in the middle cell and none elsewhere; distance 100 m,
   * so the neighbours are the cell and its four rook neighbours (the diagonals are 141 m away).
   *
   * <pre>
   *   n = 9, Σx = 9, x̄ = 1, Σx² = 81, S = sqrt(81/9 − 1²) = sqrt(8)
   *   middle (k = 5, Σwx = 9): (9 − 1·5) / (sqrt(8) · sqrt((9·5 − 25)/8)) = 4 / sqrt(8 · 2.5) = 4/sqrt(20) = 0.894427191
   *   edge   (k = 4, Σwx = 9): (9 − 4) / (sqrt(8) · sqrt((36 − 16)/8)) = 5/sqrt(20) = 1.118033989
   *   corner (k = 3, Σwx = 0): (0 − 3) / (sqrt(8) · sqrt((27 − 9)/8)) = −3/sqrt(18) = −0.707106781
   * </pre>
   */
  @Test
  void handComputedThreeByThree() {
    Grid grid = new Grid(0, 0, 100, 3, 3);
    int[] counts = new int[9];
    counts[4] = 9;
    GetisOrd.Result r = GetisOrd.compute(grid, counts, 100);
    assertEquals(9, r.n());
    assertEquals(1.0, r.mean(), EPS);
    assertEquals(Math.sqrt(8), r.sd(), EPS);
    assertEquals(0.894427191, r.z()[4], 1e-9);
    for (int edge : new int[] {1, 3, 5, 7}) {
      assertEquals(4, r.neighbours()[edge]);
      assertEquals(1.118033989, r.z()[edge], 1e-9);
    }
    for (int corner : new int[] {0, 2, 6, 8}) {
      assertEquals(3, r.neighbours()[corner]);
      assertEquals(-0.707106781, r.z()[corner], 1e-9);
    }
    assertEquals(5, r.neighbours()[4]);
  }

  /** Every cell equal: S = 0 and Gi* is undefined (NaN, "not significant"), never a division by zero. */
  @Test
  void uniformGridHasNoScores() {
    Grid grid = new Grid(0, 0, 100, 4, 4);
    int[] counts = new int[16];
    java.util.Arrays.fill(counts, 3);
    GetisOrd.Result r = GetisOrd.compute(grid, counts, 150);
    for (double z : r.z()) {
      assertTrue(Double.isNaN(z));
      assertEquals(Significance.NOT_SIGNIFICANT, Significance.of(z));
    }
  }

  /** The neighbourhood's rows: at 2.3 cells, offsets 0, 1, 2 reach 2, 2, 1 cells sideways. */
  @Test
  void neighbourhoodIsTheDiscOfCentres() {
    assertEquals(java.util.List.of(2, 2, 1), java.util.Arrays.stream(GetisOrd.halfWidths(230, 100)).boxed().toList());
    assertEquals(java.util.List.of(1, 0), java.util.Arrays.stream(GetisOrd.halfWidths(100, 100)).boxed().toList());
    assertEquals(java.util.List.of(1, 1), java.util.Arrays.stream(GetisOrd.halfWidths(142, 100)).boxed().toList());
  }

  /**
   * The prefix-sum computation against the textbook formula with an explicit weight matrix, on a
   * random grid with a study area that leaves some cells out.
   */
  @Test
  void equalsTheFormulaWithExplicitWeights() {
    Random random = new Random(17);
    Grid grid = new Grid(500_000, 300_000, 250, 13, 9);
    int cells = grid.cells();
    int[] counts = new int[cells];
    boolean[] in = new boolean[cells];
    for (int i = 0; i < cells; i++) {
      in[i] = random.nextInt(6) != 0;
      counts[i] = in[i] ? random.nextInt(5) * random.nextInt(3) : 0;
    }
    double distance = 2.3 * 250;
    GetisOrd.Result r = GetisOrd.compute(grid, counts, distance, in);
    int n = 0;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < cells; i++) {
      if (in[i]) {
        n++;
        sum += counts[i];
        sumSq += counts[i] * (double) counts[i];
      }
    }
    double mean = sum / n;
    double s = Math.sqrt(sumSq / n - mean * mean);
    for (int i = 0; i < cells; i++) {
      if (!in[i]) {
        assertTrue(Double.isNaN(r.z()[i]));
        continue;
      }
      double wx = 0;
      double w = 0;
      double w2 = 0;
      for (int j = 0; j < cells; j++) {
        double d = Math.hypot(grid.centreX(i) - grid.centreX(j), grid.centreY(i) - grid.centreY(j));
        double wij = in[j] && d <= distance ? 1 : 0;
        wx += wij * counts[j];
        w += wij;
        w2 += wij * wij;
      }
      double expected = (wx - mean * w) / (s * Math.sqrt((n * w2 - w * w) / (n - 1)));
      assertEquals(expected, r.z()[i], 1e-9, "cell " + i);
      assertEquals((int) w, r.neighbours()[i]);
    }
  }

  @Test
  void significanceClassesAndPValues() {
    assertEquals(Significance.HOT_99, Significance.of(2.58));
    assertEquals(Significance.HOT_95, Significance.of(2.0));
    assertEquals(Significance.HOT_90, Significance.of(1.7));
    assertEquals(Significance.NOT_SIGNIFICANT, Significance.of(1.6));
    assertEquals(Significance.NOT_SIGNIFICANT, Significance.of(-1.6));
    assertEquals(Significance.COLD_90, Significance.of(-1.7));
    assertEquals(Significance.COLD_95, Significance.of(-1.96));
    assertEquals(Significance.COLD_99, Significance.of(-3));
    // Two-sided normal tail areas from the standard table.
    assertEquals(0.05, Significance.pValue(1.959964), 1e-6);
    assertEquals(0.01, Significance.pValue(-2.575829), 1e-6);
    assertEquals(0.10, Significance.pValue(1.644854), 1e-6);
    assertEquals(1.0, Significance.pValue(0), 1e-6);
  }
}
