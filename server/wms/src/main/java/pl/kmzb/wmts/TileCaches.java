package pl.kmzb.wmts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * The encoded WMTS tiles and the OGC API vector tiles of the non-Web-Mercator matrix sets, in two
 * caches: unfiltered tiles (what every visitor of a map asks for) bounded in bytes by
 * {@code wms.cache-mb}, and filtered tiles (category, status, from/to, TIME, CQL2 variants) bounded by
 * their own entries and bytes ({@code wmts.filtered-cache-entries}, {@code wmts.filtered-cache-mb}).
 * Every distinct filter is a new entry; a client cycling through filters fills only the filtered
 * cache, never grows memory past its bound and never evicts the unfiltered tiles.
 *
 * <p>Caffeine bounds either a weight or a count, not both: a filtered entry weighs at least
 * {@code bytes / entries}, so the weight bound holds both (at most {@code entries} entries fit, and
 * never more than {@code bytes}). Eviction runs on the calling thread, so the bound holds when a put
 * returns.
 */
public final class TileCaches {
  static final Duration MAX_AGE = Duration.ofMinutes(30);

  /** An encoded tile as cached: its bytes, media type and the version of the data it shows. */
  record Entry(byte[] body, String mediaType, TileImages.Version version) {
    int bytes(String key) {
      return body.length + 2 * key.length() + 64;
    }
  }

  private final Cache<String, Entry> unfiltered;
  private final Cache<String, Entry> filtered;
  private final long filteredBytes;
  private final int filteredEntries;

  public TileCaches(long unfilteredBytes, long filteredBytes, int filteredEntries) {
    if (filteredEntries <= 0 || filteredBytes <= 0) {
      throw new IllegalArgumentException("the filtered tile cache needs a positive bound of entries and bytes");
    }
    this.filteredBytes = filteredBytes;
    this.filteredEntries = filteredEntries;
    this.unfiltered = Caffeine.newBuilder()
        .maximumWeight(unfilteredBytes)
        .weigher((String k, Entry e) -> e.bytes(k))
        .expireAfterWrite(MAX_AGE)
        .executor(Runnable::run)
        .build();
    int floor = (int) Math.max(1, Math.min(Integer.MAX_VALUE, filteredBytes / filteredEntries));
    this.filtered = Caffeine.newBuilder()
        .maximumWeight(filteredBytes)
        .weigher((String k, Entry e) -> Math.max(floor, e.bytes(k)))
        .expireAfterWrite(MAX_AGE)
        .executor(Runnable::run)
        .build();
  }

  Cache<String, Entry> of(boolean filteredTile) {
    return filteredTile ? filtered : unfiltered;
  }

  /** Entries of one share (filtered or unfiltered tiles), for metrics and tests. */
  public long entries(boolean filteredShare) {
    Cache<String, Entry> c = of(filteredShare);
    c.cleanUp();
    return c.estimatedSize();
  }

  /** Bytes one share's entries weigh (filtered entries at least their floor), for metrics and tests. */
  public long weightedBytes(boolean filteredShare) {
    return of(filteredShare).policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }

  public long filteredBytesBound() {
    return filteredBytes;
  }

  public int filteredEntriesBound() {
    return filteredEntries;
  }
}
