package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.server.Application;

/**
 * WMS 1.3.0 and 1.1.1 against a running server with two known public reports (illegal parking in
 * Warsaw, speeding in Kraków): every operation, format and exception code, both versions' axis
 * orders, reprojection, police-layer access, and limits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WmsApiContract {
  static final String ADMIN_PASSWORD = "admin-password-for-wms-tests";
  /** wms.max-scan-features of the test server: small, so a national map of the known reports exceeds it. */
  static final int MAX_SCAN = 3;
  /** Warsaw, the Palace of Culture: an illegal-parking report (exact position: no generalisation). */
  static final double WAW_LON = 21.0067;
  static final double WAW_LAT = 52.2319;
  static final double KRK_LON = 19.9450;
  static final double KRK_LAT = 50.0647;
  static final double LODZ_LON = 19.4560;
  static final double LODZ_LAT = 51.7592;

  Path dir;
  Application app;
  WmsClient client;
  String admin;

  abstract List<String> storeArgs(Path dir);

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("wms-test");
    List<String> args = new ArrayList<>(storeArgs(dir));
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + ADMIN_PASSWORD, "--wms.max-width=2048", "--wms.max-height=2048",
        "--wms.max-scan-features=" + MAX_SCAN));
    app = Application.start(ConfigLoader.load(args, Map.of()));
    client = new WmsClient(app.port());
    for (long deadline = System.currentTimeMillis() + 60_000; client.get("/health", List.of()).status() != 200; ) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the server did not become ready");
      }
      Thread.sleep(50);
    }
    admin = client.login("admin", ADMIN_PASSWORD);
    report("illegal_parking", WAW_LON, WAW_LAT);
    report("speeding", KRK_LON, KRK_LAT);
    // Two reports a hundred metres apart in Łódź: one cluster at national scale.
    report("illegal_parking", LODZ_LON, LODZ_LAT);
    report("speeding", LODZ_LON + 0.001, LODZ_LAT + 0.0008);
  }

  private void report(String category, double lon, double lat) {
    WmsClient.Response r = client.postJson("/api/reports", "{\"category\":\"" + category + "\",\"lon\":" + lon
        + ",\"lat\":" + lat + "}", "Authorization", admin);
    assertEquals(201, r.status(), r.toString());
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  // ---- capabilities ----------------------------------------------------------------------------

  @Test
  void capabilities130ListThePublicLayersWithBoundsInEveryCrs() {
    WmsClient.Response r = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0");
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.contentType().startsWith("text/xml"), r.contentType());
    String xml = r.text();
    assertTrue(xml.contains("<WMS_Capabilities xmlns=\"http://www.opengis.net/wms\""), xml);
    assertTrue(xml.contains("<Name>threats.clusters</Name>"));
    assertFalse(xml.contains("<Name>police.reports</Name>"), "anonymous callers do not see police layers");
    assertTrue(xml.contains("<CRS>EPSG:2180</CRS>") && xml.contains("<CRS>CRS:84</CRS>"));
    assertTrue(xml.contains("<BoundingBox CRS=\"EPSG:4326\" minx=\"48.900000\" miny=\"14.000000\""),
        "EPSG:4326 bounds are latitude first in 1.3.0");
    assertTrue(xml.contains("<BoundingBox CRS=\"CRS:84\" minx=\"14.000000\" miny=\"48.900000\""));
    assertTrue(xml.contains("<Dimension name=\"time\" units=\"ISO8601\""), "the TIME dimension");
    assertTrue(xml.contains("REQUEST=GetLegendGraphic"), "legend URLs");
    assertTrue(xml.contains("<sld:GetLegendGraphic>"));
    assertEquals("no-store", r.header("Cache-Control"));
  }

  /**
   * What headless QGIS 3.22 does: it first loads a public layer (anonymous capabilities of
   * {@code /wms?SERVICE=WMS&REQUEST=GetCapabilities}), then a police layer with HTTP Basic sent
   * preemptively to the very same URL. Its disk cache keys by URL only and serves a stored copy without
   * asking again, so the anonymous document may not be storable, or the officer's layer is looked up
   * in it and is missing.
   */
  @Test
  void capabilitiesOfTheSameUrlAreNeverStoredSoAnOfficerNeverGetsTheAnonymousCopy() {
    String[] qgis = {"SERVICE", "WMS", "REQUEST", "GetCapabilities"};
    WmsClient.Response anonymous = client.wms(qgis);
    WmsClient.Response officer = client.wms(List.of("Authorization", WmsClient.basic("admin", ADMIN_PASSWORD)), qgis);
    assertFalse(anonymous.text().contains("<Name>police.reports</Name>"));
    assertTrue(officer.text().contains("<Name>police.reports</Name>"), officer.toString());
    for (WmsClient.Response r : List.of(anonymous, officer)) {
      assertTrue(List.of(r.header("Cache-Control").split(",\\s*")).contains("no-store"), r.header("Cache-Control"));
      assertEquals("Authorization", r.header("Vary"));
    }
    WmsClient.Response v111 = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.1.1");
    assertEquals("no-store", v111.header("Cache-Control"));
  }

  @Test
  void capabilities111AreEastFirstWithTheirDtd() {
    String xml = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.1.1").text();
    assertTrue(xml.contains("<!DOCTYPE WMT_MS_Capabilities SYSTEM"), xml);
    assertTrue(xml.contains("<WMT_MS_Capabilities version=\"1.1.1\""));
    assertTrue(xml.contains("<BoundingBox SRS=\"EPSG:4326\" minx=\"14.000000\" miny=\"48.900000\""),
        "1.1.1 is always east first");
    assertTrue(xml.contains("<SRS>EPSG:2180</SRS>"));
    assertTrue(xml.contains("<Extent name=\"time\""));
  }

  @Test
  void versionsAreNegotiated() {
    assertTrue(client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities").text().contains("version=\"1.3.0\""));
    assertTrue(client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.2.0").text()
        .contains("<WMT_MS_Capabilities version=\"1.1.1\""));
    assertTrue(client.wms("REQUEST", "capabilities", "WMTVER", "1.0.0").text()
        .contains("<WMT_MS_Capabilities version=\"1.1.1\""));
    assertTrue(client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "9.9.9").text()
        .contains("<WMS_Capabilities"));
    WmsClient.Response html = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "FORMAT", "text/html");
    assertTrue(html.contentType().startsWith("text/xml"), "an unknown format gets the default one");
  }

  @Test
  void officersSeePoliceLayersInPrivateCapabilities() {
    WmsClient.Response r = client.wms(List.of("Authorization", admin), "SERVICE", "WMS", "REQUEST", "GetCapabilities");
    assertTrue(r.text().contains("<Name>police.reports</Name>"), r.text());
    assertEquals("private, no-store", r.header("Cache-Control"));
  }

  @Test
  void updateSequenceExceptions() {
    String xml = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities").text();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("updateSequence=\"(\\d+)\"").matcher(xml);
    assertTrue(m.find(), xml);
    long current = Long.parseLong(m.group(1));
    assertCode("CurrentUpdateSequence", client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "UPDATESEQUENCE",
        Long.toString(current)));
    assertCode("InvalidUpdateSequence", client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "UPDATESEQUENCE",
        Long.toString(current + 1)));
    assertCode("InvalidUpdateSequence", client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "UPDATESEQUENCE",
        "yesterday"));
    assertTrue(client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "UPDATESEQUENCE",
        Long.toString(current - 1)).text().contains("<WMS_Capabilities"));
  }

  // ---- GetMap ----------------------------------------------------------------------------------

  /** A GetMap of the points layer around Warsaw in EPSG:4326, in the given version's axis order. */
  WmsClient.Response warsaw4326(String version, String format, String... extra) {
    double d = 0.02;
    String bbox = version.equals("1.3.0")
        ? (WAW_LAT - d) + "," + (WAW_LON - d) + "," + (WAW_LAT + d) + "," + (WAW_LON + d)
        : (WAW_LON - d) + "," + (WAW_LAT - d) + "," + (WAW_LON + d) + "," + (WAW_LAT + d);
    Map<String, String> p = new java.util.LinkedHashMap<>();
    String[] base = {"SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", version, "LAYERS", "threats.points",
        "STYLES", "", version.equals("1.3.0") ? "CRS" : "SRS", "EPSG:4326", "BBOX", bbox, "WIDTH", "200",
        "HEIGHT", "200", "FORMAT", format, "TRANSPARENT", "TRUE"};
    for (int i = 0; i < base.length; i += 2) {
      p.put(base[i], base[i + 1]);
    }
    for (int i = 0; i < extra.length; i += 2) {
      p.put(extra[i], extra[i + 1]);
    }
    List<String> flat = new ArrayList<>();
    p.forEach((k, v) -> {
      flat.add(k);
      flat.add(v);
    });
    return client.wms(flat.toArray(String[]::new));
  }

  static boolean drawnNear(BufferedImage img, int x, int y, int radius) {
    for (int dy = -radius; dy <= radius; dy++) {
      for (int dx = -radius; dx <= radius; dx++) {
        int px = x + dx;
        int py = y + dy;
        if (px >= 0 && py >= 0 && px < img.getWidth() && py < img.getHeight() && (img.getRGB(px, py) >>> 24) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void everyFormatDecodes() {
    WmsClient.Response png = warsaw4326("1.3.0", "image/png");
    assertEquals(200, png.status(), png.toString());
    assertEquals("image/png", png.contentType());
    BufferedImage img = png.image();
    assertEquals(200, img.getWidth());
    assertTrue(img.getColorModel().hasAlpha());
    assertTrue(drawnNear(img, 100, 100, 3), "the report is drawn at the centre");
    assertEquals(0, img.getRGB(5, 5) >>> 24, "transparent elsewhere");

    WmsClient.Response png8 = warsaw4326("1.3.0", "image/png; mode=8bit");
    assertEquals("image/png; mode=8bit", png8.contentType());
    BufferedImage img8 = png8.image();
    assertTrue(img8.getColorModel() instanceof java.awt.image.IndexColorModel, "a palette image");
    assertTrue(drawnNear(img8, 100, 100, 3));
    assertEquals(0, img8.getRGB(5, 5) >>> 24, "PNG8 keeps transparency");

    WmsClient.Response jpeg = warsaw4326("1.3.0", "image/jpeg");
    assertEquals("image/jpeg", jpeg.contentType());
    BufferedImage imgJ = jpeg.image();
    assertFalse(imgJ.getColorModel().hasAlpha());
    assertEquals(200, imgJ.getHeight());
  }

  @Test
  void bgcolorFillsAnOpaqueMap() {
    BufferedImage img = warsaw4326("1.3.0", "image/png", "TRANSPARENT", "FALSE", "BGCOLOR", "0x336699").image();
    assertEquals(0xFF336699, img.getRGB(3, 3));
  }

  @Test
  void bothVersionsAxisOrdersDrawTheSameMap() {
    BufferedImage v13 = warsaw4326("1.3.0", "image/png").image();
    BufferedImage v11 = warsaw4326("1.1.1", "image/png").image();
    double d = 0.02;
    BufferedImage crs84 = client.wms("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
        "threats.points", "STYLES", "", "CRS", "CRS:84", "BBOX", (WAW_LON - d) + "," + (WAW_LAT - d) + ","
            + (WAW_LON + d) + "," + (WAW_LAT + d), "WIDTH", "200", "HEIGHT", "200", "FORMAT", "image/png",
        "TRANSPARENT", "TRUE").image();
    for (int y = 0; y < 200; y += 3) {
      for (int x = 0; x < 200; x += 3) {
        assertEquals(v13.getRGB(x, y), v11.getRGB(x, y), "pixel " + x + "," + y);
        assertEquals(v13.getRGB(x, y), crs84.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void aPointLandsOnItsPixelInEpsg2180InBothVersions() {
    double[] en = CrsRegistry.standard().fromLonLat(CrsRegistry.standard().require("EPSG:2180")).apply(WAW_LON, WAW_LAT);
    // The report sits a quarter in from the left and from the top of a 4 km square: 200 px, 20 m a pixel.
    double minE = en[0] - 1000;
    double maxE = en[0] + 3000;
    double minN = en[1] - 3000;
    double maxN = en[1] + 1000;
    BufferedImage v13 = client.wms("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
        "threats.points", "STYLES", "", "CRS", "EPSG:2180", "BBOX", minN + "," + minE + "," + maxN + "," + maxE,
        "WIDTH", "200", "HEIGHT", "200", "FORMAT", "image/png", "TRANSPARENT", "TRUE").image();
    assertTrue(drawnNear(v13, 50, 50, 2), "1.3.0: EPSG:2180 is northing first");
    assertFalse(drawnNear(v13, 150, 150, 20), "nothing where a swapped axis would put it");
    BufferedImage v11 = client.wms("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.1.1", "LAYERS",
        "threats.points", "STYLES", "", "SRS", "EPSG:2180", "BBOX", minE + "," + minN + "," + maxE + "," + maxN,
        "WIDTH", "200", "HEIGHT", "200", "FORMAT", "image/png", "TRANSPARENT", "TRUE").image();
    assertTrue(drawnNear(v11, 50, 50, 2), "1.1.1: east first");
  }

  @Test
  void parameterNamesAreCaseInsensitive() {
    double d = 0.02;
    WmsClient.Response r = client.wms("service", "WMS", "request", "GetMap", "version", "1.1.1", "layers",
        "threats.points", "styles", "", "srs", "EPSG:4326", "bbox", (WAW_LON - d) + "," + (WAW_LAT - d) + ","
            + (WAW_LON + d) + "," + (WAW_LAT + d), "width", "200", "Height", "200", "format", "image/png",
        "transparent", "true");
    assertEquals("image/png", r.contentType(), r.toString());
    assertTrue(drawnNear(r.image(), 100, 100, 3));
  }

  @Test
  void sharedFiltersAndTimeSelectReports() {
    assertFalse(drawnNear(warsaw4326("1.3.0", "image/png", "CATEGORY", "speeding").image(), 100, 100, 3),
        "the Warsaw report is illegal parking");
    assertTrue(drawnNear(warsaw4326("1.3.0", "image/png", "category", "illegal_parking", "STATUS", "new").image(),
        100, 100, 3));
    String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Warsaw")).toString();
    assertTrue(drawnNear(warsaw4326("1.3.0", "image/png", "TIME", today).image(), 100, 100, 3));
    assertFalse(drawnNear(warsaw4326("1.3.0", "image/png", "TIME", "2017-01-01/2017-12-31").image(), 100, 100, 3));
    assertFalse(drawnNear(warsaw4326("1.3.0", "image/png", "CQL_FILTER", "category = 'speeding'").image(), 100, 100, 3));
    assertTrue(drawnNear(warsaw4326("1.3.0", "image/png", "CQL_FILTER",
        "category IN ('illegal_parking', 'speeding') AND status = 'new' AND reportedAt > TIMESTAMP('2020-01-01T00:00:00Z')")
        .image(), 100, 100, 3));
    assertCode("InvalidParameterValue", warsaw4326("1.3.0", "image/png", "CQL_FILTER", "category = "));
    assertCode("InvalidParameterValue", warsaw4326("1.3.0", "image/png", "CQL_FILTER", "source = 'citizen'"));
    assertCode("InvalidParameterValue", warsaw4326("1.3.0", "image/png", "SOURCE", "citizen"));
    assertCode("InvalidParameterValue", warsaw4326("1.3.0", "image/png", "AREA", "warsaw"));
    assertFalse(drawnNear(warsaw4326("1.3.0", "image/png", "AREA", "12").image(), 100, 100, 3),
        "no boundaries are loaded here, so no report lies in Małopolska (12)");
    assertCode("InvalidParameterValue", warsaw4326("1.3.0", "image/png", "STATUS", "joke_or_mistake"));
  }

  /**
   * A CQL_FILTER the cluster index cannot answer (a description, the police layer's source) is drawn
   * from the store as single reports, in the layer's view: the public sees published descriptions at
   * public positions, officers everything; the heat map refuses it; a map over the cap says so.
   */
  @Test
  void aCqlFilterTheIndexCannotAnswerIsDrawnFromTheStore() {
    double lon = 14.5528;
    double lat = 53.4285;
    pl.kmzb.report.Actor officer = pl.kmzb.report.Actor.system("wms-test");
    pl.kmzb.report.Report published = app.store().insert(described("illegal_parking", lon - 0.007, lat,
        "dziura w jezdni"), "wms-test");
    app.store().setDescriptionPublic(published.id(), published.version(), officer, true);
    app.store().insert(described("illegal_parking", lon + 0.007, lat, "dziura w jezdni, niepublikowane"), "wms-test");
    pl.kmzb.report.Report other = app.store().insert(described("speeding", lon, lat + 0.007, "nic"), "wms-test");
    app.store().setDescriptionPublic(other.id(), other.version(), officer, true);
    double d = 0.02;
    String box = (lon - d) + "," + (lat - d) + "," + (lon + d) + "," + (lat + d);
    java.util.function.BiFunction<String, String, WmsClient.Response> map = (layer, cql) -> client.wms(
        layer.startsWith("police") ? List.of("Authorization", admin) : List.of(), "SERVICE", "WMS", "REQUEST", "GetMap",
        "VERSION", "1.3.0", "LAYERS", layer, "STYLES", "", "CRS", "CRS:84", "BBOX", box, "WIDTH", "200", "HEIGHT",
        "200", "FORMAT", "image/png", "TRANSPARENT", "TRUE", "CQL_FILTER", cql);
    // 0.0002° a pixel: the published report at column 65, the unpublished one at 135 (row 100), the
    // speeding report at column 100, row 65.
    BufferedImage dziura = map.apply("threats.points", "description LIKE '%dziura%'").image();
    assertTrue(drawnNear(dziura, 65, 100, 2), "the published description matches");
    assertFalse(drawnNear(dziura, 135, 100, 12), "an unpublished description is not public");
    assertFalse(drawnNear(dziura, 100, 65, 12), "another description does not match");
    BufferedImage speeding = map.apply("category.speeding", "description IS NOT NULL").image();
    assertTrue(drawnNear(speeding, 100, 65, 2), "the category layer draws its own category");
    assertFalse(drawnNear(speeding, 65, 100, 12), "and no other");
    BufferedImage police = map.apply("police.reports", "description LIKE '%dziura%' AND source = 'police_system'")
        .image();
    assertTrue(drawnNear(police, 65, 100, 2) && drawnNear(police, 135, 100, 2), "officers match every description");
    assertFalse(drawnNear(police, 100, 65, 12));
    assertCode("InvalidParameterValue", map.apply("threats.heatmap", "description LIKE '%dziura%'"));
    assertCode("InvalidParameterValue", map.apply("threats.points", "source = 'police_system'"));
    WmsClient.Response info = client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.3.0", "LAYERS",
        "threats.points", "QUERY_LAYERS", "threats.points", "STYLES", "", "CRS", "CRS:84", "BBOX", box, "WIDTH", "200",
        "HEIGHT", "200", "I", "65", "J", "100", "INFO_FORMAT", "application/json", "CQL_FILTER",
        "description LIKE '%dziura%'");
    assertTrue(info.text().contains("\"" + published.id() + "\""), info.text());
    assertFalse(info.text().contains("niepublikowane"), info.text());
    // All of Poland: every report without a description matches, more than the cap of MAX_SCAN.
    BufferedImage cut = client.wms("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
        "threats.points", "STYLES", "", "CRS", "CRS:84", "BBOX", "14,49,24.2,55", "WIDTH", "500", "HEIGHT", "300",
        "FORMAT", "image/png", "CQL_FILTER", "description IS NULL").image();
    assertTrue(hasNoticeRed(cut), "a map cut at the cap says so");
    BufferedImage whole = client.wms("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
        "threats.points", "STYLES", "", "CRS", "CRS:84", "BBOX", box, "WIDTH", "200", "HEIGHT", "200",
        "FORMAT", "image/png", "CQL_FILTER", "description LIKE '%dziura%'").image();
    assertFalse(hasNoticeRed(whole), "one report is under the cap");
  }

  /** The cap notice's dark red (0xb00020) in the bottom-left band. */
  private static boolean hasNoticeRed(BufferedImage img) {
    for (int y = img.getHeight() - 18; y < img.getHeight(); y++) {
      for (int x = 0; x < Math.min(img.getWidth(), 200); x++) {
        int rgb = img.getRGB(x, y);
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        if (r > 150 && g < 40 && b < 60) {
          return true;
        }
      }
    }
    return false;
  }

  private static pl.kmzb.report.NewReport described(String category, double lon, double lat, String description) {
    return new pl.kmzb.report.NewReport(category, pl.kmzb.report.Status.NEW, new pl.kmzb.geo.LonLat(lon, lat),
        java.time.Instant.now().minusSeconds(3600), null, null, description, pl.kmzb.report.Source.POLICE_SYSTEM,
        pl.kmzb.report.Teryt.NONE, null, null, false);
  }

  @Test
  void aTimeListDrawsEachOfItsDaysInOneMap() throws Exception {
    // Two imported reports of spring 2020 in Poznań, a kilometre apart (west: 1 March, east: 1 May).
    double lon = 16.9252;
    double lat = 52.4064;
    app.store().insertAll(List.of(past(lon - 0.007, lat, "2020-03-01T10:00:00Z"),
        past(lon + 0.007, lat, "2020-05-01T10:00:00Z")), "wms-test");
    double d = 0.02;
    java.util.function.Function<String, BufferedImage> at = time -> client.wms("SERVICE", "WMS", "REQUEST", "GetMap",
        "VERSION", "1.3.0", "LAYERS", "threats.points", "STYLES", "", "CRS", "CRS:84", "BBOX", (lon - d) + ","
            + (lat - d) + "," + (lon + d) + "," + (lat + d), "WIDTH", "200", "HEIGHT", "200", "FORMAT", "image/png",
        "TRANSPARENT", "TRUE", "TIME", time).image();
    // 0.0002° a pixel: the west report at column 65, the east one at 135, both on row 100.
    for (long deadline = System.currentTimeMillis() + 10_000; !drawnNear(at.apply("2020"), 65, 100, 2)
        && System.currentTimeMillis() < deadline; ) {
      Thread.sleep(50);
    }
    BufferedImage both = at.apply("2020-03-01,2020-05-01");
    assertTrue(drawnNear(both, 65, 100, 2) && drawnNear(both, 135, 100, 2), "a list draws each of its days");
    BufferedImage march = at.apply("2020-03-01");
    assertTrue(drawnNear(march, 65, 100, 2) && !drawnNear(march, 135, 100, 2), "an instant is its day");
    BufferedImage range = at.apply("2020-03-01/2020-04-30");
    assertTrue(drawnNear(range, 65, 100, 2) && !drawnNear(range, 135, 100, 2), "a range ends with its last day");
    BufferedImage april = at.apply("2020-04");
    assertFalse(drawnNear(april, 65, 100, 2) || drawnNear(april, 135, 100, 2), "nothing in April");
  }

  private static pl.kmzb.report.NewReport past(double lon, double lat, String at) {
    return new pl.kmzb.report.NewReport("illegal_parking", pl.kmzb.report.Status.NEW, new pl.kmzb.geo.LonLat(lon, lat),
        java.time.Instant.parse(at), null, null, null, pl.kmzb.report.Source.POLICE_SYSTEM, pl.kmzb.report.Teryt.NONE,
        null, null, false);
  }

  @Test
  void policeLayersNeedCredentials() {
    WmsClient.Response anonymous = client.wms("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS",
        "police.reports", "STYLES", "", "CRS", "CRS:84", "BBOX", "14,49,24,55", "WIDTH", "100", "HEIGHT", "100",
        "FORMAT", "image/png");
    assertEquals(401, anonymous.status(), anonymous.toString());
    assertTrue(anonymous.header("WWW-Authenticate").startsWith("Basic realm=\"kmzb\""));
    assertTrue(anonymous.text().contains("ServiceExceptionReport"));
    WmsClient.Response officer = client.wms(List.of("Authorization", admin), "SERVICE", "WMS", "REQUEST", "GetMap",
        "VERSION", "1.3.0", "LAYERS", "police.reports", "STYLES", "", "CRS", "CRS:84", "BBOX", "14,49,24,55",
        "WIDTH", "100", "HEIGHT", "100", "FORMAT", "image/png");
    assertEquals(200, officer.status(), officer.toString());
    assertEquals("private, no-store", officer.header("Cache-Control"));
    officer.image();
    String[] info = {"SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.3.0", "LAYERS", "police.reports",
        "QUERY_LAYERS", "police.reports", "STYLES", "", "CRS", "CRS:84", "BBOX", (WAW_LON - 0.02) + "," + (WAW_LAT - 0.02)
            + "," + (WAW_LON + 0.02) + "," + (WAW_LAT + 0.02), "WIDTH", "200", "HEIGHT", "200", "INFO_FORMAT",
        "application/json", "I", "100", "J", "100"};
    assertEquals(401, client.wms(info).status(), "feature info of the police layer needs credentials too");
    WmsClient.Response exact = client.wms(List.of("Authorization", admin), info);
    assertEquals(200, exact.status(), exact.toString());
    assertEquals("private, no-store", exact.header("Cache-Control"));
    assertTrue(exact.json().path("features").size() >= 1, exact.toString());
    WmsClient.Response wrong = client.wms(List.of("Authorization", "Bearer nonsense"), "SERVICE", "WMS", "REQUEST",
        "GetCapabilities");
    assertEquals(401, wrong.status());
  }

  @Test
  void httpBasicCredentialsOpenPoliceLayersAndBadOnesAreChallenged() {
    String basic = WmsClient.basic("admin", ADMIN_PASSWORD);
    WmsClient.Response caps = client.wms(List.of("Authorization", basic), "SERVICE", "WMS", "REQUEST", "GetCapabilities",
        "VERSION", "1.1.1");
    assertEquals(200, caps.status(), caps.toString());
    assertTrue(caps.text().contains("<Name>police.reports</Name>"), "an officer sees every layer");
    assertEquals("private, no-store", caps.header("Cache-Control"));
    WmsClient.Response map = client.wms(List.of("Authorization", basic), "SERVICE", "WMS", "REQUEST", "GetMap",
        "VERSION", "1.3.0", "LAYERS", "police.reports,threats.clusters", "STYLES", "", "CRS", "EPSG:4326",
        "BBOX", "49,14,55,24.2", "WIDTH", "300", "HEIGHT", "200", "FORMAT", "image/png");
    assertEquals("image/png", map.contentType(), map.toString());
    assertEquals(300, map.image().getWidth());
    WmsClient.Response wrong = client.wms(List.of("Authorization", WmsClient.basic("admin", "wrong-password")),
        "SERVICE", "WMS", "REQUEST", "GetCapabilities");
    assertEquals(401, wrong.status(), wrong.toString());
    assertTrue(wrong.header("WWW-Authenticate").startsWith("Basic "), wrong.header("WWW-Authenticate"));
    assertTrue(wrong.text().contains("ServiceExceptionReport"));
  }

  @Test
  void aCachedMapIsRedrawnWhenTheDataChanges() {
    double lon = 18.6466;
    double lat = 54.3520;
    double d = 0.02;
    String[] request = {"SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", "threats.points",
        "STYLES", "", "CRS", "CRS:84", "BBOX", (lon - d) + "," + (lat - d) + "," + (lon + d) + "," + (lat + d),
        "WIDTH", "100", "HEIGHT", "100", "FORMAT", "image/png", "TRANSPARENT", "TRUE"};
    assertFalse(drawnNear(client.wms(request).image(), 50, 50, 3), "nothing in Gdańsk yet");
    WmsClient.Response cached = client.wms(request);
    assertFalse(drawnNear(cached.image(), 50, 50, 3), "the cached map");
    String etag = cached.header("ETag");
    assertNotNull(etag);
    assertEquals(304, client.wms(List.of("If-None-Match", etag), request).status(), "the client's copy is current");
    report("speeding", lon, lat);
    WmsClient.Response changed = client.wms(List.of("If-None-Match", etag), request);
    assertEquals(200, changed.status(), "the data changed: a new map");
    assertTrue(drawnNear(changed.image(), 50, 50, 3), "the new report shows at once");
    assertNotEquals(etag, changed.header("ETag"));
  }

  // ---- exceptions ------------------------------------------------------------------------------

  static void assertCode(String code, WmsClient.Response r) {
    assertTrue(r.text().contains("code=\"" + code + "\""), "expected " + code + ", got " + r);
    assertTrue(r.contentType().startsWith("text/xml") || r.contentType().startsWith("application/vnd.ogc.se_xml"),
        r.contentType());
  }

  WmsClient.Response map(String... overrides) {
    Map<String, String> p = new java.util.LinkedHashMap<>();
    String[] base = {"SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", "threats.clusters",
        "STYLES", "", "CRS", "EPSG:3857", "BBOX", "1500000,6200000,2700000,7400000", "WIDTH", "256", "HEIGHT", "256",
        "FORMAT", "image/png"};
    for (int i = 0; i < base.length; i += 2) {
      p.put(base[i], base[i + 1]);
    }
    for (int i = 0; i < overrides.length; i += 2) {
      if (overrides[i + 1] == null) {
        p.remove(overrides[i]);
      } else {
        p.put(overrides[i], overrides[i + 1]);
      }
    }
    List<String> flat = new ArrayList<>();
    p.forEach((k, v) -> {
      flat.add(k);
      flat.add(v);
    });
    return client.wms(flat.toArray(String[]::new));
  }

  @Test
  void everyExceptionCode() {
    assertEquals("image/png", map().contentType(), "the base request is valid: " + map());
    assertCode("InvalidFormat", map("FORMAT", "image/gif"));
    assertCode("InvalidCRS", map("CRS", "EPSG:31467"));
    assertCode("InvalidSRS", map("VERSION", "1.1.1", "CRS", null, "SRS", "EPSG:31467"));
    assertCode("LayerNotDefined", map("LAYERS", "no.such.layer"));
    assertCode("StyleNotDefined", map("STYLES", "no-such-style"));
    assertCode("StyleNotDefined", map("LAYERS", "threats.clusters,threats.points", "STYLES", "threats-clusters"));
    assertCode("InvalidDimensionValue", map("TIME", "not-a-date"));
    assertCode("InvalidDimensionValue", map("TIME", "2001-01-01"));
    assertCode("OperationNotSupported", map("REQUEST", "GetStyles"));
    assertCode("MissingParameterValue", map("BBOX", null));
    assertCode("MissingParameterValue", map("VERSION", null));
    assertCode("InvalidParameterValue", map("VERSION", "1.0.0"));
    assertCode("InvalidParameterValue", map("TRANSPARENT", "maybe"));
    assertCode("InvalidParameterValue", map("BGCOLOR", "red"));
    assertCode("InvalidParameterValue", map("SLD", "http://example.com/evil.sld"));
    assertCode("InvalidParameterValue", map("SERVICE", "WFS"));
    String fi = "GetFeatureInfo";
    assertCode("LayerNotQueryable", map("REQUEST", fi, "LAYERS", "threats.heatmap", "QUERY_LAYERS", "threats.heatmap",
        "INFO_FORMAT", "text/plain", "I", "10", "J", "10"));
    assertCode("LayerNotDefined", map("REQUEST", fi, "QUERY_LAYERS", "threats.points", "INFO_FORMAT", "text/plain",
        "I", "10", "J", "10"));
    assertCode("InvalidPoint", map("REQUEST", fi, "QUERY_LAYERS", "threats.clusters", "INFO_FORMAT", "text/plain",
        "I", "256", "J", "10"));
    assertCode("InvalidPoint", map("REQUEST", fi, "QUERY_LAYERS", "threats.clusters", "INFO_FORMAT", "text/plain",
        "I", "x", "J", "10"));
    assertCode("InvalidFormat", map("REQUEST", fi, "QUERY_LAYERS", "threats.clusters", "INFO_FORMAT", "image/png",
        "I", "1", "J", "10"));
    assertCode("MissingParameterValue", map("REQUEST", fi, "QUERY_LAYERS", "threats.clusters", "I", "1", "J", "1"));
  }

  @Test
  void exceptionsInImageAndBlank() {
    WmsClient.Response inimage = map("LAYERS", "no.such.layer", "EXCEPTIONS", "INIMAGE", "TRANSPARENT", "TRUE");
    assertEquals("image/png", inimage.contentType());
    BufferedImage img = inimage.image();
    assertEquals(256, img.getWidth());
    assertTrue(drawnNear(img, 60, 8, 8), "the message is drawn at the top");
    WmsClient.Response blank = map("LAYERS", "no.such.layer", "VERSION", "1.1.1", "CRS", null, "SRS", "EPSG:3857",
        "EXCEPTIONS", "application/vnd.ogc.se_blank", "FORMAT", "image/jpeg", "BGCOLOR", "0x00FF00");
    assertEquals("image/jpeg", blank.contentType());
    int rgb = blank.image().getRGB(128, 128);
    assertTrue((rgb >> 8 & 0xFF) > 0xE0 && (rgb >> 16 & 0xFF) < 0x20 && (rgb & 0xFF) < 0x20,
        "the BGCOLOR: " + Integer.toHexString(rgb));
    WmsClient.Response v111 = map("LAYERS", "no.such.layer", "VERSION", "1.1.1", "CRS", null, "SRS", "EPSG:3857");
    assertTrue(v111.contentType().startsWith("application/vnd.ogc.se_xml"), v111.contentType());
  }

  @Test
  void hugeSizesAndGarbageAreRefusedQuickly() {
    long t = System.nanoTime();
    assertCode("InvalidParameterValue", map("WIDTH", "100000"));
    assertCode("InvalidParameterValue", map("HEIGHT", "2049"));
    assertCode("InvalidParameterValue", map("WIDTH", "0"));
    assertCode("InvalidParameterValue", map("WIDTH", "99999999999999999999"));
    assertCode("InvalidParameterValue", map("BBOX", "a,b,c,d"));
    assertCode("InvalidParameterValue", map("BBOX", "1,2,3"));
    assertCode("InvalidParameterValue", map("BBOX", "NaN,0,1,1"));
    assertCode("InvalidParameterValue", map("BBOX", "10,10,0,0"));
    assertCode("InvalidParameterValue", map("LAYERS", String.join(",", java.util.Collections.nCopies(40, "threats.points"))));
    String undecodable = rawGet("/wms?SERVICE=WMS&REQUEST=GetMap&LAYERS=%E0%A4&BBOX=%zz");
    assertTrue(undecodable.contains("ServiceExceptionReport"), undecodable);
    assertTrue(System.nanoTime() - t < 10_000_000_000L);
    WmsClient.Response far = map("BBOX", "-1e300,-1e300,1e300,1e300");
    assertEquals("image/png", far.contentType(), far.toString());
  }

  /** A GET sent byte for byte (java.net.URI refuses malformed escapes, which is what is tested). */
  String rawGet(String target) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- GetFeatureInfo and legends --------------------------------------------------------------

  WmsClient.Response featureInfo(String version, String format) {
    double d = 0.02;
    boolean v13 = version.equals("1.3.0");
    String bbox = v13 ? (WAW_LAT - d) + "," + (WAW_LON - d) + "," + (WAW_LAT + d) + "," + (WAW_LON + d)
        : (WAW_LON - d) + "," + (WAW_LAT - d) + "," + (WAW_LON + d) + "," + (WAW_LAT + d);
    return client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", version, "LAYERS", "threats.points",
        "QUERY_LAYERS", "threats.points", "STYLES", "", v13 ? "CRS" : "SRS", "EPSG:4326", "BBOX", bbox, "WIDTH", "200",
        "HEIGHT", "200", "INFO_FORMAT", format, v13 ? "I" : "X", "101", v13 ? "J" : "Y", "99", "FEATURE_COUNT", "5");
  }

  @Test
  void featureInfoInEveryFormat() {
    WmsClient.Response text = featureInfo("1.3.0", "text/plain");
    assertTrue(text.text().contains("threats.points"), text.toString());
    assertTrue(text.text().contains("illegal_parking"), text.toString());
    WmsClient.Response plain = client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.1.1", "LAYERS",
        "threats.points", "QUERY_LAYERS", "threats.points", "STYLES", "", "SRS", "EPSG:4326", "BBOX",
        (WAW_LON - 0.02) + "," + (WAW_LAT - 0.02) + "," + (WAW_LON + 0.02) + "," + (WAW_LAT + 0.02), "WIDTH", "200",
        "HEIGHT", "200", "X", "100", "Y", "100");
    assertTrue(plain.contentType().startsWith("text/plain"), "1.1.1's INFO_FORMAT is optional: " + plain);
    WmsClient.Response html = featureInfo("1.1.1", "text/html");
    assertTrue(html.contentType().startsWith("text/html"));
    assertTrue(html.text().contains("<table>"), html.toString());
    WmsClient.Response json = featureInfo("1.3.0", "application/json");
    assertEquals("FeatureCollection", json.json().path("type").asText());
    assertEquals(1, json.json().path("features").size(), json.toString());
    assertEquals(WAW_LON, json.json().path("features").get(0).path("geometry").path("coordinates").get(0).asDouble(), 1e-5);
    WmsClient.Response gml = featureInfo("1.3.0", "application/vnd.ogc.gml/3.1.1");
    assertTrue(gml.text().contains("<gml:FeatureCollection"), gml.toString());
    assertNotNull(gml.text());
  }

  @Test
  void featureInfoOnAClusterGivesItsCountsByCategoryAndStatus() {
    // All Poland, 510 × 300 pixels of 0.02°: Łódź at column (19.456 - 14) / 0.02, row (55 - 51.759) / 0.02.
    int i = (int) Math.round((LODZ_LON - 14) / 0.02);
    int j = (int) Math.round((55 - LODZ_LAT) / 0.02);
    WmsClient.Response json = client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.3.0", "LAYERS",
        "threats.clusters", "QUERY_LAYERS", "threats.clusters", "STYLES", "", "CRS", "EPSG:4326", "BBOX",
        "49,14,55,24.2", "WIDTH", "510", "HEIGHT", "300", "INFO_FORMAT", "application/json", "I", Integer.toString(i),
        "J", Integer.toString(j));
    com.fasterxml.jackson.databind.JsonNode features = json.json().path("features");
    assertEquals(1, features.size(), json.toString());
    com.fasterxml.jackson.databind.JsonNode p = features.get(0).path("properties");
    assertEquals(1, p.path("countsByCategory").path("illegal_parking").asInt(), json.toString());
    assertEquals(1, p.path("countsByCategory").path("speeding").asInt(), json.toString());
    assertEquals(2, p.path("countsByStatus").path("new").asInt(), json.toString());
    WmsClient.Response text = client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.1.1", "LAYERS",
        "threats.clusters", "QUERY_LAYERS", "threats.clusters", "STYLES", "", "SRS", "EPSG:4326", "BBOX",
        "14,49,24.2,55", "WIDTH", "510", "HEIGHT", "300", "INFO_FORMAT", "text/plain", "X", Integer.toString(i),
        "Y", Integer.toString(j));
    assertTrue(text.text().contains("reports by category") && text.text().contains("speeding = 1"), text.toString());
  }

  @Test
  void featureCountLimitsTheFeaturesFoundWithinTheTolerance() {
    // The two Łódź reports lie about 5 and 4 pixels from the pixel between them (0.0002° a pixel).
    double lon = LODZ_LON + 0.0005;
    double lat = LODZ_LAT + 0.0004;
    String bbox = (lat - 0.02) + "," + (lon - 0.02) + "," + (lat + 0.02) + "," + (lon + 0.02);
    java.util.function.IntFunction<Integer> found = count -> client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo",
        "VERSION", "1.3.0", "LAYERS", "threats.points", "QUERY_LAYERS", "threats.points", "STYLES", "", "CRS",
        "EPSG:4326", "BBOX", bbox, "WIDTH", "200", "HEIGHT", "200", "INFO_FORMAT", "application/json", "I", "100",
        "J", "100", "FEATURE_COUNT", Integer.toString(count)).json().path("features").size();
    assertEquals(1, found.apply(1));
    assertEquals(2, found.apply(10));
    assertCode("InvalidParameterValue", client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.3.0",
        "LAYERS", "threats.points", "QUERY_LAYERS", "threats.points", "STYLES", "", "CRS", "EPSG:4326", "BBOX", bbox,
        "WIDTH", "200", "HEIGHT", "200", "INFO_FORMAT", "application/json", "I", "100", "J", "100", "FEATURE_COUNT", "0"));
  }

  @Test
  void legendsInBothLanguages() {
    WmsClient.Response pl = client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0",
        "LAYER", "threats.points", "FORMAT", "image/png");
    assertEquals("image/png", pl.contentType(), pl.toString());
    BufferedImage img = pl.image();
    assertTrue(img.getWidth() > 0 && img.getHeight() > 0);
    WmsClient.Response en = client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0",
        "LAYER", "threats.points", "FORMAT", "image/png", "LANGUAGE", "en", "WIDTH", "40", "HEIGHT", "40");
    assertTrue(en.image().getHeight() > img.getHeight(), "WIDTH and HEIGHT size each rule's symbol");
    WmsClient.Response rule = client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0",
        "LAYER", "threats.points", "STYLE", "threats-points", "RULE", "status-new", "FORMAT", "image/png");
    assertTrue(rule.image().getHeight() < img.getHeight(), "one rule's symbol is smaller than the whole legend");
    assertCode("InvalidParameterValue", client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION",
        "1.3.0", "LAYER", "threats.points", "RULE", "no-such-rule", "FORMAT", "image/png"));
    assertEquals("image/png", client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.0.0",
        "LAYER", "threats.points", "FORMAT", "image/png", "SLD_VERSION", "1.1.0").contentType(),
        "GeoServer-style legend URLs say VERSION=1.0.0");
    assertEquals("image/jpeg", client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.1.1",
        "LAYER", "threats.heatmap", "FORMAT", "image/jpeg").contentType());
    assertCode("StyleNotDefined", client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0",
        "LAYER", "threats.points", "STYLE", "nope", "FORMAT", "image/png"));
    assertCode("LayerNotDefined", client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0",
        "LAYER", "nope", "FORMAT", "image/png"));
  }
}
