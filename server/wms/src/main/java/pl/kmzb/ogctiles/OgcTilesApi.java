package pl.kmzb.ogctiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.CacheHeaders;
import pl.kmzb.http.Endpoint;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.http.Router;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.report.Actor;
import pl.kmzb.tiles.EncodedTile;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.TileMatrix;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.TileEndpoints;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.VectorLayer;
import pl.kmzb.wms.MapService;
import pl.kmzb.wmts.GridVectorTiles;
import pl.kmzb.cluster.ThreatTileLayer;

/**
 * OGC API – Tiles 1.0 under {@link #BASE}: landing page, conformance, API definition, tile matrix
 * sets, the catalogue layers as collections with their vector tiles (the tile API's tilesets, served
 * through {@link TileEndpoints}: one cache, the same bytes and ETags) and map tiles (the WMS
 * renderer, {@link MapTiles}), and dataset tiles combining collections. Errors are RFC 7807 problem
 * details, written by the router from {@link ApiException} as for the Features API.
 */
public final class OgcTilesApi {
  public static final String BASE = "/ogc/tiles";
  static final String JSON = "application/json";
  static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
  static final String TILEJSON = "application/vnd.mapbox.tilejson+json";
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  static final String REL = "http://www.opengis.net/def/rel/ogc/1.0/";
  /** The collections of the dataset's map tiles when a request names none. */
  static final List<String> DEFAULT_MAP = List.of("boundaries.voivodeship", "threats.clusters");

  static final List<String> CONFORMANCE = List.of(
      "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/json",
      "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/dataset-tilesets",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/collections-selection",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/datetime",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/oas30",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/png",
      "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/jpeg");

  private final TileCollections collections;
  private final TileEndpoints vector;
  private final MapTiles maps;
  private final TileFilters filters;
  private final Authenticator auth;
  private final PublicUrl urls;
  private final int mapMaxZoom;
  private final Grids grids;
  private final GridVectorTiles gridVectors;

  OgcTilesApi(TileCollections collections, TileEndpoints vector, MapTiles maps, TileFilters filters,
      Authenticator auth, PublicUrl urls, int mapMaxZoom, Grids grids, GridVectorTiles gridVectors) {
    this.grids = grids;
    this.gridVectors = gridVectors;
    this.collections = collections;
    this.vector = vector;
    this.maps = maps;
    this.filters = filters;
    this.auth = auth;
    this.urls = urls;
    this.mapMaxZoom = mapMaxZoom;
  }

  void register(Router router) {
    router.get(BASE, metadata(this::landing));
    router.get(BASE + "/", metadata(this::landing));
    router.get(BASE + "/conformance", metadata(ex -> json(ex, Map.of("conformsTo", CONFORMANCE))));
    router.get(BASE + "/api", metadata(ex -> {
      cors(ex);
      ex.sendJson(200, OpenApi.document(base(ex), collections.visibleTo(auth.optional(ex))));
    }));
    router.get(BASE + "/tileMatrixSets", metadata(this::matrixSets));
    router.get(BASE + "/tileMatrixSets/{tileMatrixSetId}", metadata(this::matrixSet));
    router.get(BASE + "/collections", metadata(this::collectionList));
    router.get(BASE + "/collections/{collectionId}", metadata(this::collection));
    router.get(BASE + "/collections/{collectionId}/tiles", metadata(ex -> tilesets(ex, Kind.VECTOR)));
    router.get(BASE + "/collections/{collectionId}/tiles/{tileMatrixSetId}", metadata(ex -> tileset(ex, Kind.VECTOR)));
    router.get(BASE + "/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
        this::vectorTile, this::vectorTileInline);
    router.get(BASE + "/collections/{collectionId}/map/tiles", metadata(ex -> tilesets(ex, Kind.MAP)));
    router.get(BASE + "/collections/{collectionId}/map/tiles/{tileMatrixSetId}", metadata(ex -> tileset(ex, Kind.MAP)));
    router.get(BASE + "/collections/{collectionId}/map/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
        this::mapTile);
    router.get(BASE + "/tiles", metadata(ex -> tilesets(ex, Kind.VECTOR)));
    router.get(BASE + "/tiles/{tileMatrixSetId}", metadata(ex -> tileset(ex, Kind.VECTOR)));
    router.get(BASE + "/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", this::datasetVectorTile);
    router.get(BASE + "/map/tiles", metadata(ex -> tilesets(ex, Kind.MAP)));
    router.get(BASE + "/map/tiles/{tileMatrixSetId}", metadata(ex -> tileset(ex, Kind.MAP)));
    router.get(BASE + "/map/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", this::mapTile);
  }

  /** Vector tiles (MVT) or map tiles (PNG, JPEG). */
  enum Kind {
    VECTOR("vector", "tiles", "tilesets-vector"),
    MAP("map", "map/tiles", "tilesets-map");

    final String dataType;
    final String path;
    final String rel;

    Kind(String dataType, String path, String rel) {
      this.dataType = dataType;
      this.path = path;
      this.rel = REL + rel;
    }
  }

  /** Listings depend on the caller: never stored (as the Features API's metadata, {@link CacheHeaders}). */
  private static Endpoint metadata(Endpoint e) {
    return ex -> {
      CacheHeaders.apply(ex, true);
      e.handle(ex);
    };
  }

  String base(Exchange ex) {
    return urls.base(ex) + BASE;
  }

  private void landing(Exchange ex) {
    String b = base(ex);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "KMZB – Krajowa Mapa Zagrożeń Bezpieczeństwa: tiles");
    body.put("description", "Reported threats to public safety in Poland, boundaries and police units as OGC API –"
        + " Tiles: vector tiles (MVT) and map tiles (PNG, JPEG) of the catalogue layers in WebMercatorQuad,"
        + " WorldCRS84Quad and Geoportal's EPSG:2180 set.");
    body.put("links", List.of(
        link(b, "self", JSON, "this document"),
        link(b + "/api", "service-desc", OPENAPI, "the API definition (OpenAPI 3.0)"),
        link(b + "/conformance", "conformance", JSON, "conformance classes implemented"),
        link(b + "/conformance", REL + "conformance", JSON, "conformance classes implemented"),
        link(b + "/collections", "data", JSON, "the collections"),
        link(b + "/collections", REL + "data", JSON, "the collections"),
        link(b + "/tileMatrixSets", REL + "tiling-schemes", JSON, "the tile matrix sets"),
        link(b + "/tiles", Kind.VECTOR.rel, JSON, "vector tiles of the dataset"),
        link(b + "/map/tiles", Kind.MAP.rel, JSON, "map tiles of the dataset"),
        link(urls.base(ex) + "/styles", REL + "styles", JSON, "the layers' styles (MapLibre / Mapbox GL)")));
    json(ex, body);
  }

  private void matrixSets(Exchange ex) {
    List<Map<String, Object>> sets = new ArrayList<>();
    for (MatrixSet set : Grids.all()) {
      String id = set.id();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("title", set.title());
      if (set.uri() != null) {
        m.put("uri", set.uri());
      }
      m.put("crs", set.crsUri());
      m.put("links", List.of(link(base(ex) + "/tileMatrixSets/" + id, "self", JSON, "the tile matrix set")));
      sets.add(m);
    }
    json(ex, Map.of("tileMatrixSets", sets, "links", List.of(link(base(ex) + "/tileMatrixSets", "self", JSON,
        "this document"))));
  }

  private void matrixSet(Exchange ex) {
    json(ex, grids.json(Grids.require(ex.pathParam("tileMatrixSetId"))));
  }

  private void collectionList(Exchange ex) {
    String b = base(ex);
    List<Map<String, Object>> list = new ArrayList<>();
    for (TileCollection c : collections.visibleTo(auth.optional(ex))) {
      list.add(collectionJson(b, c));
    }
    json(ex, Map.of("links", List.of(link(b + "/collections", "self", JSON, "this document")),
        "collections", list));
  }

  private void collection(Exchange ex) {
    json(ex, collectionJson(base(ex), collection(ex, true)));
  }

  private Map<String, Object> collectionJson(String b, TileCollection c) {
    String self = b + "/collections/" + c.id();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("title", c.layer().title().en());
    m.put("description", c.layer().summary() == null ? c.layer().title().en() : c.layer().summary().en());
    m.put("extent", Map.of("spatial", Map.of("bbox", List.of(bbox(Envelope.POLAND)), "crs", CRS84)));
    m.put("dataType", hasVector(c) ? "vector" : "map");
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(link(self, "self", JSON, "this collection"));
    if (hasVector(c)) {
      links.add(link(self + "/tiles", Kind.VECTOR.rel, JSON, "vector tilesets"));
    }
    links.add(link(self + "/map/tiles", Kind.MAP.rel, JSON, "map tilesets"));
    for (String style : c.styles()) {
      links.add(link(stylesBase(b) + "/" + style + "?f=mapbox", "stylesheet",
          "application/vnd.mapbox.style+json", "style " + style + " (MapLibre / Mapbox GL)"));
    }
    m.put("links", links);
    return m;
  }

  private static String stylesBase(String base) {
    return base.substring(0, base.length() - BASE.length()) + "/styles";
  }

  /**
   * The matrix sets a collection's (or the dataset's, c null) vector tiles are cut in: every set for
   * the reports' clusters ({@link GridVectorTiles}: the set's own cluster grid), WebMercatorQuad for
   * the other tilesets (boundaries, police units, the police tileset), which the tile API cuts there.
   */
  private List<MatrixSet> vectorSets(TileCollection c) {
    return c == null || ThreatTileLayer.ID.equals(c.vectorTileset()) ? Grids.all()
        : List.of(Grids.require(Grids.VECTOR_SET));
  }

  private static boolean webMercator(MatrixSet set) {
    return set.id().equals(Grids.VECTOR_SET);
  }

  /** The tileset lists: one tileset per matrix set the tiles are cut in. */
  private void tilesets(Exchange ex, Kind kind) {
    String self = tilesPath(ex, kind);
    TileCollection c = ex.pathParam("collectionId") == null ? null : collection(ex, true);
    List<Map<String, Object>> list = new ArrayList<>();
    if (c == null || kind == Kind.MAP || hasVector(c)) {
      for (MatrixSet set : kind == Kind.VECTOR ? vectorSets(c) : Grids.all()) {
        String tms = set.id();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("title", (c == null ? "KMZB" : c.layer().title().en()) + " (" + kind.dataType + " tiles, " + tms + ")");
        t.put("dataType", kind.dataType);
        t.put("crs", set.crsUri());
        if (set.uri() != null) {
          t.put("tileMatrixSetURI", set.uri());
        }
        // Beyond the minimal item of the OGC schema: the set's id, the limits and the tile template,
        // so a client (and the OGC test suite) reaches tiles from the list without another request.
        t.put("tileMatrixSetId", tms);
        int[] zooms = zooms(c, kind, set);
        t.put("tileMatrixSetLimits", TileSets.limits(grids, set, Grids.levels(set, zooms[0], zooms[1])));
        Map<String, Object> item = link(self + "/" + tms + "/{tileMatrix}/{tileRow}/{tileCol}" + passedQuery(ex),
            "item", kind == Kind.VECTOR ? TileEndpoints.MVT : MapTiles.PNG, "a tile");
        item.put("templated", true);
        t.put("links", List.of(
            link(self + "/" + tms, "self", JSON, "tileset metadata"),
            link(base(ex) + "/tileMatrixSets/" + tms, REL + "tiling-scheme", JSON, "the tile matrix set"),
            item));
        list.add(t);
      }
    }
    json(ex, Map.of("links", List.of(link(self, "self", JSON, "this document")), "tilesets", list));
  }

  /** Tileset metadata (OGC 2D-TMS 2.0 TileSetMetadata), or TileJSON 3.0 with {@code f=tilejson}. */
  private void tileset(Exchange ex, Kind kind) {
    TileCollection c = ex.pathParam("collectionId") == null ? null : collection(ex, true);
    MatrixSet set = Grids.require(ex.pathParam("tileMatrixSetId"));
    String tms = set.id();
    if (kind == Kind.VECTOR && c != null && !hasVector(c)) {
      throw new ApiException(404, "Not Found", c.id() + " has map tiles only (…/map/tiles)");
    }
    if (kind == Kind.VECTOR && !vectorSets(c).contains(set)) {
      throw new ApiException(404, "Not Found", c.id() + "'s vector tiles are cut in " + Grids.VECTOR_SET + " only;"
          + " map tiles (…/map/tiles) are drawn in every tile matrix set");
    }
    String self = tilesPath(ex, kind) + "/" + tms;
    int[] zooms = zooms(c, kind, set);
    List<TileMatrix> levels = Grids.levels(set, zooms[0], zooms[1]);
    String query = passedQuery(ex);
    String template = self + "/{tileMatrix}/{tileRow}/{tileCol}" + query;
    String type = kind == Kind.VECTOR ? TileEndpoints.MVT : MapTiles.PNG;
    String f = TileFilters.single(ex.query(), "f");
    if ("tilejson".equals(f)) {
      Map<String, Object> tileJson = TileSets.tileJson(c == null ? "kmzb" : c.id(), title(c), template
          .replace("{tileMatrix}", "{z}").replace("{tileRow}", "{y}").replace("{tileCol}", "{x}"), zooms,
          kind == Kind.VECTOR ? vectorLayers(c) : null);
      if (!webMercator(set)) {
        // TileJSON assumes Web Mercator's quadtree; for another set it names the set ({z} is the
        // matrix identifier) so a client that reads these members (not in TileJSON 3.0) can use it
        tileJson.put("crs", set.crsUri());
        tileJson.put("tileMatrixSet", base(ex) + "/tileMatrixSets/" + tms);
        tileJson.put("tileMatrixSetId", tms);
      }
      json(ex, tileJson);
      return;
    }
    if (f != null && !f.equals("json")) {
      throw ApiException.badRequest("f", "f must be json or tilejson");
    }
    List<Map<String, Object>> links = new ArrayList<>();
    links.add(link(self, "self", JSON, "this document"));
    links.add(link(self + "?f=tilejson" + (query.isEmpty() ? "" : "&" + query.substring(1)), "alternate", TILEJSON,
        "this tileset as TileJSON"));
    links.add(link(base(ex) + "/tileMatrixSets/" + tms, REL + "tiling-scheme", JSON, "the tile matrix set"));
    Map<String, Object> item = link(template, "item", type, "a tile");
    item.put("templated", true);
    links.add(item);
    if (kind == Kind.MAP) {
      Map<String, Object> jpeg = link(template + (query.isEmpty() ? "?" : "&") + "f=jpeg", "item", MapTiles.JPEG,
          "a tile as JPEG");
      jpeg.put("templated", true);
      links.add(jpeg);
    }
    if (c != null) {
      links.add(link(base(ex) + "/collections/" + c.id(), REL + "geodata", JSON, "the collection"));
    } else {
      links.add(link(base(ex), REL + "dataset", JSON, "the dataset"));
    }
    List<Map<String, Object>> layers = kind == Kind.VECTOR ? TileSets.layers(vectorLayers(c)) : null;
    String centre = levels.get(Math.min(levels.size() - 1, Math.max(0, 6 - zooms[0]))).id();
    json(ex, TileSets.metadata(title(c) + " (" + kind.dataType + " tiles)", kind.dataType, set,
        grids.boundingBox(set), TileSets.limits(grids, set, levels), centre, links, layers, c == null ? null : c.layer().attribution(),
        kind == Kind.MAP ? List.of(MapTiles.PNG, MapTiles.JPEG) : List.of(type)));
  }

  private String title(TileCollection c) {
    return c == null ? "KMZB" : c.layer().title().en();
  }

  /** Filters and collections a client gave on the tileset go on into its tile template. */
  private static String passedQuery(Exchange ex) {
    StringBuilder q = new StringBuilder();
    ex.query().forEach((k, vs) -> {
      if (!k.equals("f")) {
        for (String v : vs) {
          q.append(q.isEmpty() ? "?" : "&").append(enc(k)).append('=').append(enc(v));
        }
      }
    });
    return q.toString();
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }

  private String tilesPath(Exchange ex, Kind kind) {
    String id = ex.pathParam("collectionId");
    return base(ex) + (id == null ? "" : "/collections/" + id) + "/" + kind.path;
  }

  /** {min, max} zoom (level) of the tileset in {@code set}. */
  private int[] zooms(TileCollection c, Kind kind, MatrixSet set) {
    if (kind == Kind.MAP) {
      return new int[] {0, mapMaxZoom};
    }
    if (!webMercator(set)) {
      // the clusters of the set's own grid: every level (GridClusters is exact at any cell size)
      return new int[] {0, set.matrices().size() - 1};
    }
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (TileLayer l : vectorTilesets(c)) {
      min = Math.min(min, l.minZoom());
      max = Math.max(max, l.maxZoom());
    }
    return min == Integer.MAX_VALUE ? new int[] {0, 0} : new int[] {min, max};
  }

  private List<VectorLayer> vectorLayers(TileCollection c) {
    List<VectorLayer> out = new ArrayList<>();
    for (TileLayer l : vectorTilesets(c)) {
      out.addAll(l.vectorLayers());
    }
    return out;
  }

  /** The tilesets of a collection's vector tiles, or those of the dataset (c null). */
  private List<TileLayer> vectorTilesets(TileCollection c) {
    List<TileLayer> out = new ArrayList<>();
    for (TileCollection d : c == null ? datasetVector() : List.of(c)) {
      vector.layers().find(d.vectorTileset()).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The dataset's vector tiles: the public collections whose tilesets exist, one per tileset, but
   * not the indicator choropleths (dozens of them, each a polygon layer: they would multiply every
   * dataset tile; a client names the ones it wants in {@code collections}).
   */
  private List<TileCollection> datasetVector() {
    List<TileCollection> out = new ArrayList<>();
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    for (TileCollection c : collections.visibleTo(Optional.empty())) {
      if (hasVector(c) && c.categories().isEmpty() && c.layer().kind() != LayerKind.INDICATOR
          && seen.add(c.vectorTileset())) {
        out.add(c);
      }
    }
    return out;
  }

  private boolean hasVector(TileCollection c) {
    return c.hasVectorTiles() && vector.layers().find(c.vectorTileset()).isPresent();
  }

  /** A public vector tile the cache holds current is answered on the network thread, as /tiles does. */
  private boolean vectorTileInline(Exchange ex) {
    TileCollection c = collections.find(ex.pathParam("collectionId")).orElse(null);
    if (c == null || c.isPolice() || !hasVector(c)) {
      return false;
    }
    TileLayer layer = vector.layers().find(c.vectorTileset()).orElseThrow();
    MatrixSet set = Grids.require(ex.pathParam("tileMatrixSetId"));
    if (!webMercator(set)) {
      return gridTileInline(ex, c, set);
    }
    TileCoord t = vectorCoord(ex, layer.minZoom(), layer.maxZoom());
    vectorFormat(ex);
    Optional<Map<String, List<String>>> params = filters.vector(c, ex.query());
    return params.isPresent() && vector.answerIfCurrent(ex, layer, t, params.get());
  }

  /** A current cached unfiltered clusters tile of another set, answered on the network thread. */
  private boolean gridTileInline(Exchange ex, TileCollection c, MatrixSet set) {
    if (!vectorSets(c).contains(set) || !ex.query().isEmpty() || !c.categories().isEmpty()) {
      return false;
    }
    Located t = locate(ex, 0, set.matrices().size() - 1);
    GridVectorTiles.Tile tile = gridVectors.cached(set, t.matrix(), t.col(), t.row());
    if (tile == null) {
      return false;
    }
    ex.logAttribute(Exchange.LOG_CACHE, "hit");
    vector.send(ex, EncodedTile.of(tile.mvt(), tile.version()), "no-cache");
    return true;
  }

  /**
   * A vector tile of the clusters in a set other than WebMercatorQuad: the clusters of the set's own
   * grid ({@link GridVectorTiles}, shared with WMTS), with the collection's filters.
   */
  private void gridVectorTile(Exchange ex, TileCollection c, MatrixSet set) {
    if (!vectorSets(c).contains(set)) {
      throw new ApiException(404, "Not Found", c.id() + "'s vector tiles are cut in " + Grids.VECTOR_SET + " only;"
          + " map tiles (…/map/tiles) are drawn in every tile matrix set");
    }
    Located t = locate(ex, 0, set.matrices().size() - 1);
    vectorFormat(ex);
    Optional<Map<String, List<String>>> params = filters.vector(c, ex.query());
    if (params.isEmpty()) {
      vector.send(ex, EncodedTile.of(new byte[0], 0), "no-cache");
      return;
    }
    GridVectorTiles.Tile tile = gridVectors.tile(set, t.matrix(), t.col(), t.row(), gridVectors.variant(params.get()));
    ex.logAttribute(Exchange.LOG_LAYER, c.id());
    ex.logAttribute(Exchange.LOG_TILE, set.id() + "/" + t.matrix().id() + "/" + t.row() + "/" + t.col());
    ex.logAttribute(Exchange.LOG_CACHE, tile.cached() ? "hit" : "miss");
    vector.send(ex, EncodedTile.of(tile.mvt(), tile.version()), "no-cache");
  }

  private void vectorTile(Exchange ex) {
    TileCollection c = collection(ex, false);
    if (!hasVector(c)) {
      throw new ApiException(404, "Not Found", c.id() + " has no vector tiles; its map tiles are at …/map/tiles");
    }
    MatrixSet set = Grids.require(ex.pathParam("tileMatrixSetId"));
    if (!webMercator(set)) {
      gridVectorTile(ex, c, set);
      return;
    }
    TileLayer layer = vector.layers().find(c.vectorTileset()).orElseThrow();
    TileCoord t = vectorCoord(ex, layer.minZoom(), layer.maxZoom());
    vectorFormat(ex);
    Optional<Map<String, List<String>>> params = filters.vector(c, ex.query());
    if (params.isEmpty()) {
      vector.send(ex, EncodedTile.of(new byte[0], 0), layer.cacheControl());
      return;
    }
    vector.serve(ex, layer, t, params.get());
  }

  /**
   * A tile of several collections: their tilesets' tiles (from the one cache) concatenated, which
   * is itself a valid MVT (a tile is a repeated field of layers, and protobuf appends repeated
   * fields); its ETag is that of the combined bytes.
   */
  private void datasetVectorTile(Exchange ex) {
    MatrixSet set = Grids.require(ex.pathParam("tileMatrixSetId"));
    if (!webMercator(set)) {
      datasetGridTile(ex, set);
      return;
    }
    List<TileCollection> selected = selection(ex, datasetVector(), true);
    int[] zooms = zooms(null, Kind.VECTOR, set);
    TileCoord t = vectorCoord(ex, zooms[0], zooms[1]);
    vectorFormat(ex);
    Map<String, List<String>> query = new LinkedHashMap<>(ex.query());
    query.remove("collections");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long version = 0;
    String cacheControl = "no-cache";
    for (TileCollection c : selected) {
      TileLayer layer = vector.layers().find(c.vectorTileset()).orElseThrow();
      if (t.z() < layer.minZoom() || t.z() > layer.maxZoom()) {
        continue;
      }
      Optional<Map<String, List<String>>> params = filters.vector(c, c.showsReports() ? query : Map.of());
      if (params.isPresent()) {
        EncodedTile part = vector.lookup(ex, layer, t, params.get());
        out.writeBytes(part.raw());
        version = Math.max(version, part.version());
      }
    }
    vector.send(ex, EncodedTile.of(out.toByteArray(), version), cacheControl);
  }

  /**
   * A dataset vector tile in a set other than WebMercatorQuad: the clusters' tileset is the one cut in
   * every set, so the selection (default: the dataset's) must be collections of the clusters.
   */
  private void datasetGridTile(Exchange ex, MatrixSet set) {
    boolean named = TileFilters.single(ex.query(), "collections") != null;
    List<TileCollection> selected = selection(ex, datasetVector(), true);
    List<TileCollection> here = selected.stream().filter(c -> vectorSets(c).contains(set)).toList();
    if (named && here.size() != selected.size()) {
      throw ApiException.badRequest("collections", "in " + set.id() + " only the clusters' collections have vector"
          + " tiles (the other tilesets are cut in " + Grids.VECTOR_SET + ")");
    }
    if (here.isEmpty()) {
      throw new ApiException(404, "Not Found", "the dataset has no vector tiles in " + set.id());
    }
    // the selection holds each tileset once, and only the clusters' tileset is cut here: one collection
    TileCollection c = here.get(0);
    Located t = locate(ex, 0, set.matrices().size() - 1);
    vectorFormat(ex);
    Map<String, List<String>> query = new LinkedHashMap<>(ex.query());
    query.remove("collections");
    Optional<Map<String, List<String>>> params = filters.vector(c, query);
    GridVectorTiles.Tile tile = params.isEmpty() ? null
        : gridVectors.tile(set, t.matrix(), t.col(), t.row(), gridVectors.variant(params.get()));
    ex.logAttribute(Exchange.LOG_TILE, set.id() + "/" + t.matrix().id() + "/" + t.row() + "/" + t.col());
    vector.send(ex, tile == null ? EncodedTile.of(new byte[0], 0) : EncodedTile.of(tile.mvt(), tile.version()),
        "no-cache");
  }

  private static void vectorFormat(Exchange ex) {
    String f = TileFilters.single(ex.query(), "f");
    if (f != null && !f.equals("mvt")) {
      throw ApiException.badRequest("f", "vector tiles are MVT (f=mvt); map tiles (…/map/tiles) are png or jpeg");
    }
  }

  private void mapTile(Exchange ex) {
    boolean dataset = ex.pathParam("collectionId") == null;
    List<TileCollection> selected = dataset ? selection(ex, List.of(), false) : List.of(collection(ex, false));
    Located t = locate(ex, 0, mapMaxZoom);
    String type = mapFormat(ex);
    Map<String, List<String>> query = new LinkedHashMap<>(ex.query());
    query.remove("collections");
    String style = TileFilters.single(query, "style");
    query.remove("style");
    if (style != null && (dataset || !selected.get(0).styles().contains(style))) {
      throw new ApiException(404, "Not Found", "no style '" + TileFilters.clip(style) + "' for "
          + (dataset ? "dataset tiles" : selected.get(0).id() + "; its styles: " + selected.get(0).styles()));
    }
    Optional<Actor> caller = mapCaller(ex, selected);
    String layers = String.join(",", selected.stream().map(TileCollection::id).toList());
    MapService.EncodedMap map = maps.tile(layers, style, t.set(), t.matrix(), t.row(), t.col(), type, query, caller);
    boolean isPrivate = caller.isPresent() || selected.stream().anyMatch(TileCollection::isPolice);
    var h = ex.response().getHeaders();
    h.put("Cache-Control", isPrivate ? "private, no-store" : "no-cache");
    h.put("Vary", "Authorization");
    ex.logAttribute(Exchange.LOG_LAYER, layers);
    ex.logAttribute(Exchange.LOG_TILE, t.set().id() + "/" + t.matrix().id() + "/" + t.row() + "/" + t.col());
    ex.logAttribute(Exchange.LOG_CACHE, map.cached() ? "hit" : "miss");
    if (!isPrivate) {
      cors(ex);
      if (map.etag() != null) {
        h.put("ETag", map.etag());
        String held = ex.header("If-None-Match");
        if (held != null && java.util.Arrays.stream(held.split(",")).map(String::strip).anyMatch(map.etag()::equals)) {
          ex.sendNoBody(304);
          return;
        }
      }
    }
    ex.send(200, map.mediaType(), map.body());
  }

  /** Credentials for police layers (401 with a challenge otherwise), as the WMS asks them. */
  private Optional<Actor> mapCaller(Exchange ex, List<TileCollection> selected) {
    if (selected.stream().anyMatch(TileCollection::isPolice)) {
      return Optional.of(auth.require(ex));
    }
    return auth.optional(ex);
  }

  /** f=png|jpeg, else the Accept header, else PNG. */
  private static String mapFormat(Exchange ex) {
    String f = TileFilters.single(ex.query(), "f");
    if (f != null) {
      return switch (f) {
        case "png" -> MapTiles.PNG;
        case "jpeg", "jpg" -> MapTiles.JPEG;
        default -> throw ApiException.badRequest("f", "map tiles are png or jpeg, not '" + TileFilters.clip(f) + "'");
      };
    }
    String accept = ex.header("Accept");
    if (accept != null && accept.contains(MapTiles.JPEG) && !accept.contains(MapTiles.PNG)) {
      return MapTiles.JPEG;
    }
    return MapTiles.PNG;
  }

  /**
   * The {@code collections} parameter (OGC collections-selection) of a dataset tile: ids of
   * collections the caller may see, or the dataset's default.
   */
  private List<TileCollection> selection(Exchange ex, List<TileCollection> vectorDefault, boolean vectorTiles) {
    String v = TileFilters.single(ex.query(), "collections");
    if (v == null) {
      if (vectorTiles) {
        return vectorDefault;
      }
      return DEFAULT_MAP.stream().map(collections::find).flatMap(Optional::stream).toList();
    }
    Optional<Actor> caller = auth.optional(ex);
    List<TileCollection> out = new ArrayList<>();
    for (String id : v.split(",", -1)) {
      TileCollection c = collections.find(id.strip()).filter(x -> !x.isPolice() || caller.isPresent())
          .orElseThrow(() -> ApiException.badRequest("collections", "no collection '" + TileFilters.clip(id)
              + "'; see " + BASE + "/collections"));
      if (vectorTiles && !hasVector(c)) {
        throw ApiException.badRequest("collections", c.id() + " has no vector tiles");
      }
      if (vectorTiles && out.stream().anyMatch(o -> o.vectorTileset().equals(c.vectorTileset()))) {
        throw ApiException.badRequest("collections", c.id() + " shares its tileset with another selected collection;"
            + " a vector tile holds each tileset's layer once");
      }
      out.add(c);
    }
    return out;
  }

  /**
   * The collection of the path. A police collection needs credentials (401 with a challenge);
   * in listings ({@code listing}) it is simply not shown to anonymous callers, so there it is a 404.
   */
  private TileCollection collection(Exchange ex, boolean listing) {
    String id = ex.pathParam("collectionId");
    TileCollection c = collections.find(id).orElseThrow(() -> new ApiException(404, "Not Found",
        "no collection '" + TileFilters.clip(id) + "'; see " + BASE + "/collections"));
    if (c.isPolice() && auth.optional(ex).isEmpty()) {
      auth.require(ex);
    }
    return c;
  }

  /** A tile of the path: its set, level, row and column. */
  record Located(MatrixSet set, TileMatrix matrix, int level, long row, long col) {}

  /** The tile of the path (matrix, row, column), 404 outside the tileset's matrices and limits. */
  private Located locate(Exchange ex, int minLevel, int maxLevel) {
    MatrixSet set = Grids.require(ex.pathParam("tileMatrixSetId"));
    String id = ex.pathParam("tileMatrix");
    TileMatrix m = set.matrix(id).orElseThrow(() -> new ApiException(404, "Not Found", "no tile matrix '"
        + TileFilters.clip(id) + "' in " + set.id()));
    int level = set.levelOf(m);
    int row = number(ex, "tileRow");
    int col = number(ex, "tileCol");
    if (level < minLevel || level > maxLevel) {
      throw new ApiException(404, "Not Found", "the tileset has tile matrices " + set.level(minLevel).id() + " to "
          + set.level(Math.min(maxLevel, set.matrices().size() - 1)).id());
    }
    pl.kmzb.tiles.TileLimits r = grids.limits(set, m);
    if (!r.contains(col, row)) {
      throw new ApiException(404, "Not Found", "tile " + id + "/" + row + "/" + col + " is outside the tileset's limits"
          + " at matrix " + id + ": rows " + r.minRow() + "-" + r.maxRow() + ", columns " + r.minCol() + "-"
          + r.maxCol());
    }
    return new Located(set, m, level, row, col);
  }

  /** A vector tile of the path: WebMercatorQuad only. */
  private TileCoord vectorCoord(Exchange ex, int minZoom, int maxZoom) {
    Located t = locate(ex, minZoom, maxZoom);
    if (!t.set().id().equals(Grids.VECTOR_SET)) {
      throw new ApiException(404, "Not Found", "vector tiles are cut in " + Grids.VECTOR_SET + " only; map tiles"
          + " (…/map/tiles) are drawn in every tile matrix set");
    }
    return new TileCoord(t.level(), (int) t.col(), (int) t.row());
  }

  private static int number(Exchange ex, String name) {
    String v = ex.pathParam(name);
    boolean digits = !v.isEmpty() && v.length() <= 9;
    for (int i = 0; digits && i < v.length(); i++) {
      digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
    }
    if (!digits) {
      throw ApiException.badRequest(name, name + " must be a non-negative whole number, got '" + TileFilters.clip(v)
          + "'");
    }
    return Integer.parseInt(v);
  }

  static List<Double> bbox(Envelope e) {
    return List.of(e.minLon(), e.minLat(), e.maxLon(), e.maxLat());
  }

  static Map<String, Object> link(String href, String rel, String type, String title) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("href", href);
    m.put("rel", rel);
    m.put("type", type);
    m.put("title", title);
    return m;
  }

  private static void json(Exchange ex, Object body) {
    cors(ex);
    ex.sendJson(200, body);
  }

  private static void cors(Exchange ex) {
    ex.response().getHeaders().put("Access-Control-Allow-Origin", "*");
  }
}
