package pl.kmzb.wfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.features.FeatureServer;
import pl.kmzb.features.Http;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;
import pl.kmzb.testing.OgcSchemas;
import pl.kmzb.testing.TestReports;
import pl.kmzb.visibility.VisibilityPolicy;

/** WFS 2.0 through HTTP on a real server and store; every XML answer validated against the official schemas. */
abstract class WfsContract {
  static final String NS = WfsEndpoint.NAMESPACE;
  static final String KVP = "/wfs?SERVICE=WFS&VERSION=2.0.0&";
  static final String POINTS = "kmzb:threats.points";
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
    app.store().insertAll(TestReports.random(21, 400), "test");
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  String basic() {
    return "Basic " + Base64.getEncoder().encodeToString(("admin:" + FeatureServer.ADMIN_PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
  }

  String schema(String typeNames, String... headers) {
    Http.Response r = http.get(KVP + "REQUEST=DescribeFeatureType&TYPENAMES=" + typeNames, headers);
    assertEquals(200, r.status(), r.toString());
    OgcSchemas.compile(NS, r.body());
    return r.body();
  }

  /** A GML answer checked against the WFS schemas and the DescribeFeatureType schema. */
  Http.Response gml(String query, String typeName, String... headers) {
    Http.Response r = http.get(query, headers);
    assertEquals(200, r.status(), r.toString());
    OgcSchemas.validate(r.body(), Map.of(NS, schema(typeName, headers)));
    return r;
  }

  List<Long> publicIds() {
    List<Long> ids = new ArrayList<>();
    app.store().scan(ReportFilter.ALL_INTERNAL, r -> {
      if (POLICY.isPublic(r)) {
        ids.add(r.id());
      }
    });
    return ids;
  }

  static List<Long> ids(String gml) {
    List<Long> out = new ArrayList<>();
    Matcher m = Pattern.compile("<kmzb:[a-z.]+ gml:id=\"[a-z.]+\\.(\\d+)\"").matcher(gml);
    while (m.find()) {
      out.add(Long.parseLong(m.group(1)));
    }
    return out;
  }

  static String attribute(String xml, String name) {
    Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(xml);
    return m.find() ? m.group(1).replace("&amp;", "&") : null;
  }

  /** An exception report, validated, with its code. */
  void exception(Http.Response r, int status, String code) {
    assertEquals(status, r.status(), r.toString());
    OgcSchemas.validate(r.body());
    assertTrue(r.body().contains("exceptionCode=\"" + code + "\""), r.toString());
  }

  @Test
  void capabilitiesAreValidAndListWhatTheCallerMaySee() {
    Http.Response anonymous = http.get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities");
    assertEquals(200, anonymous.status(), anonymous.toString());
    OgcSchemas.validate(anonymous.body());
    assertTrue(anonymous.body().contains("<wfs:Name>kmzb:threats.points</wfs:Name>"));
    assertFalse(anonymous.body().contains("police.reports"));
    assertTrue(anonymous.body().contains("urn:ogc:def:crs:EPSG::2180"));
    Http.Response police = http.get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities", "Authorization", basic());
    OgcSchemas.validate(police.body());
    assertTrue(police.body().contains("kmzb:police.reports"));
    // One URL, two documents: neither may be stored (QGIS's disk cache ignores Vary: Authorization).
    assertEquals("no-store", anonymous.header("Cache-Control"));
    assertEquals("private, no-store", police.header("Cache-Control"));
    exception(http.get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities&ACCEPTVERSIONS=1.0.0"), 400,
        "VersionNegotiationFailed");
  }

  @Test
  void getFeaturePagesAreValidGmlAndWalkEveryReportOnce() {
    List<Long> expected = publicIds();
    String page = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=45", POINTS).body();
    assertEquals(Integer.toString(expected.size()), attribute(page, "numberMatched"));
    List<Long> seen = new ArrayList<>();
    int pages = 0;
    while (true) {
      List<Long> ids = ids(page);
      assertEquals(Integer.toString(ids.size()), attribute(page, "numberReturned"));
      seen.addAll(ids);
      app.store().insertAll(TestReports.random(500 + pages++, 3), "test"); // reports keep coming in
      String next = attribute(page, "next");
      if (next == null) {
        break;
      }
      page = gml(next, POINTS).body();
    }
    assertEquals(expected, seen.stream().filter(expected::contains).toList());
    assertEquals(new HashSet<>(seen).size(), seen.size(), "no duplicates");
    String deep = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=2&STARTINDEX=100", POINTS).body();
    assertEquals(expected.subList(100, 102), ids(deep));
    assertNotNull(attribute(deep, "previous"));
  }

  @Test
  void hitsCountWithoutFeatures() {
    String hits = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&RESULTTYPE=hits&STATUS=confirmed", POINTS)
        .body();
    long expected = publicIds().stream().filter(id -> app.store().find(id).orElseThrow().status() == Status.CONFIRMED)
        .count();
    assertEquals(Long.toString(expected), attribute(hits, "numberMatched"));
    assertEquals("0", attribute(hits, "numberReturned"));
    assertEquals(List.of(), ids(hits));
  }

  @Test
  void hitsWithABboxCountAtThePublicPositions() {
    long expected = publicIds().stream().map(id -> POLICY.show(app.store().find(id).orElseThrow()))
        .filter(p -> p.location().lon() >= 19.95 && p.location().lon() <= 20.05 && p.location().lat() >= 50.05
            && p.location().lat() <= 50.12).count();
    assertTrue(expected > 0);
    String hits = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&RESULTTYPE=hits"
        + "&BBOX=50.05,19.95,50.12,20.05,urn:ogc:def:crs:EPSG::4326", POINTS).body();
    assertEquals(Long.toString(expected), attribute(hits, "numberMatched"));
    String page = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=10000"
        + "&BBOX=50.05,19.95,50.12,20.05,urn:ogc:def:crs:EPSG::4326", POINTS).body();
    assertEquals(expected, ids(page).size());
    assertEquals(Long.toString(expected), attribute(page, "numberMatched"), "counted by the cluster index");
  }

  @Test
  void srsNameDecidesCoordinatesAndAxisOrder() {
    Report r = app.store().insert(report(19.9383, 50.0614), "test");
    String byId = KVP + "REQUEST=GetFeature&STOREDQUERY_ID=" + WfsEndpoint.GET_FEATURE_BY_ID + "&ID=threats.points."
        + r.id();
    assertTrue(gml(byId, POINTS).body().contains("<gml:pos>50.0614 19.9383</gml:pos>"), "URN 4326: lat lon");
    assertTrue(gml(byId + "&SRSNAME=EPSG:4326", POINTS).body().contains("<gml:pos>19.9383 50.0614</gml:pos>"),
        "EPSG:4326 short form: lon lat (as GeoServer and QGIS)");
    CrsRegistry registry = CrsRegistry.standard();
    double[] en = registry.fromLonLat(registry.require("EPSG:2180")).apply(19.9383, 50.0614);
    String puwg = gml(byId + "&SRSNAME=urn:ogc:def:crs:EPSG::2180", POINTS).body();
    assertTrue(puwg.contains("<gml:pos>" + Math.round(en[1] * 100) / 100.0 + " " + Math.round(en[0] * 100) / 100.0),
        puwg);
    exception(http.get(byId + "&SRSNAME=EPSG:9999"), 400, "InvalidParameterValue");
    exception(http.get(KVP + "REQUEST=GetFeature&STOREDQUERY_ID=" + WfsEndpoint.GET_FEATURE_BY_ID
        + "&ID=threats.points.999999"), 404, "NotFound");
  }

  @Test
  void everyPublishedCrsAsUrnInItsDefinitionsAxisOrder() {
    Report r = app.store().insert(report(19.9383, 50.0614), "test");
    CrsRegistry registry = CrsRegistry.standard();
    for (pl.kmzb.crs.Crs crs : registry.supported()) {
      String body = gml(KVP + "REQUEST=GetFeature&STOREDQUERY_ID=" + WfsEndpoint.GET_FEATURE_BY_ID
          + "&ID=threats.points." + r.id() + "&SRSNAME=" + crs.urn(), POINTS).body();
      Matcher m = Pattern.compile("<gml:pos>([-0-9.E]+) ([-0-9.E]+)</gml:pos>").matcher(body);
      assertTrue(m.find(), body);
      double[] xy = registry.fromLonLat(crs).apply(19.9383, 50.0614);
      int first = crs.northFirst() ? 1 : 0;
      double tolerance = crs.geographic() ? 1e-7 : 0.01;
      assertEquals(xy[first], Double.parseDouble(m.group(1)), tolerance, crs.code());
      assertEquals(xy[1 - first], Double.parseDouble(m.group(2)), tolerance, crs.code());
      assertTrue(body.contains("srsName=\"" + crs.urn() + "\""), crs.code());
    }
  }

  @Test
  void bboxInTheAxisOrderOfItsCrs() {
    Report r = app.store().insert(report(19.9383, 50.0614), "test");
    String latLon = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS
        + "&BBOX=50.061,19.938,50.062,19.939,urn:ogc:def:crs:EPSG::4326", POINTS).body();
    assertTrue(ids(latLon).contains(r.id()));
    String lonLat = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&BBOX=19.938,50.061,19.939,50.062,EPSG:4326",
        POINTS).body();
    assertEquals(ids(latLon), ids(lonLat));
    String resource = gml(KVP + "REQUEST=GetFeature&RESOURCEID=threats.points." + r.id(), POINTS).body();
    assertEquals(List.of(r.id()), ids(resource));
  }

  @Test
  void propertyValuesAndStoredQueriesAreValid() {
    Http.Response values = http.get(KVP + "REQUEST=GetPropertyValue&TYPENAMES=" + POINTS
        + "&VALUEREFERENCE=category&COUNT=5");
    assertEquals(200, values.status(), values.toString());
    OgcSchemas.validate(values.body());
    assertEquals("5", attribute(values.body(), "numberReturned"));
    Http.Response list = http.get(KVP + "REQUEST=ListStoredQueries");
    OgcSchemas.validate(list.body());
    assertTrue(list.body().contains(WfsEndpoint.GET_FEATURE_BY_ID));
    Http.Response describe = http.get(KVP + "REQUEST=DescribeStoredQueries");
    OgcSchemas.validate(describe.body());
    exception(http.get(KVP + "REQUEST=GetPropertyValue&TYPENAMES=" + POINTS + "&VALUEREFERENCE=source"), 400,
        "InvalidParameterValue");
  }

  @Test
  void xmlPostAnswersAsKvp() {
    String body = "<wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:kmzb=\"" + NS + "\""
        + " service=\"WFS\" version=\"2.0.0\" count=\"7\"><wfs:Query typeNames=\"kmzb:threats.points\"/></wfs:GetFeature>";
    Http.Response post = http.post("/wfs", "application/xml", body);
    assertEquals(200, post.status(), post.toString());
    OgcSchemas.validate(post.body(), Map.of(NS, schema(POINTS)));
    assertEquals(ids(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=7").body()), ids(post.body()));
  }

  @Test
  void hostileXmlGetsAnExceptionReportQuickly() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" service=\"WFS\" version=\"2.0.0\">"
        + "<wfs:Query typeNames=\"&x;\"/></wfs:GetFeature>";
    StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY l0 \"ha\">");
    for (int i = 1; i < 10; i++) {
      laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    laughs.append("]><wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" service=\"WFS\" version=\"2.0.0\">"
        + "<wfs:Query typeNames=\"&l9;\"/></wfs:GetFeature>");
    String deep = "<wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" service=\"WFS\" version=\"2.0.0\">"
        + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</wfs:GetFeature>";
    String huge = "<wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" service=\"WFS\" version=\"2.0.0\">"
        + "<!--" + "x".repeat(2 << 20) + "--></wfs:GetFeature>";
    for (String hostile : List.of(xxe, laughs.toString(), deep, huge, "not xml", "<wfs:Nope xmlns:wfs=\"x\"/>")) {
      long t0 = System.nanoTime();
      Http.Response r = http.post("/wfs", "application/xml", hostile);
      assertTrue(r.status() >= 400 && r.status() < 600, r.toString());
      OgcSchemas.validate(r.body());
      assertFalse(r.body().contains("root:"), "no file content leaks");
      assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "bounded time");
    }
  }

  @Test
  void policeTypesNeedBasicCredentials() {
    Http.Response anonymous = http.get(KVP + "REQUEST=GetFeature&TYPENAMES=kmzb:police.reports&COUNT=3");
    assertEquals(401, anonymous.status());
    assertTrue(anonymous.header("WWW-Authenticate").startsWith("Basic"), anonymous.header("WWW-Authenticate"));
    Http.Response police = gml(KVP + "REQUEST=GetFeature&TYPENAMES=kmzb:police.reports&COUNT=3&SOURCE=citizen",
        "kmzb:police.reports", "Authorization", basic());
    assertTrue(police.body().contains("<kmzb:source>citizen</kmzb:source>"), police.toString());
  }

  @Test
  void errorsAreExceptionReports() {
    exception(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=kmzb:nope"), 400, "InvalidParameterValue");
    exception(http.get(KVP + "REQUEST=GetFeature"), 400, "MissingParameterValue");
    exception(http.get(KVP + "REQUEST=Transaction"), 501, "OperationNotSupported");
    exception(http.get("/wfs?SERVICE=WFS&VERSION=1.0.0&REQUEST=GetFeature&TYPENAMES=" + POINTS), 400,
        "InvalidParameterValue");
    exception(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=-1"), 400, "InvalidParameterValue");
    exception(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&SOURCE=citizen"), 400,
        "InvalidParameterValue");
    exception(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&SORTBY=description"), 400,
        "InvalidParameterValue");
  }

  @Test
  void geoJsonAndCsvOutputs() {
    Http.Response json = http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=4&OUTPUTFORMAT=application/json");
    assertEquals(200, json.status(), json.toString());
    assertEquals(4, json.json().get("features").size());
    assertEquals(publicIds().size(), json.json().get("numberMatched").asInt());
    Http.Response csv = http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=4&OUTPUTFORMAT=text/csv");
    assertEquals(5, csv.body().split("\r\n").length);
    assertTrue(csv.body().startsWith("id,lat,lon,"), "the default CRS is URN EPSG:4326, latitude first");
  }

  @Test
  void fesFiltersSelectAsTheVendorParametersDo() {
    String byVendor = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=1000&CATEGORY=speeding", POINTS)
        .body();
    String filter = "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\"><fes:PropertyIsEqualTo>"
        + "<fes:ValueReference>kmzb:category</fes:ValueReference><fes:Literal>speeding</fes:Literal>"
        + "</fes:PropertyIsEqualTo></fes:Filter>";
    String byFes = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=1000&FILTER="
        + pl.kmzb.features.UrlsAccess.encode(filter), POINTS).body();
    assertFalse(ids(byVendor).isEmpty());
    assertEquals(ids(byVendor), ids(byFes));
    String byBbox = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=1000"
        + "&BBOX=50.05,19.95,50.12,20.05,urn:ogc:def:crs:EPSG::4326", POINTS).body();
    String post = "<wfs:GetFeature xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:fes=\"http://www.opengis.net/fes/2.0\""
        + " xmlns:gml=\"http://www.opengis.net/gml/3.2\" xmlns:kmzb=\"" + NS + "\" service=\"WFS\" version=\"2.0.0\""
        + " count=\"1000\"><wfs:Query typeNames=\"kmzb:threats.points\"><fes:Filter><fes:BBOX>"
        + "<fes:ValueReference>kmzb:geometry</fes:ValueReference><gml:Envelope srsName=\"urn:ogc:def:crs:EPSG::4326\">"
        + "<gml:lowerCorner>50.05 19.95</gml:lowerCorner><gml:upperCorner>50.12 20.05</gml:upperCorner></gml:Envelope>"
        + "</fes:BBOX></fes:Filter></wfs:Query></wfs:GetFeature>";
    Http.Response posted = http.post("/wfs", "application/xml", post);
    assertEquals(200, posted.status(), posted.toString());
    assertFalse(ids(byBbox).isEmpty());
    assertEquals(ids(byBbox), ids(posted.body()));
    exception(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&FILTER="
        + pl.kmzb.features.UrlsAccess.encode(filter.replace("kmzb:category", "kmzb:source"))), 400, "InvalidParameterValue");
    exception(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&FILTER=%3Cfes%3AFilter"), 400,
        "OperationParsingFailed");
    Http.Response caps = http.get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities");
    assertTrue(caps.body().contains("name=\"ImplementsStandardFilter\""), caps.body());
  }

  /** Regressions found by the OGC WFS 2.0 suite (ets-wfs20 1.43), one assertion per finding. */
  @Test
  void answersTheOgcSuiteExpects() {
    exception(http.get("/wfs?REQUEST=GetCapabilities"), 400, "MissingParameterValue");
    String caps = http.get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities").body();
    assertTrue(caps.contains("<ows:Parameter name=\"resolve\"><ows:AllowedValues><ows:Value>local</ows:Value>"), caps);
    String hits = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&RESULTTYPE=hits&COUNT=3", POINTS).body();
    String first = attribute(hits, "next");
    assertNotNull(first, "a hits answer links the first page of results");
    assertEquals(ids(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=3").body()),
        ids(gml(first.substring(first.indexOf("/wfs")), POINTS).body()));
    long id = publicIds().get(0);
    String unknown = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&RESOURCEID=test-0a1b2c", POINTS).body();
    assertEquals(List.of(), ids(unknown));
    assertEquals(List.of(id), ids(gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&RESOURCEID=threats.points."
        + id, POINTS).body()));
    Http.Response mismatch = http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&RESOURCEID=group.road." + id);
    exception(mismatch, 400, "InvalidParameterValue");
    assertTrue(mismatch.body().contains("locator=\"RESOURCEID\""), mismatch.body());
    exception(http.get(KVP + "REQUEST=GetPropertyValue&TYPENAMES=" + POINTS + "&VALUEREFERENCE="), 400,
        "InvalidParameterValue");
    Http.Response gmlIds = http.get(KVP + "REQUEST=GetPropertyValue&TYPENAMES=" + POINTS
        + "&VALUEREFERENCE=@gml:id&COUNT=2");
    assertEquals(200, gmlIds.status(), gmlIds.toString());
    OgcSchemas.validate(gmlIds.body());
    assertTrue(gmlIds.body().contains("<wfs:member>threats.points."), gmlIds.body());
    String gmlNameIsNull = "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\""
        + "http://www.opengis.net/gml/3.2\"><fes:PropertyIsNull><fes:ValueReference>gml:name</fes:ValueReference>"
        + "</fes:PropertyIsNull></fes:Filter>";
    assertEquals(ids(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=5").body()),
        ids(gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=5&FILTER="
            + pl.kmzb.features.UrlsAccess.encode(gmlNameIsNull), POINTS).body()));
    String exact = "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\"><fes:PropertyIsEqualTo>"
        + "<fes:Literal>0</fes:Literal><fes:ValueReference>kmzb:generalisedToMetres</fes:ValueReference>"
        + "</fes:PropertyIsEqualTo></fes:Filter>";
    String exactBody = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=50&FILTER="
        + pl.kmzb.features.UrlsAccess.encode(exact), POINTS).body();
    assertFalse(ids(exactBody).isEmpty());
    assertTrue(exactBody.contains("<kmzb:generalisedToMetres>0</kmzb:generalisedToMetres>"), exactBody);
    assertFalse(Pattern.compile("<kmzb:generalisedToMetres>[1-9]").matcher(exactBody).find(), exactBody);
  }

  @Test
  void wfs11ForOlderClients() {
    Http.Response caps = http.get("/wfs?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetCapabilities");
    assertEquals(200, caps.status(), caps.toString());
    OgcSchemas.validate(caps.body());
    assertTrue(caps.body().contains("version=\"1.1.0\""));
    Http.Response dft = http.get("/wfs?SERVICE=WFS&VERSION=1.1.0&REQUEST=DescribeFeatureType&TYPENAME=" + POINTS);
    assertEquals(200, dft.status(), dft.toString());
    OgcSchemas.compile(NS, dft.body());
    String v11 = "/wfs?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetFeature&TYPENAME=" + POINTS;
    Http.Response page = http.get(v11 + "&MAXFEATURES=5");
    assertEquals(200, page.status(), page.toString());
    OgcSchemas.validate(page.body(), Map.of(NS, dft.body()));
    assertEquals("5", attribute(page.body(), "numberOfFeatures"));
    assertEquals(publicIds().subList(0, 5), ids(page.body()));
    assertEquals(publicIds().subList(5, 7), ids(http.get(v11 + "&MAXFEATURES=2&STARTINDEX=5").body()));
    String filter = "<ogc:Filter xmlns:ogc=\"http://www.opengis.net/ogc\"><ogc:PropertyIsEqualTo>"
        + "<ogc:PropertyName>category</ogc:PropertyName><ogc:Literal>speeding</ogc:Literal>"
        + "</ogc:PropertyIsEqualTo></ogc:Filter>";
    Http.Response filtered = http.get(v11 + "&MAXFEATURES=1000&FILTER=" + pl.kmzb.features.UrlsAccess.encode(filter));
    assertEquals(200, filtered.status(), filtered.toString());
    assertEquals(ids(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=1000&CATEGORY=speeding").body()),
        ids(filtered.body()));
    Http.Response hits = http.get(v11 + "&RESULTTYPE=hits");
    OgcSchemas.validate(hits.body(), Map.of(NS, dft.body()));
    assertEquals(Integer.toString(publicIds().size()), attribute(hits.body(), "numberOfFeatures"));
    Http.Response bad = http.get(v11.replace(POINTS, "kmzb:nope"));
    assertEquals(400, bad.status());
    OgcSchemas.validate(bad.body());
    assertTrue(bad.body().contains("http://www.opengis.net/ows\""), "an OWS 1.0 report for a 1.1 request");
  }

  static NewReport report(double lon, double lat) {
    return new NewReport("speeding", Status.CONFIRMED, new LonLat(lon, lat), Instant.parse("2025-03-01T12:00:00Z"),
        null, null, null, Source.CITIZEN, Teryt.ofMunicipality("1261011"), null, null, false);
  }

  /** The public reports' ids in a sort order, sorted in memory (code-point order, the id the tiebreak). */
  List<Long> publicIdsSorted(java.util.Comparator<pl.kmzb.report.Report> order, boolean idDescending) {
    List<pl.kmzb.report.Report> rows = new ArrayList<>();
    app.store().scan(ReportFilter.ALL_INTERNAL, r -> {
      if (POLICY.isPublic(r)) {
        rows.add(r);
      }
    });
    java.util.Comparator<pl.kmzb.report.Report> byId = java.util.Comparator.comparingLong(pl.kmzb.report.Report::id);
    rows.sort(order.thenComparing(idDescending ? byId.reversed() : byId));
    return rows.stream().map(pl.kmzb.report.Report::id).toList();
  }

  static final java.util.Comparator<pl.kmzb.report.Report> REPORTED_AT =
      java.util.Comparator.comparing(pl.kmzb.report.Report::reportedAt);
  static final java.util.Comparator<pl.kmzb.report.Report> CATEGORY =
      java.util.Comparator.comparing(pl.kmzb.report.Report::category);
  static final java.util.Comparator<pl.kmzb.report.Report> STATUS =
      java.util.Comparator.comparing((pl.kmzb.report.Report r) -> r.status().code());

  @Test
  void sortByPagesThroughNextLinksInOrderWhileReportsComeIn() {
    record Case(String sortBy, java.util.Comparator<pl.kmzb.report.Report> order, boolean idDescending) {}
    List<Case> cases = List.of(
        new Case("reportedAt+DESC", REPORTED_AT.reversed(), true),
        new Case("category+ASC,reportedAt+DESC", CATEGORY.thenComparing(REPORTED_AT.reversed()), true),
        new Case("status", STATUS, false),
        new Case("kmzb:threats.points/kmzb:reportedAt%5B1%5D+ASC", REPORTED_AT, false),
        new Case("status+D,@gml:id+ASC", STATUS.reversed(), false),
        new Case("@gml:id+DESC", (a, b) -> 0, true));
    int seed = 900;
    for (Case c : cases) {
      List<Long> expected = publicIdsSorted(c.order(), c.idDescending());
      String page = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=37&SORTBY=" + c.sortBy(), POINTS).body();
      List<Long> seen = new ArrayList<>();
      while (true) {
        seen.addAll(ids(page));
        app.store().insertAll(TestReports.random(seed++, 4), "test"); // reports keep coming in
        String next = attribute(page, "next");
        if (next == null) {
          break;
        }
        page = gml(next, POINTS).body();
      }
      assertEquals(expected, seen.stream().filter(expected::contains).toList(), c.sortBy());
      assertEquals(new HashSet<>(seen).size(), seen.size(), c.sortBy() + ": no duplicates");
      List<Long> now = publicIdsSorted(c.order(), c.idDescending());
      String deep = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=3&STARTINDEX=50&SORTBY=" + c.sortBy(),
          POINTS).body();
      assertEquals(now.subList(50, 53), ids(deep), c.sortBy() + " at STARTINDEX 50");
    }
  }

  @Test
  void sortByInXmlAnswersAsKvp() {
    String kvp = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=20&SORTBY=category+DESC,reportedAt",
        POINTS).body();
    String body = "<wfs:GetFeature service=\"WFS\" version=\"2.0.0\" count=\"20\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\""
        + " xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:k=\"http://kmzb.pl/features\">"
        + "<wfs:Query typeNames=\"k:threats.points\"><fes:SortBy>"
        + "<fes:SortProperty><fes:ValueReference>k:category</fes:ValueReference><fes:SortOrder>DESC</fes:SortOrder></fes:SortProperty>"
        + "<fes:SortProperty><fes:ValueReference>k:threats.points/k:reportedAt</fes:ValueReference></fes:SortProperty>"
        + "</fes:SortBy></wfs:Query></wfs:GetFeature>";
    Http.Response post = http.post("/wfs", "application/xml", body);
    assertEquals(200, post.status(), post.toString());
    assertEquals(ids(kvp), ids(post.body()));
    assertEquals(publicIdsSorted(CATEGORY.reversed().thenComparing(REPORTED_AT), false).subList(0, 20), ids(kvp));
    // a prefix bound to another namespace names no property of ours
    String other = body.replace("xmlns:k=\"http://kmzb.pl/features\"", "xmlns:k=\"http://kmzb.pl/features\" xmlns:o=\"urn:other\"")
        .replace(">k:category<", ">o:category<");
    exception(http.post("/wfs", "application/xml", other), 400, "InvalidParameterValue");
  }

  @Test
  void propertyNameSelectsPropertiesInEveryFormat() {
    String selected = "&PROPERTYNAME=category,kmzb:status";
    String page = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=5" + selected, POINTS).body();
    assertTrue(page.contains("<kmzb:category>") && page.contains("<kmzb:status>") && page.contains("<kmzb:geometry>"),
        "the named properties and the mandatory geometry");
    assertFalse(page.contains("<kmzb:reportedAt>") || page.contains("<kmzb:municipality>"), page);
    Http.Response json = http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=5&OUTPUTFORMAT=application/json"
        + selected);
    assertEquals(200, json.status(), json.toString());
    List<String> keys = new ArrayList<>();
    json.json().get("features").get(0).get("properties").fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("category", "status"), keys);
    Http.Response csv = http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=5&OUTPUTFORMAT=text/csv"
        + selected);
    assertEquals("id,lat,lon,category,status", csv.body().split("\r\n")[0]);
    // every minimum XPath form, prefixes from NAMESPACES
    for (String ref : List.of("reportedAt", "kmzb:reportedAt", "kmzb:threats.points/kmzb:reportedAt", "reportedAt%5B1%5D",
        "k:reportedAt&NAMESPACES=xmlns(k,http://kmzb.pl/features)", "(reportedAt)")) {
      String one = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=2&PROPERTYNAME=" + ref, POINTS).body();
      assertTrue(one.contains("<kmzb:reportedAt>") && !one.contains("<kmzb:category>"), ref);
    }
    for (String bad : List.of("nothing", "reportedAt%5B2%5D", "k:reportedAt&NAMESPACES=xmlns(k,urn:other)",
        "kmzb:police.reports/kmzb:reportedAt", "a/b/c")) {
      exception(http.get(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&PROPERTYNAME=" + bad), 400,
          "InvalidParameterValue");
    }
    // in XML: wfs:PropertyName elements of the query
    String body = "<wfs:GetFeature service=\"WFS\" version=\"2.0.0\" count=\"3\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\""
        + " xmlns:k=\"http://kmzb.pl/features\"><wfs:Query typeNames=\"k:threats.points\">"
        + "<wfs:PropertyName>k:category</wfs:PropertyName><wfs:PropertyName>k:status[1]</wfs:PropertyName>"
        + "</wfs:Query></wfs:GetFeature>";
    Http.Response post = http.post("/wfs", "application/xml", body);
    assertEquals(200, post.status(), post.toString());
    OgcSchemas.validate(post.body(), Map.of(NS, schema(POINTS)));
    assertTrue(post.body().contains("<kmzb:status>") && !post.body().contains("<kmzb:reportedAt>"));
  }

  @Test
  void minimumXPathInFiltersAndValueReferences() {
    String plain = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=1000&CATEGORY=speeding", POINTS).body();
    String filter = "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:kmzb=\"http://kmzb.pl/features\">"
        + "<fes:PropertyIsEqualTo><fes:ValueReference>kmzb:threats.points/kmzb:category[1]</fes:ValueReference>"
        + "<fes:Literal>speeding</fes:Literal></fes:PropertyIsEqualTo></fes:Filter>";
    String viaXPath = gml(KVP + "REQUEST=GetFeature&TYPENAMES=" + POINTS + "&COUNT=1000&FILTER="
        + java.net.URLEncoder.encode(filter, StandardCharsets.UTF_8), POINTS).body();
    assertEquals(ids(plain), ids(viaXPath));
    Http.Response values = http.get(KVP + "REQUEST=GetPropertyValue&TYPENAMES=" + POINTS
        + "&VALUEREFERENCE=kmzb:threats.points/kmzb:category%5B1%5D&COUNT=3");
    assertEquals(200, values.status(), values.toString());
    OgcSchemas.validate(values.body());
    exception(http.get(KVP + "REQUEST=GetPropertyValue&TYPENAMES=" + POINTS + "&VALUEREFERENCE=category%5B2%5D"), 400,
        "InvalidParameterValue");
    // in XML the prefix comes from the namespaces in scope
    String post = "<wfs:GetPropertyValue service=\"WFS\" version=\"2.0.0\" count=\"2\" valueReference=\"k:category\""
        + " xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:k=\"http://kmzb.pl/features\">"
        + "<wfs:Query typeNames=\"k:threats.points\"/></wfs:GetPropertyValue>";
    Http.Response posted = http.post("/wfs", "application/xml", post);
    assertEquals(200, posted.status(), posted.toString());
    OgcSchemas.validate(posted.body());
    exception(http.post("/wfs", "application/xml", post.replace("xmlns:k=\"http://kmzb.pl/features\"",
        "xmlns:k=\"http://kmzb.pl/features\" xmlns:o=\"urn:other\"").replace("valueReference=\"k:", "valueReference=\"o:")),
        400, "InvalidParameterValue");
  }

  @Test
  void capabilitiesDeclareBasicWfsWithSortingAndMinimumXPath() {
    String caps = http.get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities").body();
    for (String c : List.of("ImplementsBasicWFS", "ImplementsSorting", "ImplementsMinimumXPath")) {
      assertTrue(Pattern.compile("name=\"" + c + "\">\\s*<ows:NoValues/>\\s*<ows:DefaultValue>TRUE").matcher(caps).find(), c);
    }
    assertTrue(caps.contains("<ows:Parameter name=\"sortBy\"><ows:AllowedValues><ows:Value>@gml:id</ows:Value>"
        + "<ows:Value>reportedAt</ows:Value><ows:Value>category</ows:Value><ows:Value>status</ows:Value>"), caps);
    String schema = schema(POINTS); // compiles
    for (String p : List.of("reportedAt", "category", "status")) {
      assertTrue(schema.contains("Sortable: SORTBY " + p + " ASC|DESC"), p);
    }
    assertFalse(schema.contains("Sortable: SORTBY description"));
  }
}
