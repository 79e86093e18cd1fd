package pl.kmzb.wmts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.cluster.ThreatTileLayer;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.http.Readiness;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.wms.MapService;
import pl.kmzb.wms.RequestParser;
import pl.kmzb.wms.TimeDimension;

/** Registers WMTS's routes beside the WMS that draws its tiles (started by the WMS plugin). */
public final class Wmts {
  private static final Logger LOG = LoggerFactory.getLogger(Wmts.class);

  private Wmts() {}

  /**
   * @param global the data version of everything but the reports (boundaries, police units)
   * @param layerData the version of each kind of layer whose data is not the reports' per-tile
   *     stamps (choropleth counts, analyses): moves only that kind's tiles
   * @param cacheBytes the bound of the unfiltered tile cache
   * @param filteredBytes the bound in bytes of the filtered tile cache
   * @param filteredEntries the bound in entries of the filtered tile cache
   * @param warmUp the most time spent drawing tiles off-line once the server is ready ({@code wms.warm-up}; zero: none)
   */
  public static void register(PluginContext context, RequestParser parser, MapService maps, StyleCatalog styles,
      TimeDimension time, ClusterIndex index, LongSupplier global, Map<LayerKind, LongSupplier> layerData, long cacheBytes,
      long filteredBytes, int filteredEntries, PublicUrl publicUrl, BooleanSupplier ready, Duration warmUp) {
    TileCaches caches = new TileCaches(cacheBytes, filteredBytes, filteredEntries);
    bindMetrics(caches, context.shared().require(MeterRegistry.class));
    TileVersions versions = new TileVersions(index, context.crs());
    GridVectorTiles vectors = new GridVectorTiles((ThreatTileLayer) context.tiles().find(ThreatTileLayer.ID)
        .orElseThrow(), context.crs(), versions, caches);
    // OGC API – Tiles serves the vector tiles of the other matrix sets from the same cache
    context.shared().register(GridVectorTiles.class, vectors);
    TileImages images = new TileImages(caches, parser, maps, context.crs(), versions, global,
        new LayerDataVersions(context.layers(), layerData), vectors);
    WmtsEndpoint endpoint = new WmtsEndpoint(context.auth(), context.layers(),
        new WmtsCapabilities(context.layers(), styles, time), images, publicUrl, ready);
    context.router().get("/wmts", endpoint.kvp(), endpoint);
    context.router().get(WmtsEndpoint.REST + "/WMTSCapabilities.xml", endpoint.restCapabilities());
    context.router().get(WmtsEndpoint.REST + "/{layer}/{style}/{time}/{set}/{matrix}/{row}/{col}", endpoint.restTile(),
        endpoint);
    context.router().get(WmtsEndpoint.REST + "/{layer}/{style}/{time}/{set}/{matrix}/{row}/{col}/{j}/{i}",
        endpoint.restFeatureInfo());
    if (!warmUp.isZero()) {
      context.layers().find("threats.clusters").ifPresent(layer -> warm(context.readiness(), images, layer, ready,
          warmUp));
    }
  }

  /**
   * In the background once the server is ready (listed in {@code /health} as {@code wmts-warm-up}):
   * tiles of {@code layer} at every level of every matrix set around Warsaw, drawn and never cached
   * ({@link TileImages#warm}), so a client's first tile of this JVM is as fast as the later ones.
   */
  private static void warm(Readiness readiness, TileImages images, PublishedLayer layer, BooleanSupplier loaded,
      Duration budget) {
    readiness.afterReady("wmts-warm-up", () -> {
      try {
        while (!loaded.getAsBoolean()) {
          Thread.sleep(100);
        }
        long started = System.nanoTime();
        int drawn = images.warm(layer, MatrixSets.all(), 21.0122, 52.2297, budget.toNanos());
        LOG.info("WMTS warmed up: {} tiles drawn off-line in {} ms", drawn, (System.nanoTime() - started) / 1_000_000);
      } catch (RuntimeException e) {
        LOG.warn("warming WMTS up failed; the first tiles will be slower ({})", e.toString());
      }
    });
  }

  private static void bindMetrics(TileCaches caches, MeterRegistry registry) {
    for (boolean filtered : new boolean[] {false, true}) {
      String share = filtered ? "filtered" : "unfiltered";
      Gauge.builder("kmzb.wmts.cache.entries", caches, c -> c.entries(filtered)).tag("share", share)
          .description("Encoded WMTS tiles and OGC API vector tiles of the non-Web-Mercator sets held").register(registry);
      Gauge.builder("kmzb.wmts.cache.bytes", caches, c -> c.weightedBytes(filtered)).tag("share", share)
          .baseUnit("bytes").description("Bytes the WMTS tile cache's entries weigh (bounds: wms.cache-mb unfiltered,"
              + " wmts.filtered-cache-mb and wmts.filtered-cache-entries filtered)").register(registry);
    }
  }
}
