package pl.kmzb.wmts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.server.Application;
import pl.kmzb.testing.OgcSchemas;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.tiles.TileMatrix;

/**
 * WMTS 1.0.0 against a running server with known public reports: capabilities valid against the
 * WMTS schemas offline, GetTile (KVP and RESTful) in WebMercatorQuad and Geoportal's EPSG:2180 set,
 * ETags and 304, GetFeatureInfo, police layers behind credentials, exception reports, and a status
 * change re-rendering only the tiles it touches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WmtsApiContract {
  static final String ADMIN_PASSWORD = "admin-password-for-wmts-tests";
  static final ObjectMapper JSON = new ObjectMapper();
  /** Warsaw, by the Palace of Culture. */
  static final double WAW_LON = 21.0067;
  static final double WAW_LAT = 52.2319;
  static final double KRK_LON = 19.9450;
  static final double KRK_LAT = 50.0647;

  record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    BufferedImage image() {
      try {
        return ImageIO.read(new ByteArrayInputStream(body));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      String t = text();
      return status + " " + headers.map() + "\n" + t.substring(0, Math.min(2000, t.length()));
    }
  }

  Path dir;
  Application app;
  String base;
  String admin;
  final HttpClient http = HttpClient.newHttpClient();

  /** The filtered tile cache's entry bound of the test server (small, so a test can exceed it). */
  static final int FILTERED_ENTRIES = 12;
  /** Tiles cached once the start-up tile warm-up had ended, before any test asked for one. */
  private double cachedAfterWarmUp = -1;

  abstract List<String> storeArgs(Path dir);

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("wmts-test");
    List<String> args = new ArrayList<>(storeArgs(dir));
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + ADMIN_PASSWORD, "--wmts.filtered-cache-entries=" + FILTERED_ENTRIES));
    app = Application.start(ConfigLoader.load(args, Map.of()));
    base = "http://127.0.0.1:" + app.port();
    for (long deadline = System.currentTimeMillis() + 60_000; get("/health").status() != 200; ) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the server did not become ready");
      }
      Thread.sleep(50);
    }
    Response login = send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
        .header("Content-Type", "application/json").build());
    admin = "Bearer " + JSON.readTree(login.body()).path("token").asText();
    // The tile warm-up runs once the server is ready (wms.warm-up is on here): what it leaves behind
    // is looked at before any test asks for a tile.
    for (long deadline = System.currentTimeMillis() + 60_000;
        get("/health", "Authorization", admin).text().contains("wmts-warm-up"); ) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the tile warm-up did not end");
      }
      Thread.sleep(50);
    }
    String scrape = get("/metrics", "Authorization", admin).text();
    cachedAfterWarmUp = gauge(scrape, "kmzb_wmts_cache_entries{share=\"unfiltered\"}")
        + gauge(scrape, "kmzb_wmts_cache_entries{share=\"filtered\"}");
    report("illegal_parking", WAW_LON, WAW_LAT);
    report("speeding", KRK_LON, KRK_LAT);
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  long report(String category, double lon, double lat) throws IOException {
    Response r = send(HttpRequest.newBuilder(URI.create(base + "/api/reports"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"" + category + "\",\"lon\":" + lon + ",\"lat\":" + lat
            + "}")).header("Content-Type", "application/json").header("Authorization", admin).build());
    assertEquals(201, r.status(), r.toString());
    return JSON.readTree(r.body()).path("id").asLong();
  }

  Response get(String pathAndQuery, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  Response kvp(List<String> headers, String... params) {
    StringBuilder q = new StringBuilder("/wmts?");
    for (int i = 0; i < params.length; i += 2) {
      q.append(i == 0 ? "" : "&").append(URLEncoder.encode(params[i], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    return get(q.toString(), headers.toArray(String[]::new));
  }

  Response kvp(String... params) {
    return kvp(List.of(), params);
  }

  Response send(HttpRequest r) {
    try {
      HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
      return new Response(res.statusCode(), res.headers(), res.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /** The tile of {@code set}'s level {@code level} holding a lon/lat position: {col, row}. */
  static long[] tileOf(String set, int level, double lon, double lat) {
    CrsRegistry crs = CrsRegistry.standard();
    var s = MatrixSets.byId(set).orElseThrow();
    double[] p = crs.fromLonLat(crs.require(s.crsCode())).apply(lon, lat);
    TileMatrix m = s.level(level);
    return new long[] {m.column(p[0]), m.row(p[1])};
  }

  static String rest(String layer, String set, int level, long col, long row, String ext) {
    return "/wmts/1.0.0/" + layer + "/default/default/" + set + "/" + level + "/" + row + "/" + col + "." + ext;
  }

  // ---- capabilities ----------------------------------------------------------------------------

  @Test
  void operationsMetadataNamesOnlyTheKvpEndpointAndRestfulClientsFindTheirsInServiceMetadataUrl() {
    String xml = kvp("SERVICE", "WMTS", "REQUEST", "GetCapabilities").text();
    String ops = xml.substring(xml.indexOf("<ows:OperationsMetadata>"), xml.indexOf("</ows:OperationsMetadata>"));
    for (String op : List.of("GetCapabilities", "GetTile", "GetFeatureInfo")) {
      String one = ops.substring(ops.indexOf("<ows:Operation name=\"" + op + "\">"));
      one = one.substring(0, one.indexOf("</ows:Operation>"));
      // ets-wmts10 sends KVP requests to every Get of an operation (the last one wins).
      assertEquals(1, one.split("<ows:Get ", -1).length - 1, op + ": " + one);
      assertTrue(one.contains("<ows:Get xlink:href=\"" + base + "/wmts?\">"), one);
      assertTrue(one.contains("<ows:Value>KVP</ows:Value>"), one);
    }
    assertTrue(xml.contains("<ServiceMetadataURL xlink:href=\"" + base + "/wmts/1.0.0/WMTSCapabilities.xml\"/>"),
        "the RESTful capabilities");
    // The advertised KVP endpoint answers the suite's spelling (lower-case keys, no VERSION).
    Response tile = get("/wmts?service=WMTS&request=GetTile&version=1.0.0&layer=threats.clusters&style=default"
        + "&format=image%2Fpng&TileMatrixSet=EPSG2180&TileMatrix=0&TileRow=0&TileCol=0");
    assertEquals(200, tile.status(), tile.toString());
    assertEquals("image/png", tile.header("Content-Type"));
  }

  @Test
  void capabilitiesSectionsGiveOnlyTheSectionsAsked() {
    String all = kvp("SERVICE", "WMTS", "REQUEST", "GetCapabilities").text();
    assertEquals(all, kvp("service", "WMTS", "request", "GetCapabilities", "sections", "all").text());
    String one = kvp("SERVICE", "WMTS", "REQUEST", "GetCapabilities", "SECTIONS", "ServiceIdentification").text();
    OgcSchemas.validate(one);
    assertTrue(one.contains("<ows:ServiceIdentification>"), one);
    for (String absent : List.of("<ows:ServiceProvider>", "<ows:OperationsMetadata>", "<Contents>",
        "<ServiceMetadataURL")) {
      assertFalse(one.contains(absent), absent);
    }
    String two = kvp("SERVICE", "WMTS", "REQUEST", "GetCapabilities", "SECTIONS", "contents,OperationsMetadata").text();
    OgcSchemas.validate(two);
    assertTrue(two.contains("<ows:OperationsMetadata>") && two.contains("<Contents>"), two);
    assertFalse(two.contains("<ows:ServiceIdentification>"));
    assertEquals(all.substring(all.indexOf("<Contents>"), all.indexOf("</Contents>")),
        two.substring(two.indexOf("<Contents>"), two.indexOf("</Contents>")), "a section is the same whole or alone");
  }

  @Test
  void capabilitiesAreValidAgainstTheWmtsSchemasForAnonymousCallersAndOfficers() {
    Response anonymous = kvp("SERVICE", "WMTS", "REQUEST", "GetCapabilities");
    assertEquals(200, anonymous.status(), anonymous.toString());
    String xml = anonymous.text();
    OgcSchemas.validate(xml);
    assertTrue(xml.contains("<ows:Identifier>threats.clusters</ows:Identifier>"), xml);
    assertFalse(xml.contains("<ows:Identifier>police.reports</ows:Identifier>"));
    assertTrue(xml.contains("<ows:Identifier>EPSG2180</ows:Identifier>"));
    assertTrue(xml.contains("<ScaleDenominator>30238155.714285716</ScaleDenominator>"), "Geoportal's level 0");
    assertTrue(xml.contains("<TopLeftCorner>850000 100000</TopLeftCorner>"), "northing first, as Geoportal writes it");
    assertTrue(xml.contains("<ows:SupportedCRS>urn:ogc:def:crs:EPSG::2180</ows:SupportedCRS>"));
    assertTrue(xml.contains("<ows:SupportedCRS>urn:ogc:def:crs:EPSG:6.18:3:3857</ows:SupportedCRS>"
        + "<WellKnownScaleSet>urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible</WellKnownScaleSet>"
        + "<TileMatrix><ows:Identifier>0</ows:Identifier><ScaleDenominator>559082264.0287178</ScaleDenominator>"),
        "WMTS 1.0 Annex E: the scale set's own CRS and scales");
    assertFalse(xml.contains("GoogleCRS84Quad"), "WorldCRS84Quad lacks GoogleCRS84Quad's first scale");
    assertTrue(xml.contains("template=\"" + base + "/wmts/1.0.0/threats.clusters/{Style}/{Time}/{TileMatrixSet}/"
        + "{TileMatrix}/{TileRow}/{TileCol}.png\""), "RESTful template with the TIME dimension");
    assertTrue(xml.contains("<ows:Identifier>Time</ows:Identifier>"));
    assertEquals("no-store", anonymous.header("Cache-Control"));
    Response officer = kvp(List.of("Authorization", basic()), "SERVICE", "WMTS", "REQUEST", "GetCapabilities");
    OgcSchemas.validate(officer.text());
    assertTrue(officer.text().contains("<ows:Identifier>police.reports</ows:Identifier>"));
    assertEquals("private, no-store", officer.header("Cache-Control"));
    Response rest = get("/wmts/1.0.0/WMTSCapabilities.xml");
    assertEquals(200, rest.status());
    assertEquals(xml, rest.text());
    assertFalse(OgcSchemas.problems(xml.replace("<TileWidth>", "<TileWidht>").replace("</TileWidth>", "</TileWidht>"))
        .isEmpty(), "the validation can fail");
  }

  /**
   * Every layer's TileMatrixSetLinks carry TileMatrixSetLimits: the tiles over Poland of every matrix
   * (the capabilities stay valid: capabilitiesAreValid…); Poland's extreme points lie within them; a tile one beyond a limit is TileOutOfRange (400, the
   * locator the index that is out), a tile inside is served.
   */
  @Test
  void tileMatrixSetLimitsCoverPolandAndTilesBeyondThemAreTileOutOfRange() {
    String xml = kvp("SERVICE", "WMTS", "REQUEST", "GetCapabilities").text();
    int layer = xml.indexOf("<ows:Identifier>threats.clusters</ows:Identifier>");
    assertTrue(layer > 0);
    int link = xml.indexOf("<TileMatrixSet>EPSG2180</TileMatrixSet><TileMatrixSetLimits>", layer);
    assertTrue(link > 0, "limits in the layer's EPSG2180 link");
    assertTrue(xml.contains("<TileMatrixLimits><TileMatrix>0</TileMatrix><MinTileRow>0</MinTileRow><MaxTileRow>0"
        + "</MaxTileRow><MinTileCol>0</MinTileCol><MaxTileCol>0</MaxTileCol></TileMatrixLimits>"),
        "matrix 0 of WebMercatorQuad and Geoportal's set: one tile, row and column 0");
    assertFalse(OgcSchemas.problems(xml.replaceFirst("<MinTileRow>0</MinTileRow>", "<MinTileRow>-1</MinTileRow>"))
        .isEmpty(), "the schema still refuses a negative limit");
    int level = 10;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<TileMatrixLimits><TileMatrix>" + level
        + "</TileMatrix><MinTileRow>(\\d+)</MinTileRow><MaxTileRow>(\\d+)</MaxTileRow><MinTileCol>(\\d+)"
        + "</MinTileCol><MaxTileCol>(\\d+)</MaxTileCol></TileMatrixLimits>").matcher(xml);
    assertTrue(m.find(link), "level " + level + " limits");
    long minRow = Long.parseLong(m.group(1));
    long maxRow = Long.parseLong(m.group(2));
    long minCol = Long.parseLong(m.group(3));
    long maxCol = Long.parseLong(m.group(4));
    // Poland's northernmost, southernmost, westernmost and easternmost points, and Warsaw
    for (double[] p : new double[][] {{18.3, 54.8358}, {22.86, 49.002}, {14.1229, 52.84}, {24.1458, 50.86},
        {WAW_LON, WAW_LAT}}) {
      long[] t = tileOf("EPSG2180", level, p[0], p[1]);
      assertTrue(t[0] >= minCol && t[0] <= maxCol && t[1] >= minRow && t[1] <= maxRow, java.util.Arrays.toString(p)
          + " at " + java.util.Arrays.toString(t));
    }
    assertTrue(maxCol - minCol < 227 && maxRow - minRow < 214, "narrower than the whole matrix");
    assertEquals(200, get(rest("threats.clusters", "EPSG2180", level, maxCol, maxRow, "png")).status());
    assertException(getTile("EPSG2180", level, minRow, maxCol + 1), 400, "TileOutOfRange", "TILECOL");
    assertException(getTile("EPSG2180", level, maxRow + 1, minCol), 400, "TileOutOfRange", "TILEROW");
    assertException(get(rest("threats.clusters", "EPSG2180", level, minCol - 1, minRow, "png")), 400,
        "TileOutOfRange", "TILECOL");
  }

  private Response getTile(String set, int level, long row, long col) {
    return kvp("SERVICE", "WMTS", "REQUEST", "GetTile", "VERSION", "1.0.0", "LAYER", "threats.clusters", "STYLE",
        "default", "FORMAT", "image/png", "TILEMATRIXSET", set, "TILEMATRIX", Integer.toString(level), "TILEROW",
        Long.toString(row), "TILECOL", Long.toString(col));
  }

  // ---- tiles -----------------------------------------------------------------------------------

  @Test
  void kvpAndRestfulGetTileAnswerTheSameTileInBothMatrixSets() {
    for (Object[] c : List.of(new Object[] {"WebMercatorQuad", 12, 256}, new Object[] {"EPSG2180", 10, 512})) {
      String set = (String) c[0];
      int level = (Integer) c[1];
      long[] t = tileOf(set, level, WAW_LON, WAW_LAT);
      Response k = kvp("SERVICE", "WMTS", "REQUEST", "GetTile", "VERSION", "1.0.0", "LAYER", "threats.points", "STYLE",
          "default", "FORMAT", "image/png", "TILEMATRIXSET", set, "TILEMATRIX", Integer.toString(level), "TILEROW",
          Long.toString(t[1]), "TILECOL", Long.toString(t[0]));
      assertEquals(200, k.status(), k.toString());
      assertEquals("image/png", k.header("Content-Type"));
      BufferedImage img = k.image();
      assertEquals((int) c[2], img.getWidth());
      assertEquals((int) c[2], img.getHeight());
      assertTrue(drawnPixels(img) > 0, "the Warsaw report is drawn in its tile of " + set);
      Response r = get(rest("threats.points", set, level, t[0], t[1], "png"));
      assertEquals(200, r.status(), r.toString());
      assertEquals(k.header("ETag"), r.header("ETag"), "one tile, one entity");
      Response empty = get(rest("threats.points", set, level, t[0] + 3, t[1] + 3, "png"));
      assertEquals(0, drawnPixels(empty.image()), "no report three tiles away");
      Response jpeg = get(rest("threats.points", set, level, t[0], t[1], "jpg"));
      assertEquals("image/jpeg", jpeg.header("Content-Type"));
      assertEquals((int) c[2], jpeg.image().getWidth());
    }
  }

  static int drawnPixels(BufferedImage img) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) >>> 24) != 0) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void aTileCarriesAnEtagAndAnswers304WhileItsDataIsUnchanged() {
    long[] t = tileOf("WebMercatorQuad", 8, KRK_LON, KRK_LAT);
    String path = rest("threats.clusters", "WebMercatorQuad", 8, t[0], t[1], "png");
    Response first = get(path);
    assertEquals(200, first.status());
    String etag = first.header("ETag");
    assertNotNull(etag);
    assertEquals("no-cache", first.header("Cache-Control"));
    assertEquals("Authorization", first.header("Vary"));
    Response again = get(path, "If-None-Match", etag);
    assertEquals(304, again.status());
    assertEquals(200, get(path, "If-None-Match", "\"other\"").status());
  }

  @Test
  void theTimeDimensionFiltersTheReports() {
    long[] t = tileOf("WebMercatorQuad", 12, WAW_LON, WAW_LAT);
    String path = "/wmts/1.0.0/threats.points/default/2017-01-01/WebMercatorQuad/12/" + t[1] + "/" + t[0] + ".png";
    Response old = get(path);
    assertEquals(200, old.status(), old.toString());
    assertEquals(0, drawnPixels(old.image()), "no report was made in 2017");
    Response bad = kvp("SERVICE", "WMTS", "REQUEST", "GetTile", "VERSION", "1.0.0", "LAYER", "threats.points", "STYLE",
        "default", "FORMAT", "image/png", "TILEMATRIXSET", "WebMercatorQuad", "TILEMATRIX", "12", "TILEROW",
        Long.toString(t[1]), "TILECOL", Long.toString(t[0]), "TIME", "yesterday");
    assertException(bad, 400, "InvalidParameterValue", "TIME");
  }

  @Test
  void vectorTilesOfTheClustersCountEveryPublicReportOnceInEveryMatrixSet() throws Exception {
    for (Object[] c : List.of(new Object[] {"EPSG2180", 4}, new Object[] {"EPSG2180", 5},
        new Object[] {"WorldCRS84Quad", 5}, new Object[] {"WebMercatorQuad", 5})) {
      var set = MatrixSets.byId((String) c[0]).orElseThrow();
      TileMatrix m = set.level((Integer) c[1]);
      long[] a = tileOf(set.id(), (Integer) c[1], 14.0, 54.9);
      long[] b = tileOf(set.id(), (Integer) c[1], 24.2, 49.0);
      long total = 0;
      for (long row = Math.min(a[1], b[1]); row <= Math.max(a[1], b[1]); row++) {
        for (long col = Math.min(a[0], b[0]); col <= Math.max(a[0], b[0]); col++) {
          Response r = get(rest("threats.clusters", set.id(), (Integer) c[1], col, row, "mvt"));
          assertEquals(200, r.status(), r.toString());
          assertEquals("application/vnd.mapbox-vector-tile", r.header("Content-Type"));
          for (var layer : io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(
              new ByteArrayInputStream(r.body()), new org.locationtech.jts.geom.GeometryFactory(),
              new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter()).getLayers()) {
            for (var g : layer.getGeometries()) {
              @SuppressWarnings("unchecked")
              Map<String, Object> props = (Map<String, Object>) g.getUserData();
              total += props.containsKey("count") ? ((Number) props.get("count")).longValue() : 1;
              assertTrue(g.getCoordinate().x >= 0 && g.getCoordinate().x < 4096 && g.getCoordinate().y >= 0
                  && g.getCoordinate().y < 4096, "a feature lies in its own tile");
            }
          }
        }
      }
      assertEquals(2, total, set.id() + " level " + m.id() + ": the two public reports, each in one tile");
    }
    assertException(get(rest("threats.points", "EPSG2180", 5, 3, 3, "mvt")), 400, "InvalidParameterValue", "FORMAT");
  }

  @Test
  void tilesTakeTheSharedFiltersAsVendorKvpAndRestfulQueryParametersCachedPerVariant() throws Exception {
    long[] t = tileOf("WebMercatorQuad", 12, WAW_LON, WAW_LAT);
    String tile = rest("threats.points", "WebMercatorQuad", 12, t[0], t[1], "png");
    Response all = get(tile);
    assertTrue(drawnPixels(all.image()) > 0);
    // Warsaw's report is illegal parking: narrowed to speeding its tile is empty.
    Response other = get(tile + "?category=speeding");
    assertEquals(200, other.status(), other.toString());
    assertEquals(0, drawnPixels(other.image()), "only speeding, and that is in Kraków");
    Response both = get(tile + "?category=speeding,illegal_parking");
    assertTrue(drawnPixels(both.image()) > 0);
    assertNotEquals(all.header("ETag"), both.header("ETag"), "a filtered variant is an entity of its own");
    Response kvp = kvp("SERVICE", "WMTS", "REQUEST", "GetTile", "VERSION", "1.0.0", "LAYER", "threats.points", "STYLE",
        "default", "FORMAT", "image/png", "TILEMATRIXSET", "WebMercatorQuad", "TILEMATRIX", "12", "TILEROW",
        Long.toString(t[1]), "TILECOL", Long.toString(t[0]), "CATEGORY", "illegal_parking,speeding");
    assertEquals(200, kvp.status(), kvp.toString());
    assertEquals(both.header("ETag"), kvp.header("ETag"), "KVP or RESTful, in any order: one variant, one entry");
    assertEquals(304, get(tile + "?category=speeding,illegal_parking", "If-None-Match", kvp.header("ETag")).status());
    assertEquals(0, drawnPixels(get(tile + "?to=2017-01-01T00:00:00Z").image()), "nothing reported before 2017");
    assertTrue(drawnPixels(get(tile + "?from=2017-01-01T00:00:00Z").image()) > 0);
    // Vector tiles through both of their paths: the index's own tile (WebMercatorQuad 0) and the
    // grid clusters (EPSG2180 level 2, one tile over Poland).
    for (String path : List.of(rest("threats.clusters", "WebMercatorQuad", 0, 0, 0, "mvt"),
        rest("threats.clusters", "EPSG2180", 2, 0, 0, "mvt"))) {
      assertEquals(2, mvtCount(get(path)), path);
      assertEquals(1, mvtCount(get(path + "?category=speeding")), path);
      assertEquals(0, mvtCount(get(path + "?to=2017-01-01T00:00:00Z")), path);
    }
    Response bad = get(tile + "?category=no_such_category");
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.text().contains("exceptionCode=\"InvalidParameterValue\""), bad.text());
    OgcSchemas.validate(bad.text());
    assertException(get(rest("boundaries.voivodeship", "WebMercatorQuad", 5, 17, 10, "png") + "?status=confirmed"), 400,
        "InvalidParameterValue", "STATUS");
  }

  /**
   * A client varying a filter (every request a new variant) fills the filtered cache up to its bound
   * (wmts.filtered-cache-entries, 12 here) and no further, as the metrics show, while the unfiltered
   * tile stays cached: answered 304 inline, not drawn again.
   */
  @Test
  void filteredTilesHaveTheirOwnBoundAndNeverEvictTheUnfilteredOnes() throws Exception {
    long[] t = tileOf("EPSG2180", 9, WAW_LON, WAW_LAT);
    String png = rest("threats.points", "EPSG2180", 9, t[0], t[1], "png");
    String mvt = rest("threats.clusters", "EPSG2180", 9, t[0], t[1], "mvt");
    Response plain = get(png);
    assertEquals(200, plain.status());
    for (int day = 1; day <= 40; day++) {
      String from = "?from=2020-01-" + String.format("%02d", 1 + day % 28) + "T00:00:" + String.format("%02d", day)
          + "Z";
      assertEquals(200, get(png + from).status());
      assertEquals(200, get(mvt + from).status());
    }
    Response metrics = get("/metrics", "Authorization", admin);
    assertEquals(200, metrics.status(), metrics.toString());
    double filtered = gauge(metrics.text(), "kmzb_wmts_cache_entries{share=\"filtered\"}");
    double unfiltered = gauge(metrics.text(), "kmzb_wmts_cache_entries{share=\"unfiltered\"}");
    assertTrue(filtered >= 1 && filtered <= FILTERED_ENTRIES, "80 variants drawn, " + filtered + " held");
    assertTrue(unfiltered >= 1, "the unfiltered tile is held: " + unfiltered);
    assertEquals(304, get(png, "If-None-Match", plain.header("ETag")).status());
  }

  /** The warm-up draws tiles through the tile path but keeps none: a cold tile stays cold. */
  @Test
  void theWarmUpLeavesNoTileCached() {
    assertEquals(0, cachedAfterWarmUp);
  }

  private static double gauge(String scrape, String series) {
    for (String line : scrape.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).strip());
      }
    }
    throw new AssertionError(series + " not in the metrics");
  }

  /** The reports a vector tile counts (a cluster its count, a single report one). */
  static long mvtCount(Response r) throws IOException {
    assertEquals(200, r.status(), r.toString());
    long total = 0;
    for (var layer : io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(
        new ByteArrayInputStream(r.body()), new org.locationtech.jts.geom.GeometryFactory(),
        new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter()).getLayers()) {
      for (var g : layer.getGeometries()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) g.getUserData();
        total += props.containsKey("count") ? ((Number) props.get("count")).longValue() : 1;
      }
    }
    return total;
  }

  // ---- police layers ---------------------------------------------------------------------------

  @Test
  void policeLayersNeedCredentialsAndArePrivate() {
    long[] t = tileOf("EPSG2180", 8, WAW_LON, WAW_LAT);
    String path = rest("police.reports", "EPSG2180", 8, t[0], t[1], "png");
    Response anonymous = get(path);
    assertEquals(401, anonymous.status(), anonymous.toString());
    assertTrue(anonymous.header("WWW-Authenticate").startsWith("Basic"));
    OgcSchemas.validate(anonymous.text());
    Response officer = get(path, "Authorization", basic());
    assertEquals(200, officer.status(), officer.toString());
    assertEquals("private, no-store", officer.header("Cache-Control"));
    assertTrue(drawnPixels(officer.image()) > 0);
  }

  // ---- feature info ----------------------------------------------------------------------------

  @Test
  void getFeatureInfoFindsTheReportUnderThePixel() throws IOException {
    var s = MatrixSets.WEB_MERCATOR_QUAD;
    TileMatrix m = s.level(14);
    CrsRegistry crs = CrsRegistry.standard();
    double[] p = crs.fromLonLat(crs.require("EPSG:3857")).apply(KRK_LON, KRK_LAT);
    long col = m.column(p[0]);
    long row = m.row(p[1]);
    int i = (int) ((p[0] - m.tileBounds(col, row).minX()) / m.cellSize());
    int j = (int) ((m.tileBounds(col, row).maxY() - p[1]) / m.cellSize());
    Response k = kvp("SERVICE", "WMTS", "REQUEST", "GetFeatureInfo", "VERSION", "1.0.0", "LAYER", "threats.points",
        "STYLE", "default", "FORMAT", "image/png", "TILEMATRIXSET", "WebMercatorQuad", "TILEMATRIX", "14", "TILEROW",
        Long.toString(row), "TILECOL", Long.toString(col), "I", Integer.toString(i), "J", Integer.toString(j),
        "INFOFORMAT", "application/json");
    assertEquals(200, k.status(), k.toString());
    JsonNode features = JSON.readTree(k.body()).path("features");
    assertEquals(1, features.size(), k.text());
    assertTrue(k.text().contains("speeding"), k.text());
    Response rest = get("/wmts/1.0.0/threats.points/default/default/WebMercatorQuad/14/" + row + "/" + col + "/" + j
        + "/" + i + ".json");
    assertEquals(200, rest.status(), rest.toString());
    assertEquals(k.text(), rest.text());
    // The shared filters narrow the features as they narrow the map.
    String restPath = "/wmts/1.0.0/threats.points/default/default/WebMercatorQuad/14/" + row + "/" + col + "/" + j + "/"
        + i + ".json";
    assertEquals(0, JSON.readTree(get(restPath + "?category=illegal_parking").body()).path("features").size());
    assertEquals(1, JSON.readTree(get(restPath + "?category=speeding").body()).path("features").size());
    Response outside = get("/wmts/1.0.0/threats.points/default/default/WebMercatorQuad/14/" + row + "/" + col + "/0/256"
        + ".json");
    assertException(outside, 400, "PointIJOutOfRange", "I");
  }

  // ---- exceptions ------------------------------------------------------------------------------

  @Test
  void badRequestsGetOwsExceptionReportsWithWmtsStatusCodes() {
    Map<String, String> good = new LinkedHashMap<>();
    for (String[] kv : new String[][] {{"SERVICE", "WMTS"}, {"REQUEST", "GetTile"}, {"VERSION", "1.0.0"},
        {"LAYER", "threats.clusters"}, {"STYLE", "default"}, {"FORMAT", "image/png"}, {"TILEMATRIXSET", "EPSG2180"},
        {"TILEMATRIX", "3"}, {"TILEROW", "1"}, {"TILECOL", "1"}}) {
      good.put(kv[0], kv[1]);
    }
    assertEquals(200, kvp(flat(good)).status());
    for (String name : List.of("LAYER", "STYLE", "FORMAT", "TILEMATRIXSET", "TILEMATRIX", "TILEROW", "TILECOL")) {
      Map<String, String> m = new LinkedHashMap<>(good);
      m.remove(name);
      assertException(kvp(flat(m)), 400, "MissingParameterValue", name);
    }
    assertException(kvp(flat(with(good, "LAYER", "nope"))), 400, "InvalidParameterValue", "LAYER");
    assertException(kvp(flat(with(good, "STYLE", "nope"))), 400, "InvalidParameterValue", "STYLE");
    assertException(kvp(flat(with(good, "FORMAT", "image/gif"))), 400, "InvalidParameterValue", "FORMAT");
    assertException(kvp(flat(with(good, "TILEMATRIXSET", "nope"))), 400, "InvalidParameterValue", "TILEMATRIXSET");
    assertException(kvp(flat(with(good, "TILEMATRIX", "17"))), 400, "InvalidParameterValue", "TILEMATRIX");
    assertException(kvp(flat(with(good, "TILEROW", "2"))), 400, "TileOutOfRange", "TILEROW");
    assertException(kvp(flat(with(good, "TILECOL", "-1"))), 400, "TileOutOfRange", "TILECOL");
    assertException(kvp(flat(with(good, "TILECOL", "x"))), 400, "InvalidParameterValue", "TILECOL");
    assertException(kvp(flat(with(good, "VERSION", "2.0.0"))), 400, "InvalidParameterValue", "VERSION");
    assertException(kvp(flat(with(good, "REQUEST", "GetMap"))), 400, "InvalidParameterValue", "REQUEST");
    assertException(kvp("service", "WMTS", "request", "GetBOGUS", "version", "1.0.0"), 400, "InvalidParameterValue",
        "REQUEST");
    assertException(kvp(flat(with(good, "SERVICE", "WMS"))), 400, "InvalidParameterValue", "SERVICE");
    Response version = kvp("SERVICE", "WMTS", "REQUEST", "GetCapabilities", "ACCEPTVERSIONS", "1.1.0,1.2.0");
    assertEquals(400, version.status());
    assertTrue(version.text().contains("exceptionCode=\"VersionNegotiationFailed\">"), "no locator: " + version.text());
    OgcSchemas.validate(version.text());
    assertException(kvp("SERVICE", "WMTS", "REQUEST", "GetCapabilities", "SECTIONS", "Bogus"), 400,
        "InvalidParameterValue", "Sections");
    assertException(kvp("SERVICE", "WMTS", "REQUEST", "GetCapabilities", "SECTIONS", ""), 400,
        "MissingParameterValue", "Sections");
    assertException(get("/wmts/1.0.0/threats.clusters/default/default/EPSG2180/3/1/1.gif"), 400,
        "InvalidParameterValue", "FORMAT");
  }

  static Map<String, String> with(Map<String, String> m, String k, String v) {
    Map<String, String> out = new LinkedHashMap<>(m);
    out.put(k, v);
    return out;
  }

  static String[] flat(Map<String, String> m) {
    List<String> out = new ArrayList<>();
    m.forEach((k, v) -> {
      out.add(k);
      out.add(v);
    });
    return out.toArray(String[]::new);
  }

  static void assertException(Response r, int status, String code, String locator) {
    assertEquals(status, r.status(), r.toString());
    assertTrue(r.header("Content-Type").startsWith("application/xml"), r.header("Content-Type"));
    String xml = r.text();
    assertTrue(xml.contains("exceptionCode=\"" + code + "\""), xml);
    assertTrue(xml.contains("locator=\"" + locator + "\""), xml);
    OgcSchemas.validate(xml);
  }

  // ---- re-rendering ----------------------------------------------------------------------------

  /**
   * The tiles answered from the grid aggregates (WorldCRS84Quad's national level 2 and finest
   * aggregated level 10, EPSG:2180's national level 0 and level 8) follow a report's insert, status
   * change and removal from the public map (status joke_or_mistake): after each, every one of them
   * counts the report once, in its current status (so the cached tile was drawn again), and at the end
   * they count what they counted before.
   */
  @Test
  void aggregatedGridTilesFollowAnInsertAStatusChangeAndARemoval() throws Exception {
    double lon = 18.5305;
    double lat = 54.5189;
    Object[][] cases = {{"WorldCRS84Quad", 2}, {"WorldCRS84Quad", 10}, {"EPSG2180", 0}, {"EPSG2180", 8}};
    Map<String, Map<String, Long>> before = new LinkedHashMap<>();
    for (Object[] c : cases) {
      long[] t = tileOf((String) c[0], (Integer) c[1], lon, lat);
      String path = rest("threats.clusters", (String) c[0], (Integer) c[1], t[0], t[1], "mvt");
      before.put(path, clusterCounts(get(path)));
    }
    long id = report("illegal_parking", lon, lat);
    String status = JSON.readTree(get("/api/reports/" + id, "Authorization", admin).body()).path("status").asText();
    assertCountsOneMore(before, status);
    assertEquals(200, patchStatus(id, status.equals("verification") ? "confirmed" : "verification").status());
    assertCountsOneMore(before, status.equals("verification") ? "confirmed" : "verification");
    assertEquals(200, patchStatus(id, "joke_or_mistake").status());
    for (var e : before.entrySet()) {
      assertEquals(e.getValue(), awaitCounts(e.getKey(), e.getValue()), e.getKey() + ": the report is gone again");
    }
  }

  private void assertCountsOneMore(Map<String, Map<String, Long>> before, String status)
      throws InterruptedException {
    for (var e : before.entrySet()) {
      Map<String, Long> expected = new java.util.TreeMap<>(e.getValue());
      expected.merge("total", 1L, Long::sum);
      expected.merge(status, 1L, Long::sum);
      assertEquals(expected, awaitCounts(e.getKey(), expected), e.getKey() + ": one more report in status " + status);
    }
  }

  /** The tile's counts once they equal {@code expected}, or after 10 s (the index follows the store). */
  private Map<String, Long> awaitCounts(String path, Map<String, Long> expected) throws InterruptedException {
    Map<String, Long> now = clusterCounts(get(path));
    for (long deadline = System.currentTimeMillis() + 10_000; !now.equals(expected)
        && System.currentTimeMillis() < deadline; ) {
      Thread.sleep(20);
      now = clusterCounts(get(path));
    }
    return now;
  }

  private Response patchStatus(long id, String status) {
    Response current = get("/api/reports/" + id, "Authorization", admin);
    return send(HttpRequest.newBuilder(URI.create(base + "/api/reports/" + id))
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\",\"note\":\"test\"}"))
        .header("Content-Type", "application/json").header("Authorization", admin)
        .header("If-Match", current.header("ETag")).build());
  }

  /** Reports in an MVT of the clusters: "total" and per status code (clusters' st_*, single reports' status). */
  private static Map<String, Long> clusterCounts(Response r) {
    assertEquals(200, r.status(), r.toString());
    Map<String, Long> counts = new java.util.TreeMap<>();
    try {
      for (var layer : io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(
          new ByteArrayInputStream(r.body()), new org.locationtech.jts.geom.GeometryFactory(),
          new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter()).getLayers()) {
        for (var g : layer.getGeometries()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> props = (Map<String, Object>) g.getUserData();
          if (props.containsKey("count")) {
            counts.merge("total", ((Number) props.get("count")).longValue(), Long::sum);
            props.forEach((k, v) -> {
              if (k.startsWith("st_")) {
                counts.merge(k.substring(3), ((Number) v).longValue(), Long::sum);
              }
            });
          } else {
            counts.merge("total", 1L, Long::sum);
            counts.merge((String) props.get("status"), 1L, Long::sum);
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return counts;
  }


  /**
   * A status change that takes a report (in Gdańsk) off the public map re-renders only the raster tiles
   * it touched: in a 7 × 7 block around it, in both matrix sets, the tiles whose ETag changes (a tile
   * is drawn again exactly when its version moved) are the report's own tile and at most its
   * neighbours, and the report's tile no longer shows it.
   */
  @Test
  void aStatusChangeReRendersOnlyTheTilesItTouched() throws Exception {
    double lon = 18.6466;
    double lat = 54.3520;
    long id = report("illegal_parking", lon, lat);
    Object[][] sets = {{"WebMercatorQuad", 13}, {"EPSG2180", 11}};
    Map<String, String> etags = new LinkedHashMap<>();
    for (Object[] c : sets) {
      long[] t = tileOf((String) c[0], (Integer) c[1], lon, lat);
      for (long dy = -3; dy <= 3; dy++) {
        for (long dx = -3; dx <= 3; dx++) {
          String path = rest("threats.points", (String) c[0], (Integer) c[1], t[0] + dx, t[1] + dy, "png");
          Response r = get(path);
          assertEquals(200, r.status(), r.toString());
          etags.put(path, r.header("ETag"));
        }
      }
    }
    Response current = get("/api/reports/" + id, "Authorization", admin);
    Response patched = send(HttpRequest.newBuilder(URI.create(base + "/api/reports/" + id))
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"joke_or_mistake\",\"note\":\"test\"}"))
        .header("Content-Type", "application/json").header("Authorization", admin)
        .header("If-Match", current.header("ETag")).build());
    assertEquals(200, patched.status(), patched.toString());
    for (Object[] c : sets) {
      long[] t = tileOf((String) c[0], (Integer) c[1], lon, lat);
      int rerendered = 0;
      for (long dy = -3; dy <= 3; dy++) {
        for (long dx = -3; dx <= 3; dx++) {
          String path = rest("threats.points", (String) c[0], (Integer) c[1], t[0] + dx, t[1] + dy, "png");
          Response r = get(path, "If-None-Match", etags.get(path));
          if (r.status() == 200) {
            rerendered++;
            assertNotEquals(etags.get(path), r.header("ETag"));
            assertTrue(Math.abs(dx) <= 1 && Math.abs(dy) <= 1, c[0] + ": tile " + dx + "," + dy
                + " away from the report was drawn again");
          } else {
            assertEquals(304, r.status(), r.toString());
          }
          if (dx == 0 && dy == 0) {
            assertEquals(200, r.status(), "the report's own tile of " + c[0] + " is drawn again");
            assertEquals(0, drawnPixels(r.image()), "and no longer shows the report");
          }
        }
      }
      assertTrue(rerendered >= 1 && rerendered <= 9, c[0] + ": " + rerendered + " tiles drawn again");
    }
  }
}
