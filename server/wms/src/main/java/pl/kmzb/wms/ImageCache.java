package pl.kmzb.wms;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Encoded map images of public layers, bounded in bytes (Caffeine weighs each entry by its size),
 * keyed by the canonical request ({@link MapKeys}) and valid while the data they show has not
 * changed: an entry remembers the data version it was drawn at, and is used only while that is
 * still current. The version is the cluster index's stamp of tile 0/0/0, which every change to the
 * public reports moves (lock-free to read), combined with the boundary index in use, which an import
 * replaces. Police units change only by import, which is rare; entries also expire after
 * {@link #MAX_AGE} so no image outlives such an import for long.
 */
public final class ImageCache {
  static final Duration MAX_AGE = Duration.ofMinutes(10);

  /** One cached image and the data version it shows. */
  public record Entry(byte[] body, String mediaType, long version) {}

  private final Cache<String, Entry> cache;
  private final LongSupplier version;

  public ImageCache(long maxBytes, LongSupplier version) {
    this.version = version;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String k, Entry e) -> e.body().length + 2 * k.length() + 64)
        .expireAfterWrite(MAX_AGE)
        .build();
  }

  /** The data version now; an image drawn now is stored with it. */
  public long version() {
    return version.getAsLong();
  }

  /** The cached image for {@code key} if it shows the current data. */
  public Entry get(String key) {
    Entry e = cache.getIfPresent(key);
    if (e == null) {
      return null;
    }
    if (e.version() != version()) {
      cache.asMap().remove(key, e);
      return null;
    }
    return e;
  }

  public void put(String key, Entry entry) {
    cache.put(key, entry);
  }

  /** Entries held now (for metrics). */
  public long entries() {
    return cache.estimatedSize();
  }

  /** What the entries weigh, in bytes (for metrics; the bound is wms.cache-mb). */
  public long weightedBytes() {
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }

  /** Entries held once pending evictions (which Caffeine runs in the background) are done. */
  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
