package pl.kmzb.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Encoded tiles by tileset, matrix set, tile and variant, bounded in bytes. An entry is used only
 * while its version is not older than the layer's stamp for the tile; a change thus drops exactly
 * the tiles it touched (they are rendered again on their next request) and no others.
 *
 * <p>Unfiltered tiles ({@link TileLayer#isFiltered}: by default variant key "") and filtered ones live in two caches with their own byte
 * bounds: every distinct filter is a new entry, and a stream of them could otherwise evict the tiles
 * every visitor of the map asks for.
 */
public final class TileCache {
  /** What a lookup found, for the access log. */
  public enum Outcome { HIT, MISS, STALE }

  record Key(String layer, String matrixSet, long tile, String variant) {}

  public record Lookup(EncodedTile tile, Outcome outcome) {}

  private final Cache<Key, EncodedTile> unfiltered;
  private final Cache<Key, EncodedTile> filtered;

  /** @param filteredPercent the share of {@code maxBytes} filtered tiles may fill */
  public TileCache(long maxBytes, int filteredPercent) {
    long forFiltered = maxBytes * filteredPercent / 100;
    this.unfiltered = build(maxBytes - forFiltered);
    this.filtered = build(forFiltered);
  }

  public TileCache(long maxBytes) {
    this(maxBytes, 25);
  }

  private static Cache<Key, EncodedTile> build(long maxBytes) {
    return Caffeine.newBuilder().maximumWeight(maxBytes)
        .weigher((Key k, EncodedTile t) -> t.weight() + k.variant().length()).build();
  }

  private Cache<Key, EncodedTile> of(TileLayer layer, TileLayer.Variant variant) {
    return layer.isFiltered(variant) ? filtered : unfiltered;
  }

  /** The cached tile if it is current, else null; never renders. */
  public EncodedTile current(TileLayer layer, TileMatrixSet tms, TileCoord t, TileLayer.Variant variant) {
    Key key = new Key(layer.id(), tms.id(), t.packed(), variant.key());
    EncodedTile cached = of(layer, variant).getIfPresent(key);
    return cached != null && cached.version() >= layer.stamp(t) ? cached : null;
  }

  /** The current tile, rendered and cached if the cache has none. */
  public Lookup get(TileLayer layer, TileMatrixSet tms, TileCoord t, TileLayer.Variant variant) {
    Key key = new Key(layer.id(), tms.id(), t.packed(), variant.key());
    long stamp = layer.stamp(t);
    Cache<Key, EncodedTile> cache = of(layer, variant);
    EncodedTile cached = cache.getIfPresent(key);
    if (cached != null && cached.version() >= stamp) {
      return new Lookup(cached, Outcome.HIT);
    }
    TileLayer.Rendered r = layer.render(t, variant);
    EncodedTile fresh = EncodedTile.of(r.mvt(), r.version());
    cache.asMap().merge(key, fresh, (old, neu) -> old.version() > neu.version() ? old : neu);
    return new Lookup(fresh, cached == null ? Outcome.MISS : Outcome.STALE);
  }

  public long estimatedSize() {
    return unfiltered.estimatedSize() + filtered.estimatedSize();
  }

  /** Entries of unfiltered tiles only (for tests and figures). */
  public long unfilteredSize() {
    return unfiltered.estimatedSize();
  }

  /** Entries of one share: filtered or unfiltered tiles (for metrics). */
  public long entries(boolean filteredShare) {
    return (filteredShare ? filtered : unfiltered).estimatedSize();
  }

  /** What one share's entries weigh, in bytes (for metrics; its bound is that share of tiles.cache-mb). */
  public long weightedBytes(boolean filteredShare) {
    return (filteredShare ? filtered : unfiltered).policy().eviction()
        .map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }

  public void clear() {
    unfiltered.invalidateAll();
    filtered.invalidateAll();
  }
}
