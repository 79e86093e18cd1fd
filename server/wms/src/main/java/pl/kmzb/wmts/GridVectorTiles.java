package pl.kmzb.wmts;

import java.util.List;
import java.util.Map;
import pl.kmzb.cluster.ThreatTileLayer;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.TileMatrix;

/**
 * Vector tiles (MVT) of the {@code threats} tileset in any matrix set, for WMTS and OGC API – Tiles
 * alike (one cache entry per tile and filter, whichever API asked): in WebMercatorQuad down to the
 * index's deepest zoom the index's own tile (as {@code /tiles/threats/…}), elsewhere (Geoportal's
 * EPSG:2180 set, WorldCRS84Quad, WebMercatorQuad beyond the index) the clusters of the set's own grid
 * ({@code cluster.GridClusters}), geometry in the tile's CRS at extent 4096. Versioned per tile by
 * {@link TileVersions}: a report change re-renders the tiles it touched and no other.
 */
public final class GridVectorTiles {
  /**
   * A tile: its MVT bytes (empty: no feature), the version of the data it shows (the index stamp),
   * its WMTS ETag, and whether it came from the cache.
   */
  public record Tile(byte[] mvt, long version, String etag, boolean cached) {}

  private final ThreatTileLayer threats;
  private final CrsRegistry crs;
  private final TileVersions versions;
  private final TileCaches caches;
  private final java.util.concurrent.atomic.LongAdder renders = new java.util.concurrent.atomic.LongAdder();

  GridVectorTiles(ThreatTileLayer threats, CrsRegistry crs, TileVersions versions, TileCaches caches) {
    this.threats = threats;
    this.crs = crs;
    this.versions = versions;
    this.caches = caches;
  }

  /** The filters of a tile as the threats tileset parses them (the one filter model; 400 on bad values). */
  public TileLayer.Variant variant(Map<String, List<String>> filters) {
    return threats.variant(filters);
  }

  /** The current tile, rendered and cached when the cache holds none. */
  public Tile tile(MatrixSet set, TileMatrix m, long col, long row, TileLayer.Variant variant) {
    String key = key(set, m, col, row, variant);
    TileImages.Version version = version(set, m, col, row);
    boolean filtered = !variant.key().isEmpty();
    TileCaches.Entry hit = caches.of(filtered).getIfPresent(key);
    if (hit != null && hit.version().equals(version)) {
      return new Tile(hit.body(), version.stamp(), version.etag(key), true);
    }
    int level = set.levelOf(m);
    byte[] body = set == MatrixSets.WEB_MERCATOR_QUAD && level <= threats.maxZoom()
        ? threats.render(new TileCoord(level, (int) col, (int) row), variant).mvt()
        : threats.render(crs, set, m, col, row, variant);
    renders.increment();
    caches.of(filtered).put(key, new TileCaches.Entry(body, TileFormat.MVT.mediaType(), version));
    return new Tile(body, version.stamp(), version.etag(key), false);
  }

  /** The cached unfiltered tile if it is current, else null: never renders (for the network thread). */
  public Tile cached(MatrixSet set, TileMatrix m, long col, long row) {
    TileLayer.Variant all = threats.variant(Map.of());
    String key = key(set, m, col, row, all);
    TileCaches.Entry e = caches.of(false).getIfPresent(key);
    if (e == null) {
      return null;
    }
    TileImages.Version now = version(set, m, col, row);
    return e.version().equals(now) ? new Tile(e.body(), now.stamp(), now.etag(key), true) : null;
  }

  /** Vector tiles rendered so far (tests and the benchmark count re-renders with it). */
  public long renders() {
    return renders.sum();
  }

  private TileImages.Version version(MatrixSet set, TileMatrix m, long col, long row) {
    return new TileImages.Version(versions.version(set, m, col, row), 0, 0);
  }

  private static String key(MatrixSet set, TileMatrix m, long col, long row, TileLayer.Variant variant) {
    return "mvt|" + ThreatTileLayer.ID + '|' + set.id() + '|' + m.id() + '|' + row + '|' + col + '|' + variant.key();
  }
}
