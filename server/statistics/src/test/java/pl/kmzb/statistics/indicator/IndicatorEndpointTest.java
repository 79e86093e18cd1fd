package pl.kmzb.statistics.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.http.Json;
import pl.kmzb.indicator.IndicatorCatalog;
import pl.kmzb.indicator.IndicatorImporter;
import pl.kmzb.server.Application;
import pl.kmzb.store.JdbcBoundaryStore;

/**
 * {@code /api/statistics/indicators} on a running server: the catalogue, one indicator's rows with
 * rates and class breaks by each method (numbers worked out by hand below), CSV, police-only
 * indicators, and refusals as RFC 7807 problems. An import made while the server runs reaches it
 * through the poll.
 *
 * <p>Counties: Kraków 1261 (800,000 inhabitants in 2024, 37 accidents), Warszawa 1465 (1,600,000;
 * 112), Wrocław 0264 (640,000; 16), Poznań 3064 (no 2024 population; 50). Rates per 100,000:
 * 4.625, 7, 2.5, none.
 */
class IndicatorEndpointTest {
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  static final GeometryFactory GEOMETRY = new GeometryFactory();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  Application app;
  String admin;

  @BeforeEach
  void start() throws Exception {
    app = Application.start(ConfigLoader.load(List.of("--store=embedded", "--embedded.file=" + dir.resolve("k.sqlite"),
        "--http.port=0", "--http.host=127.0.0.1", "--access-log=off", "--auth.admin-password=" + ADMIN_PASSWORD,
        "--reference.poll-interval=PT0.05S"), Map.of()));
    admin = login();
    JdbcBoundaryStore.of(app.store()).replace(BoundaryLevel.COUNTY, List.of(county("1261", "Kraków", 19.8),
        county("1465", "Warszawa", 20.9), county("0264", "Wrocław", 16.9), county("3064", "Poznań", 16.8)));
    IndicatorImporter.population(app.store(), BoundaryLevel.COUNTY, file("gus.csv",
        "teryt,year,population", "1261,2024,800000", "1465,2024,1600000", "0264,2024,640000", "3064,2023,540000"));
    IndicatorImporter.indicators(app.store(), IndicatorCatalog.load(null), BoundaryLevel.COUNTY, file("kgp.csv",
        "teryt,indicator,period,value",
        "1261,road_accidents,2024,37", "1465,road_accidents,2024,112", "0264,road_accidents,2024,16",
        "3064,road_accidents,2024,50", "1261,road_accidents,2023,30", "1261,interventions,2024,900",
        "1261,sense_of_safety,2024,81.5"));
    waitFor(() -> json(get("/api/statistics/indicators", null)).path("version").asLong() == 2);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  static Boundary county(String code, String name, double lon) {
    return new Boundary(BoundaryLevel.COUNTY, code, name, GEOMETRY.createPolygon(new Coordinate[] {
        new Coordinate(lon, 50), new Coordinate(lon + 0.1, 50), new Coordinate(lon + 0.1, 50.1),
        new Coordinate(lon, 50.1), new Coordinate(lon, 50)}));
  }

  Path file(String name, String... lines) throws Exception {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  @Test
  void catalogueListsWhatHasDataAndHidesPoliceIndicatorsFromTheAnonymous() throws Exception {
    JsonNode anonymous = json(get("/api/statistics/indicators", null));
    List<String> codes = new ArrayList<>();
    anonymous.path("indicators").forEach(i -> codes.add(i.path("code").asText()));
    assertEquals(10, codes.size());
    assertTrue(!codes.contains("interventions"));
    JsonNode accidents = anonymous.path("indicators").get(0);
    assertEquals("road_accidents", accidents.path("code").asText());
    assertEquals("Wypadki drogowe", accidents.path("name").path("pl").asText());
    assertEquals("Road accidents", accidents.path("name").path("en").asText());
    assertEquals("accidents", accidents.path("unit").path("en").asText());
    assertTrue(accidents.path("rate").asBoolean());
    assertEquals("public", accidents.path("access").asText());
    assertEquals("[{\"level\":\"county\",\"periods\":[\"2023\",\"2024\"]}]", accidents.path("levels").toString());
    assertEquals("[]", anonymous.path("indicators").get(1).path("levels").toString());
    assertEquals("[{\"level\":\"county\",\"years\":[2023,2024]}]", anonymous.path("population").toString());
    assertEquals("[1,10000,100000]", anonymous.path("per").toString());
    assertEquals("[\"quantile\",\"equal\",\"jenks\"]", anonymous.path("methods").toString());
    assertEquals(3, anonymous.path("minClasses").asInt());
    assertEquals(9, anonymous.path("maxClasses").asInt());
    JsonNode police = json(get("/api/statistics/indicators", admin));
    assertEquals(11, police.path("indicators").size());
  }

  @Test
  void ratesPer100000WithQuantileBreaks() throws Exception {
    HttpResponse<String> r = get("/api/statistics/indicators/road_accidents?level=county&per=100000&classes=3"
        + "&method=quantile", null);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElseThrow());
    JsonNode a = json(r);
    assertEquals("road_accidents", a.path("indicator").path("code").asText());
    assertEquals("county", a.path("level").asText());
    assertEquals("2024", a.path("period").asText()); // the latest period with values
    assertEquals(100_000, a.path("per").asInt());
    assertEquals("quantile", a.path("method").asText());
    assertEquals(3, a.path("classesRequested").asInt());
    assertEquals("rate", a.path("classifiedBy").asText());
    // Rates sorted 2.5, 4.625, 7; n = 3, k = 3: nearest ranks 1 and 2.
    assertEquals("[2.5,2.5,4.625,7.0]", a.path("breaks").toString());
    assertEquals("[{\"class\":0,\"lower\":2.5,\"upper\":2.5,\"count\":1},"
        + "{\"class\":1,\"lower\":2.5,\"upper\":4.625,\"count\":1},"
        + "{\"class\":2,\"lower\":4.625,\"upper\":7.0,\"count\":1}]", a.path("classes").toString());
    assertEquals("[\"3064\"]", a.path("withoutPopulation").toString());
    assertEquals(2, a.path("version").asLong());
    assertEquals("[{\"code\":\"0264\",\"name\":\"Wrocław\",\"period\":\"2024\",\"value\":16.0,\"population\":640000,"
        + "\"rate\":2.5,\"class\":0},"
        + "{\"code\":\"1261\",\"name\":\"Kraków\",\"period\":\"2024\",\"value\":37.0,\"population\":800000,"
        + "\"rate\":4.625,\"class\":1},"
        + "{\"code\":\"1465\",\"name\":\"Warszawa\",\"period\":\"2024\",\"value\":112.0,\"population\":1600000,"
        + "\"rate\":7.0,\"class\":2},"
        + "{\"code\":\"3064\",\"name\":\"Poznań\",\"period\":\"2024\",\"value\":50.0,\"population\":null,"
        + "\"rate\":null,\"class\":null}]", a.path("rows").toString());
    // Per 10,000: 0.25, 0.4625, 0.7.
    JsonNode per10k = json(get("/api/statistics/indicators/road_accidents?level=county&per=10000", null));
    assertEquals(0.4625, per10k.path("rows").get(1).path("rate").asDouble());
    assertEquals(0.7, per10k.path("rows").get(2).path("rate").asDouble());
  }

  @Test
  void valuesWithEqualIntervalsAndJenks() throws Exception {
    // Values 16, 37, 50, 112; equal, k = 3: width (112 − 16) / 3 = 32.
    JsonNode equal = json(get("/api/statistics/indicators/road_accidents?level=county&classes=3&method=equal", null));
    assertEquals("value", equal.path("classifiedBy").asText());
    assertEquals("[16.0,48.0,80.0,112.0]", equal.path("breaks").toString());
    assertEquals(List.of(0, 0, 2, 1), classes(equal));
    assertEquals("[]", equal.path("withoutPopulation").toString());
    assertEquals(1, equal.path("per").asInt());
    assertTrue(equal.path("rows").get(0).path("rate").isNull());
    // Jenks, k = 3: {16}{37,50}{112} deviates 84.5; {16,37}{50}{112} 220.5; {16}{37}{50,112} 1922.
    JsonNode jenks = json(get("/api/statistics/indicators/road_accidents?level=county&classes=3&method=jenks", null));
    assertEquals("[16.0,16.0,50.0,112.0]", jenks.path("breaks").toString());
    assertEquals(List.of(0, 1, 2, 1), classes(jenks));
    // An earlier period by name.
    JsonNode earlier = json(get("/api/statistics/indicators/road_accidents?level=county&period=2023", null));
    assertEquals(1, earlier.path("rows").size());
    assertEquals(30.0, earlier.path("rows").get(0).path("value").asDouble());
  }

  private static List<Integer> classes(JsonNode answer) {
    List<Integer> out = new ArrayList<>();
    answer.path("rows").forEach(r -> out.add(r.path("class").asInt()));
    return out;
  }

  @Test
  void csv() throws Exception {
    HttpResponse<String> r = get("/api/statistics/indicators/road_accidents?level=county&per=100000&classes=3&f=csv",
        null);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("text/csv; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("code,name,period,value,population,rate,class\r\n"
        + "0264,Wrocław,2024,16,640000,2.5,0\r\n"
        + "1261,Kraków,2024,37,800000,4.625,1\r\n"
        + "1465,Warszawa,2024,112,1600000,7,2\r\n"
        + "3064,Poznań,2024,50,,,\r\n", r.body());
  }

  @Test
  void policeIndicatorsNeedCredentials() throws Exception {
    HttpResponse<String> anonymous = get("/api/statistics/indicators/interventions?level=county", null);
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    HttpResponse<String> police = get("/api/statistics/indicators/interventions?level=county&per=100000", admin);
    assertEquals(200, police.statusCode(), police.body());
    assertEquals("private, no-store", police.headers().firstValue("Cache-Control").orElseThrow());
    // 900 × 100,000 / 800,000 = 112.5.
    assertEquals(112.5, json(police).path("rows").get(0).path("rate").asDouble());
  }

  @Test
  void badInputIsAProblem() throws Exception {
    assertProblem(get("/api/statistics/indicators/road_accidents?level=county&classes=2", null), 400, "classes");
    assertProblem(get("/api/statistics/indicators/road_accidents?level=county&classes=10", null), 400, "classes");
    assertProblem(get("/api/statistics/indicators/road_accidents?level=county&classes=x", null), 400, "classes");
    assertProblem(get("/api/statistics/indicators/road_accidents?level=county&method=natural", null), 400, "method");
    assertProblem(get("/api/statistics/indicators/road_accidents?level=country", null), 400, "level");
    assertProblem(get("/api/statistics/indicators/road_accidents?level=county&per=1000", null), 400, "per");
    assertProblem(get("/api/statistics/indicators/sense_of_safety?level=county&per=100000", null), 400, "per");
    assertProblem(get("/api/statistics/indicators/road_accidents?level=county&period=2024-13", null), 400, "period");
    assertProblem(get("/api/statistics/indicators/road_accidents?level=county&f=xml", null), 400, "f");
    assertProblem(get("/api/statistics/indicators/road_accidents?colour=red", null), 400, "colour");
    assertProblem(get("/api/statistics/indicators?level=county", null), 400, "level");
    HttpResponse<String> noPeriod = get("/api/statistics/indicators/road_accidents?level=county&period=2019", null);
    assertEquals(404, noPeriod.statusCode());
    assertTrue(json(noPeriod).path("detail").asText().contains("periods with values: [2023, 2024]"), noPeriod.body());
    HttpResponse<String> noLevel = get("/api/statistics/indicators/road_accidents?level=municipality", null);
    assertEquals(404, noLevel.statusCode());
    assertEquals(404, get("/api/statistics/indicators/road_rage", null).statusCode());
    assertEquals("application/problem+json", noLevel.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void anImportReachesTheRunningServerAndABadOneChangesNothing() throws Exception {
    try {
      IndicatorImporter.indicators(app.store(), IndicatorCatalog.load(null), BoundaryLevel.COUNTY, file("bad.csv",
          "teryt,indicator,period,value", "1261,road_accidents,2024,1", "1261,road_accidents,2024,2"));
      fail("a duplicate key must refuse the file");
    } catch (IllegalArgumentException expected) {
      assertTrue(expected.getMessage().contains("line 3: duplicate key"), expected.getMessage());
    }
    IndicatorImporter.indicators(app.store(), IndicatorCatalog.load(null), BoundaryLevel.COUNTY, file("more.csv",
        "teryt,indicator,period,value", "1261,road_accidents,2025,5"));
    waitFor(() -> json(get("/api/statistics/indicators", null)).path("version").asLong() == 3);
    JsonNode latest = json(get("/api/statistics/indicators/road_accidents?level=county", null));
    assertEquals("2025", latest.path("period").asText());
    assertEquals(3, latest.path("version").asLong());
    assertEquals(37.0, json(get("/api/statistics/indicators/road_accidents?level=county&period=2024", null))
        .path("rows").get(1).path("value").asDouble());
  }

  private void assertProblem(HttpResponse<String> r, int status, String field) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
    JsonNode p = json(r);
    assertEquals(status, p.path("status").asInt());
    assertTrue(p.toString().contains("\"" + field + "\""), p.toString());
  }

  private String login() throws Exception {
    return login(app);
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    return send(app, path, authorization, HttpResponse.BodyHandlers.ofString());
  }

  // Shared with IndicatorTilesTest: a bearer token of the fixture's administrator, a GET, JSON, waiting.

  static String login(Application app) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(app, "/api/auth/token"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return "Bearer " + json(r).path("token").asText();
  }

  static <T> HttpResponse<T> send(Application app, String path, String authorization,
      HttpResponse.BodyHandler<T> body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(app, path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), body);
  }

  private static URI uri(Application app, String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void waitFor(Check check) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!check.ok()) {
      if (System.currentTimeMillis() > deadline) {
        fail("condition not reached in 20 s");
      }
      Thread.sleep(20);
    }
  }
}
