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
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.indicator.IndicatorCatalog;
import pl.kmzb.indicator.IndicatorImporter;
import pl.kmzb.server.Application;
import pl.kmzb.store.JdbcBoundaryStore;

/**
 * Indicator layers over WMS on each store: two counties in two classes drawn in their palette
 * colours, the legend showing the map's classes, GetFeatureInfo with value and rate, police-only
 * indicators behind credentials.
 *
 * <p>Warszawa 1465 (box 20.8–21.2 E, 52.0–52.4 N) and Kraków 1261 (19.7–20.1 E, 49.9–50.2 N), a
 * million inhabitants each in 2024, 10 and 90 road accidents: rates per 100,000 of 1 and 9. The
 * layer's default, 5 quantile classes, over n = 2: nearest ranks 1, 1, 2, 2 give breaks
 * [1, 1, 1, 9, 9, 9], merged to [1, 1, 9]: two classes, [1, 1] and (1, 9]. Two classes spread over
 * the 9-step palette take steps 0 (#ffffcc) and 8 (#800026).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IndicatorLayersContract {
  static final String ADMIN_PASSWORD = "admin-password-for-indicator-tests";
  static final GeometryFactory GEOMETRY = new GeometryFactory();
  static final int LIGHT = 0xffffcc;
  static final int DARK = 0x800026;
  static final int NO_DATA = 0xd9d9d9;

  Path dir;
  Application app;
  WmsClient client;

  abstract List<String> storeArgs(Path dir);

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("indicator-wms-test");
    List<String> args = new ArrayList<>(storeArgs(dir));
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + ADMIN_PASSWORD, "--reference.poll-interval=PT0.05S"));
    app = Application.start(ConfigLoader.load(args, Map.of()));
    client = new WmsClient(app.port());
    JdbcBoundaryStore.of(app.store()).replace(BoundaryLevel.COUNTY, List.of(
        county("1465", "Warszawa", 20.8, 52.0, 21.2, 52.4), county("1261", "Kraków", 19.7, 49.9, 20.1, 50.2),
        county("0264", "Wrocław", 16.8, 51.0, 17.2, 51.2)));
    IndicatorImporter.population(app.store(), BoundaryLevel.COUNTY, Files.writeString(dir.resolve("gus.csv"),
        "teryt,year,population\n1465,2024,1000000\n1261,2024,1000000\n"));
    IndicatorImporter.indicators(app.store(), IndicatorCatalog.load(null), BoundaryLevel.COUNTY,
        Files.writeString(dir.resolve("kgp.csv"), "teryt,indicator,period,value\n1465,road_accidents,2024,10\n"
            + "1261,road_accidents,2024,90\n1261,interventions,2024,5\n"));
    for (long deadline = System.currentTimeMillis() + 90_000; !ready(); ) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the server did not show the imported data");
      }
      Thread.sleep(50);
    }
  }

  /** Ready, the boundaries reloaded and the indicator data loaded: Kraków's feature is in class 1. */
  private boolean ready() {
    if (client.get("/health", List.of()).status() != 200) {
      return false;
    }
    WmsClient.Response r = client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.3.0", "LAYERS",
        "indicator.road_accidents.county", "QUERY_LAYERS", "indicator.road_accidents.county", "STYLES", "", "CRS",
        "CRS:84", "BBOX", "16.5,49.5,21.5,52.5", "WIDTH", "200", "HEIGHT", "300", "INFO_FORMAT", "application/json",
        "I", "136", "J", "245");
    return r.status() == 200 && r.json().path("features").path(0).path("properties").path("class").asInt(-1) == 1;
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  static Boundary county(String code, String name, double minLon, double minLat, double maxLon, double maxLat) {
    return new Boundary(BoundaryLevel.COUNTY, code, name, GEOMETRY.createPolygon(new Coordinate[] {
        new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat), new Coordinate(maxLon, maxLat),
        new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat)}));
  }

  /**
   * 200 × 300 pixels over 16.5–21.5 E, 49.5–52.5 N in EPSG:3857. (Not CRS:84: the renderer's outline
   * decimation of 0.5 is in the view CRS's units, so in degrees it drops the vertices of areas smaller
   * than half a degree, these test counties among them; noted for the lead.)
   */
  WmsClient.Response map() {
    return client.wms(mapParams("indicator.road_accidents.county"));
  }

  static final pl.kmzb.crs.CrsTransform MERCATOR = pl.kmzb.crs.CrsRegistry.standard().fromLonLat(
      pl.kmzb.crs.CrsRegistry.standard().require("EPSG:3857"));
  static final pl.kmzb.crs.Bounds VIEW = MERCATOR.apply(new pl.kmzb.crs.Bounds(16.5, 49.5, 21.5, 52.5));

  static String[] mapParams(String layer) {
    return new String[] {"SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", layer, "STYLES", "",
        "CRS", "EPSG:3857", "BBOX", VIEW.minX() + "," + VIEW.minY() + "," + VIEW.maxX() + "," + VIEW.maxY(), "WIDTH",
        "200", "HEIGHT", "300", "FORMAT", "image/png", "TRANSPARENT", "TRUE"};
  }

  static int rgb(BufferedImage img, double lon, double lat) {
    pl.kmzb.crs.Bounds p = MERCATOR.apply(new pl.kmzb.crs.Bounds(lon, lat, lon, lat));
    int x = (int) ((p.minX() - VIEW.minX()) / (VIEW.maxX() - VIEW.minX()) * 200);
    int y = (int) ((VIEW.maxY() - p.minY()) / (VIEW.maxY() - VIEW.minY()) * 300);
    return img.getRGB(x, y) & 0xffffff;
  }

  @Test
  void twoCountiesInTwoClassesAndOneWithoutData() {
    BufferedImage img = map().image();
    assertEquals(LIGHT, rgb(img, 21.0, 52.2), "Warszawa: class 0");
    assertEquals(DARK, rgb(img, 19.9, 50.05), "Kraków: class 1");
    assertEquals(NO_DATA, rgb(img, 17.0, 51.1), "Wrocław: no value");
    assertEquals(0, img.getRGB(100, 150) >>> 24, "outside every county: transparent");
  }

  @Test
  void legendShowsTheClassesOfTheMap() {
    WmsClient.Response r = client.wms("SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0",
        "LAYER", "indicator.road_accidents.county", "FORMAT", "image/png", "LANGUAGE", "en");
    assertEquals("image/png", r.contentType(), r.toString());
    BufferedImage img = r.image();
    // The swatches, top to bottom, in the column through their middle: class 0, class 1, no data.
    List<Integer> swatches = new ArrayList<>();
    for (int y = 0; y < img.getHeight(); y++) {
      int argb = img.getRGB(12, y);
      int rgb = argb & 0xffffff;
      if (argb >>> 24 == 255 && (swatches.isEmpty() || swatches.get(swatches.size() - 1) != rgb)
          && (rgb == LIGHT || rgb == DARK || rgb == NO_DATA)) {
        swatches.add(rgb);
      }
    }
    assertEquals(List.of(LIGHT, DARK, NO_DATA), swatches);
  }

  @Test
  void featureInfoHasValueAndRate() {
    JsonNode info = client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.3.0", "LAYERS",
        "indicator.road_accidents.county", "QUERY_LAYERS", "indicator.road_accidents.county", "STYLES", "", "CRS",
        "CRS:84", "BBOX", "16.5,49.5,21.5,52.5", "WIDTH", "200", "HEIGHT", "300", "INFO_FORMAT", "application/json",
        "I", "136", "J", "245").json();
    JsonNode p = info.path("features").get(0).path("properties");
    assertEquals("1261", p.path("code").asText(), info.toString());
    assertEquals("2024", p.path("period").asText());
    assertEquals(90.0, p.path("value").asDouble());
    assertEquals(1_000_000, p.path("population").asLong());
    assertEquals(9.0, p.path("rate").asDouble());
    assertEquals(1, p.path("class").asInt());
  }

  @Test
  void policeIndicatorLayersNeedCredentials() {
    String[] request = mapParams("indicator.interventions.county");
    assertEquals(401, client.wms(request).status());
    WmsClient.Response police = client.wms(List.of("Authorization", WmsClient.basic("admin", ADMIN_PASSWORD)), request);
    assertEquals("image/png", police.contentType(), police.toString());
    // One value: one class [5, 5], the palette's darkest step.
    assertEquals(DARK, rgb(police.image(), 19.9, 50.05));
    String capabilities = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0").text();
    assertTrue(capabilities.contains("<Name>indicator.road_accidents.county</Name>"));
    assertTrue(!capabilities.contains("<Name>indicator.interventions.county</Name>"));
  }

  /**
   * PERIOD, PER, CLASSES and METHOD choose the map as they do for the statistics API: 3 equal
   * intervals over the rates 1 and 9 put Kraków in class 2 (of 0-2), in the feature info, the
   * legend (one class more than the default's) and the map (a cache entry of its own).
   */
  @Test
  void vendorParametersChooseTheMapItsLegendAndItsFeatureInfo() {
    String[] info = {"SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.3.0", "LAYERS",
        "indicator.road_accidents.county", "QUERY_LAYERS", "indicator.road_accidents.county", "STYLES", "", "CRS",
        "CRS:84", "BBOX", "16.5,49.5,21.5,52.5", "WIDTH", "200", "HEIGHT", "300", "INFO_FORMAT", "application/json",
        "I", "136", "J", "245"};
    JsonNode p = client.wms(with(info, "classes", "3", "Method", "equal", "PERIOD", "2024")).json()
        .path("features").get(0).path("properties");
    assertEquals("1261", p.path("code").asText(), p.toString());
    assertEquals(2, p.path("class").asInt(), p.toString());
    JsonNode perOne = client.wms(with(info, "PER", "1")).json().path("features").get(0).path("properties");
    assertEquals(90.0, perOne.path("value").asDouble(), perOne.toString());
    assertEquals(1, client.wms(info).json().path("features").get(0).path("properties").path("class").asInt(),
        "without the parameters: the default map");

    String[] legend = {"SERVICE", "WMS", "REQUEST", "GetLegendGraphic", "VERSION", "1.3.0", "LAYER",
        "indicator.road_accidents.county", "FORMAT", "image/png", "LANGUAGE", "en"};
    int defaultHeight = client.wms(legend).image().getHeight();
    int variantHeight = client.wms(with(legend, "CLASSES", "3", "METHOD", "equal")).image().getHeight();
    assertTrue(variantHeight > defaultHeight, "three classes and no data draw more swatches: " + variantHeight
        + " against " + defaultHeight);

    WmsClient.Response plain = map();
    WmsClient.Response variant = client.wms(with(mapParams("indicator.road_accidents.county"), "CLASSES", "3",
        "METHOD", "equal"));
    assertEquals("image/png", variant.contentType(), variant.toString());
    assertEquals(DARK, rgb(variant.image(), 19.9, 50.05), "Kraków: the last class");
    assertEquals(LIGHT, rgb(variant.image(), 21.0, 52.2), "Warszawa: the first class");
    assertTrue(plain.header("ETag") == null || !plain.header("ETag").equals(variant.header("ETag")),
        "a variant is not the default map's cache entry");
  }

  @Test
  void aVendorParameterTheIndicatorCannotTakeIsAnInvalidParameterValue() {
    String[] map = mapParams("indicator.road_accidents.county");
    for (String[] bad : List.of(new String[] {"CLASSES", "2"}, new String[] {"CLASSES", "ten"},
        new String[] {"METHOD", "median"}, new String[] {"PERIOD", "2023"}, new String[] {"PERIOD", "2024-13"},
        new String[] {"PER", "1000"})) {
      WmsClient.Response r = client.wms(with(map, bad));
      assertTrue(r.text().contains("code=\"InvalidParameterValue\"") && r.text().contains("locator=\"" + bad[0] + "\""),
          String.join("=", bad) + ": " + r);
    }
    // Layers that are not indicators ignore them, as any WMS ignores a vendor parameter it does not know.
    WmsClient.Response boundaries = client.wms(with(mapParams("boundaries.county"), "CLASSES", "2"));
    assertEquals("image/png", boundaries.contentType(), boundaries.toString());
  }

  /**
   * QGIS sends GetMap to the capabilities' operation URL, not to the URL it was given: capabilities
   * asked with the parameters carry them in every operation URL and legend URL.
   */
  @Test
  void capabilitiesEchoTheParametersInTheirOperationUrls() {
    String plain = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0").text();
    String echoed = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0", "classes", "3",
        "METHOD", "jenks").text();
    assertTrue(!plain.contains("CLASSES="), "no parameters, none echoed");
    assertTrue(echoed.contains("/wms?CLASSES=3&amp;METHOD=jenks&amp;\""), "the operations' URL");
    assertTrue(echoed.contains("/wms?CLASSES=3&amp;METHOD=jenks&amp;SERVICE=WMS&amp;REQUEST=GetLegendGraphic"),
        "the legend URLs");
    WmsClient.Response bad = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0", "PERIOD",
        "\"><x/>");
    assertTrue(bad.text().contains("code=\"InvalidParameterValue\"") && bad.text().contains("locator=\"PERIOD\""),
        bad.toString());
  }

  /** OGC API – Tiles map tiles pass the same parameters (lower case, as query parameters) to the same parser. */
  @Test
  void ogcApiMapTilesTakeTheParametersToo() {
    // WebMercatorQuad 6/21/35 holds Kraków (19.9 E, 50.05 N).
    String tile = "/ogc/tiles/collections/indicator.road_accidents.county/map/tiles/WebMercatorQuad/6/21/35";
    WmsClient.Response plain = client.get(tile, List.of());
    WmsClient.Response variant = client.get(tile + "?classes=3&method=equal&period=2024", List.of());
    assertEquals(200, variant.status(), variant.toString());
    assertEquals("image/png", variant.contentType(), variant.toString());
    assertTrue(plain.header("ETag") == null || !plain.header("ETag").equals(variant.header("ETag")),
        "a variant is not the default tile's cache entry");
    WmsClient.Response bad = client.get(tile + "?classes=2", List.of());
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.contentType().startsWith("application/problem+json"), bad.toString());
    assertEquals("classes", bad.json().path("errors").path(0).path("field").asText(), bad.toString());
  }

  /** WMTS tiles (KVP and RESTful) pass them to the same parser too; other layers' tiles ignore them. */
  @Test
  void wmtsTilesTakeTheParametersToo() {
    String[] tile = {"SERVICE", "WMTS", "REQUEST", "GetTile", "VERSION", "1.0.0", "LAYER",
        "indicator.road_accidents.county", "STYLE", "default", "FORMAT", "image/png", "TILEMATRIXSET",
        "WebMercatorQuad", "TILEMATRIX", "6", "TILEROW", "21", "TILECOL", "35"};
    WmsClient.Response plain = client.get(kvp("/wmts", tile), List.of());
    WmsClient.Response variant = client.get(kvp("/wmts", with(tile, "classes", "3", "METHOD", "equal", "PERIOD",
        "2024")), List.of());
    assertEquals(200, plain.status(), plain.toString());
    assertEquals(200, variant.status(), variant.toString());
    assertEquals("image/png", variant.contentType(), variant.toString());
    assertTrue(!plain.header("ETag").equals(variant.header("ETag")), "a variant is not the default tile's cache entry");
    WmsClient.Response other = client.get(kvp("/wmts", with(tile, "classes", "4", "METHOD", "equal", "PERIOD",
        "2024")), List.of());
    assertTrue(!other.header("ETag").equals(variant.header("ETag")), "nor another variant's");
    WmsClient.Response bad = client.get(kvp("/wmts", with(tile, "CLASSES", "2")), List.of());
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.text().contains("InvalidParameterValue") && bad.text().contains("locator=\"CLASSES\""),
        bad.toString());
    WmsClient.Response rest = client.get("/wmts/1.0.0/indicator.road_accidents.county/default/default/WebMercatorQuad/6/"
        + "21/35.png?PERIOD=2023", List.of());
    assertEquals(400, rest.status(), "2023 has no values: " + rest);
    assertTrue(rest.text().contains("locator=\"PERIOD\""), rest.toString());
    WmsClient.Response boundaries = client.get(kvp("/wmts", with(tile, "LAYER", "boundaries.county", "CLASSES", "2")),
        List.of());
    assertEquals(200, boundaries.status(), "a layer that is not an indicator ignores them: " + boundaries);
  }

  /** WMTS capabilities echo them too: in the KVP URL and in the indicator layers' own URLs only. */
  @Test
  void wmtsCapabilitiesEchoTheParameters() {
    String[] caps = {"SERVICE", "WMTS", "REQUEST", "GetCapabilities"};
    String plain = client.get(kvp("/wmts", caps), List.of()).text();
    String echoed = client.get(kvp("/wmts", with(caps, "classes", "3", "METHOD", "jenks")), List.of()).text();
    assertTrue(!plain.contains("CLASSES="), "no parameters, none echoed");
    assertTrue(echoed.contains("/wmts?CLASSES=3&amp;METHOD=jenks&amp;\""), "the KVP URL");
    assertTrue(echoed.contains("/wmts/1.0.0/indicator.road_accidents.county/{Style}/default/{TileMatrixSet}/"
        + "{TileMatrix}/{TileRow}/{TileCol}.png?CLASSES=3&amp;METHOD=jenks\""), "the indicator layer's tiles");
    assertTrue(echoed.contains("/wms?CLASSES=3&amp;METHOD=jenks&amp;SERVICE=WMS&amp;REQUEST=GetLegendGraphic"),
        "its legend");
    assertTrue(echoed.contains("/wmts/1.0.0/boundaries.county/{Style}/default/{TileMatrixSet}/{TileMatrix}/{TileRow}/"
        + "{TileCol}.png\""), "other layers' URLs stay plain");
    WmsClient.Response bad = client.get(kvp("/wmts", with(caps, "PERIOD", "\"><x/>")), List.of());
    assertEquals(400, bad.status(), bad.toString());
    assertTrue(bad.text().contains("InvalidParameterValue") && bad.text().contains("locator=\"PERIOD\""),
        bad.toString());
  }

  static String kvp(String path, String[] params) {
    StringBuilder sb = new StringBuilder(path);
    for (int i = 0; i < params.length; i += 2) {
      sb.append(i == 0 ? '?' : '&').append(params[i]).append('=')
          .append(java.net.URLEncoder.encode(params[i + 1], java.nio.charset.StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  /** {@code base} with the pairs added (replacing a parameter of the same name, case-insensitively). */
  static String[] with(String[] base, String... pairs) {
    Map<String, String> p = new java.util.LinkedHashMap<>();
    for (int i = 0; i < base.length; i += 2) {
      p.put(base[i], base[i + 1]);
    }
    for (int i = 0; i < pairs.length; i += 2) {
      String name = pairs[i];
      p.keySet().removeIf(k -> k.equalsIgnoreCase(name));
      p.put(name, pairs[i + 1]);
    }
    return p.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
        .toArray(String[]::new);
  }
}
