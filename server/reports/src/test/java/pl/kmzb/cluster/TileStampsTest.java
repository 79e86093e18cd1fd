package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tile stamps against a plain map: growth, raising, forgetting, and the memory bound. */
class TileStampsTest {
  @Test
  void answersAsAMapOfTheLastVersionPerTile() {
    TileStamps stamps = new TileStamps();
    Map<Long, Long> oracle = new HashMap<>();
    Random rnd = new Random(7);
    for (long v = 1; v <= 50_000; v++) {
      long tile = rnd.nextInt(20_000) * 0x10001L;
      stamps.mark(tile, v);
      oracle.put(tile, v);
    }
    for (Map.Entry<Long, Long> e : oracle.entrySet()) {
      assertEquals(e.getValue(), stamps.get(e.getKey()));
    }
    assertEquals(0, stamps.get(-5));
    assertEquals(oracle.size(), stamps.size());
  }

  @Test
  void markingEveryTileRaisesAllAndForgetsSingleStamps() {
    TileStamps stamps = new TileStamps();
    stamps.mark(3, 5);
    stamps.markAll(7);
    assertEquals(7, stamps.get(3));
    assertEquals(7, stamps.get(4));
    assertEquals(0, stamps.size());
    stamps.mark(3, 9);
    assertEquals(9, stamps.get(3));
    assertEquals(7, stamps.get(4));
  }

  @Test
  void pastTheBoundEveryTileIsStampedInsteadOfGrowing() {
    TileStamps stamps = new TileStamps();
    for (long t = 0; t < TileStamps.MAX_ENTRIES; t++) {
      stamps.mark(t, 1);
    }
    assertEquals(TileStamps.MAX_ENTRIES, stamps.size());
    stamps.mark(TileStamps.MAX_ENTRIES + 1L, 2);
    assertTrue(stamps.size() <= 1, "forgotten, not grown: " + stamps.size());
    assertEquals(2, stamps.get(0), "an upper bound for every tile, never lower than its last change");
    assertEquals(2, stamps.get(TileStamps.MAX_ENTRIES + 1L));
  }
}
