package pl.kmzb.features;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.encode.Link;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.CacheHeaders;
import pl.kmzb.http.Endpoint;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.http.Router;
import pl.kmzb.report.Actor;

/**
 * OGC API – Features (Part 1 Core with GeoJSON and HTML, OpenAPI 3.0) under {@link #BASE}: the
 * landing page, conformance, the API definition and the collections. Items are
 * {@link ItemsEndpoint}'s. Errors are problem details (RFC 7807) like the rest of the JSON API.
 */
public final class FeaturesApi {
  public static final String BASE = "/ogc/features";
  static final String GEOJSON = "application/geo+json";
  static final String JSON = "application/json";
  static final String HTML = "text/html";
  static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
  /** Features drawn on a collection page's map (a first page; the items pages page on). */
  static final int MAP_LIMIT = 1000;
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

  private final FeatureCatalog catalog;
  private final Authenticator auth;
  private final PublicUrl urls;
  private final ItemsEndpoint items;
  private final Conformance conformance;

  public FeaturesApi(FeatureCatalog catalog, Authenticator auth, PublicUrl urls, ItemsEndpoint items,
      Conformance conformance) {
    this.catalog = catalog;
    this.auth = auth;
    this.urls = urls;
    this.items = items;
    this.conformance = conformance;
  }

  public void register(Router router) {
    router.get(BASE, metadata(this::landing));
    // Clients (the OGC test suite among them) often name the landing page with a trailing slash.
    router.get(BASE + "/", metadata(this::landing));
    router.get(BASE + "/conformance", metadata(this::conformance));
    router.get(BASE + "/api", metadata(this::api));
    router.get(BASE + "/collections", metadata(this::collections));
    router.get(BASE + "/collections/{collectionId}", metadata(this::collection));
    router.get(BASE + "/collections/{collectionId}/queryables", metadata(this::queryables));
    router.get(BASE + "/collections/{collectionId}/items", data(items::items));
    router.get(BASE + "/collections/{collectionId}/items/{featureId}", data(items::item));
    MapAssets.register(router);
  }

  /** Pages that list what the caller may see: never stored (see {@link CacheHeaders}). */
  private static Endpoint metadata(Endpoint e) {
    return ex -> {
      CacheHeaders.apply(ex, true);
      e.handle(ex);
    };
  }

  private static Endpoint data(Endpoint e) {
    return ex -> {
      CacheHeaders.apply(ex, false);
      e.handle(ex);
    };
  }

  String base(Exchange ex) {
    return urls.base(ex) + BASE;
  }

  private void landing(Exchange ex) {
    String b = base(ex);
    List<Link> links = List.of(
        new Link(b + "?f=json", "self", JSON, "this document"),
        new Link(b + "?f=html", "alternate", HTML, "this document as HTML"),
        new Link(b + "/api", "service-desc", OPENAPI, "the API definition (OpenAPI 3.0)"),
        new Link(b + "/conformance", "conformance", JSON, "conformance classes implemented"),
        new Link(b + "/collections", "data", JSON, "the feature collections"));
    String title = "KMZB – Krajowa Mapa Zagrożeń Bezpieczeństwa";
    String description = "Reported threats to public safety in Poland as OGC API – Features.";
    if (Formats.html(ex)) {
      sendHtml(ex, new Html(title).paragraph(description).links(links).end());
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", title);
    body.put("description", description);
    body.put("links", links);
    sendJson(ex, JSON, body);
  }

  private void conformance(Exchange ex) {
    if (Formats.html(ex)) {
      Html h = new Html("Conformance");
      conformance.classes().forEach(h::paragraph);
      sendHtml(ex, h.end());
      return;
    }
    sendJson(ex, JSON, Map.of("conformsTo", conformance.classes()));
  }

  private void api(Exchange ex) {
    Optional<Actor> caller = auth.optional(ex);
    ex.send(200, OPENAPI, OpenApiDocument.render(base(ex), catalog.visibleTo(caller), items.defaultLimit()));
  }

  private void collections(Exchange ex) {
    Optional<Actor> caller = auth.optional(ex);
    String b = base(ex);
    List<Map<String, Object>> list = new ArrayList<>();
    for (FeatureCollection c : catalog.visibleTo(caller)) {
      list.add(describe(b, c));
    }
    List<Link> links = List.of(new Link(b + "/collections?f=json", "self", JSON, "this document"),
        new Link(b + "/collections?f=html", "alternate", HTML, "this document as HTML"));
    if (Formats.html(ex)) {
      Html h = new Html("Collections").links(links).tableStart(List.of("id", "title", "description"));
      for (FeatureCollection c : catalog.visibleTo(caller)) {
        h.linkedRow(b + "/collections/" + c.id() + "?f=html", List.of(c.id(), c.titlePl() + " / " + c.titleEn(),
            c.description()));
      }
      sendHtml(ex, h.tableEnd().end());
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("links", links);
    body.put("collections", list);
    sendJson(ex, JSON, body);
  }

  private void collection(Exchange ex) {
    FeatureCollection c = items.collection(ex);
    Map<String, Object> d = describe(base(ex), c);
    if (Formats.html(ex)) {
      @SuppressWarnings("unchecked")
      List<Link> links = (List<Link>) d.get("links");
      String self = base(ex) + "/collections/" + c.id();
      sendHtml(ex, new Html(c.titlePl() + " / " + c.titleEn()).paragraph(c.description())
          .map(urls.base(ex), self + "/items?f=json&limit=" + MAP_LIMIT).links(links).end());
      return;
    }
    sendJson(ex, JSON, d);
  }

  /** Part 3: the properties a CQL2 filter of the collection may name, as a JSON Schema. */
  private void queryables(Exchange ex) {
    FeatureCollection c = items.collection(ex);
    String self = base(ex) + "/collections/" + c.id() + "/queryables";
    if (c.reference() != null) {
      Map<String, Object> doc = items.references().queryables(c, self);
      if (Formats.html(ex)) {
        Html h = new Html("Queryables: " + c.titleEn()).tableStart(List.of("name", "description"));
        items.references().source().queryables(c).properties().forEach(p -> h.row(List.of(p.name(), p.description())));
        sendHtml(ex, h.tableEnd().end());
        return;
      }
      sendJson(ex, "application/schema+json", doc);
      return;
    }
    Map<String, Object> body = items.view(c).jsonSchema(self, c.titleEn());
    if (Formats.html(ex)) {
      Html h = new Html("Queryables: " + c.titleEn()).tableStart(List.of("name", "description"));
      items.view(c).properties().forEach(p -> h.row(List.of(p.name(), p.description())));
      sendHtml(ex, h.tableEnd().end());
      return;
    }
    sendJson(ex, "application/schema+json", body);
  }

  Map<String, Object> describe(String b, FeatureCollection c) {
    String self = b + "/collections/" + c.id();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", c.id());
    d.put("title", c.titlePl());
    d.put("description", c.titleEn() + ". " + c.description());
    d.put("links", List.of(new Link(self + "?f=json", "self", JSON, "this collection"),
        new Link(self + "?f=html", "alternate", HTML, "this collection as HTML"),
        new Link(self + "/items?f=json", "items", GEOJSON, "the features as GeoJSON"),
        new Link(self + "/items?f=html", "items", HTML, "the features as HTML"),
        new Link(self + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json",
            "the properties filters may name")));
    Envelope p = Envelope.POLAND;
    d.put("extent", Map.of("spatial", Map.of("bbox", List.of(List.of(p.minLon(), p.minLat(), p.maxLon(), p.maxLat())),
        "crs", CRS84)));
    d.put("itemType", "feature");
    d.put("crs", conformance.crsUris());
    d.put("storageCrs", CRS84);
    return d;
  }

  static void sendJson(Exchange ex, String type, Object body) {
    try {
      ex.send(200, type, pl.kmzb.http.Json.MAPPER.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sendHtml(Exchange ex, String html) {
    ex.send(200, "text/html; charset=utf-8", html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static ApiException notFound(String what) {
    return new ApiException(404, "Not Found", what);
  }

  static String now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
