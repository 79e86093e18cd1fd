package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;
import pl.kmzb.testing.HotspotFixture;
import pl.kmzb.testing.RoadSegmentFixture;

/**
 * The analysis layers over WMS on each store, with {@link RoadSegmentFixture} and
 * {@link HotspotFixture}. Road segments: DK7's segment
 * (25 incidents, the style's orange #fd8d3c) and DW773's (35, red #e31a1c) drawn where the roads run,
 * nothing elsewhere; the legend's three classes; GetFeatureInfo equal to
 * {@code /api/analytics/road-segments}'s row; a public layer, as the API; new reports reach the layer.
 * Hot spots: the hot cell drawn in the hot_99 colour, a quiet place not at all; GetFeatureInfo equal
 * to {@code /api/analytics/hotspots}'s cell; the legend's six classes. Density: the hot cell (30
 * reports, 30 × 3 / (π · 25 km²) ≈ 1.15 per km² at its centre) in the colour map's top colour,
 * nothing where the surface is zero; GetFeatureInfo equal to {@code /api/analytics/density}'s cell.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AnalyticsLayersContract {
  static final String LAYER = "analytics.road-segments";
  static final String HOTSPOTS = "analytics.hotspots";
  static final int HOT_99 = 0xb2182b;
  static final int HOT_95 = 0xef8a62;
  static final int HOT_90 = 0xfddbc7;
  static final int COLD_90 = 0xd1e5f0;
  static final int COLD_95 = 0x67a9cf;
  static final int COLD_99 = 0x2166ac;
  static final int FEW = 0xfd8d3c;
  static final int MORE = 0xd7301f;
  static final int MOST = 0x7f0000;
  static final CrsTransform MERCATOR = CrsRegistry.standard().fromLonLat(CrsRegistry.standard().require("EPSG:3857"));
  /** 400 × 200 pixels over EPSG:2180 (550000–630000, 220000–270000) taken to EPSG:3857. */
  static final Bounds VIEW;

  static {
    LonLat sw = RoadSegmentFixture.lonLat(550_000, 220_000);
    LonLat ne = RoadSegmentFixture.lonLat(630_000, 270_000);
    VIEW = MERCATOR.apply(new Bounds(sw.lon(), sw.lat(), ne.lon(), ne.lat()));
  }

  Path dir;
  Application app;
  WmsClient client;

  abstract List<String> storeArgs(Path dir);

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("road-segment-wms-test");
    List<String> args = new ArrayList<>(storeArgs(dir));
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=admin-password-for-road-tests", "--reference.poll-interval=PT0.05S", "--analytics.layer-refresh=PT0.05S",
        "--wms.warm-up=PT0S"));
    app = Application.start(ConfigLoader.load(args, Map.of()));
    client = new WmsClient(app.port());
    RoadSegmentFixture.load(app.store());
    HotspotFixture.load(app.store());
    for (long deadline = System.currentTimeMillis() + 60_000; client.get("/health", List.of()).status() != 200; ) {
      assertTrue(System.currentTimeMillis() < deadline, "the server did not get ready");
      Thread.sleep(50);
    }
    // The layers were first computed at start, before the fixtures: the maps answer with that result
    // until the computation the fixtures started in the background is in.
    for (long deadline = System.currentTimeMillis() + 60_000; info(RoadSegmentFixture.onDw773(4_500)).size() == 0
        || info(HOTSPOTS, HotspotFixture.HOT).size() == 0 || info("analytics.density", HotspotFixture.HOT).size() == 0; ) {
      assertTrue(System.currentTimeMillis() < deadline, "the layers did not show the fixtures");
      Thread.sleep(50);
    }
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  static String[] mapParams(String... more) {
    return mapParamsOf(LAYER, more);
  }

  static String[] mapParamsOf(String layer, String... more) {
    List<String> p = new ArrayList<>(List.of("SERVICE", "WMS", "VERSION", "1.3.0", "LAYERS", layer, "STYLES", "",
        "CRS", "EPSG:3857", "BBOX", VIEW.minX() + "," + VIEW.minY() + "," + VIEW.maxX() + "," + VIEW.maxY(), "WIDTH",
        "400", "HEIGHT", "200"));
    p.addAll(List.of(more));
    return p.toArray(String[]::new);
  }

  /** The pixel (column, row) of a lon/lat on the test view. */
  static int[] pixel(LonLat at) {
    Bounds p = MERCATOR.apply(new Bounds(at.lon(), at.lat(), at.lon(), at.lat()));
    return new int[] {(int) ((p.minX() - VIEW.minX()) / VIEW.width() * 400),
        (int) ((VIEW.maxY() - p.minY()) / VIEW.height() * 200)};
  }

  /** The top-to-bottom order of the given colours' swatches in a legend. */
  static List<Integer> swatches(BufferedImage img, List<Integer> colours) {
    List<Integer> out = new ArrayList<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < Math.min(24, img.getWidth()); x++) {
        int argb = img.getRGB(x, y);
        int rgb = argb & 0xffffff;
        if (argb >>> 24 == 255 && colours.contains(rgb) && (out.isEmpty() || out.get(out.size() - 1) != rgb)) {
          out.add(rgb);
        }
      }
    }
    return out;
  }

  static int argb(BufferedImage img, LonLat at) {
    int[] p = pixel(at);
    return img.getRGB(p[0], p[1]);
  }

  JsonNode info(LonLat at) {
    return info(LAYER, at);
  }

  JsonNode info(String layer, LonLat at) {
    int[] p = pixel(at);
    WmsClient.Response r = client.wms(mapParamsOf(layer, "REQUEST", "GetFeatureInfo", "QUERY_LAYERS", layer,
        "INFO_FORMAT",
        "application/json", "I", String.valueOf(p[0]), "J", String.valueOf(p[1]), "FEATURE_COUNT", "5"));
    assertEquals(200, r.status(), r.toString());
    return r.json().path("features");
  }

  @Test
  void segmentsAreDrawnAlongTheirRoadsInTheirClassColours() {
    WmsClient.Response r = client.wms(mapParams("REQUEST", "GetMap", "FORMAT", "image/png", "TRANSPARENT", "TRUE"));
    assertEquals("image/png", r.contentType(), r.toString());
    BufferedImage img = r.image();
    assertEquals(0xff000000 | FEW, argb(img, RoadSegmentFixture.onDk7(7_500)), "DK7 5–10 km: 25 incidents");
    assertEquals(0xff000000 | FEW, argb(img, RoadSegmentFixture.onDk7(5_400)), "near the segment's start");
    assertEquals(0xff000000 | MORE, argb(img, RoadSegmentFixture.onDw773(4_500)), "DW773 2–7 km: 35 incidents");
    assertEquals(0, argb(img, RoadSegmentFixture.onDk7(15_000)) >>> 24, "DK7 at 15 km: no segment");
    assertEquals(0, argb(img, RoadSegmentFixture.onDk7(21_000)) >>> 24, "vandalism is not a road category");
    assertEquals(0, argb(img, RoadSegmentFixture.onDw773(12_000)) >>> 24, "DW773 past the segment");
  }

  /** A GetFeatureInfo feature's properties without the layer's name, which the JSON adds. */
  static JsonNode properties(JsonNode feature) {
    return properties(LAYER, feature);
  }

  static JsonNode properties(String layer, JsonNode feature) {
    com.fasterxml.jackson.databind.node.ObjectNode p = feature.path("properties").deepCopy();
    assertEquals(layer, p.remove("layer").asText());
    return p;
  }

  @Test
  void featureInfoEqualsTheApiRows() {
    JsonNode api = client.get("/api/analytics/road-segments", List.of()).json().path("segments");
    // DW773's 35 first, DK7's 25 second (a third, of newReportsReachTheLayer, may follow).
    assertTrue(api.size() >= 2, api.toString());
    JsonNode dw = info(RoadSegmentFixture.onDw773(4_500));
    assertEquals(1, dw.size(), dw.toString());
    assertEquals(api.get(0), properties(dw.get(0)), "DW773's segment, ranked first");
    JsonNode dk = info(RoadSegmentFixture.onDk7(7_500));
    assertEquals(api.get(1), properties(dk.get(0)), "DK7's segment, ranked second");
    assertEquals(0, info(RoadSegmentFixture.onDk7(15_000)).size(), "nothing where no segment is");
  }

  @Test
  void legendShowsTheClassesOfTheStyle() {
    WmsClient.Response r = client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0",
        "LAYER", LAYER, "FORMAT", "image/png", "LANGUAGE", "en");
    assertEquals("image/png", r.contentType(), r.toString());
    assertEquals(List.of(MOST, MORE, FEW), swatches(r.image(), List.of(FEW, MORE, MOST)), "the rules in order: 50 or more, 30–49, fewer");
  }

  @Test
  void aPublicLayerAsTheApiIsForAnyone() {
    String capabilities = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0").text();
    assertTrue(capabilities.contains("<Name>" + LAYER + "</Name>"), "anonymous capabilities list it");
    assertEquals(200, client.get("/api/analytics/road-segments", List.of()).status(), "the API answers anyone");
  }

  @Test
  void newReportsReachTheLayer() throws Exception {
    List<NewReport> more = new ArrayList<>();
    for (int i = 0; i < 22; i++) {
      more.add(new NewReport("speeding", Status.CONFIRMED, RoadSegmentFixture.onDk7(30_000 + i * 100),
          java.time.Instant.parse("2026-06-02T10:00:00Z"), null, null, null, Source.POLICE_SYSTEM,
          Teryt.ofMunicipality("1261011"), null, null, false));
    }
    app.store().insertAll(more, "test");
    LonLat at = RoadSegmentFixture.onDk7(31_000);
    for (long deadline = System.currentTimeMillis() + 30_000; info(at).size() == 0; Thread.sleep(50)) {
      assertTrue(System.currentTimeMillis() < deadline, "the layer did not show the new segment");
    }
    assertEquals(22, info(at).get(0).path("properties").path("incidents").asInt());
    BufferedImage img = client.wms(mapParams("REQUEST", "GetMap", "FORMAT", "image/png", "TRANSPARENT", "TRUE"))
        .image();
    assertEquals(0xff000000 | FEW, argb(img, at), "the image cache drew the new data");
  }

  @Test
  void theHotCellIsDrawnInItsClassColour() {
    WmsClient.Response r = client.wms(mapParamsOf(HOTSPOTS, "REQUEST", "GetMap", "FORMAT", "image/png",
        "TRANSPARENT", "TRUE"));
    assertEquals("image/png", r.contentType(), r.toString());
    assertEquals(0xff000000 | HOT_99, argb(r.image(), HotspotFixture.HOT), "30 reports in one cell: hot_99");
    assertEquals(0, argb(r.image(), HotspotFixture.QUIET) >>> 24, "not significant: not drawn");
  }

  @Test
  void hotspotFeatureInfoEqualsTheApiCell() {
    JsonNode api = client.get("/api/analytics/hotspots", List.of()).json().path("features");
    JsonNode hit = info(HOTSPOTS, HotspotFixture.HOT);
    assertEquals(1, hit.size(), hit.toString());
    JsonNode mine = properties(HOTSPOTS, hit.get(0));
    assertEquals("hot_99", mine.path("class").asText());
    assertEquals(30, mine.path("count").asInt());
    JsonNode same = null;
    for (JsonNode f : api) {
      if (f.path("id").asText().equals(mine.path("col").asInt() + "," + mine.path("row").asInt())) {
        same = f.path("properties");
      }
    }
    assertEquals(same, mine, "the API's cell");
    assertEquals(0, info(HOTSPOTS, HotspotFixture.QUIET).size());
  }

  @Test
  void hotspotLegendShowsTheSixClasses() {
    WmsClient.Response r = client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0",
        "LAYER", HOTSPOTS, "FORMAT", "image/png");
    assertEquals("image/png", r.contentType(), r.toString());
    List<Integer> all = List.of(HOT_99, HOT_95, HOT_90, COLD_90, COLD_95, COLD_99);
    assertEquals(all, swatches(r.image(), all));
    String capabilities = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0").text();
    assertTrue(capabilities.contains("<Name>" + HOTSPOTS + "</Name>"), "public, as the API");
  }

  @Test
  void theDensitySurfaceIsDrawnFromTheApiNumbers() {
    WmsClient.Response r = client.wms(mapParamsOf("analytics.density", "REQUEST", "GetMap", "FORMAT", "image/png",
        "TRANSPARENT", "TRUE"));
    assertEquals("image/png", r.contentType(), r.toString());
    assertEquals(0xffbd0026, argb(r.image(), HotspotFixture.HOT), "≥ 1 report per km²: the top colour, opaque");
    assertEquals(0, argb(r.image(), HotspotFixture.QUIET) >>> 24, "no report within 5 km: nothing");
    JsonNode hit = info("analytics.density", HotspotFixture.HOT);
    assertEquals(1, hit.size(), hit.toString());
    JsonNode mine = properties("analytics.density", hit.get(0));
    assertEquals(30 * 3 / (Math.PI * 25), mine.path("density").asDouble(), 1e-6);
    JsonNode same = null;
    for (JsonNode f : client.get("/api/analytics/density", List.of()).json().path("features")) {
      if (f.path("id").asText().equals(mine.path("col").asInt() + "," + mine.path("row").asInt())) {
        same = f.path("properties");
      }
    }
    assertEquals(same, mine, "the API's cell");
    assertEquals(0, info("analytics.density", HotspotFixture.QUIET).size());
  }

  @Test
  void candidateSitesArePoliceOnlyAndDrawTheApiPicks() throws Exception {
    String layer = "police.candidate-sites";
    String[] request = mapParamsOf(layer, "REQUEST", "GetMap", "FORMAT", "image/png", "TRANSPARENT", "TRUE");
    assertEquals(401, client.wms(request).status(), "police only");
    List<String> police = List.of("Authorization", WmsClient.basic("admin", "admin-password-for-road-tests"));
    JsonNode picks = client.get("/api/analytics/candidates", police).json().path("picks");
    // No police unit: every confirmed threat is uncovered; the first pick covers the hot cell's 30.
    assertTrue(picks.size() >= 1 && picks.get(0).path("gain").asInt() >= 30, picks.toString());
    JsonNode first = picks.get(0);
    LonLat at = new LonLat(first.path("lon").asDouble(), first.path("lat").asDouble());
    int[] p = pixel(at);
    String[] infoRequest = mapParamsOf(layer, "REQUEST", "GetFeatureInfo", "QUERY_LAYERS", layer, "INFO_FORMAT",
        "application/json", "I", String.valueOf(p[0]), "J", String.valueOf(p[1]));
    // The layer was first computed at start, before the fixtures: its maps show that result until the
    // computation the fixtures started is in.
    for (long deadline = System.currentTimeMillis() + 30_000;
        client.wms(police, infoRequest).json().path("features").size() == 0; ) {
      assertTrue(System.currentTimeMillis() < deadline, "the layer did not show the picks");
      Thread.sleep(50);
    }
    WmsClient.Response map = client.wms(police, request);
    assertEquals("image/png", map.contentType(), map.toString());
    // The first three as the style's large dark circle (a label "1" over its middle).
    int[] c = pixel(at);
    int dark = 0;
    for (int dx = -9; dx <= 9; dx++) {
      for (int dy = -9; dy <= 9; dy++) {
        dark += (map.image().getRGB(c[0] + dx, c[1] + dy) & 0xffffff) == 0x6a1b9a ? 1 : 0;
      }
    }
    assertTrue(dark > 100, "the mark of the first pick: " + dark + " pixels");
    assertEquals(0, argb(map.image(), HotspotFixture.QUIET) >>> 24, "no pick there");
    WmsClient.Response info = client.wms(police, infoRequest);
    assertEquals(200, info.status(), info.toString());
    JsonNode site = properties(layer, info.json().path("features").get(0));
    assertEquals(1, site.path("rank").asInt());
    assertEquals(first.path("id").asText(), site.path("site").asText());
    assertEquals(first.path("gain").asInt(), site.path("gain").asInt());
    assertEquals(first.path("cumulativeShare").asDouble(), site.path("cumulativeShare").asDouble());
    assertEquals(5_000.0, site.path("spacingMetres").asDouble(), "the API's default grid: few candidates here");
    String capabilities = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0").text();
    assertTrue(!capabilities.contains("<Name>" + layer + "</Name>"), "not in anonymous capabilities");
  }
}
