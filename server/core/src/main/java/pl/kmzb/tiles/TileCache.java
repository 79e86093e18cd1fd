package pl.kmzb.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Encoded tiles by tileset, matrix set, tile and variant, bounded in bytes. An entry is used only
 * while its version is not older than the layer's stamp for the tile; a change thus drops exactly
 * the tiles it touched (they are rendered again on their next request) and no others.
 */
public final class TileCache {
  /** What a lookup found, for the access log. */
  public enum Outcome { HIT, MISS, STALE }

  record Key(String layer, String matrixSet, long tile, String variant) {}

  public record Lookup(EncodedTile tile, Outcome outcome) {}

  private final Cache<Key, EncodedTile> cache;

  public TileCache(long maxBytes) {
    this.cache = Caffeine.newBuilder().maximumWeight(maxBytes)
        .weigher((Key k, EncodedTile t) -> t.weight() + k.variant().length()).build();
  }

  /** The cached tile if it is current, else null; never renders. */
  public EncodedTile current(TileLayer layer, TileMatrixSet tms, TileCoord t, TileLayer.Variant variant) {
    EncodedTile cached = cache.getIfPresent(new Key(layer.id(), tms.id(), t.packed(), variant.key()));
    return cached != null && cached.version() >= layer.stamp(t) ? cached : null;
  }

  /** The current tile, rendered and cached if the cache has none. */
  public Lookup get(TileLayer layer, TileMatrixSet tms, TileCoord t, TileLayer.Variant variant) {
    Key key = new Key(layer.id(), tms.id(), t.packed(), variant.key());
    long stamp = layer.stamp(t);
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
    return cache.estimatedSize();
  }

  public void clear() {
    cache.invalidateAll();
  }
}
