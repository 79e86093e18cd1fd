package pl.kmzb.wfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.GeometryFactory;
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

/**
 * WFS-T through HTTP on a real server and store: inserts and updates go through the report API's
 * rules and reach the API and the tiles; refused transactions (bad feature, forbidden move, no
 * credentials, hostile XML) store nothing and answer a schema-valid exception report.
 */
abstract class TransactionContract {
  static final String PASSWORD = "officer-password-1";
  static final String TYPE = "police.reports";
  /** Rynek Główny, Kraków. */
  static final double LON = 19.9383;
  static final double LAT = 50.0614;

  @TempDir
  Path dir;
  Application app;
  Http http;
  String adminBearer;

  abstract boolean postgis();

  @BeforeEach
  void start() throws Exception {
    app = FeatureServer.start(postgis(), dir);
    http = new Http(app.port());
    adminBearer = http.login("admin", FeatureServer.ADMIN_PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  String admin() {
    return basic("admin", FeatureServer.ADMIN_PASSWORD);
  }

  /** A police user created through the user API; returns their Basic header. */
  String user(String name, String role, String area) {
    Http.Response r = http.post("/api/users", "application/json", "{\"username\":\"" + name + "\",\"password\":\""
        + PASSWORD + "\",\"role\":\"" + role + "\",\"areas\":[\"" + area + "\"]}", "Authorization", adminBearer);
    assertEquals(201, r.status(), r.toString());
    return basic(name, PASSWORD);
  }

  static String transaction(String actions) {
    return "<wfs:Transaction service=\"WFS\" version=\"2.0.0\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\""
        + " xmlns:fes=\"http://www.opengis.net/fes/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\""
        + " xmlns:kmzb=\"" + WfsEndpoint.NAMESPACE + "\">" + actions + "</wfs:Transaction>";
  }

  static String feature(String category, String srsName, String pos, String extra) {
    return "<kmzb:" + TYPE + "><kmzb:geometry><gml:Point gml:id=\"p\"" + (srsName == null ? "" : " srsName=\""
        + srsName + "\"") + "><gml:pos>" + pos + "</gml:pos></gml:Point></kmzb:geometry><kmzb:category>" + category
        + "</kmzb:category>" + extra + "</kmzb:" + TYPE + ">";
  }

  static String insert(String handle, String... features) {
    return "<wfs:Insert" + (handle == null ? "" : " handle=\"" + handle + "\"") + ">" + String.join("", features)
        + "</wfs:Insert>";
  }

  static String update(String handle, String property, String value, String filter) {
    return "<wfs:Update typeName=\"kmzb:" + TYPE + "\" handle=\"" + handle + "\"><wfs:Property><wfs:ValueReference>"
        + property + "</wfs:ValueReference><wfs:Value>" + value + "</wfs:Value></wfs:Property><fes:Filter>" + filter
        + "</fes:Filter></wfs:Update>";
  }

  static String rid(long id) {
    return "<fes:ResourceId rid=\"" + TYPE + "." + id + "\"/>";
  }

  Http.Response post(String body, String... headers) {
    return http.post("/wfs", "application/xml", body, headers);
  }

  /** A committed transaction's response, validated against the WFS 2.0 schema. */
  Http.Response committed(Http.Response r) {
    assertEquals(200, r.status(), r.toString());
    OgcSchemas.validate(r.body());
    return r;
  }

  /** An exception report, validated, with its code and (when given) locator. */
  static void refused(Http.Response r, int status, String code, String locator) {
    assertEquals(status, r.status(), r.toString());
    OgcSchemas.validate(r.body());
    assertTrue(r.body().contains("exceptionCode=\"" + code + "\""), r.toString());
    if (locator != null) {
      assertTrue(r.body().contains("locator=\"" + locator), r.toString());
    }
  }

  static List<Long> inserted(String response) {
    List<Long> ids = new ArrayList<>();
    Matcher m = Pattern.compile("rid=\"" + Pattern.quote(TYPE) + "\\.(\\d+)\"").matcher(response.substring(0,
        response.contains("<wfs:UpdateResults") ? response.indexOf("<wfs:UpdateResults") : response.length()));
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }

  static String total(String response, String name) {
    Matcher m = Pattern.compile("<wfs:" + name + ">(\\d+)</wfs:" + name + ">").matcher(response);
    return m.find() ? m.group(1) : null;
  }

  long count() {
    return app.store().count(ReportFilter.ALL_INTERNAL);
  }

  /** A report in Kraków's county (1261), as boundaries would assign, stored directly. */
  Report stored(Status status) {
    return app.store().insert(new NewReport("illegal_parking", status, new LonLat(LON, LAT), Instant.now(), null,
        null, "Opis", Source.CITIZEN, Teryt.ofMunicipality("1261011"), null, null, false), "test");
  }

  @Test
  void insertedReportsAreInTheReportApiWithTheirFields() {
    Http.Response r = committed(post(transaction(insert("nowe-zgloszenia",
        feature("illegal_parking", "urn:ogc:def:crs:EPSG::4326", LAT + " " + LON,
            "<kmzb:occurredOn>2025-05-03</kmzb:occurredOn><kmzb:timeOfDay>evening</kmzb:timeOfDay>"
            + "<kmzb:description>Auta na chodniku</kmzb:description><kmzb:status></kmzb:status>"),
        feature("speeding", null, LAT + " " + LON, ""))), "Authorization", admin()));
    assertEquals("2", total(r.body(), "totalInserted"));
    assertEquals("0", total(r.body(), "totalUpdated"));
    assertTrue(r.body().contains("handle=\"nowe-zgloszenia\""), r.body());
    List<Long> ids = inserted(r.body());
    assertEquals(2, ids.size());
    JsonNode first = http.get("/api/reports/" + ids.get(0), "Authorization", adminBearer).json();
    assertEquals("illegal_parking", first.path("category").asText());
    assertEquals("new", first.path("status").asText());
    assertEquals("officer", first.path("source").asText());
    assertEquals("2025-05-03", first.path("occurredOn").asText());
    assertEquals("evening", first.path("timeOfDay").asText());
    assertEquals("Auta na chodniku", first.path("description").asText());
    assertEquals(LON, first.path("location").path("lon").asDouble(), 1e-9);
    assertEquals(LAT, first.path("location").path("lat").asDouble(), 1e-9);
    assertEquals("admin", app.store().history(ids.get(0)).get(0).actor());
    JsonNode second = http.get("/api/reports/" + ids.get(1), "Authorization", adminBearer).json();
    assertEquals("speeding", second.path("category").asText());
    assertEquals(LON, second.path("location").path("lon").asDouble(), 1e-9, "no srsName: the URN 4326, lat lon");
  }

  @Test
  void axisOrderFollowsTheSrsName() {
    CrsRegistry registry = CrsRegistry.standard();
    double[] en = registry.fromLonLat(registry.require("EPSG:2180")).apply(LON, LAT);
    Http.Response r = committed(post(transaction(insert(null,
        feature("speeding", "urn:ogc:def:crs:EPSG::4326", LAT + " " + LON, ""),
        feature("speeding", "http://www.opengis.net/def/crs/EPSG/0/4326", LAT + " " + LON, ""),
        feature("speeding", "EPSG:4326", LON + " " + LAT, ""),
        feature("speeding", "CRS:84", LON + " " + LAT, ""),
        feature("speeding", "http://www.opengis.net/def/crs/OGC/1.3/CRS84", LON + " " + LAT, ""),
        feature("speeding", "urn:ogc:def:crs:EPSG::2180", en[1] + " " + en[0], ""))),
        "Authorization", admin()));
    List<Long> ids = inserted(r.body());
    assertEquals(6, ids.size());
    for (long id : ids) {
      LonLat p = app.store().find(id).orElseThrow().location();
      assertEquals(LON, p.lon(), 1e-7, "report " + id);
      assertEquals(LAT, p.lat(), 1e-7, "report " + id);
    }
  }

  @Test
  void oneBadFeatureStoresNothing() {
    long before = count();
    Http.Response unknown = post(transaction(insert("partia", feature("speeding", null, LAT + " " + LON, ""),
        feature("no_such_category", null, LAT + " " + LON, ""))), "Authorization", admin());
    refused(unknown, 400, "InvalidParameterValue", "partia/police.reports[2]");
    assertTrue(unknown.body().contains("unknown category"), unknown.body());
    Http.Response abroad = post(transaction(insert(null, feature("speeding", null, LAT + " " + LON, ""),
        feature("speeding", "CRS:84", "13.4050 52.5200", ""))), "Authorization", admin());
    refused(abroad, 400, "InvalidParameterValue", "Insert[1]/police.reports[2]");
    assertTrue(abroad.body().contains("not in Poland"), abroad.body());
    refused(post(transaction(insert(null, feature("speeding", null, LAT + " " + LON,
        "<kmzb:status>confirmed</kmzb:status>"))), "Authorization", admin()), 400, "InvalidParameterValue", null);
    refused(post(transaction(insert(null, feature("speeding", null, LAT + " " + LON, "")) + "<wfs:Delete typeName=\""
        + "kmzb:police.reports\" handle=\"usun\"><fes:Filter>" + rid(1) + "</fes:Filter></wfs:Delete>"),
        "Authorization", admin()), 501, "OperationNotSupported", "usun");
    refused(post(transaction(insert(null, "<kmzb:threats.points><kmzb:category>speeding</kmzb:category>"
        + "</kmzb:threats.points>")), "Authorization", admin()), 400, "InvalidParameterValue", null);
    assertEquals(before, count());
  }

  /** The document QGIS 3.22 writes to any WFS it edits, 2.0 included: WFS 1.0.0, GML 2, lon,lat. */
  static String qgisInsert(String srsName) {
    return "<Transaction xmlns=\"http://www.opengis.net/wfs\" version=\"1.0.0\" xmlns:gml=\"http://www.opengis.net/gml\""
        + " xmlns:kmzb=\"" + WfsEndpoint.NAMESPACE + "\" service=\"WFS\"><Insert xmlns=\"http://www.opengis.net/wfs\">"
        + "<police.reports xmlns=\"" + WfsEndpoint.NAMESPACE + "\"><category>illegal_parking</category>"
        + "<description>QGIS</description><geometry><gml:Point srsName=\"" + srsName + "\"><gml:coordinates cs=\",\""
        + " ts=\" \">" + LON + "," + LAT + "</gml:coordinates></gml:Point></geometry></police.reports></Insert>"
        + "</Transaction>";
  }

  @Test
  void wfs10TransactionsAsQgisWritesThem() {
    String officer = user("koordynator", "local_coordinator", "1261");
    Http.Response r = post(qgisInsert("urn:ogc:def:crs:EPSG::4326"), "Authorization", admin());
    assertEquals(200, r.status(), r.toString());
    OgcSchemas.validate(r.body());
    assertTrue(r.body().contains("<wfs:SUCCESS"), r.body());
    List<Long> ids = inserted(r.body().replace("fid=", "rid="));
    assertEquals(1, ids.size(), r.body());
    Report stored = app.store().find(ids.get(0)).orElseThrow();
    assertEquals(LON, stored.location().lon(), 1e-9, "WFS 1.0: east first whatever the spelling");
    assertEquals(LAT, stored.location().lat(), 1e-9);
    assertEquals(Source.OFFICER, stored.source());
    Report target = stored(Status.NEW);
    String update = "<wfs:Transaction xmlns:wfs=\"http://www.opengis.net/wfs\" xmlns:ogc=\"http://www.opengis.net/ogc\""
        + " service=\"WFS\" version=\"1.1.0\"><wfs:Update typeName=\"kmzb:police.reports\" xmlns:kmzb=\""
        + WfsEndpoint.NAMESPACE + "\"><wfs:Property><wfs:Name>status</wfs:Name><wfs:Value>verification</wfs:Value>"
        + "</wfs:Property><ogc:Filter><ogc:FeatureId fid=\"police.reports." + target.id() + "\"/></ogc:Filter>"
        + "</wfs:Update></wfs:Transaction>";
    Http.Response moved = post(update, "Authorization", officer);
    assertEquals(200, moved.status(), moved.toString());
    OgcSchemas.validate(moved.body());
    assertEquals("1", total(moved.body(), "totalUpdated"));
    assertEquals(Status.VERIFICATION, app.store().find(target.id()).orElseThrow().status());
  }

  @Test
  void unauthenticatedTransactionsAreRefusedAndStoreNothing() {
    String body = transaction(insert(null, feature("speeding", null, LAT + " " + LON, "")));
    Http.Response anonymous = post(body);
    refused(anonymous, 401, "OperationProcessingFailed", null);
    assertTrue(anonymous.header("WWW-Authenticate").startsWith("Basic realm=\"kmzb\""), anonymous.toString());
    refused(post(body, "Authorization", basic("admin", "wrong-password")), 401, "OperationProcessingFailed", null);
    refused(post(body, "Authorization", "Bearer not-a-token"), 401, "OperationProcessingFailed", null);
    refused(http.get(WfsContract.KVP + "REQUEST=Transaction"), 501, "OperationNotSupported", "REQUEST");
    assertEquals(0, count());
    committed(post(body, "Authorization", adminBearer)); // a bearer token works as in the rest of WFS
    assertEquals(1, count());
  }

  @Test
  void capabilitiesDeclareTransactionOnlyToPoliceCallers() {
    Http.Response anonymous = http.get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities");
    OgcSchemas.validate(anonymous.body());
    assertFalse(anonymous.body().contains("name=\"Transaction\""));
    assertTrue(anonymous.body().matches("(?s).*name=\"ImplementsTransactionalWFS\">.*?FALSE.*"));
    Http.Response police = http.get("/wfs?SERVICE=WFS&REQUEST=GetCapabilities", "Authorization", admin());
    OgcSchemas.validate(police.body());
    assertTrue(police.body().contains("<ows:Operation name=\"Transaction\">"), police.body());
    // Insert and Update only: the conformance class (which needs Replace and Delete too) is not claimed.
    assertTrue(police.body().matches("(?s).*name=\"ImplementsTransactionalWFS\"><ows:NoValues/><ows:DefaultValue>"
        + "FALSE.*"), police.body());
  }

  @Test
  void statusUpdatesFollowTheWorkflow() {
    Report r = stored(Status.NEW);
    String officer = user("dzielnicowy", "officer", "1261");
    String coordinator = user("koordynator", "local_coordinator", "1261");
    String elsewhere = user("gdansk", "local_coordinator", "2261");
    Http.Response forbidden = post(transaction(update("potwierdz", "status", "confirmed", rid(r.id()))),
        "Authorization", officer);
    refused(forbidden, 403, "OperationProcessingFailed", "potwierdz/police.reports." + r.id());
    refused(post(transaction(update("obcy", "status", "verification", rid(r.id()))), "Authorization", elsewhere),
        403, "OperationProcessingFailed", "obcy");
    assertEquals(r, app.store().find(r.id()).orElseThrow(), "nothing changed");
    Http.Response taken = committed(post(transaction(update("przyjmij", "kmzb:status", "verification", rid(r.id()))),
        "Authorization", coordinator));
    assertEquals("1", total(taken.body(), "totalUpdated"));
    assertTrue(taken.body().contains("<wfs:UpdateResults><wfs:Feature handle=\"przyjmij\"><fes:ResourceId rid=\""
        + TYPE + "." + r.id() + "\""), taken.body());
    Report moved = app.store().find(r.id()).orElseThrow();
    assertEquals(Status.VERIFICATION, moved.status());
    assertEquals("koordynator", app.store().history(r.id()).get(1).actor());
    // A filter the store answers (status and category), two properties at once.
    String byStatus = "<fes:And><fes:PropertyIsEqualTo><fes:ValueReference>status</fes:ValueReference>"
        + "<fes:Literal>verification</fes:Literal></fes:PropertyIsEqualTo><fes:PropertyIsEqualTo><fes:ValueReference>"
        + "category</fes:ValueReference><fes:Literal>illegal_parking</fes:Literal></fes:PropertyIsEqualTo></fes:And>";
    String both = "<wfs:Update typeName=\"kmzb:" + TYPE + "\"><wfs:Property><wfs:ValueReference>status"
        + "</wfs:ValueReference><wfs:Value>confirmed</wfs:Value></wfs:Property><wfs:Property><wfs:ValueReference>"
        + "descriptionPublic</wfs:ValueReference><wfs:Value>true</wfs:Value></wfs:Property><fes:Filter>" + byStatus
        + "</fes:Filter></wfs:Update>";
    committed(post(transaction(both), "Authorization", officer));
    Report confirmed = app.store().find(r.id()).orElseThrow();
    assertEquals(Status.CONFIRMED, confirmed.status());
    assertTrue(confirmed.descriptionPublic());
    refused(post(transaction(update("bez-zmian", "status", "confirmed", rid(r.id()))), "Authorization", officer),
        403, "OperationProcessingFailed", "bez-zmian");
    refused(post(transaction(update("zla", "status", "no_such_status", rid(r.id()))), "Authorization", officer),
        400, "InvalidParameterValue", "zla");
    refused(post(transaction(update("kategoria", "category", "speeding", rid(r.id()))), "Authorization", officer),
        400, "InvalidParameterValue", "kategoria");
  }

  @Test
  void aTransactionWithOneForbiddenMoveStoresNothing() {
    Report a = stored(Status.NEW);
    Report b = stored(Status.NEW);
    String officer = user("dzielnicowy", "officer", "1261");
    long before = count();
    // The insert and the description are allowed; an officer may not take up a new report.
    Http.Response r = post(transaction(insert(null, feature("speeding", null, LAT + " " + LON, ""))
        + update("opis", "descriptionPublic", "true", rid(a.id()))
        + update("przyjmij", "status", "verification", rid(b.id()))), "Authorization", officer);
    refused(r, 403, "OperationProcessingFailed", "przyjmij");
    assertEquals(before, count());
    assertEquals(a, app.store().find(a.id()).orElseThrow());
    assertEquals(b, app.store().find(b.id()).orElseThrow());
  }

  @Test
  void hostileXmlIsRefusedInBoundedTimeAndStoresNothing() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + transaction(insert(null, feature("speeding", null, LAT + " " + LON, "<kmzb:description>&x;"
        + "</kmzb:description>")));
    String laughs = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY a \"aaaaaaaaaa\">"
        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
        + transaction(insert(null, feature("speeding", null, LAT + " " + LON, "<kmzb:description>&e;&e;&e;"
        + "</kmzb:description>")));
    String undeclared = transaction(insert(null, feature("speeding", null, LAT + " " + LON,
        "<kmzb:description>&x;</kmzb:description>")));
    String deep = transaction(insert(null, feature("speeding", null, LAT + " " + LON, "<kmzb:description>"
        + "<a>".repeat(5_000) + "</a>".repeat(5_000) + "</kmzb:description>")));
    String wide = transaction(insert(null, feature("speeding", null, LAT + " " + LON, "<kmzb:description>"
        + "<a/>".repeat(150_000) + "</kmzb:description>")));
    String huge = transaction(insert(null, feature("speeding", null, LAT + " " + LON, "<kmzb:description>"
        + "x".repeat(2 << 20) + "</kmzb:description>")));
    for (String body : List.of(xxe, laughs, undeclared, deep, wide, huge)) {
      long start = System.nanoTime();
      Http.Response r = post(body, "Authorization", admin());
      long millis = (System.nanoTime() - start) / 1_000_000;
      refused(r, 400, "OperationParsingFailed", null);
      assertFalse(r.body().contains("root:"), r.body());
      assertTrue(millis < 5_000, millis + " ms");
    }
    assertEquals(0, count());
  }

  @Test
  void anInsertShowsInTheTilesWithinASecond() throws Exception {
    int z = 16;
    int n = 1 << z;
    int x = (int) Math.floor((LON + 180) / 360 * n);
    double rad = Math.toRadians(LAT);
    int y = (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n);
    String tile = "/tiles/threats/" + z + "/" + x + "/" + y + ".mvt";
    long deadline = System.currentTimeMillis() + 60_000;
    while (!app.readiness().isReady() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    int before = tileFeatures(tile);
    committed(post(transaction(insert(null, feature("illegal_parking", null, LAT + " " + LON, ""))),
        "Authorization", admin()));
    long committedAt = System.nanoTime();
    int after = before;
    while (after == before && System.nanoTime() - committedAt < 1_000_000_000L) {
      after = tileFeatures(tile);
    }
    assertEquals(before + 1, after, "the inserted report is in the tile within a second");
  }

  private int tileFeatures(String path) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(http.base() + path))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 204) {
      return 0;
    }
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    int count = 0;
    for (JtsLayer l : MvtReader.loadMvt(new ByteArrayInputStream(r.body()), new GeometryFactory(),
        new TagKeyValueMapConverter()).getLayers()) {
      count += l.getGeometries().size();
    }
    return count;
  }
}
