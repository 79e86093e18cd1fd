package pl.kmzb.wmts;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Endpoint;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.InlineEndpoint;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.render.FeatureHit;
import pl.kmzb.report.Actor;
import pl.kmzb.wms.FeatureInfoRequest;
import pl.kmzb.wms.FeatureInfoWriter;
import pl.kmzb.wms.WmsParams;

/**
 * WMTS 1.0.0 (OGC 07-057r7) at {@code GET /wmts} (KVP) and under {@code /wmts/1.0.0/} (RESTful):
 * GetCapabilities, GetTile and GetFeatureInfo. Raster tiles come from the WMS renderer through
 * {@link TileImages}; a current cached tile of a public layer is answered on the network thread.
 * Police layers need credentials as in WMS (HTTP Basic or a bearer token; 401 with a Basic
 * challenge). Every failure becomes an OWS exception report in {@link WmtsExceptions}.
 */
public final class WmtsEndpoint implements InlineEndpoint {
  /** Where RESTful resources live. */
  public static final String REST = "/wmts/1.0.0";

  private final Authenticator auth;
  private final LayerCatalog layers;
  private final WmtsRequests requests;
  private final WmtsCapabilities capabilities;
  private final TileImages images;
  private final PublicUrl publicUrl;
  private final BooleanSupplier ready;

  WmtsEndpoint(Authenticator auth, LayerCatalog layers, WmtsCapabilities capabilities, TileImages images,
      PublicUrl publicUrl, BooleanSupplier ready) {
    this.auth = auth;
    this.layers = layers;
    this.requests = new WmtsRequests(layers);
    this.capabilities = capabilities;
    this.images = images;
    this.publicUrl = publicUrl;
    this.ready = ready;
  }

  /** {@code GET /wmts?…} */
  public Endpoint kvp() {
    return ex -> answer(ex, () -> kvp(ex));
  }

  /** {@code GET /wmts/1.0.0/WMTSCapabilities.xml} */
  public Endpoint restCapabilities() {
    return ex -> answer(ex, () -> capabilities(ex, WmsParams.of(ex.query())));
  }

  /** {@code GET /wmts/1.0.0/{layer}/{style}/{time}/{set}/{matrix}/{row}/{col}.{ext}} */
  public Endpoint restTile() {
    return ex -> answer(ex, () -> {
      String[] col = extension(ex.pathParam("col"));
      TileFormat format = TileFormat.ofExtension(col[1]).orElseThrow(() -> WmtsException.invalid("FORMAT",
          "no tile format has the extension '" + WmtsRequests.clip(col[1]) + "'; offered: png, jpg"));
      Optional<Actor> caller = caller(ex);
      TileRequest r = requests.tile(ex.pathParam("layer"), ex.pathParam("style"), ex.pathParam("time"),
          ex.pathParam("set"), ex.pathParam("matrix"), ex.pathParam("row"), col[0], format, queryFilters(ex), caller);
      sendTile(ex, r, caller);
    });
  }

  /** {@code GET /wmts/1.0.0/{layer}/{style}/{time}/{set}/{matrix}/{row}/{col}/{j}/{i}.{ext}} */
  public Endpoint restFeatureInfo() {
    return ex -> answer(ex, () -> {
      String[] i = extension(ex.pathParam("i"));
      String infoFormat = WmtsCapabilities.INFO_FORMATS.stream().filter(f -> f[1].equalsIgnoreCase(i[1])).findFirst()
          .map(f -> f[0]).orElseThrow(() -> WmtsException.invalid("INFOFORMAT", "no info format has the extension '"
              + WmtsRequests.clip(i[1]) + "'; offered: txt, html, json, gml"));
      Optional<Actor> caller = caller(ex);
      TileRequest r = requests.tile(ex.pathParam("layer"), ex.pathParam("style"), ex.pathParam("time"),
          ex.pathParam("set"), ex.pathParam("matrix"), ex.pathParam("row"), ex.pathParam("col"), TileFormat.PNG,
          queryFilters(ex), caller);
      featureInfo(ex, r, infoFormat, ex.pathParam("j"), i[0], caller);
    });
  }

  /** A current cached public tile, answered on the network thread (anonymous KVP or RESTful GetTile). */
  @Override
  public boolean answerInline(Exchange ex) {
    if (ex.header("Authorization") != null || !ready.getAsBoolean()) {
      return false;
    }
    try {
      TileRequest r;
      String path = ex.request().getHttpURI().getPath();
      if (path.startsWith(REST + "/")) {
        String[] parts = path.substring(REST.length() + 1).split("/");
        if (parts.length != 7) {
          return false;
        }
        String[] col = extension(parts[6]);
        Optional<TileFormat> f = TileFormat.ofExtension(col[1]);
        if (f.isEmpty()) {
          return false;
        }
        r = requests.tile(decode(parts[0]), decode(parts[1]), decode(parts[2]), decode(parts[3]), decode(parts[4]),
            parts[5], col[0], f.get(), queryFilters(ex), Optional.empty());
      } else {
        WmsParams p = WmsParams.of(ex.query());
        if (!p.text("REQUEST").map("GetTile"::equalsIgnoreCase).orElse(false)
            || !p.text("SERVICE").map("WMTS"::equalsIgnoreCase).orElse(false)
            || !p.text("VERSION").map("1.0.0"::equals).orElse(false)) {
          return false;
        }
        r = requests.tile(p, Optional.empty());
      }
      TileImages.Tile t = images.cached(r);
      if (t == null) {
        return false;
      }
      send(ex, t, false);
      return true;
    } catch (RuntimeException e) {
      // whatever is wrong is reported by the pool path, in the protocol's form
      return false;
    }
  }

  private interface Work {
    void run() throws Exception;
  }

  private static void answer(Exchange ex, Work work) {
    try {
      work.run();
    } catch (Exception | Error e) {
      WmtsExceptions.send(ex, WmtsExceptions.of(e, (String) ex.request().getAttribute(Exchange.REQUEST_ID)));
    }
  }

  private void kvp(Exchange ex) {
    WmsParams p;
    try {
      p = WmsParams.of(ex.query());
    } catch (RuntimeException e) {
      throw WmtsException.invalid(null, "the query string cannot be read");
    }
    String service = p.text("SERVICE").orElseThrow(() -> WmtsException.missing("SERVICE"));
    if (!service.equalsIgnoreCase("WMTS")) {
      throw WmtsException.invalid("SERVICE", "this is a WMTS; SERVICE must be WMTS, not '" + WmtsRequests.clip(service)
          + "'");
    }
    String request = p.text("REQUEST").orElseThrow(() -> WmtsException.missing("REQUEST"));
    String op = request.toLowerCase(Locale.ROOT);
    if (op.equals("getcapabilities")) {
      capabilities(ex, p);
      return;
    }
    if (!op.equals("gettile") && !op.equals("getfeatureinfo")) {
      // Not a WMTS operation at all, so a wrong value of REQUEST (400), as WMTS's abstract test suite
      // requires (Server.KVP.GET.InvalidRequest); OperationNotSupported (501) is for an operation of
      // the standard a server leaves out, and this one offers all three.
      throw WmtsException.invalid("REQUEST", "the operation '" + WmtsRequests.clip(request)
          + "' is not a WMTS operation; offered: GetCapabilities, GetTile, GetFeatureInfo");
    }
    String version = p.text("VERSION").orElseThrow(() -> WmtsException.missing("VERSION"));
    if (!version.equals("1.0.0")) {
      throw WmtsException.invalid("VERSION", "VERSION must be 1.0.0, not '" + WmtsRequests.clip(version) + "'");
    }
    Optional<Actor> caller = caller(ex);
    if (op.equals("gettile")) {
      sendTile(ex, requests.tile(p, caller), caller);
      return;
    }
    String infoFormat = p.text("INFOFORMAT").orElseThrow(() -> WmtsException.missing("INFOFORMAT"));
    if (WmtsCapabilities.INFO_FORMATS.stream().noneMatch(f -> f[0].equalsIgnoreCase(infoFormat))) {
      throw WmtsException.invalid("INFOFORMAT", "the info format '" + WmtsRequests.clip(infoFormat)
          + "' is not offered; offered: text/plain, text/html, application/json, application/vnd.ogc.gml/3.1.1");
    }
    TileRequest r = requests.tile(p, caller);
    featureInfo(ex, r, infoFormat, p.text("J").orElseThrow(() -> WmtsException.missing("J")),
        p.text("I").orElseThrow(() -> WmtsException.missing("I")), caller);
  }

  private void capabilities(Exchange ex, WmsParams p) {
    Optional<String> accept = p.text("ACCEPTVERSIONS");
    if (accept.isPresent() && Arrays.stream(accept.get().split(",")).map(String::strip).noneMatch("1.0.0"::equals)) {
      // no locator: OWS Common 1.1 Table 28 says to omit it for VersionNegotiationFailed
      throw new WmtsException("VersionNegotiationFailed", null, "this service speaks WMTS 1.0.0 only", 400);
    }
    Set<WmtsCapabilities.Section> sections = sections(p);
    Optional<Actor> caller = caller(ex);
    String base = publicUrl.base(ex);
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    String language = p.text("LANGUAGE").filter("en"::equalsIgnoreCase).map(l -> "en").orElse("pl");
    String xml = capabilities.write(base, layers.visibleTo(caller), language, sections,
        pl.kmzb.wms.IndicatorVariants.echo(p));
    // never stored, as the WMS capabilities: the document depends on the caller (see WmsEndpoint)
    ex.response().getHeaders().put("Cache-Control", caller.isPresent() ? "private, no-store" : "no-store");
    ex.response().getHeaders().put("Vary", "Authorization");
    ex.send(200, "application/xml; charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
  }

  /** OWS Common 1.1 Sections: names in any case, comma-separated; absent or "All" is the whole document. */
  private static Set<WmtsCapabilities.Section> sections(WmsParams p) {
    Optional<String> asked = p.get("SECTIONS");
    if (asked.isEmpty()) {
      return EnumSet.allOf(WmtsCapabilities.Section.class);
    }
    if (asked.get().isBlank()) {
      throw WmtsException.missing("Sections");
    }
    Set<WmtsCapabilities.Section> out = EnumSet.noneOf(WmtsCapabilities.Section.class);
    for (String name : asked.get().split(",", -1)) {
      String n = name.strip();
      if (n.equalsIgnoreCase("All")) {
        return EnumSet.allOf(WmtsCapabilities.Section.class);
      }
      out.add(Arrays.stream(WmtsCapabilities.Section.values()).filter(s -> s.name().equalsIgnoreCase(n)).findFirst()
          .orElseThrow(() -> WmtsException.invalid("Sections", "no section '" + WmtsRequests.clip(n) + "'; sections: "
              + Arrays.toString(WmtsCapabilities.Section.values()) + " or All")));
    }
    return out;
  }

  private void sendTile(Exchange ex, TileRequest r, Optional<Actor> caller) {
    requireReady();
    ex.logAttribute(Exchange.LOG_LAYER, r.layer().id());
    ex.logAttribute(Exchange.LOG_TILE, r.set().id() + "/" + r.matrix().id() + "/" + r.row() + "/" + r.col());
    send(ex, images.tile(r, caller), caller.isPresent() || !r.layer().isPublic());
  }

  /** A tile, or 304 when the client holds the same one (public tiles carry an ETag and are revalidated). */
  private static void send(Exchange ex, TileImages.Tile t, boolean isPrivate) {
    ex.logAttribute(Exchange.LOG_CACHE, t.cached() ? "hit" : "miss");
    ex.response().getHeaders().put("Cache-Control", isPrivate ? "private, no-store" : "no-cache");
    ex.response().getHeaders().put("Vary", "Authorization");
    if (t.etag() != null && !isPrivate) {
      ex.response().getHeaders().put("ETag", t.etag());
      String held = ex.header("If-None-Match");
      if (held != null && Arrays.stream(held.split(",")).map(String::strip).anyMatch(t.etag()::equals)) {
        ex.sendNoBody(304);
        return;
      }
    }
    ex.send(200, t.mediaType(), t.body());
  }

  private void featureInfo(Exchange ex, TileRequest r, String infoFormat, String jText, String iText,
      Optional<Actor> caller) {
    requireReady();
    if (!r.layer().queryable()) {
      throw WmtsException.invalid("LAYER", "the layer " + r.layer().id() + " is not queryable");
    }
    int j = WmtsRequests.pixel(jText, "J", r.matrix().tileHeight());
    int i = WmtsRequests.pixel(iText, "I", r.matrix().tileWidth());
    FeatureInfoRequest q = images.featureInfo(r, infoFormat, i, j, caller);
    List<FeatureHit> hits = images.features(q, caller);
    ex.response().getHeaders().put("Cache-Control", caller.isPresent() || !r.layer().isPublic() ? "private, no-store"
        : "no-cache");
    ex.response().getHeaders().put("Vary", "Authorization");
    ex.send(200, q.format().contentType(), FeatureInfoWriter.write(q, hits).getBytes(StandardCharsets.UTF_8));
  }

  /** The filters in the query of a RESTful URL (the path names the tile, the query narrows it). */
  private static java.util.Map<String, List<String>> queryFilters(Exchange ex) {
    try {
      return WmtsRequests.filters(WmsParams.of(ex.query()));
    } catch (RuntimeException e) {
      throw WmtsException.invalid(null, "the query string cannot be read");
    }
  }

  private Optional<Actor> caller(Exchange ex) {
    try {
      return auth.optional(ex, Authenticator.Scheme.BASIC);
    } catch (ApiException e) {
      if (e.status() == 401) {
        throw WmtsRequests.credentialsRequired(e.getMessage());
      }
      throw e;
    }
  }

  private void requireReady() {
    if (!ready.getAsBoolean()) {
      throw new WmtsException(WmtsException.NO_CODE, null, "the map data is still loading; see /health", 503)
          .withHeader("Retry-After", "5");
    }
  }

  /** "12.png" → {"12", "png"}; a name without an extension is a bad request. */
  private static String[] extension(String segment) {
    int dot = segment.lastIndexOf('.');
    if (dot <= 0 || dot == segment.length() - 1) {
      throw WmtsException.invalid(null, "'" + WmtsRequests.clip(segment) + "' needs a file extension");
    }
    return new String[] {segment.substring(0, dot), segment.substring(dot + 1)};
  }

  private static String decode(String segment) {
    return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
