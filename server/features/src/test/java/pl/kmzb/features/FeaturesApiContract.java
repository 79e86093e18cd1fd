package pl.kmzb.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestReports;
import pl.kmzb.visibility.LocationGeneraliser;
import pl.kmzb.visibility.VisibilityPolicy;

/** OGC API – Features through HTTP on a real server and store. */
abstract class FeaturesApiContract {
  static final String ITEMS = FeaturesApi.BASE + "/collections/threats.points/items";
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CategoryCatalog.load(null), p -> Teryt.NONE);

  @TempDir
  Path dir;
  Application app;
  Http http;

  abstract boolean postgis();

  @BeforeEach
  void start() throws Exception {
    app = FeatureServer.start(postgis(), dir);
    http = new Http(app.port());
    store().insertAll(TestReports.random(11, 700), "test");
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  ReportStore store() {
    return app.store();
  }

  List<Long> publicIds() {
    List<Long> ids = new ArrayList<>();
    store().scan(ReportFilter.ALL_INTERNAL, r -> {
      if (POLICY.isPublic(r)) {
        ids.add(r.id());
      }
    });
    return ids;
  }

  static List<Long> ids(JsonNode collection) {
    List<Long> ids = new ArrayList<>();
    collection.get("features").forEach(f -> ids.add(f.get("id").asLong()));
    return ids;
  }

  static String link(JsonNode doc, String rel) {
    for (JsonNode l : doc.get("links")) {
      if (l.get("rel").asText().equals(rel)) {
        return l.get("href").asText();
      }
    }
    return null;
  }

  @Test
  void landingConformanceAndCollectionsDescribeTheService() {
    Http.Response landing = http.get(FeaturesApi.BASE);
    assertEquals(200, landing.status(), landing.toString());
    assertTrue(link(landing.json(), "service-desc").endsWith("/ogc/features/api"));
    Http.Response slash = http.get(FeaturesApi.BASE + "/");
    assertEquals(200, slash.status(), "the landing page with a trailing slash: " + slash);
    assertEquals(link(landing.json(), "conformance"), link(slash.json(), "conformance"));
    JsonNode conf = http.get(FeaturesApi.BASE + "/conformance").json();
    assertTrue(conf.get("conformsTo").toString().contains("ogcapi-features-1/1.0/conf/core"));
    Http.Response collections = http.get(FeaturesApi.BASE + "/collections");
    Set<String> ids = new HashSet<>();
    collections.json().get("collections").forEach(c -> ids.add(c.get("id").asText()));
    assertTrue(ids.contains("threats.points") && ids.contains("group.road"), ids.toString());
    assertFalse(ids.contains("police.reports"), "anonymous callers do not see police collections");
    String token = http.login("admin", FeatureServer.ADMIN_PASSWORD);
    Set<String> police = new HashSet<>();
    http.get(FeaturesApi.BASE + "/collections", "Authorization", token).json().get("collections")
        .forEach(c -> police.add(c.get("id").asText()));
    assertTrue(police.contains("police.reports"));
    assertTrue(http.get(FeaturesApi.BASE + "?f=html").body().contains("<a href="));
  }

  @Test
  void nextLinksWalkEveryPublicReportOnceWhileReportsComeIn() {
    List<Long> expected = publicIds();
    JsonNode page = http.get(ITEMS + "?limit=37").json();
    assertEquals(expected.size(), page.get("numberMatched").asInt());
    List<Long> seen = new ArrayList<>();
    int pages = 0;
    while (true) {
      seen.addAll(ids(page));
      pages++;
      // New reports arrive between pages; they come after every id already stored.
      store().insertAll(TestReports.random(100 + pages, 5), "test");
      String next = link(page, "next");
      if (next == null) {
        break;
      }
      page = http.get(next).json();
    }
    List<Long> original = seen.stream().filter(expected::contains).toList();
    assertEquals(expected, original, "every stored public report once, in id order");
    assertEquals(new HashSet<>(seen).size(), seen.size(), "no duplicates");
    assertTrue(pages > expected.size() / 37, "pages " + pages);
  }

  @Test
  void startIndexFindsEachRank() {
    List<Long> expected = publicIds();
    for (int rank : new int[] {0, 1, 36, expected.size() / 2, expected.size() - 1}) {
      JsonNode page = http.get(ITEMS + "?limit=1&startindex=" + rank).json();
      assertEquals(List.of(expected.get(rank)), ids(page), "rank " + rank);
    }
    JsonNode beyond = http.get(ITEMS + "?startindex=" + (expected.size() + 10)).json();
    assertEquals(0, beyond.get("numberReturned").asInt());
    assertTrue(link(http.get(ITEMS + "?limit=5&startindex=10").json(), "prev").contains("startindex=5"));
  }

  @Test
  void generalisedCategoriesShowOnlyTheirCellCentre() {
    Report r = store().insert(report("homeless_person_in_need", 19.93371, 50.06482), "test");
    JsonNode f = http.get(ITEMS + "/" + r.id()).json();
    LonLat centre = LocationGeneraliser.generalise(r.location(), 200);
    assertEquals(centre.lon(), f.at("/geometry/coordinates/0").asDouble(), 1e-9);
    assertEquals(centre.lat(), f.at("/geometry/coordinates/1").asDouble(), 1e-9);
    assertNotEquals(r.location().lon(), f.at("/geometry/coordinates/0").asDouble());
    assertTrue(f.at("/properties/source").isMissingNode(), "no source in the public view");
    assertEquals(200, f.at("/properties/generalisedToMetres").asInt());
  }

  @Test
  void noPublicBboxSeparatesTwoReportsOfOneCell() {
    LonLat centre = LocationGeneraliser.generalise(new LonLat(19.9335, 50.0645), 200);
    Report a = store().insert(report("homeless_person_in_need", centre.lon() - 0.0004, centre.lat() - 0.0004), "test");
    Report b = store().insert(report("homeless_person_in_need", centre.lon() + 0.0003, centre.lat() + 0.0003), "test");
    assertEquals(centre, LocationGeneraliser.generalise(b.location(), 200), "one cell");
    String filter = "&category=homeless_person_in_need&bbox=";
    // A box around the true spot of a alone, leaving out the centre: neither is inside.
    String aOnly = (a.location().lon() - 0.0001) + "," + (a.location().lat() - 0.0001) + ","
        + (a.location().lon() + 0.0001) + "," + (a.location().lat() + 0.0001);
    assertEquals(List.of(), ids(http.get(ITEMS + "?limit=100" + filter + aOnly).json()));
    // A box around the centre alone: both are.
    String centreOnly = (centre.lon() - 0.00001) + "," + (centre.lat() - 0.00001) + "," + (centre.lon() + 0.00001)
        + "," + (centre.lat() + 0.00001);
    assertEquals(List.of(a.id(), b.id()), ids(http.get(ITEMS + "?limit=100" + filter + centreOnly).json()));
  }

  @Test
  void policeCollectionsNeedCredentialsAndShowExactData() {
    String police = FeaturesApi.BASE + "/collections/police.reports/items";
    assertEquals(401, http.get(police).status());
    assertEquals(401, http.get(FeaturesApi.BASE + "/collections/police.reports").status());
    String token = http.login("admin", FeatureServer.ADMIN_PASSWORD);
    Http.Response r = http.get(police + "?limit=5&source=citizen", "Authorization", token);
    assertEquals(200, r.status(), r.toString());
    r.json().get("features").forEach(f -> assertEquals("citizen", f.at("/properties/source").asText()));
    assertEquals("private, no-store", r.header("Cache-Control"));
    // The collection list names police collections only to police callers: the anonymous one is never stored.
    assertEquals("no-store", http.get(FeaturesApi.BASE + "/collections").header("Cache-Control"));
    assertEquals("no-cache", http.get(ITEMS + "?limit=1").header("Cache-Control"));
    assertEquals(400, http.get(ITEMS + "?source=citizen").status(), "the public cannot filter by source");
  }

  @Test
  void badRequestsAreProblems() {
    for (String q : List.of("?foo=1", "?limit=0", "?limit=x", "?bbox=1,2,3", "?bbox=19,51,20,50",
        "?datetime=yesterday", "?f=pdf", "?status=joke_or_mistake", "?bbox-crs=EPSG:9999&bbox=1,2,3,4")) {
      Http.Response r = http.get(ITEMS + q);
      assertEquals(400, r.status(), q + " " + r);
      assertTrue(r.contentType().startsWith("application/problem+json"), q + " " + r.contentType());
    }
    assertEquals(404, http.get(FeaturesApi.BASE + "/collections/nope/items").status());
    assertEquals(404, http.get(ITEMS + "/abc").status());
  }

  /** Part 1, 7.15.3: a bbox may carry heights, and one whose west edge is east of its east edge spans the antimeridian. */
  @Test
  void bboxesWithHeightsOrAcrossTheAntimeridian() {
    List<Long> poland = ids(http.get(ITEMS + "?limit=1000&bbox=14,49,24.5,55").json());
    assertFalse(poland.isEmpty());
    assertEquals(poland, ids(http.get(ITEMS + "?limit=1000&bbox=14,49,-100,24.5,55,9000").json()));
    assertEquals(poland, ids(http.get(ITEMS + "?limit=1000&bbox=14,49,-177,55").json()),
        "14 east round to 177 west covers Poland");
    assertEquals(poland, ids(http.get(ITEMS + "?limit=1000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326"
        + "&bbox=49,14,55,-177").json()), "EPSG:4326 names the same box latitude first");
    Http.Response pacific = http.get(ITEMS + "?bbox=177,65,-177,70");
    assertEquals(200, pacific.status(), pacific.toString());
    assertEquals(0, pacific.json().get("features").size());
  }

  @Test
  void hiddenReportsAreNotFeatures() {
    Report hidden = store().insert(new NewReport("vandalism", Status.JOKE_OR_MISTAKE, new LonLat(19.94, 50.06),
        Instant.parse("2025-01-01T00:00:00Z"), null, null, null, Source.CITIZEN, Teryt.NONE, null, null, false), "t");
    assertEquals(404, http.get(ITEMS + "/" + hidden.id()).status());
    Report road = store().insert(report("speeding", 19.94, 50.06), "test");
    assertEquals(200, http.get(FeaturesApi.BASE + "/collections/group.road/items/" + road.id()).status());
    assertEquals(404, http.get(FeaturesApi.BASE + "/collections/group.water/items/" + road.id()).status());
  }

  @Test
  void datetimeAndPropertyFiltersSelectAsTheFilterModelDoes() {
    JsonNode page = http.get(ITEMS + "?limit=10000&status=confirmed&datetime=2020-01-01T00:00:00Z/2023-01-01T00:00:00Z")
        .json();
    long expected = publicIds().stream().map(id -> store().find(id).orElseThrow())
        .filter(r -> r.status() == Status.CONFIRMED && !r.reportedAt().isBefore(Instant.parse("2020-01-01T00:00:00Z"))
            && !r.reportedAt().isAfter(Instant.parse("2023-01-01T00:00:00Z"))).count();
    assertEquals(expected, page.get("numberReturned").asLong());
    assertEquals(expected, page.get("numberMatched").asLong());
  }

  @Test
  void csvAndHtmlListTheSamePage() {
    Http.Response csv = http.get(ITEMS + "?limit=3&f=csv");
    assertEquals(200, csv.status());
    assertEquals(4, csv.body().split("\r\n").length, csv.body());
    Http.Response html = http.get(ITEMS + "?limit=3", "Accept", "text/html");
    assertTrue(html.contentType().startsWith("text/html"), html.contentType());
    assertTrue(html.body().contains("rel=") || html.body().contains("next"), html.body());
  }

  @Test
  void crsByReferenceWritesEachCrsInItsAxisOrder() {
    Report r = store().insert(report("speeding", 19.9383, 50.0614), "test");
    pl.kmzb.crs.CrsRegistry registry = pl.kmzb.crs.CrsRegistry.standard();
    String one = ITEMS + "/" + r.id();
    Http.Response crs84 = http.get(one);
    assertEquals("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>", crs84.header("Content-Crs"));
    assertEquals(19.9383, crs84.json().at("/geometry/coordinates/0").asDouble(), 1e-9);
    Http.Response wgs = http.get(one + "?crs=http://www.opengis.net/def/crs/EPSG/0/4326");
    assertEquals("<http://www.opengis.net/def/crs/EPSG/0/4326>", wgs.header("Content-Crs"));
    assertEquals(50.0614, wgs.json().at("/geometry/coordinates/0").asDouble(), 1e-9, "EPSG:4326 is latitude first");
    Http.Response puwg = http.get(one + "?crs=http://www.opengis.net/def/crs/EPSG/0/2180");
    double[] en = registry.fromLonLat(registry.require("EPSG:2180")).apply(19.9383, 50.0614);
    assertEquals(en[1], puwg.json().at("/geometry/coordinates/0").asDouble(), 0.01, "EPSG:2180 is northing first");
    assertEquals(en[0], puwg.json().at("/geometry/coordinates/1").asDouble(), 0.01);
    // bbox-crs in the CRS's own axis order selects the same reports as CRS84.
    String lonLat = "19.93,50.06,19.94,50.07";
    String latLon = "50.06,19.93,50.07,19.94";
    assertEquals(ids(http.get(ITEMS + "?limit=1000&bbox=" + lonLat).json()),
        ids(http.get(ITEMS + "?limit=1000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326&bbox=" + latLon).json()));
    assertTrue(ids(http.get(ITEMS + "?limit=1000&bbox=" + lonLat).json()).contains(r.id()));
    double[] lo = registry.fromLonLat(registry.require("EPSG:2180")).apply(19.938, 50.061);
    double[] hi = registry.fromLonLat(registry.require("EPSG:2180")).apply(19.939, 50.062);
    String box2180 = lo[1] + "," + lo[0] + "," + hi[1] + "," + hi[0];
    assertTrue(ids(http.get(ITEMS + "?limit=1000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/2180&bbox=" + box2180)
        .json()).contains(r.id()));
    assertEquals(400, http.get(ITEMS + "?crs=http://www.opengis.net/def/crs/EPSG/0/9999").status());
    JsonNode collection = http.get(FeaturesApi.BASE + "/collections/threats.points").json();
    assertTrue(collection.get("crs").toString().contains("EPSG/0/2180"));
  }

  /**
   * A bbox in EPSG:2180 is a rectangle in that CRS (Part 2, /req/crs/bbox-crs-action), curved in lon/lat:
   * a report inside the lon/lat envelope that covers it, but beyond its east edge, is not selected.
   * (Found by ets-ogcapi-features10 BBoxCrsParameter: the envelope added reports near Poland's edges.)
   */
  @Test
  void aProjectedBboxSelectsItsRectangleNotItsLonLatEnvelope() {
    pl.kmzb.crs.CrsRegistry registry = pl.kmzb.crs.CrsRegistry.standard();
    pl.kmzb.crs.Crs puwg = registry.require("EPSG:2180");
    pl.kmzb.crs.CrsTransform toLonLat = registry.toLonLat(puwg);
    pl.kmzb.crs.Bounds rectangle = new pl.kmzb.crs.Bounds(600000, 300000, 800000, 500000); // east, north
    double[] inside = toLonLat.apply(795000, 310000);
    double[] beyond = toLonLat.apply(805000, 310000);
    assertTrue(toLonLat.apply(rectangle).contains(beyond[0], beyond[1]),
        "the point beyond the east edge lies inside the rectangle's lon/lat envelope");
    Report in = store().insert(report("speeding", inside[0], inside[1]), "test");
    Report out = store().insert(report("speeding", beyond[0], beyond[1]), "test");
    // EPSG:2180 is northing first.
    String box = "300000,600000,500000,800000";
    List<Long> got = ids(http.get(ITEMS + "?limit=10000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/2180&bbox="
        + box).json());
    assertTrue(got.contains(in.id()), "inside the rectangle");
    assertFalse(got.contains(out.id()), "beyond the rectangle's east edge");
    // Around the random reports (Kraków): a rectangle whose edges cut through them.
    pl.kmzb.crs.Bounds krakow = new pl.kmzb.crs.Bounds(565000, 240000, 580000, 255000);
    List<Long> inKrakow = ids(http.get(ITEMS + "?limit=10000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/2180"
        + "&bbox=240000,565000,255000,580000").json());
    List<Long> expected = new ArrayList<>();
    store().scan(ReportFilter.ALL_INTERNAL, r -> {
      pl.kmzb.visibility.PublicReport shown = POLICY.show(r);
      if (shown != null) {
        double[] en = registry.fromLonLat(puwg).apply(shown.location().lon(), shown.location().lat());
        if (krakow.contains(en[0], en[1])) {
          expected.add(r.id());
        }
      }
    });
    assertTrue(expected.size() > 2, "the random reports put some inside");
    assertEquals(expected.stream().sorted().toList(), inKrakow.stream().sorted().toList(),
        "the reports whose public position lies in the rectangle, computed in EPSG:2180");
  }

  @Test
  void cql2FiltersSelectAsTheFilterModelDoes() {
    JsonNode queryables = http.get(FeaturesApi.BASE + "/collections/threats.points/queryables").json();
    assertTrue(queryables.at("/properties/category").isObject(), queryables.toString());
    assertTrue(queryables.at("/properties/source").isMissingNode(), "the public cannot filter by source");
    String token = http.login("admin", FeatureServer.ADMIN_PASSWORD);
    assertTrue(http.get(FeaturesApi.BASE + "/collections/police.reports/queryables", "Authorization", token).json()
        .at("/properties/source").isObject());
    List<Long> byParams = ids(http.get(ITEMS + "?limit=10000&category=speeding&status=confirmed").json());
    assertFalse(byParams.isEmpty());
    assertEquals(byParams, ids(http.get(ITEMS + "?limit=10000&filter="
        + Urls.encode("category = 'speeding' AND status = 'confirmed'")).json()));
    assertEquals(byParams, ids(http.get(ITEMS + "?limit=10000&filter-lang=cql2-json&filter=" + Urls.encode(
        "{\"op\":\"and\",\"args\":[{\"op\":\"=\",\"args\":[{\"property\":\"category\"},\"speeding\"]},"
            + "{\"op\":\"=\",\"args\":[{\"property\":\"status\"},\"confirmed\"]}]}")).json()));
    List<Long> inBox = ids(http.get(ITEMS + "?limit=10000&bbox=19.95,50.05,20.05,50.12").json());
    assertEquals(inBox, ids(http.get(ITEMS + "?limit=10000&filter="
        + Urls.encode("S_INTERSECTS(geometry, BBOX(19.95, 50.05, 20.05, 50.12))")).json()));
    assertEquals(inBox, ids(http.get(ITEMS + "?limit=10000&filter-crs=http://www.opengis.net/def/crs/EPSG/0/4326&filter="
        + Urls.encode("S_INTERSECTS(geometry, BBOX(50.05, 19.95, 50.12, 20.05))")).json()), "EPSG:4326 is lat/lon");
    for (String bad : List.of("source = 'citizen'", "nope = 1", "category = ", "reportedAt > 'yesterday'")) {
      Http.Response r = http.get(ITEMS + "?filter=" + Urls.encode(bad));
      assertEquals(400, r.status(), bad + " " + r);
    }
    assertEquals(400, http.get(ITEMS + "?filter-lang=cql2-text").status());
    assertTrue(http.get(FeaturesApi.BASE + "/conformance").body().contains("conf/cql2-text"));
  }

  @Test
  void everyPublishedCrsWritesItsDefinitionsAxisOrder() {
    Report r = store().insert(report("speeding", 19.9383, 50.0614), "test");
    pl.kmzb.crs.CrsRegistry registry = pl.kmzb.crs.CrsRegistry.standard();
    for (pl.kmzb.crs.Crs crs : registry.supported()) {
      Http.Response one = http.get(ITEMS + "/" + r.id() + "?crs=" + crs.uri());
      assertEquals(200, one.status(), crs.code() + " " + one);
      assertEquals("<" + crs.uri() + ">", one.header("Content-Crs"));
      double[] xy = registry.fromLonLat(crs).apply(19.9383, 50.0614);
      double tolerance = crs.geographic() ? 1e-7 : 0.01;
      int first = crs.northFirst() ? 1 : 0;
      assertEquals(xy[first], one.json().at("/geometry/coordinates/0").asDouble(), tolerance, crs.code());
      assertEquals(xy[1 - first], one.json().at("/geometry/coordinates/1").asDouble(), tolerance, crs.code());
    }
  }

  static NewReport report(String category, double lon, double lat) {
    return new NewReport(category, Status.CONFIRMED, new LonLat(lon, lat), Instant.parse("2025-03-01T12:00:00Z"),
        null, null, null, Source.CITIZEN, Teryt.ofMunicipality("1261011"), null, null, false);
  }
}
