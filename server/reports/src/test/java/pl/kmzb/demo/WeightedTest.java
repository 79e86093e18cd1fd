package pl.kmzb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedTest {
  @Test
  void drawsInProportionAndNeverAZeroWeight() {
    Weighted<String> w = Weighted.of(List.of("none", "a", "also-none", "b"), new double[] {0, 1, 0, 3});
    int[] counts = new int[4];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      counts[w.index(random)]++;
    }
    assertEquals(0, counts[0]);
    assertEquals(0, counts[2]);
    assertEquals(0.25, counts[1] / 100_000.0, 0.01);
    assertEquals(0.75, counts[3] / 100_000.0, 0.01);
    assertEquals(0.25, w.share(1), 1e-12);
    assertEquals(0.0, w.share(2), 1e-12);
  }

  @Test
  void rejectsBadWeights() {
    assertThrows(IllegalArgumentException.class, () -> Weighted.of(List.of("a"), new double[] {-1}));
    assertThrows(IllegalArgumentException.class, () -> Weighted.of(List.of("a"), new double[] {Double.NaN}));
    assertThrows(IllegalArgumentException.class, () -> Weighted.of(List.of("a", "b"), new double[] {0, 0}));
    assertThrows(IllegalArgumentException.class, () -> Weighted.of(List.of("a", "b"), new double[] {1}));
  }
}
