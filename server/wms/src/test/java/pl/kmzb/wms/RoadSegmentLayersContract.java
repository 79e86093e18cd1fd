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
import pl.kmzb.testing.RoadSegmentFixture;

/**
 * The road-segment layer over WMS on each store, with {@link RoadSegmentFixture}: DK7's segment
 * (25 incidents, the style's orange #fd8d3c) and DW773's (35, red #e31a1c) drawn where the roads run,
 * nothing elsewhere; the legend's three classes; GetFeatureInfo equal to
 * {@code /api/analytics/road-segments}'s row; a public layer, as the API; new reports reach the layer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoadSegmentLayersContract {
  static final String LAYER = "analytics.road-segments";
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
        "--auth.admin-password=admin-password-for-road-tests", "--reference.poll-interval=PT0.05S",
        "--wms.warm-up=PT0S"));
    app = Application.start(ConfigLoader.load(args, Map.of()));
    client = new WmsClient(app.port());
    RoadSegmentFixture.load(app.store());
    for (long deadline = System.currentTimeMillis() + 60_000; client.get("/health", List.of()).status() != 200; ) {
      assertTrue(System.currentTimeMillis() < deadline, "the server did not get ready");
      Thread.sleep(50);
    }
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  static String[] mapParams(String... more) {
    List<String> p = new ArrayList<>(List.of("SERVICE", "WMS", "VERSION", "1.3.0", "LAYERS", LAYER, "STYLES", "",
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

  static int argb(BufferedImage img, LonLat at) {
    int[] p = pixel(at);
    return img.getRGB(p[0], p[1]);
  }

  JsonNode info(LonLat at) {
    int[] p = pixel(at);
    WmsClient.Response r = client.wms(mapParams("REQUEST", "GetFeatureInfo", "QUERY_LAYERS", LAYER, "INFO_FORMAT",
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
    com.fasterxml.jackson.databind.node.ObjectNode p = feature.path("properties").deepCopy();
    assertEquals(LAYER, p.remove("layer").asText());
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
    BufferedImage img = r.image();
    List<Integer> swatches = new ArrayList<>();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < Math.min(24, img.getWidth()); x++) {
        int argb = img.getRGB(x, y);
        int rgb = argb & 0xffffff;
        if (argb >>> 24 == 255 && (rgb == FEW || rgb == MORE || rgb == MOST)
            && (swatches.isEmpty() || swatches.get(swatches.size() - 1) != rgb)) {
          swatches.add(rgb);
        }
      }
    }
    assertEquals(List.of(MOST, MORE, FEW), swatches, "the rules in order: 50 or more, 30–49, fewer");
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
}
