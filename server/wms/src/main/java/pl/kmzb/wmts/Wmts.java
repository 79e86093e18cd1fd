package pl.kmzb.wmts;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
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
   * @param areaCounts the version of the choropleths' counts per area
   * @param cacheBytes the bound of the tile cache
   */
  public static void register(PluginContext context, RequestParser parser, MapService maps, StyleCatalog styles,
      TimeDimension time, ClusterIndex index, LongSupplier global, LongSupplier areaCounts, long cacheBytes,
      PublicUrl publicUrl, BooleanSupplier ready) {
    TileImages images = new TileImages(cacheBytes, parser, maps, context.crs(), new TileVersions(index, context.crs()),
        global, areaCounts, (ThreatTileLayer) context.tiles().find(ThreatTileLayer.ID).orElseThrow());
    WmtsEndpoint endpoint = new WmtsEndpoint(context.auth(), context.layers(),
        new WmtsCapabilities(context.layers(), styles, time), images, publicUrl, ready);
    context.router().get("/wmts", endpoint.kvp(), endpoint);
    context.router().get(WmtsEndpoint.REST + "/WMTSCapabilities.xml", endpoint.restCapabilities());
    context.router().get(WmtsEndpoint.REST + "/{layer}/{style}/{time}/{set}/{matrix}/{row}/{col}", endpoint.restTile(),
        endpoint);
    context.router().get(WmtsEndpoint.REST + "/{layer}/{style}/{time}/{set}/{matrix}/{row}/{col}/{j}/{i}",
        endpoint.restFeatureInfo());
  }
}
