package pl.kmzb.ogctiles;

import pl.kmzb.filter.FilterCrs;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.mapstyle.MapboxStyle;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;
import pl.kmzb.tiles.TileEndpoints;
import pl.kmzb.wms.MapService;
import pl.kmzb.wms.RequestParser;

/**
 * OGC API – Tiles at {@link OgcTilesApi#BASE}. A plugin of the WMS module because its map tiles
 * are the WMS renderer's, and it starts after the WMS plugin, whose parser and map service it
 * takes from the shared services; the vector tiles are the tile API's ({@link TileEndpoints}).
 */
public final class OgcTilesPlugin implements ServerPlugin {
  @Override
  public String name() {
    return "ogc-tiles";
  }

  @Override
  public int order() {
    return 110;
  }

  @Override
  public void start(PluginContext context) {
    TileCollections collections = TileCollections.of(context.layers(), context.catalog());
    MapTiles maps = new MapTiles(context.shared().require(RequestParser.class),
        context.shared().require(MapService.class));
    new OgcTilesApi(collections, context.shared().require(TileEndpoints.class), maps,
        new TileFilters(context.visibility(), FilterCrs.crs84(context.crs())), context.auth(),
        new PublicUrl(context.config().publicUrl(), context.clients()), context.config().tilesMaxZoom(), new Grids(context.crs()),
        context.shared().require(pl.kmzb.wmts.GridVectorTiles.class))
        .register(context.router());
    new StylesEndpoint(context.shared().require(StyleCatalog.class), collections, context.tiles(),
        new MapboxStyle(context.catalog()), context.auth(),
        new PublicUrl(context.config().publicUrl(), context.clients()), context.config().tilesMaxZoom())
        .register(context.router());
  }
}
