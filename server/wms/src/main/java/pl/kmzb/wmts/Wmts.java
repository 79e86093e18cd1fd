package pl.kmzb.wmts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;
import java.util.Map;
import java.util.function.LongSupplier;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.cluster.ThreatTileLayer;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.wms.MapService;
import pl.kmzb.wms.RequestParser;
import pl.kmzb.wms.TimeDimension;

/** Registers WMTS's routes beside the WMS that draws its tiles (started by the WMS plugin). */
public final class Wmts {
  private Wmts() {}

  /**
   * @param global the data version of everything but the reports (boundaries, police units)
   * @param layerData the version of each kind of layer whose data is not the reports' per-tile
   *     stamps (choropleth counts, analyses): moves only that kind's tiles
   * @param cacheBytes the bound of the unfiltered tile cache
   * @param filteredBytes the bound in bytes of the filtered tile cache
   * @param filteredEntries the bound in entries of the filtered tile cache
   */
  public static void register(PluginContext context, RequestParser parser, MapService maps, StyleCatalog styles,
      TimeDimension time, ClusterIndex index, LongSupplier global, Map<LayerKind, LongSupplier> layerData, long cacheBytes,
      long filteredBytes, int filteredEntries, PublicUrl publicUrl, BooleanSupplier ready) {
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
