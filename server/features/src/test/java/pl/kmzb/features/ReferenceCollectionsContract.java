package pl.kmzb.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryImport;
import pl.kmzb.boundary.BoundaryImporter;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;
import pl.kmzb.testing.OgcSchemas;
import pl.kmzb.testing.TestReports;
import pl.kmzb.unit.PoliceUnitImporter;
import pl.kmzb.unit.PoliceUnitReader;
import pl.kmzb.visibility.PublicReport;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The reference collections (areas with report counts, police units, boundaries) through both
 * protocols on a real server and store. Boundaries are a nested grid generated here around the test
 * reports (near Kraków), its edges off the reports' 0.01° lattice; expected counts are computed from
 * the store's reports through {@link VisibilityPolicy} and the grid, independently of the server.
 */
abstract class ReferenceCollectionsContract {
  static final String NS = "http://kmzb.pl/features";
  static final String WFS = "/wfs?SERVICE=WFS&VERSION=2.0.0&";
  static final String COLLECTIONS = FeaturesApi.BASE + "/collections/";
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CategoryCatalog.load(null), p -> Teryt.NONE);
  static final GeometryFactory GEOMETRY = new GeometryFactory();
  static final double WEST = 19.8537;
  static final double SOUTH = 49.9531;
  static final double STEP_LON = 0.2;
  static final double STEP_LAT = 0.15;

  @TempDir
  Path dir;
  Application app;
  Http http;

  abstract boolean postgis();

  @BeforeEach
  void start() throws Exception {
    app = FeatureServer.start(postgis(), dir, "--reference.poll-interval=PT0.1S");
    http = new Http(app.port());
    app.store().insertAll(TestReports.random(31, 600), "test");
    for (BoundaryLevel level : BoundaryLevel.values()) {
      BoundaryImporter.run(app.store(), new BoundaryImport(level, grid(level), 0, List.of()));
    }
    PoliceUnitImporter.run(app.store(), PoliceUnitReader.readCsv("code,name,type,lon,lat,areas\n"
        + "KWP-12,Komenda Wojewódzka Policji w Krakowie,KWP,19.94,50.06,12\n"
        + "KMP-1201,\"Komenda Miejska Policji \"\"Kraków\"\"\",KMP,19.95,50.05,1201\n"));
    awaitReferenceData();
  }

  /** The server reads imported boundaries and units on its reference poll: every test starts after it has. */
  private void awaitReferenceData() throws InterruptedException {
    Map<String, Long> want = Map.of("boundaries.voivodeship", 2L, "boundaries.county", 4L,
        "boundaries.municipality", 8L, "police-units", 2L);
    for (long deadline = System.currentTimeMillis() + 20_000; ; Thread.sleep(100)) {
      Map<String, Long> got = new TreeMap<>();
      want.keySet().forEach(c -> got.put(c, http.get(COLLECTIONS + c + "/items?limit=1").json().path("numberMatched")
          .asLong(-1)));
      if (got.equals(new TreeMap<>(want))) {
        return;
      }
      assertTrue(System.currentTimeMillis() < deadline, "reference data not served in 20 s: " + got);
    }
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  /** Two voivodeships side by side, each split into two counties (south, north), each into two municipalities. */
  static List<Boundary> grid(BoundaryLevel level) {
    List<Boundary> out = new ArrayList<>();
    for (int v = 0; v < 2; v++) {
      String vc = v == 0 ? "12" : "14";
      double w = WEST + v * STEP_LON;
      if (level == BoundaryLevel.VOIVODESHIP) {
        out.add(new Boundary(level, vc, "województwo " + vc, box(w, SOUTH, w + STEP_LON, SOUTH + 2 * STEP_LAT)));
        continue;
      }
      for (int c = 0; c < 2; c++) {
        String cc = vc + "0" + (c + 1);
        double s = SOUTH + c * STEP_LAT;
        if (level == BoundaryLevel.COUNTY) {
          out.add(new Boundary(level, cc, "powiat " + cc, box(w, s, w + STEP_LON, s + STEP_LAT)));
          continue;
        }
        for (int m = 0; m < 2; m++) {
          String mc = cc + "0" + (m + 1) + (m + 1);
          double mw = w + m * STEP_LON / 2;
          out.add(new Boundary(level, mc, "gmina " + mc, box(mw, s, mw + STEP_LON / 2, s + STEP_LAT)));
        }
      }
    }
    return out;
  }

  static Geometry box(double minLon, double minLat, double maxLon, double maxLat) {
    return GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat),
        new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat)});
  }

  /** The grid's code of a point at a level, or null outside the grid. */
  static String code(LonLat p, BoundaryLevel level) {
    int v = (int) Math.floor((p.lon() - WEST) / STEP_LON);
    int c = (int) Math.floor((p.lat() - SOUTH) / STEP_LAT);
    if (v < 0 || v > 1 || c < 0 || c > 1) {
      return null;
    }
    int m = (int) Math.floor((p.lon() - WEST - v * STEP_LON) / (STEP_LON / 2));
    String code = (v == 0 ? "12" : "14") + "0" + (c + 1) + "0" + (m + 1) + (m + 1);
    return code.substring(0, level.codeLength());
  }

  /** Expected flat attributes per area: reports, status_*, category_*, counted from the store. */
  Map<String, Map<String, Long>> expected(BoundaryLevel level) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    for (Boundary b : grid(level)) {
      Map<String, Long> m = new TreeMap<>();
      m.put("reports", 0L);
      Status.PUBLIC.forEach(s -> m.put("status_" + s.code(), 0L));
      POLICY.catalog().all().stream().map(Category::code).forEach(c -> m.put("category_" + c, 0L));
      out.put(b.code(), m);
    }
    app.store().scan(ReportFilter.ALL_INTERNAL, r -> {
      PublicReport p = POLICY.show(r);
      String code = p == null ? null : code(p.location(), level);
      if (code != null) {
        Map<String, Long> m = out.get(code);
        m.merge("reports", 1L, Long::sum);
        m.merge("status_" + p.status().code(), 1L, Long::sum);
        m.merge("category_" + p.category(), 1L, Long::sum);
      }
    });
    return out;
  }

  Map<String, Map<String, Long>> served(String collection) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    JsonNode doc = http.get(COLLECTIONS + collection + "/items?limit=1000").json();
    for (JsonNode f : doc.get("features")) {
      Map<String, Long> m = new TreeMap<>();
      f.get("properties").fields().forEachRemaining(e -> {
        if (e.getValue().isNumber()) {
          m.put(e.getKey(), e.getValue().asLong());
        }
      });
      out.put(f.get("id").asText(), m);
    }
    return out;
  }

  /** The served counts once the server has followed the imports (reference poll, index follower). */
  void awaitCounts(BoundaryLevel level) throws InterruptedException {
    Map<String, Map<String, Long>> want = expected(level);
    Map<String, Map<String, Long>> got = Map.of();
    for (long deadline = System.currentTimeMillis() + 20_000; System.currentTimeMillis() < deadline; Thread.sleep(100)) {
      got = served("areas." + level.key());
      if (got.equals(want)) {
        return;
      }
    }
    assertEquals(want, got, "counts of areas." + level.key());
  }

  @Test
  void areaCountsEqualTheStoresPublicReportsPerAreaCategoryAndStatus() throws Exception {
    for (BoundaryLevel level : BoundaryLevel.values()) {
      awaitCounts(level);
    }
    long total = expected(BoundaryLevel.VOIVODESHIP).values().stream().mapToLong(m -> m.get("reports")).sum();
    assertTrue(total > 100, "the fixture has public reports in the grid: " + total);
    JsonNode one = http.get(COLLECTIONS + "areas.municipality/items/1201011").json();
    assertEquals("gmina 1201011", one.get("properties").get("name").asText());
    assertEquals("municipality", one.get("properties").get("level").asText());
    assertEquals("MultiPolygon", one.get("geometry").get("type").asText());
  }

  @Test
  void filtersPagingAndFormatsOfOgcApi() throws Exception {
    awaitCounts(BoundaryLevel.MUNICIPALITY);
    Map<String, Map<String, Long>> want = expected(BoundaryLevel.MUNICIPALITY);
    long busy = want.values().stream().filter(m -> m.get("reports") > 20).count();
    String cql = URLEncoder.encode("reports > 20 AND name LIKE 'gmina%'", StandardCharsets.UTF_8);
    JsonNode filtered = http.get(COLLECTIONS + "areas.municipality/items?filter=" + cql).json();
    assertEquals(busy, filtered.get("numberMatched").asLong(), filtered.toString());
    JsonNode byCode = http.get(COLLECTIONS + "areas.municipality/items?code=1402022").json();
    assertEquals(1, byCode.get("numberReturned").asInt());
    JsonNode bbox = http.get(COLLECTIONS + "boundaries.county/items?bbox=19.86,49.96,19.9,49.99").json();
    assertEquals(List.of("1201"), ids(bbox), "a bbox selects the areas it meets");
    JsonNode first = http.get(COLLECTIONS + "boundaries.municipality/items?limit=3").json();
    assertEquals(8, first.get("numberMatched").asInt());
    List<String> seen = new ArrayList<>(ids(first));
    JsonNode next = http.get(link(first, "next")).json();
    seen.addAll(ids(next));
    seen.addAll(ids(http.get(link(next, "next")).json()));
    assertEquals(grid(BoundaryLevel.MUNICIPALITY).stream().map(Boundary::code).sorted().toList(), seen);
    JsonNode timed = http.get(COLLECTIONS + "areas.county/items?datetime=2020-01-01T00:00:00Z/..").json();
    assertEquals(0, timed.get("numberMatched").asInt(), "features without time never intersect a datetime");
    assertEquals(4, http.get(COLLECTIONS + "areas.county/items?datetime=../..").json().get("numberMatched").asInt());
    assertEquals(400, http.get(COLLECTIONS + "areas.county/items?category=speeding").status());
    assertEquals(400, http.get(COLLECTIONS + "areas.county/items?filter=nosuch%3D1").status());
    assertEquals(400, http.get(COLLECTIONS + "areas.county/items?reports=many").status());
    assertEquals(404, http.get(COLLECTIONS + "areas.county/items/9999").status());
    JsonNode queryables = http.get(COLLECTIONS + "areas.county/queryables").json();
    assertTrue(queryables.get("properties").has("category_speeding"));
    assertEquals("geometry-multipolygon", queryables.get("properties").get("geometry").get("format").asText());
    JsonNode units = http.get(COLLECTIONS + "police-units/items").json();
    assertEquals(List.of("KMP-1201", "KWP-12"), ids(units));
    assertEquals("Point", units.get("features").get(0).get("geometry").get("type").asText());
    Http.Response csv = http.get(COLLECTIONS + "areas.county/items?f=csv");
    assertTrue(csv.body().startsWith("id,wkt,code,name,level,reports,status_new,"), csv.body());
    assertTrue(csv.body().contains("\"MULTIPOLYGON ((("), csv.body());
    Http.Response html = http.get(COLLECTIONS + "areas.county/items?f=html");
    assertTrue(html.body().contains("powiat 1402") && html.body().contains("<table>"), html.body());
    assertTrue(http.get(COLLECTIONS + "police-units/items/KWP-12?f=html").body().contains("Krakowie"));
    Http.Response collection = http.get(COLLECTIONS + "boundaries.voivodeship");
    assertEquals(200, collection.status());
    assertTrue(collection.json().get("crs").toString().contains("EPSG/0/2180"));
  }

  @Test
  void htmlPagesDrawASmallMapWithTheServersOwnOpenLayers() {
    for (String page : List.of(COLLECTIONS + "areas.county?f=html", COLLECTIONS + "areas.county/items?f=html",
        COLLECTIONS + "police-units/items/KWP-12?f=html", COLLECTIONS + "threats.points/items?f=html&limit=5",
        COLLECTIONS + "boundaries.voivodeship?f=html")) {
      String html = http.get(page).body();
      assertTrue(html.contains("<div id=\"map\"") && html.contains("ol.source.Vector"), page + ": " + html);
      Matcher src = Pattern.compile("(?:src|href)=\"(http[^\"]*)\"").matcher(html);
      while (src.find()) {
        assertTrue(src.group(1).startsWith(http.base()), page + " loads only from this server: " + src.group(1));
      }
      assertFalse(html.contains("tile.openstreetmap") || html.contains("ol.source.OSM"), "no background tiles");
      Matcher data = Pattern.compile("url:(\"[^\"]*\")").matcher(html);
      assertTrue(data.find(), html);
      String url = data.group(1).substring(1, data.group(1).length() - 1).replace("\\u0026", "&");
      JsonNode geojson = http.get(url).json();
      assertTrue(geojson.has("features") || geojson.has("geometry"), url + " is the page's GeoJSON: " + geojson);
    }
    Http.Response js = http.get(FeaturesApi.BASE + "/assets/ol.js");
    assertEquals(200, js.status());
    assertTrue(js.contentType().startsWith("text/javascript") && js.body().length() > 100_000);
    assertEquals(200, http.get(FeaturesApi.BASE + "/assets/ol.css").status());
    assertEquals(404, http.get(FeaturesApi.BASE + "/assets/other.js").status());
  }

  @Test
  void coordinatesInEveryCrsInTheAxisOrderOfItsDefinition() {
    CrsRegistry registry = CrsRegistry.standard();
    double[] en = registry.fromLonLat(registry.require("EPSG:2180")).apply(WEST, SOUTH);
    String ne = Math.round(en[1] * 100) / 100.0 + " " + Math.round(en[0] * 100) / 100.0;
    String puwg = gml(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:boundaries.county&RESOURCEID=boundaries.county.1201"
        + "&SRSNAME=urn:ogc:def:crs:EPSG::2180", "kmzb:boundaries.county").body();
    assertTrue(puwg.contains(ne), "URN EPSG:2180: northing easting " + ne + " in " + puwg);
    String urn = gml(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:boundaries.county&RESOURCEID=boundaries.county.1201",
        "kmzb:boundaries.county").body();
    assertTrue(urn.contains(SOUTH + " " + WEST), "URN EPSG:4326: lat lon " + urn);
    String shortForm = http.get(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:boundaries.county"
        + "&RESOURCEID=boundaries.county.1201&SRSNAME=EPSG:4326").body();
    assertTrue(shortForm.contains(WEST + " " + SOUTH), "EPSG:4326 short form: lon lat " + shortForm);
    JsonNode api = http.get(COLLECTIONS + "boundaries.county/items/1201?crs="
        + URLEncoder.encode("http://www.opengis.net/def/crs/EPSG/0/2180", StandardCharsets.UTF_8)).json();
    boolean found = false;
    for (JsonNode p : api.get("geometry").get("coordinates").get(0).get(0)) {
      found |= (p.get(0).asDouble() + " " + p.get(1).asDouble()).equals(ne);
    }
    assertTrue(found, "OGC API crs=EPSG:2180: northing, easting " + ne + " in " + api);
    JsonNode crs84 = http.get(COLLECTIONS + "police-units/items/KWP-12").json();
    assertEquals("[19.94,50.06]", crs84.get("geometry").get("coordinates").toString());
  }

  @Test
  void wfsAnswersValidGmlHitsPagingFiltersAndValues() throws Exception {
    awaitCounts(BoundaryLevel.COUNTY);
    for (String type : List.of("areas.county", "police-units", "boundaries.municipality", "areas.voivodeship")) {
      String body = gml(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:" + type, "kmzb:" + type).body();
      assertTrue(body.contains("<wfs:member><kmzb:" + type + " gml:id=\"" + type + "."), body);
    }
    String all = schema("kmzb:areas.county,kmzb:threats.points,kmzb:police-units");
    assertTrue(all.contains("gml:MultiSurfacePropertyType") && all.contains("gml:PointPropertyType"), all);
    String hits = http.get(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:boundaries.municipality&RESULTTYPE=hits").body();
    assertEquals("8", attribute(hits, "numberMatched"), hits);
    Http.Response page = gml(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:boundaries.municipality&COUNT=5",
        "kmzb:boundaries.municipality");
    assertEquals("5", attribute(page.body(), "numberReturned"));
    String next = http.get(attribute(page.body(), "next")).body();
    assertEquals("3", attribute(next, "numberReturned"), next);
    Map<String, Map<String, Long>> want = expected(BoundaryLevel.COUNTY);
    long busy = want.values().stream().filter(m -> m.get("reports") > 50).count();
    String fes = "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\"><fes:PropertyIsGreaterThan>"
        + "<fes:ValueReference>reports</fes:ValueReference><fes:Literal>50</fes:Literal></fes:PropertyIsGreaterThan>"
        + "</fes:Filter>";
    String filtered = http.get(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:areas.county&RESULTTYPE=hits&FILTER="
        + URLEncoder.encode(fes, StandardCharsets.UTF_8)).body();
    assertEquals(Long.toString(busy), attribute(filtered, "numberMatched"), filtered);
    String bbox = http.get(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:boundaries.county&BBOX=49.96,19.86,49.99,19.9")
        .body();
    assertEquals("1", attribute(bbox, "numberMatched"), "URN 4326 BBOX, lat lon: " + bbox);
    String values = http.get(WFS + "REQUEST=GetPropertyValue&TYPENAMES=kmzb:areas.county&VALUEREFERENCE=reports")
        .body();
    OgcSchemas.validate(values);
    long sum = 0;
    Matcher m = Pattern.compile("<wfs:member>(\\d+)</wfs:member>").matcher(values);
    while (m.find()) {
      sum += Long.parseLong(m.group(1));
    }
    assertEquals(want.values().stream().mapToLong(x -> x.get("reports")).sum(), sum);
    Http.Response byId = http.get(WFS + "REQUEST=GetFeature&STOREDQUERY_ID=urn:ogc:def:query:OGC-WFS::GetFeatureById"
        + "&ID=police-units.KWP-12");
    assertEquals(200, byId.status(), byId.toString());
    OgcSchemas.validate(byId.body(), Map.of(NS, schema("kmzb:police-units")));
    assertEquals(404, http.get(WFS + "REQUEST=GetFeature&STOREDQUERY_ID=urn:ogc:def:query:OGC-WFS::GetFeatureById"
        + "&ID=police-units.NOPE").status());
    String twoUnits = "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\"><fes:ResourceId rid=\"police-units.KWP-12\"/>"
        + "<fes:ResourceId rid=\"police-units.KMP-1201\"/></fes:Filter>";
    String units = gml(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:police-units&FILTER="
        + URLEncoder.encode(twoUnits, StandardCharsets.UTF_8), "kmzb:police-units").body();
    assertEquals("2", attribute(units, "numberReturned"), "fes:ResourceId names units by their codes: " + units);
    String projected = gml(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:areas.county&PROPERTYNAME=kmzb:reports,name",
        "kmzb:areas.county").body();
    assertTrue(projected.contains("<kmzb:reports>") && projected.contains("<kmzb:name>")
        && !projected.contains("<kmzb:status_new>") && projected.contains("<gml:MultiSurface"), projected);
    assertEquals(400, http.get(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:areas.county&PROPERTYNAME=nosuch").status());
    // CSV honours PROPERTYNAME as GML and GeoJSON do: id and geometry, then the named attributes in schema order.
    String csv = http.get(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:areas.county&PROPERTYNAME=kmzb:reports,name"
        + "&OUTPUTFORMAT=csv").body();
    String[] lines = csv.split("\r\n");
    assertEquals("id,wkt,name,reports", lines[0], csv);
    assertTrue(lines.length > 1 && lines[1].matches("[^,]+,\"MULTIPOLYGON \\(.*\\)\",[^,]*,\\d+"), lines[1]);
    assertEquals("id,wkt", http.get(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:areas.county&PROPERTYNAME=geometry"
        + "&OUTPUTFORMAT=csv").body().split("\r\n")[0]);
    String sorted = http.get(WFS + "REQUEST=GetFeature&TYPENAMES=kmzb:areas.county&SORTBY=reports%20DESC"
        + "&OUTPUTFORMAT=application/json").body();
    List<Long> counts = new ArrayList<>();
    new com.fasterxml.jackson.databind.ObjectMapper().readTree(sorted).get("features")
        .forEach(f -> counts.add(f.get("properties").get("reports").asLong()));
    List<Long> desc = new ArrayList<>(counts);
    desc.sort(java.util.Comparator.reverseOrder());
    assertEquals(desc, counts);
    String caps = http.get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities").body();
    assertTrue(caps.contains("kmzb:areas.municipality") && caps.contains("kmzb:police-units"));
    String old = http.get("/wfs?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetFeature&TYPENAME=kmzb:boundaries.county"
        + "&MAXFEATURES=2").body();
    assertTrue(old.contains("<gml:featureMember><kmzb:boundaries.county") && old.contains("numberOfFeatures=\"2\""),
        old);
    for (String type : List.of("boundaries.county", "police-units")) {
      String schema11 = http.get("/wfs?SERVICE=WFS&VERSION=1.1.0&REQUEST=DescribeFeatureType&TYPENAME=kmzb:" + type)
          .body();
      OgcSchemas.compile(NS, schema11);
      OgcSchemas.validate(http.get("/wfs?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetFeature&TYPENAME=kmzb:" + type
          + "&SRSNAME=urn:ogc:def:crs:EPSG::2180").body(), Map.of(NS, schema11));
    }
  }

  @Test
  void ogr2ogrCopiesTheReferenceLayersThroughWfsAndOapif() throws Exception {
    GdalClientsTest.run(List.of("bash", pl.kmzb.testing.TestPostgis.projectRoot().resolve("db/ensure-gdal.sh")
        .toString()));
    awaitCounts(BoundaryLevel.MUNICIPALITY);
    long reports = expected(BoundaryLevel.MUNICIPALITY).values().stream().mapToLong(m -> m.get("reports")).sum();
    String base = "http://127.0.0.1:" + app.port();
    List<List<String>> copies = List.of(
        List.of("--config", "OGR_WFS_PAGE_SIZE", "3", "WFS:" + base + "/wfs", "kmzb:areas.municipality"),
        List.of("WFS:" + base + "/wfs?VERSION=1.1.0", "kmzb:areas.municipality"),
        List.of("--config", "OGR_OAPIF_PAGE_SIZE", "3", "OAPIF:" + base + FeaturesApi.BASE, "areas.municipality"));
    for (List<String> source : copies) {
      Path out = dir.resolve("copy-" + Math.abs(source.hashCode()) + ".geojson");
      List<String> command = new ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", out.toString()));
      command.addAll(source);
      GdalClientsTest.run(command);
      JsonNode copy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toFile());
      assertEquals(8, copy.get("features").size(), source.toString());
      long sum = 0;
      for (JsonNode f : copy.get("features")) {
        sum += f.get("properties").get("reports").asLong();
        assertTrue(f.get("geometry").get("type").asText().endsWith("Polygon"), f.toString());
      }
      assertEquals(reports, sum, "the copy's report counts, " + source);
    }
  }

  String schema(String typeNames) {
    Http.Response r = http.get(WFS + "REQUEST=DescribeFeatureType&TYPENAMES=" + typeNames);
    assertEquals(200, r.status(), r.toString());
    OgcSchemas.compile(NS, r.body());
    return r.body();
  }

  Http.Response gml(String query, String typeName) {
    Http.Response r = http.get(query);
    assertEquals(200, r.status(), r.toString());
    OgcSchemas.validate(r.body(), Map.of(NS, schema(typeName)));
    return r;
  }

  static String attribute(String xml, String name) {
    Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(xml);
    return m.find() ? m.group(1).replace("&amp;", "&") : null;
  }

  static List<String> ids(JsonNode collection) {
    List<String> ids = new ArrayList<>();
    collection.get("features").forEach(f -> ids.add(f.get("id").asText()));
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
}
