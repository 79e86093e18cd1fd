package pl.kmzb.statistics.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.indicator.IndicatorCatalog;
import pl.kmzb.indicator.IndicatorImporter;
import pl.kmzb.server.Application;
import pl.kmzb.store.JdbcBoundaryStore;

/**
 * The vector tiles of the indicator layers ({@code /tiles/indicator-<code>-<level>}): every area of
 * the level with the numbers of its map, equal to {@code /api/statistics/indicators}; parameters as
 * that API's; police indicators behind credentials; an import re-renders the tiles. The fixture is
 * {@link IndicatorEndpointTest}'s: counties Wrocław 0264 (16 accidents, 640,000 inhabitants),
 * Kraków 1261 (37; 800,000), Warszawa 1465 (112; 1,600,000), Poznań 3064 (50; no 2024 population).
 * Tile 5/17/10 holds all four.
 */
class IndicatorTilesTest {
  static final String TILE = "/5/17/10.mvt";
  static final String ACCIDENTS = "/tiles/indicator-road-accidents-county";

  @TempDir Path dir;
  Application app;
  String admin;

  @BeforeEach
  void start() throws Exception {
    app = Application.start(ConfigLoader.load(List.of("--store=embedded", "--embedded.file=" + dir.resolve("k.sqlite"),
        "--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + IndicatorEndpointTest.ADMIN_PASSWORD, "--reference.poll-interval=PT0.05S"),
        Map.of()));
    admin = login();
    JdbcBoundaryStore.of(app.store()).replace(BoundaryLevel.COUNTY, List.of(
        IndicatorEndpointTest.county("1261", "Kraków", 19.8), IndicatorEndpointTest.county("1465", "Warszawa", 20.9),
        IndicatorEndpointTest.county("0264", "Wrocław", 16.9), IndicatorEndpointTest.county("3064", "Poznań", 16.8)));
    IndicatorImporter.population(app.store(), BoundaryLevel.COUNTY, file("gus.csv",
        "teryt,year,population", "1261,2024,800000", "1465,2024,1600000", "0264,2024,640000", "3064,2023,540000"));
    IndicatorImporter.indicators(app.store(), IndicatorCatalog.load(null), BoundaryLevel.COUNTY, file("kgp.csv",
        "teryt,indicator,period,value",
        "1261,road_accidents,2024,37", "1465,road_accidents,2024,112", "0264,road_accidents,2024,16",
        "3064,road_accidents,2024,50", "1261,road_accidents,2023,30", "1261,interventions,2024,900"));
    waitFor(() -> json(get("/api/statistics/indicators", null)).path("version").asLong() == 2
        && get("/tiles/counties.json", null).statusCode() == 200);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  @Test
  void everyAreaWithTheNumbersOfTheMap() throws Exception {
    HttpResponse<byte[]> r = tile(ACCIDENTS + TILE, null);
    assertEquals(200, r.statusCode());
    assertEquals("public, max-age=3600", r.headers().firstValue("Cache-Control").orElseThrow());
    VectorTile.Tile t = VectorTile.Tile.parseFrom(r.body());
    assertEquals(1, t.getLayersCount());
    assertEquals("indicator-road-accidents-county", t.getLayers(0).getName());
    Map<String, Map<String, Object>> areas = areas(t.getLayers(0));
    assertEquals(List.of("0264", "1261", "1465", "3064"), List.copyOf(areas.keySet()));
    // The layer's defaults: the latest period (2024), per 100,000, 5 quantile classes over the three
    // rates 2.5, 4.625, 7 (nearest ranks 1, 2, 2, 3: breaks 2.5 | 2.5 | 4.625 | 7; 3 classes, shades 0, 4, 8).
    assertEquals(Map.of("code", "1261", "name", "Kraków", "level", "county", "indicator", "road_accidents",
        "period", "2024", "value", 37.0, "population", 800000L, "rate", 4.625, "class", 1L, "shade", 4L),
        areas.get("1261"));
    assertEquals(2.5, areas.get("0264").get("rate"));
    assertEquals(0L, areas.get("0264").get("shade"));
    assertEquals(7.0, areas.get("1465").get("rate"));
    assertEquals(8L, areas.get("1465").get("shade"));
    // Poznań has no 2024 population: a value, no rate, no class.
    assertEquals(Map.of("code", "3064", "name", "Poznań", "level", "county", "indicator", "road_accidents",
        "period", "2024", "value", 50.0), areas.get("3064"));
    // The API's classes of the same map are the tile's.
    JsonNode api = json(get("/api/statistics/indicators/road_accidents?level=county&per=100000", null));
    for (JsonNode row : api.path("rows")) {
      Object cls = areas.get(row.path("code").asText()).get("class");
      assertEquals(row.path("class").isNull() ? null : row.path("class").asLong(), cls, row.toString());
    }
  }

  @Test
  void parametersAsTheStatisticsApi() throws Exception {
    // Values 16, 37, 50, 112 in equal intervals of 32: classes 0, 0, 2, 1, shades 0, 0, 8, 4.
    Map<String, Map<String, Object>> equal = areas(VectorTile.Tile.parseFrom(
        tile(ACCIDENTS + TILE + "?per=1&classes=3&method=equal", null).body()).getLayers(0));
    assertEquals(List.of(0L, 0L, 2L, 1L), equal.values().stream().map(a -> a.get("class")).toList());
    assertEquals(List.of(0L, 0L, 8L, 4L), equal.values().stream().map(a -> a.get("shade")).toList());
    assertFalse(equal.get("1261").containsKey("rate"));
    // An earlier period: Kraków alone has a 2023 value; the other areas keep their outline and name.
    Map<String, Map<String, Object>> earlier = areas(VectorTile.Tile.parseFrom(
        tile(ACCIDENTS + TILE + "?period=2023", null).body()).getLayers(0));
    assertEquals(30.0, earlier.get("1261").get("value"));
    assertEquals(Map.of("code", "1465", "name", "Warszawa", "level", "county"), earlier.get("1465"));
    for (String bad : List.of("period=2019", "period=2024-13", "per=1000", "classes=2", "classes=x", "method=natural",
        "colour=red")) {
      HttpResponse<String> r = get(ACCIDENTS + TILE + "?" + bad, null);
      assertEquals(400, r.statusCode(), bad);
      assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
      assertTrue(r.body().contains("\"" + bad.substring(0, bad.indexOf('=')) + "\""), r.body());
    }
    assertTrue(get(ACCIDENTS + TILE + "?period=2019", null).body().contains("periods with values: [2023, 2024]"));
  }

  @Test
  void policeIndicatorsNeedCredentials() throws Exception {
    String interventions = "/tiles/indicator-interventions-county";
    assertEquals(401, get(interventions + TILE, null).statusCode());
    assertFalse(get("/tiles", null).body().contains("indicator-interventions-county"));
    assertTrue(get("/tiles", admin).body().contains("indicator-interventions-county"));
    assertTrue(get("/tiles", null).body().contains("indicator-road-accidents-county"));
    HttpResponse<byte[]> r = tile(interventions + TILE, admin);
    assertEquals(200, r.statusCode());
    assertEquals("private, no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    // 900 × 100,000 / 800,000 = 112.5.
    assertEquals(112.5, areas(VectorTile.Tile.parseFrom(r.body()).getLayers(0)).get("1261").get("rate"));
  }

  @Test
  void anImportRendersTheTilesAgain() throws Exception {
    HttpResponse<byte[]> before = tile(ACCIDENTS + TILE, null);
    String etag = before.headers().firstValue("ETag").orElseThrow();
    IndicatorImporter.indicators(app.store(), IndicatorCatalog.load(null), BoundaryLevel.COUNTY, file("more.csv",
        "teryt,indicator,period,value", "1261,road_accidents,2025,5"));
    waitFor(() -> json(get("/api/statistics/indicators", null)).path("version").asLong() == 3);
    HttpResponse<byte[]> after = tile(ACCIDENTS + TILE, null);
    assertNotEquals(etag, after.headers().firstValue("ETag").orElseThrow());
    Map<String, Map<String, Object>> areas = areas(VectorTile.Tile.parseFrom(after.body()).getLayers(0));
    assertEquals("2025", areas.get("1261").get("period"));
    assertEquals(5.0, areas.get("1261").get("value"));
    assertFalse(areas.get("1465").containsKey("value"));
  }

  /** The features of a layer by their code, with their properties as the tile types them. */
  static Map<String, Map<String, Object>> areas(VectorTile.Tile.Layer layer) {
    Map<String, Map<String, Object>> out = new TreeMap<>();
    for (VectorTile.Tile.Feature f : layer.getFeaturesList()) {
      Map<String, Object> props = new java.util.LinkedHashMap<>();
      for (int i = 0; i < f.getTagsCount(); i += 2) {
        props.put(layer.getKeys(f.getTags(i)), value(layer.getValues(f.getTags(i + 1))));
      }
      out.put((String) props.get("code"), props);
    }
    return out;
  }

  private static Object value(VectorTile.Tile.Value v) {
    if (v.hasStringValue()) {
      return v.getStringValue();
    }
    if (v.hasDoubleValue()) {
      return v.getDoubleValue();
    }
    if (v.hasIntValue()) {
      return v.getIntValue();
    }
    if (v.hasSintValue()) {
      return v.getSintValue();
    }
    if (v.hasUintValue()) {
      return v.getUintValue();
    }
    if (v.hasFloatValue()) {
      return (double) v.getFloatValue();
    }
    return v.getBoolValue();
  }

  Path file(String name, String... lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  private String login() throws Exception {
    return IndicatorEndpointTest.login(app);
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    return IndicatorEndpointTest.send(app, path, authorization, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> tile(String path, String authorization) throws Exception {
    return IndicatorEndpointTest.send(app, path, authorization, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return IndicatorEndpointTest.json(r);
  }

  private static void waitFor(IndicatorEndpointTest.Check check) throws Exception {
    IndicatorEndpointTest.waitFor(check);
  }
}
