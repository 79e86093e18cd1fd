package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ImageCacheTest {
  @Test
  void anImageIsUsedOnlyWhileTheDataItShowsIsCurrent() {
    AtomicLong version = new AtomicLong(5);
    ImageCache cache = new ImageCache(1 << 20, version::get);
    cache.put("k", new ImageCache.Entry(new byte[10], "image/png", cache.version()));
    assertNotNull(cache.get("k"));
    version.incrementAndGet();
    assertNull(cache.get("k"), "the data changed");
    assertNull(cache.get("k"), "and the stale entry is gone");
  }

  @Test
  void theCacheIsBoundedInBytes() {
    ImageCache cache = new ImageCache(100_000, () -> 1);
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, new ImageCache.Entry(new byte[10_000], "image/png", 1));
    }
    assertTrue(cache.size() <= 10, "evicted down to the bound: " + cache.size());
    long held = 0;
    for (int i = 0; i < 100; i++) {
      held += cache.get("k" + i) == null ? 0 : 10_000;
    }
    assertTrue(held <= 100_000, "at most the bound is held: " + held);
  }
}
