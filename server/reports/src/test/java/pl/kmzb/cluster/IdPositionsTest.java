package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link IdPositions} against a {@link HashMap} through random puts, replacements and removals, for
 * the id layouts an index meets: a dense sequence built at a load and then appended to, sparse ids,
 * ids below the range, a jump far beyond it, and ids the map took before the range grew over them.
 */
class IdPositionsTest {
  private static final long MISSING = -1;

  @Test
  void aDenseLoadThenNewIdsAboveItLiveInTheArray() {
    int n = 50_000;
    IdPositions p = IdPositions.forIds(1_000, 1_000 + 2 * n - 1, n);
    Map<Long, Long> expected = new HashMap<>();
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      put(p, expected, 1_000 + 2L * i, r.nextLong(1L << 62));
    }
    assertTrue(p.rangeLength() >= 2 * n, "half-filled ids take the array");
    for (long id = 1_000 + 2L * n; id < 1_000 + 3L * n; id++) {
      put(p, expected, id, r.nextLong(1L << 62));
    }
    assertTrue(p.rangeLength() >= 3 * n, "the range grows over new ids");
    randomChanges(p, expected, r, 0, 1_000 + 3L * n + 5_000, 200_000);
  }

  @Test
  void sparseIdsLiveInTheMap() {
    SplittableRandom r = new SplittableRandom(2);
    IdPositions p = IdPositions.forIds(1, 1L << 40, 1_000);
    assertEquals(0, p.rangeLength());
    Map<Long, Long> expected = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      put(p, expected, r.nextLong(1, 1L << 40), i);
    }
    randomChanges(p, expected, r, 1, 1L << 40, 20_000);
    assertTrue(p.rangeLength() <= 1024, "ids a trillion apart never grow an array beyond the first id's");
  }

  @Test
  void anEmptyMapStartsItsRangeAtTheFirstIdAndKeepsOutliersInTheMap() {
    IdPositions p = new IdPositions(16);
    Map<Long, Long> expected = new HashMap<>();
    put(p, expected, 500, 1);
    put(p, expected, 10, 2);                    // below the range
    put(p, expected, 500 + 1_000_000, 3);       // far beyond: the array would be nearly empty
    put(p, expected, Long.MAX_VALUE, 4);        // the subtraction from the base must not wrap
    put(p, expected, Long.MIN_VALUE + 1, 5);
    check(p, expected);
    // Ids just above the range: the map took some while the range was too sparse to grow ...
    SplittableRandom r = new SplittableRandom(3);
    for (long id = 501; id < 20_000; id++) {
      put(p, expected, id, r.nextLong(1L << 62));
    }
    assertTrue(p.rangeLength() >= 19_500, "appended ids extend the range");
    randomChanges(p, expected, r, 0, 1_100_000, 100_000);
  }

  @Test
  void idsTheMapTookBeforeTheRangeGrewOverThemAreFoundAndReplacedOnce() {
    IdPositions p = IdPositions.forIds(1, 10_000, 10_000);
    Map<Long, Long> expected = new HashMap<>();
    for (long id = 1; id <= 10_000; id++) {
      put(p, expected, id, id);
    }
    put(p, expected, 50_000, 7);                 // five times the ids so far: too sparse, the map
    for (long id = 10_001; id < 49_000; id++) {
      put(p, expected, id, id * 3);
    }
    assertTrue(p.rangeLength() > 50_000, "the range grew over the id the map holds");
    check(p, expected);                          // ... which is still found
    put(p, expected, 50_000, 8);                 // and moves into the array, counted once
    check(p, expected);
    assertEquals(8, p.remove(50_000, MISSING));
    expected.remove(50_000L);
    check(p, expected);
  }

  @Test
  void aRangeBelowZeroNeverTakesIdsWhoseDistanceOverflows() {
    IdPositions p = IdPositions.forIds(-10, 100, 111);
    Map<Long, Long> expected = new HashMap<>();
    put(p, expected, -10, 1);
    put(p, expected, Long.MAX_VALUE, 2);
    put(p, expected, Long.MAX_VALUE - 5, 3);
    put(p, expected, -1, 4);                     // the slots a wrapped distance would have given them
    put(p, expected, -6, 5);
    check(p, expected);
  }

  @Test
  void ofAStoreHoldsEveryEntrysPositionWhetherItsIdsAreDenseOrSparse() {
    SplittableRandom r = new SplittableRandom(9);
    for (boolean dense : new boolean[] {true, false}) {
      EntryColumns cols = new EntryColumns(16);
      int n = 20_000;
      for (int i = 0; i < n; i++) {
        long id = dense ? 5_000 + 3L * i / 2 : r.nextLong(1, 1L << 50);
        cols.add(new IndexEntry(id, r.nextInt(1 << 20), r.nextInt(1 << 20), 0, 0, 0, 0, 0));
      }
      PointStore store = storeOf(cols);
      IdPositions p = IdPositions.of(store);
      assertEquals(n, p.size());
      assertEquals(dense, p.rangeLength() > 0, "dense ids take the array, sparse ones the map");
      store.forEach(0, Long.MAX_VALUE, (c, from, to) -> {
        for (int i = from; i < to; i++) {
          assertEquals(c.morton[i], p.get(c.id[i], MISSING));
        }
      });
      assertEquals(MISSING, p.get(4_999, MISSING));
      Map<Long, Long> expected = new HashMap<>();
      store.forEach(0, Long.MAX_VALUE, (c, from, to) -> {
        for (int i = from; i < to; i++) {
          expected.put(c.id[i], c.morton[i]);
        }
      });
      randomChanges(p, expected, r, 1, dense ? 50_000 : 1L << 50, 20_000);
    }
  }

  @Test
  void ofAStoreWithAnIdTwiceFails() {
    for (long twice : new long[] {101, 1L << 40}) {
      EntryColumns cols = new EntryColumns(16);
      for (long id = 100; id < 200; id++) {
        cols.add(new IndexEntry(id, (int) id, 5, 0, 0, 0, 0, 0));
      }
      cols.add(new IndexEntry(twice, 9, 9, 0, 0, 0, 0, 0));
      if (twice > 200) {
        cols.add(new IndexEntry(twice, 10, 10, 0, 0, 0, 0, 0));
      }
      PointStore store = storeOf(cols);
      org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> IdPositions.of(store));
    }
  }

  private static PointStore storeOf(EntryColumns cols) {
    long[] morton = new long[cols.size];
    for (int i = 0; i < cols.size; i++) {
      morton[i] = pl.kmzb.tiles.Morton.encode(cols.x[i], cols.y[i]);
    }
    PointStore store = new PointStore();
    store.bulkLoad(cols, morton, RadixSort.order(morton, cols.id, cols.size));
    return store;
  }

  private static void randomChanges(IdPositions p, Map<Long, Long> expected, SplittableRandom r, long lo, long hi,
      int steps) {
    Long[] known = expected.keySet().toArray(new Long[0]);
    for (int s = 0; s < steps; s++) {
      long id = known.length > 0 && r.nextBoolean() ? known[r.nextInt(known.length)] : r.nextLong(lo, hi);
      if (r.nextInt(3) == 0) {
        Long old = expected.remove(id);
        assertEquals(old == null ? MISSING : old, p.remove(id, MISSING), "remove " + id);
      } else {
        put(p, expected, id, r.nextLong(1L << 62));
      }
      if (s % 997 == 0) {
        assertEquals(expected.size(), p.size());
      }
    }
    check(p, expected);
  }

  private static void put(IdPositions p, Map<Long, Long> expected, long id, long value) {
    p.put(id, value);
    expected.put(id, value);
  }

  private static void check(IdPositions p, Map<Long, Long> expected) {
    assertEquals(expected.size(), p.size());
    for (Map.Entry<Long, Long> e : expected.entrySet()) {
      assertEquals(e.getValue(), p.get(e.getKey(), MISSING), "id " + e.getKey());
    }
    for (long id : new long[] {0, -5, 999_999_999L, Long.MAX_VALUE - 1}) {
      if (!expected.containsKey(id)) {
        assertEquals(MISSING, p.get(id, MISSING), "absent id " + id);
      }
    }
  }
}
