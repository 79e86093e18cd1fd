package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.tiles.Morton;

/**
 * CellScan's branch-free loop against the plain per-entry definition (Cell.add of every passing
 * entry in index order): every field of every cell, including the first/last passing entry of runs
 * that begin and end with failing entries, for time ranges with edge values and split runs.
 */
class CellScanTest {
  static final int LEVEL = 4;
  static final int CATEGORIES = 7;
  static final int STATUSES = 7;
  static final long T0 = 1_600_000_000_000_000_000L;
  static final long T1 = T0 + 1_000;
  /** Range bounds. */
  static final long[] BOUNDS = {Long.MIN_VALUE, Long.MIN_VALUE + 1, T0 - 1, T0, T0 + 1, T0 + 500, T1 - 1, T1, T1 + 1,
      0, -1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
  /** Entry times: the bounds but Long.MAX_VALUE, which IndexFilter.nanos never gives. */
  static final long[] TIMES = Arrays.copyOf(BOUNDS, BOUNDS.length - 1);

  @Test
  void theBranchFreeScanGivesTheCellsOfThePlainDefinition() {
    Random rnd = new Random(42);
    for (int round = 0; round < 40; round++) {
      PointChunk chunk = chunk(rnd, 1 + rnd.nextInt(PointChunk.CAPACITY));
      for (int f = 0; f < 12; f++) {
        long from = BOUNDS[rnd.nextInt(BOUNDS.length)];
        long to = BOUNDS[rnd.nextInt(BOUNDS.length)];
        if (f == 0) {
          from = Long.MIN_VALUE;
          to = Long.MAX_VALUE;
        }
        long categoryMask = rnd.nextInt(3) == 0 ? -1L : rnd.nextLong();
        int statusMask = rnd.nextInt(3) == 0 ? 0xff : rnd.nextInt(256);
        int sourceMask = rnd.nextInt(3) == 0 ? 0xf : rnd.nextInt(16);
        IndexFilter filter = new IndexFilter(categoryMask, statusMask, sourceMask, from, to, Set.of(), null, false);
        compare(chunk, filter, rnd);
      }
    }
  }

  @Test
  void inTimeIsTheTimeRange() {
    for (long from : BOUNDS) {
      for (long to : BOUNDS) {
        if (from >= to) {
          continue; // CellScan skips empty ranges before the loop
        }
        for (long t : BOUNDS) {
          int expected = t >= from && t < to ? 1 : 0;
          assertEquals(expected, CellScan.inTime(t, from, to - from), t + " in [" + from + ", " + to + ")");
        }
      }
    }
  }

  private static void compare(PointChunk c, IndexFilter filter, Random rnd) {
    Cell[] expected = new Cell[ClusterGrid.SPAN * ClusterGrid.SPAN];
    for (int i = 0; i < c.size; i++) {
      if (filter.test(c, i, null)) {
        int shift = Morton.LEVELS - LEVEL;
        int k = ((c.y[i] >>> shift) + 1) * ClusterGrid.SPAN + (c.x[i] >>> shift) + 1;
        if (expected[k] == null) {
          expected[k] = new Cell(0, CATEGORIES, STATUSES);
        }
        expected[k].add(c.morton[i], c.id[i], c.x[i], c.y[i], c.category[i], c.status[i], c.time[i]);
      }
    }
    Cell[] actual = new Cell[expected.length];
    CellScan scan = new CellScan(actual, LEVEL, -1, -1, filter, null, CATEGORIES, STATUSES);
    // Visit in pieces, as chunk boundaries cut a cell's entries into several runs.
    int at = 0;
    while (at < c.size) {
      int end = Math.min(c.size, at + 1 + rnd.nextInt(c.size));
      scan.visit(c, at, end);
      at = end;
    }
    for (int k = 0; k < expected.length; k++) {
      Cell e = expected[k];
      Cell a = actual[k];
      if (e == null) {
        assertNull(a, "cell " + k);
        continue;
      }
      String where = "cell " + k + " for " + filter;
      assertEquals(e.count, a.count, where);
      assertEquals(e.sumX, a.sumX, where);
      assertEquals(e.sumY, a.sumY, where);
      assertEquals(e.minMorton, a.minMorton, where);
      assertEquals(e.maxMorton, a.maxMorton, where);
      assertArrayEquals(e.categories, a.categories, where);
      assertArrayEquals(e.statuses, a.statuses, where);
      assertEquals(e.lastId, a.lastId, where);
      assertEquals(e.lastCategory, a.lastCategory, where);
      assertEquals(e.lastStatus, a.lastStatus, where);
      assertEquals(e.lastTime, a.lastTime, where);
    }
  }

  /** Entries in a few cells of level LEVEL, in (Morton, id) order; some share a position. */
  private static PointChunk chunk(Random rnd, int n) {
    int cellSize = 1 << (Morton.LEVELS - LEVEL);
    long[][] rows = new long[n][];
    for (int i = 0; i < n; i++) {
      int x = rnd.nextInt(3) * cellSize + (rnd.nextInt(4) == 0 ? 7 : rnd.nextInt(cellSize));
      int y = rnd.nextInt(3) * cellSize + (rnd.nextInt(4) == 0 ? 7 : rnd.nextInt(cellSize));
      rows[i] = new long[] {Morton.encode(x, y), 1 + rnd.nextInt(1_000_000), x, y, TIMES[rnd.nextInt(TIMES.length)],
          rnd.nextInt(CATEGORIES), rnd.nextInt(STATUSES), rnd.nextInt(3)};
    }
    Arrays.sort(rows, Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]));
    PointChunk c = new PointChunk(n);
    for (int i = 0; i < n; i++) {
      long[] r = rows[i];
      c.set(i, new IndexEntry(r[1], (int) r[2], (int) r[3], (int) r[5], (int) r[6], (int) r[7], r[4], 0));
    }
    c.size = n;
    return c;
  }
}
