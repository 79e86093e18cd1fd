package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KernelDensityTest {
  /**
   * One point at the centre of the middle cell of a 3 × 3 grid of 100 m cells, bandwidth 150 m:
   * K(0) = 3/(π·150²); a rook neighbour at 100 m has (1 − 100²/150²)² = (5/9)² = 25/81 of it; a
   * diagonal one at √20000 m has (1 − 20000/22500)² = (1/9)² = 1/81 of it.
   */
  @Test
  void tinyGridByHand() {
    Grid grid = new Grid(0, 0, 100, 3, 3);
    KernelDensity kd = new KernelDensity(grid, 150);
    kd.add(150, 150);
    double k0 = 3 / (Math.PI * 150 * 150);
    assertEquals(k0, kd.at(4), 1e-15);
    for (int rook : new int[] {1, 3, 5, 7}) {
      assertEquals(k0 * 25 / 81, kd.at(rook), 1e-15);
    }
    for (int diagonal : new int[] {0, 2, 6, 8}) {
      assertEquals(k0 / 81, kd.at(diagonal), 1e-15);
    }
    assertEquals(k0 * 1e6, kd.perSquareKilometre(4), 1e-9);
    // A second point 300 m to the east, outside the grid, reaches no cell: every cell is ≥ 150 m from it.
    kd.add(450, 150);
    assertEquals(k0, kd.at(4), 1e-15);
    assertEquals(k0 * 25 / 81, kd.at(5), 1e-15);
    assertEquals(2, kd.points());
  }

  /** Each point spreads a total of one over its disc: on fine cells the grid sums to the points. */
  @Test
  void eachPointWeighsOne() {
    Grid grid = new Grid(0, 0, 10, 60, 60);
    KernelDensity kd = new KernelDensity(grid, 100);
    kd.add(300, 300);
    kd.add(250, 320);
    double total = 0;
    for (int c = 0; c < grid.cells(); c++) {
      total += kd.at(c) * 100;
    }
    assertEquals(2.0, total, 0.01);
  }
}
