package pl.kmzb.features;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.cql2.Cql2JsonParser;
import pl.kmzb.cql2.Cql2TextParser;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.encode.Coordinates;
import pl.kmzb.encode.Link;
import pl.kmzb.encode.ReferenceCsv;
import pl.kmzb.encode.ReferenceFeature;
import pl.kmzb.encode.ReferenceGeoJson;
import pl.kmzb.encode.ReferenceSchema;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.Queryables;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.PublicUrl;

/**
 * OGC API items of the reference collections (areas with counts, police units, boundaries):
 * {@code bbox} (and {@code bbox-crs}), property filters on the simple attributes ({@code ?name=…},
 * exact match), CQL2 text or JSON on the collection's own queryables, {@code crs}, {@code limit}
 * and {@code startindex} with next/prev links and {@code numberMatched}; GeoJSON, HTML and CSV.
 * {@code datetime} selects nothing: these features have no time to intersect it.
 * Everything is evaluated in memory on the small sets {@link ReferenceSource} holds.
 */
final class ReferenceItems {
  private final ReferenceSource source;
  private final PublicUrl urls;
  private final CrsRegistry crs;
  private final int defaultLimit;
  private final int maxLimit;

  ReferenceItems(ReferenceSource source, PublicUrl urls, CrsRegistry crs, int defaultLimit, int maxLimit) {
    this.source = source;
    this.urls = urls;
    this.crs = crs;
    this.defaultLimit = defaultLimit;
    this.maxLimit = maxLimit;
  }

  ReferenceSource source() {
    return source;
  }

  /** The selection a request asks for: its parameters checked, its filters as one expression. */
  record Selection(ItemsRequest request, List<ReferenceFeature> features) {}

  Selection select(Exchange ex, FeatureCollection c) {
    ReferenceSchema schema = source.schema(c);
    Queryables view = schema.queryables();
    Map<String, List<String>> rest = new LinkedHashMap<>();
    List<Expr> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : ex.query().entrySet()) {
      int i = schema.indexOf(e.getKey());
      if (i < 0) {
        rest.put(e.getKey(), e.getValue());
        continue;
      }
      Queryables.Property p = schema.properties().get(i);
      String v = ItemsRequest.single(ex.query(), p.name());
      parts.add(new Expr.Compare(Expr.CompareOp.EQ, p.name(), p.type() == Queryables.Type.INTEGER ? integer(p, v) : v));
    }
    ItemsRequest r = ItemsRequest.parse(rest, defaultLimit, maxLimit, crs);
    if (!r.filters().isEmpty()) {
      String name = r.filters().keySet().iterator().next();
      throw ApiException.badRequest(name, "'" + name + "' is a filter of report collections; " + c.id()
          + " may be filtered on " + schema.properties().stream().map(Queryables.Property::name).toList());
    }
    if (r.from() != null || r.to() != null) {
      // Only features whose time intersects datetime are in the result (Part 1, /req/core/fc-time-response):
      // these features have no time, so none is.
      parts.add(Expr.EXCLUDE);
    }
    if (r.after() != null) {
      throw ApiException.badRequest("after", "'after' pages report collections; " + c.id() + " pages by startindex");
    }
    if (r.bbox() != null) {
      parts.add(new Expr.Spatial(Expr.SpatialOp.BBOX, ReferenceSource.box(r.bbox())));
    }
    if (r.bboxShape() != Expr.INCLUDE) {
      parts.add(r.bboxShape());
    }
    if (r.cql2() != null) {
      parts.add(r.cql2().lang().equals("cql2-json") ? Cql2JsonParser.parse(r.cql2().filter(), view, r.cql2().crs())
          : Cql2TextParser.parse(r.cql2().filter(), view, r.cql2().crs()));
    }
    Expr filter = parts.isEmpty() ? Expr.INCLUDE : parts.size() == 1 ? parts.get(0) : new Expr.And(parts);
    return new Selection(r, source.select(c, filter));
  }

  private static Long integer(Queryables.Property p, String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(p.name(), "'" + p.name() + "' is a whole number, not '" + v + "'");
    }
  }

  void items(Exchange ex, FeatureCollection c) throws Exception {
    String format = Formats.of(ex);
    Selection s = select(ex, c);
    ItemsRequest r = s.request();
    List<ReferenceFeature> all = s.features();
    int from = (int) Math.min(r.startIndex(), all.size());
    List<ReferenceFeature> page = all.subList(from, (int) Math.min(all.size(), (long) from + r.limit()));
    ReferenceSchema schema = source.schema(c);
    String self = urls.base(ex) + FeaturesApi.BASE + "/collections/" + c.id() + "/items";
    Coordinates out = Coordinates.of(crs, r.crs(), r.crs().northFirst(), r.crs().uri());
    switch (format) {
      case "html" -> FeaturesApi.sendHtml(ex, html(c, schema, page, links(ex, self, r, all.size(), from, page.size(),
          "html"), self, urls.base(ex), ItemsEndpoint.jsonOf(self, ex.query())));
      case "csv" -> ex.stream(200, "text/csv; charset=utf-8", body -> {
        try (ReferenceCsv w = new ReferenceCsv(body, schema, out)) {
          for (ReferenceFeature f : page) {
            w.feature(f);
          }
        }
      });
      default -> {
        ex.response().getHeaders().put("Content-Crs", "<" + r.crs().uri() + ">");
        List<Link> links = links(ex, self, r, all.size(), from, page.size(), "json");
        ex.stream(200, FeaturesApi.GEOJSON, body -> {
          try (ReferenceGeoJson w = new ReferenceGeoJson(body, schema, out)) {
            w.beginCollection();
            for (ReferenceFeature f : page) {
              w.feature(f, null);
            }
            w.endCollection(all.size(), page.size(), FeaturesApi.now(), links);
          }
        });
      }
    }
  }

  private List<Link> links(Exchange ex, String self, ItemsRequest r, int matched, int from, int returned, String f) {
    Map<String, List<String>> q = ex.query();
    List<Link> links = new ArrayList<>();
    boolean html = f.equals("html");
    String type = html ? FeaturesApi.HTML : FeaturesApi.GEOJSON;
    links.add(new Link(Urls.with(self, q, Map.of("f", f)), "self", type, "this page"));
    links.add(new Link(Urls.with(self, q, Map.of("f", html ? "json" : "html")), "alternate",
        html ? FeaturesApi.GEOJSON : FeaturesApi.HTML, "this page as " + (html ? "GeoJSON" : "HTML")));
    if (from + returned < matched) {
      Map<String, String> next = new HashMap<>();
      next.put("f", f);
      next.put("startindex", Integer.toString(from + returned));
      next.put("limit", Integer.toString(r.limit()));
      links.add(new Link(Urls.with(self, q, next), "next", type, "next page"));
    }
    if (r.startIndex() > 0) {
      Map<String, String> prev = new HashMap<>();
      prev.put("f", f);
      prev.put("startindex", Long.toString(Math.max(0, r.startIndex() - r.limit())));
      prev.put("limit", Integer.toString(r.limit()));
      links.add(new Link(Urls.with(self, q, prev), "prev", type, "previous page"));
    }
    links.add(new Link(self.substring(0, self.length() - "/items".length()), "collection", FeaturesApi.JSON,
        "the collection"));
    return links;
  }

  private static String html(FeatureCollection c, ReferenceSchema schema, List<ReferenceFeature> page,
      List<Link> links, String self, String base, String json) {
    Html h = new Html(c.titlePl() + " / " + c.titleEn()).map(base, json);
    List<String> header = new ArrayList<>(List.of("id"));
    schema.properties().forEach(p -> header.add(p.name()));
    h.tableStart(header);
    for (ReferenceFeature f : page) {
      List<Object> cells = new ArrayList<>(List.of(f.id()));
      cells.addAll(java.util.Arrays.asList(f.values()));
      h.linkedRow(self + "/" + Urls.encode(f.id()) + "?f=html", cells);
    }
    return h.tableEnd().links(links).end();
  }

  void item(Exchange ex, FeatureCollection c) throws Exception {
    String format = Formats.of(ex);
    String id = ex.pathParam("featureId");
    ReferenceFeature f = source.find(c, id).orElseThrow(() -> FeaturesApi.notFound("no feature '" + id + "' in "
        + c.id()));
    ReferenceSchema schema = source.schema(c);
    String self = urls.base(ex) + FeaturesApi.BASE + "/collections/" + c.id() + "/items/" + Urls.encode(id);
    List<Link> links = List.of(new Link(self + "?f=json", "self", FeaturesApi.GEOJSON, "this feature"),
        new Link(self + "?f=html", "alternate", FeaturesApi.HTML, "this feature as HTML"),
        new Link(urls.base(ex) + FeaturesApi.BASE + "/collections/" + c.id(), "collection", FeaturesApi.JSON,
            "the collection"));
    if (format.equals("html")) {
      Html h = new Html(c.titleEn() + " " + id).map(urls.base(ex), self + "?f=json")
          .tableStart(List.of("property", "value"));
      for (int i = 0; i < schema.properties().size(); i++) {
        h.row(java.util.Arrays.asList(schema.properties().get(i).name(), f.value(i)));
      }
      FeaturesApi.sendHtml(ex, h.tableEnd().links(links).end());
      return;
    }
    if (format.equals("csv")) {
      throw ApiException.badRequest("f", "a single feature is offered as GeoJSON or HTML");
    }
    for (String name : ex.query().keySet()) {
      if (!name.equals("f") && !name.equals("crs")) {
        throw ApiException.badRequest(name, "unknown parameter '" + name + "'; a feature takes f and crs");
      }
    }
    Crs target = ItemsRequest.crs(ex.query(), "crs", crs);
    ex.response().getHeaders().put("Content-Crs", "<" + target.uri() + ">");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ReferenceGeoJson w = new ReferenceGeoJson(out, schema, Coordinates.of(crs, target, target.northFirst(),
        target.uri()))) {
      w.feature(f, links);
    }
    ex.send(200, FeaturesApi.GEOJSON, out.toByteArray());
  }

  /** Part 3 queryables of a reference collection: its attributes and its geometry. */
  Map<String, Object> queryables(FeatureCollection c, String self) {
    ReferenceSchema schema = source.schema(c);
    Map<String, Object> doc = schema.queryables().jsonSchema(self, c.titleEn());
    @SuppressWarnings("unchecked")
    Map<String, Object> props = (Map<String, Object>) doc.get("properties");
    @SuppressWarnings("unchecked")
    Map<String, Object> geometry = (Map<String, Object>) props.get(Queryables.GEOMETRY);
    geometry.put("format", switch (schema.geometry()) {
      case POINT -> "geometry-point";
      case LINE -> "geometry-linestring";
      case AREA -> "geometry-multipolygon";
    });
    return doc;
  }
}
