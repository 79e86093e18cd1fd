package pl.kmzb.features;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.cql2.Cql2JsonParser;
import pl.kmzb.cql2.Cql2TextParser;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.encode.Coordinates;
import pl.kmzb.encode.CsvWriter;
import pl.kmzb.encode.FeatureProperty;
import pl.kmzb.encode.FeatureRow;
import pl.kmzb.encode.GeoJsonWriter;
import pl.kmzb.encode.Link;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.Queryables;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.report.Report;
import pl.kmzb.store.FeatureQueries;
import pl.kmzb.store.FeatureQuery;
import pl.kmzb.store.ReportStore;

/**
 * {@code /collections/{id}/items} and {@code /items/{featureId}}: the request parsed
 * ({@link ItemsRequest}), the collection's selection ({@link FeatureSource}), the page located by
 * keyset ({@code after} of a next link) or by rank ({@code startindex}, through the store's rank
 * checkpoints), and the rows streamed into GeoJSON, HTML or CSV as they are read.
 */
public final class ItemsEndpoint {
  private final FeatureCatalog catalog;
  private final FeatureSource source;
  private final ReportStore store;
  private final Authenticator auth;
  private final PublicUrl urls;
  private final int defaultLimit;
  private final int maxLimit;
  private final CrsRegistry crs;

  public ItemsEndpoint(FeatureCatalog catalog, FeatureSource source, ReportStore store, Authenticator auth,
      PublicUrl urls, int defaultLimit, int maxLimit, CrsRegistry crs) {
    this.crs = crs;
    this.catalog = catalog;
    this.source = source;
    this.store = store;
    this.auth = auth;
    this.urls = urls;
    this.defaultLimit = defaultLimit;
    this.maxLimit = maxLimit;
  }

  private ReferenceItems references;

  /** Items of the reference collections (areas with counts, police units, boundaries) go there. */
  ItemsEndpoint withReferences(ReferenceItems references) {
    this.references = references;
    return this;
  }

  ReferenceItems references() {
    return references;
  }

  Queryables view(FeatureCollection c) {
    return source.view(c);
  }

  int defaultLimit() {
    return defaultLimit;
  }

  /** The collection of the path; police collections need a police caller (401 otherwise). */
  FeatureCollection collection(Exchange ex) {
    String id = ex.pathParam("collectionId");
    FeatureCollection c = catalog.find(id).orElseThrow(() -> FeaturesApi.notFound("no collection '" + id + "'"));
    if (c.policeOnly()) {
      auth.require(ex);
    }
    return c;
  }

  void items(Exchange ex) throws Exception {
    FeatureCollection c = collection(ex);
    if (c.reference() != null) {
      references.items(ex, c);
      return;
    }
    String format = Formats.of(ex);
    ItemsRequest r = ItemsRequest.parse(ex.query(), defaultLimit, maxLimit, crs);
    Expr filter = r.bboxShape() == Expr.INCLUDE ? cql2(r, c) : new Expr.And(List.of(r.bboxShape(), cql2(r, c)));
    FeatureQuery q = source.query(c, r.filters(), r.from(), r.to(), r.bbox(), filter);
    FeatureQueries queries = source.queries();
    long after = r.after() != null ? r.after() : queries.afterIdForRank(q, r.startIndex());
    // An exact count is one COUNT; with a public bbox or area it would mean reading every candidate
    // row, so it is left out (OGC API makes numberMatched optional).
    Long matched = source.numberMatched(q, false);
    String self = urls.base(ex) + FeaturesApi.BASE + "/collections/" + c.id() + "/items";
    // OGC API writes coordinates in the axis order of the CRS's definition (Part 2).
    Coordinates out = Coordinates.of(crs, r.crs(), r.crs().northFirst(), r.crs().uri());
    PageState page = new PageState(r.limit());
    switch (format) {
      case "html" -> ex.stream(200, "text/html; charset=utf-8", body -> html(body, c, q, after, page, ex, self, r));
      case "csv" -> ex.stream(200, "text/csv; charset=utf-8", body -> {
        try (CsvWriter w = new CsvWriter(body, c.view(), out)) {
          String[] axes = axisNames(r.crs());
          w.header(axes[0], axes[1]);
          queries.stream(q, after, r.limit(), row -> {
            w.feature(source.row(c, row));
            return true;
          });
        }
      });
      default -> {
        ex.response().getHeaders().put("Content-Crs", "<" + r.crs().uri() + ">");
        ex.stream(200, FeaturesApi.GEOJSON, body -> {
          try (GeoJsonWriter w = new GeoJsonWriter(body, c.view(), out)) {
            w.beginCollection();
            queries.stream(q, after, r.limit() + 1L, row -> page.take(row, x -> w.feature(source.row(c, x))));
            w.endCollection(matched, page.returned, FeaturesApi.now(), links(ex, self, r, page, "json"));
          }
        });
      }
    }
  }

  /** The CQL2 filter of the request (Part 3) checked against the collection's queryables, or INCLUDE. */
  private Expr cql2(ItemsRequest r, FeatureCollection c) {
    if (r.cql2() == null) {
      return Expr.INCLUDE;
    }
    Queryables view = source.view(c);
    return r.cql2().lang().equals("cql2-json") ? Cql2JsonParser.parse(r.cql2().filter(), view, r.cql2().crs())
        : Cql2TextParser.parse(r.cql2().filter(), view, r.cql2().crs());
  }

  /** The same page as GeoJSON in CRS84, for the HTML page's map. */
  static String jsonOf(String self, Map<String, List<String>> query) {
    Map<String, String> replace = new HashMap<>();
    replace.put("f", "json");
    replace.put("crs", null);
    return Urls.with(self, query, replace);
  }

  /** Column names of the two coordinates in the order written. */
  static String[] axisNames(Crs c) {
    String[] names = c.geographic() ? new String[] {"lon", "lat"} : new String[] {"x", "y"};
    return c.northFirst() ? new String[] {names[1], names[0]} : names;
  }

  /** Rows handed to a page: the first {@code limit} are written, one more only tells that a next page exists. */
  static final class PageState {
    final int limit;
    long returned;
    long lastId;
    boolean more;

    PageState(int limit) {
      this.limit = limit;
    }

    interface Write {
      void accept(Report r) throws java.io.IOException;
    }

    boolean take(Report r, Write write) throws java.io.IOException {
      if (returned == limit) {
        more = true;
        return false;
      }
      write.accept(r);
      returned++;
      lastId = r.id();
      return true;
    }
  }

  private List<Link> links(Exchange ex, String self, ItemsRequest r, PageState page, String f) {
    Map<String, List<String>> q = ex.query();
    List<Link> links = new ArrayList<>();
    String type = f.equals("html") ? FeaturesApi.HTML : FeaturesApi.GEOJSON;
    links.add(new Link(Urls.with(self, q, Map.of("f", f)), "self", type, "this page"));
    links.add(new Link(Urls.with(self, q, Map.of("f", f.equals("html") ? "json" : "html")), "alternate",
        f.equals("html") ? FeaturesApi.GEOJSON : FeaturesApi.HTML, "this page as " + (f.equals("html") ? "GeoJSON" : "HTML")));
    if (page.more) {
      // The next page goes on after the last id shown (keyset): stable while reports come in.
      Map<String, String> next = new HashMap<>();
      next.put("f", f);
      next.put("after", Long.toString(page.lastId));
      next.put("startindex", Long.toString(r.startIndex() + page.returned));
      next.put("limit", Integer.toString(r.limit()));
      links.add(new Link(Urls.with(self, q, next), "next", type, "next page"));
    }
    if (r.startIndex() > 0) {
      Map<String, String> prev = new HashMap<>();
      prev.put("f", f);
      prev.put("after", null);
      prev.put("startindex", Long.toString(Math.max(0, r.startIndex() - r.limit())));
      prev.put("limit", Integer.toString(r.limit()));
      links.add(new Link(Urls.with(self, q, prev), "prev", type, "previous page"));
    }
    links.add(new Link(self.substring(0, self.length() - "/items".length()), "collection",
        FeaturesApi.JSON, "the collection"));
    return links;
  }

  private void html(java.io.OutputStream out, FeatureCollection c, FeatureQuery q, long after, PageState page,
      Exchange ex, String self, ItemsRequest r) throws java.io.IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    Html h = new Html(c.titlePl() + " / " + c.titleEn()).map(urls.base(ex), jsonOf(self, ex.query()));
    List<String> header = new ArrayList<>(List.of("id", "lon", "lat"));
    c.view().properties().forEach(p -> header.add(p.propertyName()));
    h.tableStart(header);
    h.drainTo(w);
    source.queries().stream(q, after, r.limit() + 1L, row -> page.take(row, x -> {
      FeatureRow f = source.row(c, x);
      List<Object> cells = new ArrayList<>(List.of(f.id(), f.location().lon(), f.location().lat()));
      for (FeatureProperty p : c.view().properties()) {
        cells.add(p.text(f));
      }
      h.linkedRow(self + "/" + f.id() + "?f=html", cells);
      h.drainTo(w);
    }));
    h.tableEnd().links(links(ex, self, r, page, "html"));
    w.write(h.end());
    w.flush();
  }

  void item(Exchange ex) throws Exception {
    FeatureCollection c = collection(ex);
    if (c.reference() != null) {
      references.item(ex, c);
      return;
    }
    String format = Formats.of(ex);
    String raw = ex.pathParam("featureId");
    long id;
    try {
      id = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw FeaturesApi.notFound("no feature '" + raw + "' in " + c.id());
    }
    Optional<Report> stored = store.find(id);
    // The collection's own selection decides: a hidden, deleted or other-category report is not here.
    if (stored.isEmpty() || !source.matches(source.all(c), stored.get())) {
      throw FeaturesApi.notFound("no feature " + id + " in " + c.id());
    }
    FeatureRow row = source.row(c, stored.get());
    String self = urls.base(ex) + FeaturesApi.BASE + "/collections/" + c.id() + "/items/" + id;
    List<Link> links = List.of(new Link(self + "?f=json", "self", FeaturesApi.GEOJSON, "this feature"),
        new Link(self + "?f=html", "alternate", FeaturesApi.HTML, "this feature as HTML"),
        new Link(urls.base(ex) + FeaturesApi.BASE + "/collections/" + c.id(), "collection", FeaturesApi.JSON,
            "the collection"));
    if (format.equals("html")) {
      Html h = new Html(c.titleEn() + " " + id).map(urls.base(ex), self + "?f=json")
          .tableStart(List.of("property", "value"));
      h.row(List.of("lon", row.location().lon())).row(List.of("lat", row.location().lat()));
      for (FeatureProperty p : c.view().properties()) {
        h.row(java.util.Arrays.asList(p.propertyName(), p.text(row)));
      }
      FeaturesApi.sendHtml(ex, h.tableEnd().links(links).end());
      return;
    }
    Crs target = ItemsRequest.crs(ex.query(), "crs", crs);
    ex.response().getHeaders().put("Content-Crs", "<" + target.uri() + ">");
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (GeoJsonWriter w = new GeoJsonWriter(out, c.view(), Coordinates.of(crs, target, target.northFirst(),
        target.uri()))) {
      w.feature(row, links);
    }
    ex.send(200, FeaturesApi.GEOJSON, out.toByteArray());
  }
}
