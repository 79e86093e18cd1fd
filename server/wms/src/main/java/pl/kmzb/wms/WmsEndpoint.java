package pl.kmzb.wms;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Endpoint;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.InlineEndpoint;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.render.FeatureHit;
import pl.kmzb.report.Actor;

/**
 * {@code GET /wms}: reads the request's parameters (names in any case), finds who is asking, and
 * hands the request to its operation; every failure on the way is turned into the version's
 * exception report here, and only here ({@link ExceptionReports}). Police layers need credentials
 * (HTTP Basic, which QGIS, ArcGIS and GDAL offer for WMS, or a bearer token): an anonymous request
 * for one gets 401 with a Basic challenge, and answers that depend on the caller are private.
 */
public final class WmsEndpoint implements Endpoint, InlineEndpoint {
  private final Authenticator auth;
  private final LayerCatalog layers;
  private final RequestParser parser;
  private final CapabilitiesWriter capabilities;
  private final MapService maps;
  private final LegendService legends;
  private final PublicUrl publicUrl;
  private final LongSupplier updateSequence;
  private final BooleanSupplier ready;

  public WmsEndpoint(Authenticator auth, LayerCatalog layers, RequestParser parser, CapabilitiesWriter capabilities,
      MapService maps, LegendService legends, PublicUrl publicUrl, LongSupplier updateSequence,
      BooleanSupplier ready) {
    this.auth = auth;
    this.layers = layers;
    this.parser = parser;
    this.capabilities = capabilities;
    this.maps = maps;
    this.legends = legends;
    this.publicUrl = publicUrl;
    this.updateSequence = updateSequence;
    this.ready = ready;
  }

  /** The 401 asking for credentials, with the Basic challenge WMS clients answer. */
  static WmsException credentialsRequired(String message) {
    return new WmsException(ExceptionCode.NONE, null, message, 401)
        .withHeader("WWW-Authenticate", "Basic realm=\"" + Authenticator.REALM + "\", charset=\"UTF-8\"");
  }

  /**
   * A cached public map answered on the network thread: only anonymous GetMap requests (a request
   * with credentials is checked on the pool, never here) whose image is cached and current.
   */
  @Override
  public boolean answerInline(Exchange ex) {
    if (ex.header("Authorization") != null) {
      return false;
    }
    try {
      WmsParams p = WmsParams.of(ex.query());
      // SLD_BODY and CQL_FILTER documents are parsed on the pool, not on the network thread.
      if (p.has("SLD_BODY") || p.has("CQL_FILTER") || !p.text("REQUEST").map(r -> r.equalsIgnoreCase("GetMap")).orElse(false)) {
        return false;
      }
      Optional<WmsVersion> v = p.text("VERSION").flatMap(WmsVersion::exactly);
      boolean wms = p.text("SERVICE").map(s -> s.equalsIgnoreCase("WMS")).orElse(true);
      if (v.isEmpty() || !wms || !ready.getAsBoolean()) {
        return false;
      }
      MapService.EncodedMap hit = maps.cached(parser.map(p, v.get(), Optional.empty()));
      if (hit == null) {
        return false;
      }
      sendMap(ex, hit, false);
      return true;
    } catch (RuntimeException e) {
      // Whatever is wrong with the request is reported by the pool path, in the protocol's form.
      return false;
    }
  }

  @Override
  public void handle(Exchange ex) {
    WmsVersion version = WmsVersion.V1_3_0;
    ExceptionFormat exceptions = ExceptionFormat.XML;
    ImageFrame frame = null;
    try {
      WmsParams p = params(ex);
      version = p.text("VERSION").flatMap(WmsVersion::exactly).orElse(WmsVersion.V1_3_0);
      String request = p.require("REQUEST");
      Optional<String> service = p.text("SERVICE");
      if (service.isPresent() && !service.get().equalsIgnoreCase("WMS")) {
        throw WmsException.invalid("SERVICE", "this is a WMS; SERVICE must be WMS, not '" + WmsParams.clip(service.get()) + "'");
      }
      Optional<Actor> caller = caller(ex);
      String op = request.toLowerCase(Locale.ROOT);
      if (op.equals("getcapabilities") || op.equals("capabilities")) {
        version = WmsVersion.negotiate(p.text("VERSION").or(() -> p.text("WMTVER")).orElse(null));
        capabilities(ex, p, version, caller);
        return;
      }
      // GetLegendGraphic belongs to SLD-WMS, whose clients send VERSION 1.0.0 (SLD's) as often as the
      // WMS version: it is answered whatever VERSION says, its exceptions in the nearest WMS version.
      version = op.equals("getlegendgraphic") ? WmsVersion.negotiate(p.text("VERSION").orElse(null)) : version(p);
      exceptions = ExceptionFormat.parse(p.get("EXCEPTIONS").orElse(null));
      switch (op) {
        case "getmap", "map" -> {
          frame = parser.frameOf(p);
          requireReady();
          getMap(ex, p, version, caller);
        }
        case "getfeatureinfo", "feature_info" -> {
          requireReady();
          getFeatureInfo(ex, p, version, caller);
        }
        case "getlegendgraphic" -> getLegendGraphic(ex, p, version, caller);
        default -> throw new WmsException(ExceptionCode.OPERATION_NOT_SUPPORTED, "REQUEST", "the operation '"
            + WmsParams.clip(request) + "' is not offered; offered: GetCapabilities, GetMap, GetFeatureInfo, GetLegendGraphic");
      }
    } catch (WmsException e) {
      ExceptionReports.send(ex, e, version, exceptions, frame);
    } catch (Exception | Error e) {
      ExceptionReports.send(ex, ExceptionReports.of(e, (String) ex.request().getAttribute(Exchange.REQUEST_ID)),
          version, ExceptionFormat.XML, null);
    }
  }

  /** The query's parameters; a query string that cannot be decoded is reported in the protocol's form. */
  private static WmsParams params(Exchange ex) {
    try {
      return WmsParams.of(ex.query());
    } catch (RuntimeException e) {
      throw new WmsException(ExceptionCode.INVALID_PARAMETER_VALUE, null, "the query string cannot be read: "
          + WmsParams.clip(String.valueOf(e.getMessage())));
    }
  }

  private Optional<Actor> caller(Exchange ex) {
    try {
      return auth.optional(ex, Authenticator.Scheme.BASIC);
    } catch (ApiException e) {
      if (e.status() == 401) {
        throw credentialsRequired(e.getMessage());
      }
      throw e;
    }
  }

  private static WmsVersion version(WmsParams p) {
    String v = p.require("VERSION");
    return WmsVersion.exactly(v).orElseThrow(() -> WmsException.invalid("VERSION",
        "VERSION must be 1.3.0 or 1.1.1, not '" + WmsParams.clip(v) + "'"));
  }

  private void requireReady() {
    if (!ready.getAsBoolean()) {
      throw new WmsException(ExceptionCode.NONE, null, "the map data is still loading; see /health", 503)
          .withHeader("Retry-After", "5");
    }
  }

  private void capabilities(Exchange ex, WmsParams p, WmsVersion version, Optional<Actor> caller) {
    // WMS 1.3.0 §7.2.3.1: a format the server does not offer gets the default one, not an exception.
    Optional<String> format = p.text("FORMAT");
    long sequence = updateSequence.getAsLong();
    Optional<String> asked = p.text("UPDATESEQUENCE");
    if (asked.isPresent()) {
      long a;
      try {
        a = Long.parseLong(asked.get());
      } catch (NumberFormatException e) {
        throw new WmsException(ExceptionCode.INVALID_UPDATE_SEQUENCE, "UPDATESEQUENCE", "UPDATESEQUENCE must be a"
            + " number this server gave out; its current value is " + sequence);
      }
      if (a == sequence) {
        throw new WmsException(ExceptionCode.CURRENT_UPDATE_SEQUENCE, "UPDATESEQUENCE",
            "the capabilities have not changed since update sequence " + sequence);
      }
      if (a > sequence) {
        throw new WmsException(ExceptionCode.INVALID_UPDATE_SEQUENCE, "UPDATESEQUENCE", "update sequence " + a
            + " is later than the current one, " + sequence);
      }
    }
    List<PublishedLayer> visible = layers.visibleTo(caller);
    String xml = capabilities.write(new CapabilitiesWriter.Request(version, publicUrl.base(ex), visible,
        RequestParser.language(p), sequence, IndicatorVariants.echo(p)));
    // Never stored, even anonymous: the document depends on the caller, and QGIS keeps capabilities
    // in Qt's disk cache keyed by URL alone (Vary ignored, Cache-Control replaced by its own 24 h
    // expiry, read back without revalidation), so a stored anonymous copy was handed to the later
    // officer's layer at the same URL, which then lacked police.reports ("Cannot calculate extent").
    // Qt's cache does not store a no-store answer at all.
    ex.response().getHeaders().put("Cache-Control", caller.isPresent() ? "private, no-store" : "no-store");
    ex.response().getHeaders().put("Vary", "Authorization");
    ex.send(200, version == WmsVersion.V1_3_0 ? "text/xml; charset=UTF-8"
        : format.filter(f -> f.equalsIgnoreCase("text/xml")).map(f -> "text/xml; charset=UTF-8")
            .orElse("application/vnd.ogc.wms_xml; charset=UTF-8"), xml.getBytes(StandardCharsets.UTF_8));
  }

  private void getMap(Exchange ex, WmsParams p, WmsVersion version, Optional<Actor> caller) {
    MapRequest r = parser.map(p, version, caller);
    ex.logAttribute(Exchange.LOG_LAYER, String.join(",", r.layers().stream().map(l -> l.layer().id()).toList()));
    MapService.EncodedMap map = maps.map(r, caller);
    sendMap(ex, map, caller.isPresent() || r.isPrivate());
  }

  /** A map, or 304 when the client holds the same one (public maps carry an ETag and are revalidated). */
  private void sendMap(Exchange ex, MapService.EncodedMap map, boolean isPrivate) {
    ex.logAttribute(Exchange.LOG_CACHE, map.cached() ? "hit" : "miss");
    cacheHeaders(ex, isPrivate);
    if (map.etag() != null && !isPrivate) {
      ex.response().getHeaders().put("ETag", map.etag());
      String held = ex.header("If-None-Match");
      if (held != null && java.util.Arrays.stream(held.split(",")).map(String::strip).anyMatch(map.etag()::equals)) {
        ex.sendNoBody(304);
        return;
      }
    }
    ex.send(200, map.mediaType(), map.body());
  }

  private void getFeatureInfo(Exchange ex, WmsParams p, WmsVersion version, Optional<Actor> caller) {
    FeatureInfoRequest q = parser.featureInfo(p, version, caller);
    List<FeatureHit> hits = maps.features(q, caller);
    String body = FeatureInfoWriter.write(q, hits);
    cacheHeaders(ex, caller.isPresent() || q.map().isPrivate());
    ex.send(200, q.format().contentType(), body.getBytes(StandardCharsets.UTF_8));
  }

  private void getLegendGraphic(Exchange ex, WmsParams p, WmsVersion version, Optional<Actor> caller) {
    LegendRequest r = parser.legend(p, version, caller);
    byte[] png = legends.legend(r);
    cacheHeaders(ex, !r.layer().isPublic());
    ex.send(200, r.format().mediaType(), png);
  }

  /**
   * Public answers may be kept by caches but revalidated (the data changes); answers that depend on
   * credentials never leave the caller.
   */
  private static void cacheHeaders(Exchange ex, boolean isPrivate) {
    ex.response().getHeaders().put("Cache-Control", isPrivate ? "private, no-store" : "no-cache");
    ex.response().getHeaders().put("Vary", "Authorization");
  }
}
