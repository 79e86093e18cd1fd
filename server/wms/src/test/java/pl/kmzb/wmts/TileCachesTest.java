package pl.kmzb.wmts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TileCachesTest {
  private static TileCaches.Entry tile(int bytes) {
    return new TileCaches.Entry(new byte[bytes], "image/png", new TileImages.Version(1, 0, 0));
  }

  @Test
  void manySmallFilteredTilesAreBoundedByTheEntryCount() {
    TileCaches c = new TileCaches(64L << 20, 8L << 20, 50);
    for (int i = 0; i < 5_000; i++) {
      c.of(true).put("t|from=" + i, tile(100));
    }
    assertTrue(c.entries(true) <= 50, "entries " + c.entries(true));
    assertTrue(c.entries(true) >= 40, "the bound is used, not emptied: " + c.entries(true));
    assertTrue(c.weightedBytes(true) <= 8L << 20);
  }

  @Test
  void largeFilteredTilesAreBoundedByTheBytes() {
    TileCaches c = new TileCaches(64L << 20, 1L << 20, 10_000);
    for (int i = 0; i < 500; i++) {
      c.of(true).put("t|category=" + i, tile(100_000));
    }
    assertTrue(c.weightedBytes(true) <= 1L << 20, "bytes " + c.weightedBytes(true));
    assertTrue(c.entries(true) <= 10, "1 MiB holds at most ten 100 kB tiles: " + c.entries(true));
  }

  @Test
  void aStreamOfFilteredTilesNeverEvictsTheUnfilteredOnes() {
    TileCaches c = new TileCaches(4L << 20, 1L << 20, 100);
    for (int i = 0; i < 200; i++) {
      c.of(false).put("tile" + i, tile(1_000));
    }
    for (int i = 0; i < 20_000; i++) {
      c.of(true).put("tile0|status=" + i, tile(2_000));
    }
    for (int i = 0; i < 200; i++) {
      assertNotNull(c.of(false).getIfPresent("tile" + i), "unfiltered tile " + i);
    }
    assertEquals(200, c.entries(false));
    assertTrue(c.entries(true) <= 100);
  }

  @Test
  void boundsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new TileCaches(1 << 20, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new TileCaches(1 << 20, 1 << 20, 0));
  }
}
