package pl.kmzb.tiles;

import java.util.List;
import java.util.Map;
import pl.kmzb.report.Actor;

/**
 * A tileset served at {@code /tiles/{id}/{z}/{x}/{y}.mvt}: the second step of a tile request
 * (HTTP → layer → source → encoder). The endpoint owns HTTP, caching, compression and ETags; a
 * layer parses its query parameters and encodes tiles.
 */
public interface TileLayer {
  String id();

  String description();

  int minZoom();

  int maxZoom();

  List<VectorLayer> vectorLayers();

  /** The Cache-Control header of this layer's tiles. */
  String cacheControl();

  /**
   * Checks the query parameters and turns them into what {@link #render} needs; the key must be
   * equal for requests that give equal tiles (it is part of the cache key).
   *
   * @throws pl.kmzb.http.ApiException 400 for a bad or unknown parameter
   */
  Variant variant(Map<String, List<String>> query);

  /**
   * True for a tileset of police data: tiles and TileJSON need credentials (anonymous callers get
   * 401 with a challenge), the set is listed in {@code /tiles} only to callers with credentials,
   * answers are {@code private, no-store} with {@code Vary: Authorization} and carry no CORS
   * headers, and {@link #variant(Map, Actor)} is asked instead of {@link #variant(Map)}.
   */
  default boolean requiresCredentials() {
    return false;
  }

  /**
   * The variant for an authenticated caller of a tileset that {@link #requiresCredentials}: its
   * key must also separate whatever the caller's role or scope changes (the tile cache is shared
   * by every caller).
   */
  default Variant variant(Map<String, List<String>> query, Actor caller) {
    return variant(query);
  }

  /**
   * Whether tiles of {@code variant} count as filtered: rendered within the client's render budget
   * and cached apart from the tiles every visitor asks for ({@link RenderBudget}, {@link TileCache}).
   * By default any variant with a key; a layer whose unfiltered view has a key (the police tiles,
   * keyed by role) says so here.
   */
  default boolean isFiltered(Variant variant) {
    return !variant.key().isEmpty();
  }

  /** The tile's MVT bytes (empty: no features) and the data version they reflect. */
  Rendered render(TileCoord tile, Variant variant);

  /**
   * The version of the last change that affected {@code tile}; a cached tile rendered at a lower
   * version is stale. Layers whose data never changes while the server runs return 0.
   */
  default long stamp(TileCoord tile) {
    return 0;
  }

  /** Parsed query parameters: {@code key} is canonical, {@code value} is the layer's own. */
  record Variant(String key, Object value) {}

  record Rendered(byte[] mvt, long version) {}
}
