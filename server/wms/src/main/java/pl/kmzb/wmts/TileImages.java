package pl.kmzb.wmts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.render.FeatureHit;
import pl.kmzb.report.Actor;
import pl.kmzb.wms.FeatureInfoRequest;
import pl.kmzb.wms.MapRequest;
import pl.kmzb.wms.MapService;
import pl.kmzb.wms.RequestParser;
import pl.kmzb.wms.WmsParams;
import pl.kmzb.wms.WmsVersion;

/**
 * Raster tiles: a tile is a WMS GetMap of its exact bounds (parsed by the WMS request parser, so
 * layers, styles, TIME and police access are WMS's), drawn by the WMS renderer, and kept in a cache
 * of its own whose entries are versioned per tile ({@link TileVersions}): a report change re-renders
 * only the tiles it can touch, where the WMS image cache drops every map. Police layers and maps the
 * store must be scanned for are never cached.
 */
final class TileImages {
  /** What a tile shows: the stamp of its area, plus the rarely moving global parts. */
  record Version(long stamp, long global, long layerData) {
    String etag(String key) {
      return "\"w" + Long.toHexString(stamp) + "-" + Long.toHexString(global) + "-" + Long.toHexString(layerData) + "-"
          + Integer.toHexString(key.hashCode()) + "\"";
    }
  }

  /** An encoded tile; {@code etag} null when it is private or never cached. */
  record Tile(byte[] body, String mediaType, String etag, boolean cached) {}

  private final TileCaches caches;
  private final GridVectorTiles vectors;
  private final RequestParser parser;
  private final MapService maps;
  private final CrsRegistry crs;
  private final TileVersions versions;
  private final LongSupplier global;
  private final LayerDataVersions layerData;
  private final LongAdder renders = new LongAdder();

  TileImages(TileCaches caches, RequestParser parser, MapService maps, CrsRegistry crs, TileVersions versions,
      LongSupplier global, LayerDataVersions layerData, GridVectorTiles vectors) {
    this.caches = caches;
    this.vectors = vectors;
    this.parser = parser;
    this.maps = maps;
    this.crs = crs;
    this.versions = versions;
    this.global = global;
    this.layerData = layerData;
  }

  /** Raster tiles drawn so far (the benchmark and tests count re-renders with it). */
  long renders() {
    return renders.sum() + vectors.renders();
  }

  /**
   * Draws tiles of {@code layer} off-line, through the path a client's tile takes (the WMS request
   * parser, the renderer, the encoder) but never into the cache: every level of each set at the tile
   * holding {@code lon}, {@code lat}, twice, at most {@code budgetNanos}. The first tile of a JVM
   * otherwise pays for the path's first runs: 41.9 ms for the first WebMercatorQuad tile of the 5 M
   * benchmark, whose later cold tiles took at most 19 ms.
   *
   * @return the number of tiles drawn
   */
  int warm(pl.kmzb.layer.PublishedLayer layer, List<pl.kmzb.tiles.MatrixSet> sets, double lon, double lat,
      long budgetNanos) {
    long deadline = System.nanoTime() + budgetNanos;
    int drawn = 0;
    for (int round = 0; round < 2; round++) {
      for (pl.kmzb.tiles.MatrixSet set : sets) {
        double[] xy = crs.fromLonLat(crs.require(set.crsCode())).apply(lon, lat);
        for (pl.kmzb.tiles.TileMatrix m : set.matrices()) {
          long col = m.column(xy[0]);
          long row = m.row(xy[1]);
          if (!m.contains(col, row)) {
            continue;
          }
          if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
            return drawn;
          }
          TileRequest r = new TileRequest(layer, layer.defaultStyle(), TileFormat.PNG, set, m, row, col, null, Map.of());
          maps.render(parser.map(WmsParams.of(map(r, Map.of())), WmsVersion.V1_3_0, Optional.empty()),
              Optional.empty());
          drawn++;
        }
      }
    }
    return drawn;
  }

  /** The cached tile if it is current, else null; for anonymous requests on the network thread. */
  Tile cached(TileRequest r) {
    if (!r.layer().isPublic() || narrowed(r)) {
      return null;
    }
    if (r.format() == TileFormat.MVT) {
      GridVectorTiles.Tile v = vectors.cached(r.set(), r.matrix(), r.col(), r.row());
      return v == null ? null : new Tile(v.mvt(), TileFormat.MVT.mediaType(), v.etag(), true);
    }
    String key = r.key("pl");
    TileCaches.Entry e = caches.of(false).getIfPresent(key);
    if (e == null) {
      return null;
    }
    Version now = version(r);
    return e.version().equals(now) ? new Tile(e.body(), e.mediaType(), now.etag(key), true) : null;
  }

  Tile tile(TileRequest r, Optional<Actor> caller) {
    if (r.format() == TileFormat.MVT) {
      return vector(r);
    }
    MapRequest m = parser.map(WmsParams.of(map(r, Map.of())), WmsVersion.V1_3_0, caller);
    boolean cacheable = !m.isPrivate() && m.layers().stream().allMatch(l -> l.scan() == null);
    if (!cacheable) {
      renders.increment();
      return new Tile(maps.render(m, caller), m.format().mediaType(), null, false);
    }
    String key = r.key(m.language()) + filterKey(r, m);
    Version version = version(r);
    TileCaches.Entry hit = caches.of(narrowed(r)).getIfPresent(key);
    if (hit != null && hit.version().equals(version)) {
      return new Tile(hit.body(), hit.mediaType(), version.etag(key), true);
    }
    byte[] body = maps.render(m, caller);
    renders.increment();
    caches.of(narrowed(r)).put(key, new TileCaches.Entry(body, m.format().mediaType(), version));
    return new Tile(body, m.format().mediaType(), version.etag(key), false);
  }

  /** A vector tile of the threats tileset ({@link GridVectorTiles}: one cache with OGC API – Tiles). */
  private Tile vector(TileRequest r) {
    GridVectorTiles.Tile t = vectors.tile(r.set(), r.matrix(), r.col(), r.row(), vectors.variant(r.filters()));
    return new Tile(t.mvt(), TileFormat.MVT.mediaType(), t.etag(), t.cached());
  }

  /**
   * The canonical filter of a filtered tile as the one filter model wrote it (value order and case
   * do not matter), so every spelling of one variant shares one entry; "" for an unfiltered tile,
   * whose key stays the one the network thread looks up.
   */
  private static String filterKey(TileRequest r, MapRequest m) {
    if (!r.filtered()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("|");
    m.layers().forEach(l -> sb.append(l.filterKey()).append(';'));
    m.indicators().forEach((layer, shown) -> sb.append(layer).append('=').append(shown).append(';'));
    return sb.toString();
  }

  /** A tile narrowed by filters or a TIME value: a variant that goes to the filtered cache. */
  private static boolean narrowed(TileRequest r) {
    return r.filtered() || r.time() != null;
  }

  /** GetFeatureInfo on a tile: the WMS query at pixel (i, j) of the tile's map. */
  FeatureInfoRequest featureInfo(TileRequest r, String infoFormat, int i, int j, Optional<Actor> caller) {
    Map<String, String> extra = new LinkedHashMap<>();
    extra.put("QUERY_LAYERS", r.layer().id());
    extra.put("INFO_FORMAT", infoFormat);
    extra.put("I", Integer.toString(i));
    extra.put("J", Integer.toString(j));
    extra.put("FEATURE_COUNT", "10");
    return parser.featureInfo(WmsParams.of(map(r, extra)), WmsVersion.V1_3_0, caller);
  }

  List<FeatureHit> features(FeatureInfoRequest q, Optional<Actor> caller) {
    return maps.features(q, caller);
  }

  private Version version(TileRequest r) {
    long stamp = versions.version(r.set(), r.matrix(), r.col(), r.row());
    return new Version(stamp, global.getAsLong(), layerData.of(r.layer()));
  }

  /** The WMS 1.3.0 GetMap parameters of a tile: its exact bounds in the set's CRS, axis order of the CRS. */
  private Map<String, List<String>> map(TileRequest r, Map<String, String> extra) {
    Bounds b = r.matrix().tileBounds(r.col(), r.row());
    boolean northFirst = crs.require(r.set().crsCode()).northFirst();
    String bbox = northFirst ? join(b.minY(), b.minX(), b.maxY(), b.maxX()) : join(b.minX(), b.minY(), b.maxX(), b.maxY());
    Map<String, List<String>> p = new LinkedHashMap<>();
    p.put("SERVICE", List.of("WMS"));
    p.put("VERSION", List.of("1.3.0"));
    p.put("LAYERS", List.of(r.layer().id()));
    p.put("STYLES", List.of(r.style()));
    p.put("CRS", List.of(r.set().crsCode()));
    p.put("BBOX", List.of(bbox));
    p.put("WIDTH", List.of(Integer.toString(r.matrix().tileWidth())));
    p.put("HEIGHT", List.of(Integer.toString(r.matrix().tileHeight())));
    p.put("FORMAT", List.of(r.format().mediaType()));
    p.put("TRANSPARENT", List.of(r.format() == TileFormat.PNG ? "TRUE" : "FALSE"));
    if (r.time() != null) {
      p.put("TIME", List.of(r.time()));
    }
    r.filters().forEach((name, values) -> p.put(name.toUpperCase(Locale.ROOT), new ArrayList<>(values)));
    extra.forEach((k, v) -> p.put(k, new ArrayList<>(List.of(v))));
    return p;
  }

  private static String join(double... v) {
    StringBuilder sb = new StringBuilder();
    for (double d : v) {
      sb.append(sb.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.10f", d));
    }
    return sb.toString();
  }
}
