package pl.kmzb.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Class breaks against answers computed by hand (the arithmetic is in the comments). */
class ClassBreaksTest {
  static final double[] CLUSTERS = {22, 1, 12, 2, 21, 3, 10, 20, 11};
  /** Jenks, k = 3: {0,1} {5,6,7} {14} has squared deviations 0.5 + 2 + 0 = 2.5, the least of any split. */
  static final double[] UNEVEN = {14, 0, 7, 1, 6, 5};

  @Test
  void jenksFindsTheNaturalGroups() {
    assertEquals(List.of(1.0, 3.0, 12.0, 22.0), ClassBreaks.of(ClassMethod.JENKS, CLUSTERS, 3).breaks());
    assertEquals(List.of(0.0, 1.0, 7.0, 14.0), ClassBreaks.of(ClassMethod.JENKS, UNEVEN, 3).breaks());
    // k = 4 on UNEVEN: {0,1} {5,6} {7} {14}? 0.5+0.5+0+0 = 1.0; {0} {1} {5,6,7} {14} = 2; {0,1} {5} {6,7} {14} = 1.0:
    // a tie between splitting before 7 and after 5; the first found (the longer last-but-one class ends earlier) wins.
    ClassBreaks four = ClassBreaks.of(ClassMethod.JENKS, UNEVEN, 4);
    assertEquals(4, four.classes());
    assertEquals(List.of(0.0, 1.0), four.breaks().subList(0, 2));
    assertEquals(14.0, four.breaks().get(4));
  }

  @Test
  void jenksEqualsBruteForceOnRandomValues() {
    Random random = new Random(17);
    for (int round = 0; round < 40; round++) {
      double[] x = new double[8 + random.nextInt(5)];
      for (int i = 0; i < x.length; i++) {
        x[i] = random.nextInt(1000);
      }
      int k = 3 + random.nextInt(2);
      ClassBreaks b = ClassBreaks.of(ClassMethod.JENKS, x, k);
      assertEquals(bruteForceLeastDeviation(x, k), deviation(x, b), 1e-6, Arrays.toString(x));
    }
  }

  @Test
  void quantilesByNearestRank() {
    double[] oneToTen = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    // n = 10, k = 4: ranks ceil(10/4) = 3, ceil(20/4) = 5, ceil(30/4) = 8.
    assertEquals(List.of(1.0, 3.0, 5.0, 8.0, 10.0), ClassBreaks.of(ClassMethod.QUANTILE, oneToTen, 4).breaks());
    // n = 9, k = 3: ranks 3 and 6.
    assertEquals(List.of(1.0, 3.0, 12.0, 22.0), ClassBreaks.of(ClassMethod.QUANTILE, CLUSTERS, 3).breaks());
    // Ties merge: n = 5, k = 3: ranks 2 and 4 are both 5, so two classes [5, 5] and (5, 9].
    assertEquals(List.of(5.0, 5.0, 9.0), ClassBreaks.of(ClassMethod.QUANTILE, new double[] {5, 5, 9, 5, 5}, 3).breaks());
  }

  @Test
  void equalIntervals() {
    assertEquals(List.of(1.0, 4.0, 7.0, 10.0),
        ClassBreaks.of(ClassMethod.EQUAL, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 3).breaks());
    assertEquals(List.of(0.0, 3.5, 7.0, 10.5, 14.0), ClassBreaks.of(ClassMethod.EQUAL, UNEVEN, 4).breaks());
    assertEquals(List.of(0.0, 10.0 / 3, 20.0 / 3, 10.0), ClassBreaks.of(ClassMethod.EQUAL, new double[] {0, 10}, 3).breaks());
  }

  @Test
  void degenerateInputs() {
    assertEquals(List.of(), ClassBreaks.of(ClassMethod.JENKS, new double[0], 5).breaks());
    assertEquals(0, ClassBreaks.of(ClassMethod.JENKS, new double[0], 5).classes());
    for (ClassMethod m : ClassMethod.values()) {
      ClassBreaks same = ClassBreaks.of(m, new double[] {4, 4, 4}, 5);
      assertEquals(List.of(4.0, 4.0), same.breaks());
      assertEquals(1, same.classes());
      assertEquals(0, same.classOf(4));
    }
    // Fewer distinct values than classes: jenks gives one class per value.
    assertEquals(List.of(1.0, 1.0, 2.0, 3.0), ClassBreaks.of(ClassMethod.JENKS, new double[] {1, 2, 3, 3}, 5).breaks());
    // A smallest value alone is a class of its own: {4} {345 … 662} {895, 961}.
    assertEquals(List.of(4.0, 4.0, 662.0, 961.0), ClassBreaks.of(ClassMethod.JENKS,
        new double[] {638, 4, 662, 628, 397, 345, 895, 497, 961}, 3).breaks());
    assertThrows(IllegalArgumentException.class, () -> ClassBreaks.of(ClassMethod.JENKS, new double[] {1}, 2));
    assertThrows(IllegalArgumentException.class, () -> ClassBreaks.of(ClassMethod.JENKS, new double[] {1}, 10));
  }

  @Test
  void classOfFollowsTheUpperBounds() {
    ClassBreaks b = ClassBreaks.of(ClassMethod.JENKS, CLUSTERS, 3);
    assertEquals(0, b.classOf(1));
    assertEquals(0, b.classOf(3));
    assertEquals(1, b.classOf(3.5));
    assertEquals(1, b.classOf(12));
    assertEquals(2, b.classOf(12.01));
    assertEquals(2, b.classOf(22));
    assertEquals(0, b.classOf(-5));
    assertEquals(2, b.classOf(99));
  }

  @Test
  void jenksOnAFullMunicipalityLevelIsQuick() {
    double[] x = new Random(3).doubles(2_500, 0, 1_000).toArray();
    long start = System.nanoTime();
    ClassBreaks b = ClassBreaks.of(ClassMethod.JENKS, x, 9);
    assertEquals(9, b.classes());
    long ms = (System.nanoTime() - start) / 1_000_000;
    org.junit.jupiter.api.Assertions.assertTrue(ms < 5_000, "took " + ms + " ms");
  }

  /** The sum of squared deviations within the classes of {@code b}. */
  static double deviation(double[] values, ClassBreaks b) {
    List<List<Double>> classes = new ArrayList<>();
    for (int i = 0; i < b.classes(); i++) {
      classes.add(new ArrayList<>());
    }
    for (double v : values) {
      classes.get(b.classOf(v)).add(v);
    }
    double total = 0;
    for (List<Double> c : classes) {
      double mean = c.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      for (double v : c) {
        total += (v - mean) * (v - mean);
      }
    }
    return total;
  }

  /** Every way to cut the sorted values into k non-empty runs. */
  static double bruteForceLeastDeviation(double[] values, int k) {
    double[] x = values.clone();
    Arrays.sort(x);
    return best(x, 0, k);
  }

  private static double best(double[] x, int from, int k) {
    if (k == 1) {
      return ssd(x, from, x.length);
    }
    double least = Double.POSITIVE_INFINITY;
    for (int end = from + 1; end <= x.length - (k - 1); end++) {
      least = Math.min(least, ssd(x, from, end) + best(x, end, k - 1));
    }
    return least;
  }

  private static double ssd(double[] x, int from, int to) {
    double mean = 0;
    for (int i = from; i < to; i++) {
      mean += x[i];
    }
    mean /= to - from;
    double d = 0;
    for (int i = from; i < to; i++) {
      d += (x[i] - mean) * (x[i] - mean);
    }
    return d;
  }
}
