package pl.kmzb.tiles;

import pl.kmzb.http.Negotiation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.CacheHeaders;
import pl.kmzb.http.ClientAddress;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.http.Router;
import pl.kmzb.report.Actor;

/**
 * The tile API (routes listed in {@link #register}): TileJSON 3.0 per tileset and Mapbox Vector
 * Tiles in the WebMercatorQuad grid. HTTP concerns live here: path checks, the cache, gzip, ETag
 * and If-None-Match, 204 for empty tiles, CORS, and credentials for police tilesets
 * ({@link TileLayer#requiresCredentials}).
 */
public final class TileEndpoints {
  public static final String MVT = "application/vnd.mapbox-vector-tile";

  private final TileLayers layers;
  private final TileCache cache;
  private final RenderBudget budget;
  private final PublicUrl publicUrl;
  private final ClientAddress clients;
  private final TileMatrixSet tms = WebMercatorQuad.INSTANCE;
  /** Checks the credentials of police tilesets' callers. */
  private final Authenticator auth;

  public TileEndpoints(TileLayers layers, TileCache cache, RenderBudget budget, PublicUrl publicUrl,
      ClientAddress clients, Authenticator auth) {
    this.auth = java.util.Objects.requireNonNull(auth, "auth");
    this.layers = layers;
    this.cache = cache;
    this.budget = budget;
    this.publicUrl = publicUrl;
    this.clients = clients;
  }

  public void register(Router router) {
    router.get("/tiles", this::index);
    router.get("/tiles/{layer}.json", this::tileJson);
    router.get("/tiles/{layer}/{z}/{x}/{y}.mvt", this::tile, this::tileInline);
    router.add("OPTIONS", "/tiles/{layer}.json", this::preflight);
    router.add("OPTIONS", "/tiles/{layer}/{z}/{x}/{y}.mvt", this::preflight);
  }

  private void index(Exchange ex) {
    // One URL, two answers (police tilesets are listed only with credentials).
    CacheHeaders.apply(ex, true);
    boolean police = auth.optional(ex).isPresent();
    List<Map<String, Object>> sets = new ArrayList<>();
    for (TileLayer l : layers.all()) {
      if (l.requiresCredentials() && !police) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", l.id());
      m.put("description", l.description());
      m.put("tilejson", baseUrl(ex) + "/tiles/" + l.id() + ".json");
      sets.add(m);
    }
    cors(ex);
    ex.sendJson(200, Map.of("tilesets", sets));
  }

  private void tileJson(Exchange ex) {
    TileLayer layer = layer(ex);
    TileLayer.Variant variant = variant(layer, caller(ex, layer), ex.query());
    String query = ex.request().getHttpURI().getQuery();
    if (!layer.requiresCredentials()) {
      cors(ex);
      ex.response().getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    }
    ex.sendJson(200, TileJson.of(layer, baseUrl(ex), query == null || query.isEmpty() ? "" : "?" + query,
        Envelope.POLAND, variant));
  }

  /** A tile request after its checks: which tileset, tile and filter variant. */
  private record TileRequest(TileLayer layer, TileCoord tile, TileLayer.Variant variant) {}

  private TileRequest parse(Exchange ex) {
    TileLayer layer = layer(ex);
    // Credentials first: an anonymous caller learns nothing about a police tileset's coordinates.
    Actor caller = caller(ex, layer);
    return parse(ex, layer, caller, coord(ex, layer), ex.query());
  }

  private TileRequest parse(Exchange ex, TileLayer layer, TileCoord t, Map<String, List<String>> query) {
    return parse(ex, layer, caller(ex, layer), t, query);
  }

  private TileRequest parse(Exchange ex, TileLayer layer, Actor caller, TileCoord t, Map<String, List<String>> query) {
    TileLayer.Variant variant = variant(layer, caller, query);
    ex.logAttribute(Exchange.LOG_LAYER, layer.id());
    ex.logAttribute(Exchange.LOG_TILE, t.toString());
    return new TileRequest(layer, t, variant);
  }

  /**
   * A cached, current tile is answered on the network thread, and so is the 429 of a client whose
   * render budget is spent (a flood of refused requests never occupies request threads); anything
   * else goes to {@link #tile}, which takes the request parsed here.
   */
  private boolean tileInline(Exchange ex) {
    if (layer(ex).requiresCredentials()) {
      // Checking a token reads the user store: never on the network thread.
      return false;
    }
    TileRequest r = parse(ex);
    EncodedTile hit = cache.current(r.layer, tms, r.tile, r.variant);
    if (hit == null) {
      if (r.layer.isFiltered(r.variant)) {
        budget.refuseIfInDebt(clients.of(ex));
      }
      ex.request().setAttribute(PARSED, r);
      return false;
    }
    answer(ex, r.layer, hit, TileCache.Outcome.HIT);
    return true;
  }

  private static final String PARSED = "kmzb.tileRequest";

  /**
   * The tile {@code tile} of {@code layer} with the layer's parameters {@code query}, answered as
   * {@code /tiles/{layer}/{z}/{x}/{y}.mvt} answers it (one cache, one render budget, the same
   * bytes, ETags, 204, 304 and credentials): for other tile APIs (OGC API – Tiles) over the same
   * tilesets. Runs on a request thread; bad parameters are {@link ApiException}s.
   */
  public void serve(Exchange ex, TileLayer layer, TileCoord tile, Map<String, List<String>> query) {
    TileRequest r = parse(ex, layer, tile, query);
    TileCache.Lookup found = r.layer.isFiltered(r.variant) ? filtered(ex, r) : cache.get(r.layer, tms, r.tile, r.variant);
    answer(ex, r.layer, found.tile(), found.outcome());
  }

  /**
   * Answers at once, on Jetty's network thread, when the cache holds a current copy of the tile,
   * as {@code /tiles/...} does; false otherwise (and always for police tilesets, whose credentials
   * are checked on a request thread), and the request goes on to {@link #serve}.
   */
  public boolean answerIfCurrent(Exchange ex, TileLayer layer, TileCoord tile, Map<String, List<String>> query) {
    if (layer.requiresCredentials()) {
      return false;
    }
    TileRequest r = parse(ex, layer, tile, query);
    EncodedTile hit = cache.current(r.layer, tms, r.tile, r.variant);
    if (hit == null) {
      if (r.layer.isFiltered(r.variant)) {
        budget.refuseIfInDebt(clients.of(ex));
      }
      return false;
    }
    answer(ex, r.layer, hit, TileCache.Outcome.HIT);
    return true;
  }

  /** The encoded tile {@link #serve} would send, for a tile API that combines tilesets into one tile. */
  public EncodedTile lookup(Exchange ex, TileLayer layer, TileCoord tile, Map<String, List<String>> query) {
    TileRequest r = parse(ex, layer, tile, query);
    return (r.layer.isFiltered(r.variant) ? filtered(ex, r) : cache.get(r.layer, tms, r.tile, r.variant)).tile();
  }

  /**
   * Sends a public tile put together elsewhere (one of several tilesets' tiles combined) with the
   * headers of {@link #serve}: ETag, If-None-Match, 204 for no features, gzip, CORS.
   */
  public void send(Exchange ex, EncodedTile tile, String cacheControl) {
    ex.logAttribute(Exchange.LOG_CACHE, "combined");
    boolean gzip = Negotiation.acceptsGzip(ex.header("Accept-Encoding"));
    var headers = ex.response().getHeaders();
    cors(ex);
    headers.put(HttpHeader.CACHE_CONTROL, cacheControl);
    headers.put(HttpHeader.VARY, "Accept-Encoding");
    body(ex, tile, gzip);
  }

  /** The tilesets served, for other tile APIs over them. */
  public TileLayers layers() {
    return layers;
  }

  /** A tile no cache held: unfiltered ones render at once, filtered ones within the client's budget. */
  private void tile(Exchange ex) {
    TileRequest r = ex.request().getAttribute(PARSED) instanceof TileRequest parsed ? parsed : parse(ex);
    TileCache.Lookup found = r.layer.isFiltered(r.variant) ? filtered(ex, r) : cache.get(r.layer, tms, r.tile, r.variant);
    answer(ex, r.layer, found.tile(), found.outcome());
  }

  private TileCache.Lookup filtered(Exchange ex, TileRequest r) {
    EncodedTile hit = cache.current(r.layer, tms, r.tile, r.variant);
    if (hit != null) {
      return new TileCache.Lookup(hit, TileCache.Outcome.HIT);
    }
    return budget.spend(clients.of(ex), () -> cache.get(r.layer, tms, r.tile, r.variant));
  }

  private void answer(Exchange ex, TileLayer layer, EncodedTile tile, TileCache.Outcome outcome) {
    ex.logAttribute(Exchange.LOG_CACHE, outcome.name().toLowerCase());
    boolean gzip = Negotiation.acceptsGzip(ex.header("Accept-Encoding"));
    var headers = ex.response().getHeaders();
    if (!layer.requiresCredentials()) {
      cors(ex);
    }
    headers.put(HttpHeader.CACHE_CONTROL, layer.cacheControl());
    headers.put(HttpHeader.VARY, layer.requiresCredentials() ? "Authorization, Accept-Encoding" : "Accept-Encoding");
    body(ex, tile, gzip);
  }

  private static void body(Exchange ex, EncodedTile tile, boolean gzip) {
    var headers = ex.response().getHeaders();
    headers.put(HttpHeader.ETAG, tile.etag(gzip && !tile.isEmpty()));
    if (Negotiation.matches(ex.header("If-None-Match"), tile.etag(false), tile.etag(true))) {
      noBody(ex, 304);
    } else if (tile.isEmpty()) {
      noBody(ex, 204);
    } else if (gzip) {
      headers.put(HttpHeader.CONTENT_ENCODING, "gzip");
      ex.send(200, MVT, tile.gzip());
    } else {
      ex.send(200, MVT, tile.raw());
    }
  }

  private void preflight(Exchange ex) {
    cors(ex);
    var h = ex.response().getHeaders();
    h.put("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    h.put("Access-Control-Allow-Headers", "If-None-Match, Accept-Encoding");
    h.put("Access-Control-Max-Age", "86400");
    noBody(ex, 204);
  }

  private TileLayer layer(Exchange ex) {
    String id = ex.pathParam("layer");
    return layers.find(id).orElseThrow(() -> new ApiException(404, "Not Found", "no tileset '" + id + "'; tilesets: "
        + layers.all().stream().filter(l -> !l.requiresCredentials()).map(TileLayer::id).toList()));
  }

  /**
   * The police caller of a police tileset, checked before anything else about the request (null
   * for other tilesets). Its answers, errors included, are never stored by a browser or a shared
   * cache, and an anonymous caller gets 401 with a Bearer challenge (Basic credentials are accepted
   * as well, as by the OGC services; a Basic challenge would make a browser show its own login box
   * to the console).
   */
  private Actor caller(Exchange ex, TileLayer layer) {
    if (!layer.requiresCredentials()) {
      return null;
    }
    var headers = ex.response().getHeaders();
    headers.put(HttpHeader.CACHE_CONTROL, "private, no-store");
    headers.put(HttpHeader.VARY, "Authorization");
    return auth.require(ex);
  }

  private static TileLayer.Variant variant(TileLayer layer, Actor caller, Map<String, List<String>> query) {
    return caller == null ? layer.variant(query) : layer.variant(query, caller);
  }

  private TileCoord coord(Exchange ex, TileLayer layer) {
    int z = number(ex, "z");
    int x = number(ex, "x");
    int y = number(ex, "y");
    if (z < layer.minZoom() || z > layer.maxZoom()) {
      throw new ApiException(404, "Not Found", "tileset '" + layer.id() + "' has zooms " + layer.minZoom() + "-"
          + layer.maxZoom() + "; clients overzoom beyond " + layer.maxZoom());
    }
    long size = 1L << z;
    if (x >= size || y >= size) {
      throw new ApiException(404, "Not Found", "tile " + z + "/" + x + "/" + y + " is outside the " + size + "x"
          + size + " matrix of zoom " + z);
    }
    return new TileCoord(z, x, y);
  }

  private static int number(Exchange ex, String name) {
    String v = ex.pathParam(name);
    boolean digits = !v.isEmpty() && v.length() <= 9;
    for (int i = 0; digits && i < v.length(); i++) {
      digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
    }
    if (!digits) {
      throw ApiException.badRequest(name, "tile " + name + " must be a non-negative whole number, got '" + v + "'");
    }
    return Integer.parseInt(v);
  }


  private static void cors(Exchange ex) {
    ex.response().getHeaders().put("Access-Control-Allow-Origin", "*");
    ex.response().getHeaders().put("Access-Control-Expose-Headers", "ETag, Content-Encoding");
  }

  private static void noBody(Exchange ex, int status) {
    ex.sendNoBody(status);
  }

  /** The base of absolute URLs: the configured public URL, or what the client (or our proxy) used. */
  private String baseUrl(Exchange ex) {
    return publicUrl.base(ex);
  }
}
