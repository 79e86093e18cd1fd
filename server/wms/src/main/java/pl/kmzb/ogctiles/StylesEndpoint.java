package pl.kmzb.ogctiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.CacheHeaders;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.http.Router;
import pl.kmzb.mapstyle.MapboxStyle;
import pl.kmzb.report.Actor;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.TileLayers;

/**
 * The catalogue layers' styles as MapLibre / Mapbox GL style JSON, in the shape of OGC API –
 * Styles: {@code /styles} lists them, {@code /styles/{styleId}?f=mapbox} is a style over the first
 * layer that draws with it by default, {@code /ogc/tiles/collections/{id}/styles/{styleId}} the
 * style over that collection's tiles. Generated from the parsed SLD ({@link MapboxStyle}), never
 * kept as a second copy.
 */
final class StylesEndpoint {
  static final String MAPBOX = "application/vnd.mapbox.style+json";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private final StyleCatalog styles;
  private final TileCollections collections;
  private final TileLayers tilesets;
  private final MapboxStyle converter;
  private final Authenticator auth;
  private final PublicUrl urls;
  private final int mapMaxZoom;

  StylesEndpoint(StyleCatalog styles, TileCollections collections, TileLayers tilesets, MapboxStyle converter,
      Authenticator auth, PublicUrl urls, int mapMaxZoom) {
    this.styles = styles;
    this.collections = collections;
    this.tilesets = tilesets;
    this.converter = converter;
    this.auth = auth;
    this.urls = urls;
    this.mapMaxZoom = mapMaxZoom;
  }

  void register(Router router) {
    router.get("/styles", this::list);
    router.get("/styles/{styleId}", this::datasetStyle);
    router.get(OgcTilesApi.BASE + "/collections/{collectionId}/styles/{styleId}", this::collectionStyle);
  }

  private void list(Exchange ex) {
    CacheHeaders.apply(ex, true);
    Optional<Actor> caller = auth.optional(ex);
    String base = urls.base(ex);
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : styles.names()) {
      Optional<TileCollection> primary = primary(name, caller);
      if (primary.isEmpty()) {
        continue;
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("id", name);
      Style style = styles.find(name).orElseThrow();
      s.put("title", style.title() == null ? name : style.title().en());
      List<Map<String, Object>> links = new ArrayList<>();
      links.add(OgcTilesApi.link(base + "/styles/" + name + "?f=mapbox", "stylesheet", MAPBOX,
          "over " + primary.get().id() + " (MapLibre / Mapbox GL)"));
      for (TileCollection c : collections.visibleTo(caller)) {
        if (c.styles().contains(name)) {
          links.add(OgcTilesApi.link(base + OgcTilesApi.BASE + "/collections/" + c.id() + "/styles/" + name + "?f=mapbox",
              "stylesheet", MAPBOX, "over " + c.id()));
        }
      }
      s.put("links", links);
      out.add(s);
    }
    ex.response().getHeaders().put("Access-Control-Allow-Origin", "*");
    ex.sendJson(200, Map.of("styles", out, "links", List.of(OgcTilesApi.link(base + "/styles", "self",
        OgcTilesApi.JSON, "this document"))));
  }

  /** The first layer of the catalogue whose default style it is, else the first that offers it. */
  private Optional<TileCollection> primary(String style, Optional<Actor> caller) {
    List<TileCollection> visible = collections.visibleTo(caller);
    return visible.stream().filter(c -> style.equals(c.layer().defaultStyle())).findFirst()
        .or(() -> visible.stream().filter(c -> c.styles().contains(style)).findFirst());
  }

  private void datasetStyle(Exchange ex) {
    CacheHeaders.apply(ex, true);
    String name = ex.pathParam("styleId");
    Style style = style(name);
    Optional<Actor> caller = auth.optional(ex);
    Optional<TileCollection> c = primary(name, caller);
    if (c.isEmpty() && caller.isEmpty()) {
      // A style only police layers draw with: their callers see it.
      c = primary(name, Optional.of(auth.require(ex)));
    }
    send(ex, style, c.orElseThrow(() -> new ApiException(404, "Not Found", "no layer draws with '" + name + "'")));
  }

  private void collectionStyle(Exchange ex) {
    CacheHeaders.apply(ex, true);
    String id = ex.pathParam("collectionId");
    TileCollection c = collections.find(id).orElseThrow(() -> new ApiException(404, "Not Found",
        "no collection '" + TileFilters.clip(id) + "'"));
    if (c.isPolice()) {
      auth.require(ex);
    }
    String name = ex.pathParam("styleId");
    Style style = style(name);
    if (!c.styles().contains(name)) {
      throw new ApiException(404, "Not Found", c.id() + " is drawn with the styles " + c.styles() + ", not '"
          + TileFilters.clip(name) + "'");
    }
    send(ex, style, c);
  }

  private Style style(String name) {
    return styles.find(name).filter(s -> styles.names().contains(name)).orElseThrow(() -> new ApiException(404,
        "Not Found", "no style '" + TileFilters.clip(name) + "'; styles: " + styles.names()));
  }

  private void send(Exchange ex, Style style, TileCollection c) {
    String f = TileFilters.single(ex.query(), "f");
    if (f != null && !f.equals("mapbox")) {
      throw ApiException.badRequest("f", "styles are served as f=mapbox (MapLibre / Mapbox GL style JSON)");
    }
    String tiles = urls.base(ex) + OgcTilesApi.BASE + "/collections/" + c.id();
    Optional<TileLayer> tileset = c.hasVectorTiles() ? tilesets.find(c.vectorTileset()) : Optional.empty();
    Map<String, Object> doc;
    if (tileset.isPresent()) {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("type", "vector");
      source.put("url", tiles + "/tiles/WebMercatorQuad?f=tilejson");
      doc = converter.vector(style, c.id(), source, tileset.get().vectorLayers().get(0).id(),
          style.name() + " – " + c.id());
    } else {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("type", "raster");
      source.put("tiles", List.of(tiles + "/map/tiles/WebMercatorQuad/{z}/{y}/{x}"
          + (style.name().equals(c.layer().defaultStyle()) ? "" : "?style=" + style.name())));
      source.put("tileSize", 256);
      source.put("minzoom", 0);
      source.put("maxzoom", mapMaxZoom);
      source.put("bounds", OgcTilesApi.bbox(pl.kmzb.geo.Envelope.POLAND));
      doc = MapboxStyle.raster(style.name() + " – " + c.id(), c.id(), source);
    }
    if (!c.isPolice()) {
      ex.response().getHeaders().put("Access-Control-Allow-Origin", "*");
    }
    try {
      ex.send(200, MAPBOX, JSON.writeValueAsBytes(doc));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
