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
}
