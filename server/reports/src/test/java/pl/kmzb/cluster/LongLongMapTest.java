package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongLongMapTest {
  @Test
  void behavesLikeAHashMapUnderRandomPutsAndRemovals() {
    LongLongMap map = new LongLongMap(4);
    Map<Long, Long> oracle = new HashMap<>();
    Random rnd = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      // Small key range: many collisions and removals inside probe runs.
      long key = rnd.nextInt(5_000) * 1024L;
      if (rnd.nextInt(3) == 0) {
        assertEquals(oracle.containsKey(key) ? oracle.remove(key) : -1L, map.remove(key, -1));
      } else {
        long v = rnd.nextLong();
        map.put(key, v);
        oracle.put(key, v);
      }
      if (i % 1000 == 0) {
        for (long k = 0; k < 5_000; k += 7) {
          assertEquals(oracle.getOrDefault(k * 1024, -1L), map.get(k * 1024, -1));
        }
      }
    }
    assertEquals(oracle.size(), map.size());
  }

  @Test
  void positionsOfMapsEachKeyToItsIndexAndThenBehavesLikeAnyMap() {
    for (int n : new int[] {0, 1, 5, 1_000, 70_000}) {
      Random rnd = new Random(n);
      long[] keys = new long[n + 3]; // room beyond n: only the first n count
      Map<Long, Long> oracle = new HashMap<>();
      for (int i = 0; i < n; i++) {
        long k;
        do {
          k = rnd.nextInt(4) == 0 ? rnd.nextInt(n + 1) : rnd.nextLong(); // clustered and spread keys
        } while (k == Long.MIN_VALUE || oracle.containsKey(k));
        keys[i] = k;
        oracle.put(k, (long) i);
      }
      keys[n] = 42_424_242L;
      LongLongMap map = LongLongMap.positionsOf(keys, n);
      assertEquals(n, map.size());
      for (int i = 0; i < n; i++) {
        assertEquals(i, map.get(keys[i], -1), "key " + i + " of " + n);
      }
      if (!oracle.containsKey(42_424_242L)) {
        assertEquals(-1, map.get(42_424_242L, -1), "a key past n is not taken");
      }
      for (int i = 0; i < n; i += 3) {
        assertEquals(i, map.remove(keys[i], -1));
      }
      for (int i = 0; i < n; i++) {
        assertEquals(i % 3 == 0 ? -1 : i, map.get(keys[i], -1));
      }
    }
  }

  @Test
  void positionsOfKeepsARepeatedKeyOnceSoTheCallerSeesTheSizeFallShort() {
    LongLongMap map = LongLongMap.positionsOf(new long[] {7, 9, 7, 11}, 4);
    assertEquals(3, map.size());
    assertEquals(2, map.get(7, -1));
  }
}
