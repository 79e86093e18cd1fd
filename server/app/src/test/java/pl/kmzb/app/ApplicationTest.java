package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.server.Application;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.testing.TestPostgis;

/** The whole server over HTTP, on both stores, as the run command starts it. */
class ApplicationTest {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  static final String ADMIN_PASSWORD = "application-test-admin";

  @TempDir
  Path dir;

  static List<String> iterableToList(java.util.Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }

  static HttpResponse<String> get(Application app, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Polls /health until it says ready; 503 before that is the expected "starting" answer. */
  static JsonNode awaitReady(Application app) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      HttpResponse<String> r = get(app, "/health");
      JsonNode body = JSON.readTree(r.body());
      if (r.statusCode() == 200) {
        assertEquals("ready", body.get("status").asText());
        return body;
      }
      assertEquals(503, r.statusCode(), r.body());
      assertEquals("starting", body.get("status").asText(), r.body());
      assertTrue(System.nanoTime() < deadline, "not ready within 120 s: " + r.body());
      Thread.sleep(50);
    }
  }

  ServerConfig config(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--http.port=0", "--http.host=127.0.0.1",
        "--embedded.file=" + dir.resolve("kmzb.sqlite"), "--access-log=" + dir.resolve("access.log"),
        "--auth.admin-password=" + ADMIN_PASSWORD));
    all.addAll(List.of(args));
    return ConfigLoader.load(all, Map.of());
  }

  /** /health as an administrator sees it (details), with a token from the configured password. */
  static JsonNode adminHealth(Application app) throws Exception {
    HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
        + "/api/auth/token")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
        "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(201, login.statusCode(), login.body());
    String token = JSON.readTree(login.body()).get("token").asText();
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  @Test
  void embeddedServerLoadsDemoDataThenReportsReady() throws Exception {
    try (Application app = Application.start(config("--demo.reports=20000"))) {
      JsonNode health = awaitReady(app);
      assertEquals(List.of("status"), iterableToList(health.fieldNames()),
          "anonymous health says ready or not, nothing that moves with hidden writes");
      JsonNode details = adminHealth(app);
      assertEquals("embedded", details.get("store").asText());
      assertEquals(20_000, app.store().count(ReportFilter.ALL_INTERNAL));
      assertTrue(details.get("lastChange").asLong() >= 20_000);
      assertEquals(0, details.get("clusterIndex.skippedRows").asLong(), details.toString());
    }
    // A restart on the same file does not load the demo twice.
    try (Application app = Application.start(config("--demo.reports=20000"))) {
      awaitReady(app);
      assertEquals(20_000, app.store().count(ReportFilter.ALL_INTERNAL));
    }
  }

  @Test
  void postgisServerLoadsDemoDataThenReportsReady() throws Exception {
    String url = TestPostgis.createDatabase();
    try (Application app = Application.start(config("--store=postgis", "--postgis.url=" + url, "--demo.reports=5000"))) {
      awaitReady(app);
      assertEquals("postgis", adminHealth(app).get("store").asText());
      assertEquals(5_000, app.store().count(ReportFilter.ALL_INTERNAL));
    }
  }

  @Test
  void errorsAreProblemDetails() throws Exception {
    try (Application app = Application.start(config())) {
      awaitReady(app);
      HttpResponse<String> missing = get(app, "/nothing/here");
      assertEquals(404, missing.statusCode());
      assertEquals("application/problem+json", missing.headers().firstValue("content-type").orElse(""));
      JsonNode p = JSON.readTree(missing.body());
      assertEquals(404, p.get("status").asInt());
      assertEquals("/nothing/here", p.get("instance").asText());
      HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/health"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
      assertEquals("GET", post.headers().firstValue("allow").orElse(""));
    }
  }

  @Test
  void withoutWarmUpTheServerIsReadyWithItsIndexes() throws Exception {
    try (Application app = Application.start(config("--wms.warm-up=PT0S"))) {
      assertFalse(app.readiness().pending().contains("wms-warm-up"), app.readiness().pending().toString());
      awaitReady(app);
      // The renderer was not warmed: the first map still draws, on demand.
      HttpResponse<String> map = get(app, "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=threats.clusters"
          + "&STYLES=&CRS=EPSG:3857&BBOX=1500000,6200000,2700000,7400000&WIDTH=64&HEIGHT=64&FORMAT=image/png");
      assertEquals(200, map.statusCode(), map.body());
    }
  }

  @Test
  void accessLogHasOneLinePerRequestAndNoClientAddress() throws Exception {
    Path log = dir.resolve("access.log");
    try (Application app = Application.start(config())) {
      awaitReady(app);
      HttpResponse<String> first = get(app, "/health?probe=1");
      HttpResponse<String> second = get(app, "/missing");
      String firstId = first.headers().firstValue("x-request-id").orElseThrow();
      assertFalse(firstId.equals(second.headers().firstValue("x-request-id").orElseThrow()), "request ids are unique");
    }
    // Closing the server drains the asynchronous writer.
    List<String> all = Files.readAllLines(log);
    List<String> lines = all.stream().filter(l -> l.contains("/health?probe=1") || l.contains("/missing")).toList();
    assertEquals(2, lines.size(), String.join("\n", all));
    String[] health = lines.get(0).split(" ");
    assertFalse(health[1].equals(lines.get(1).split(" ")[1]), "each line carries its own request id");
    assertEquals("GET", health[2]);
    assertEquals("/health?probe=1", health[3]);
    assertEquals("200", health[4]);
    assertTrue(Long.parseLong(health[5]) > 0, "bytes written");
    assertTrue(health[6].endsWith("ms"));
    assertTrue(lines.get(1).contains(" /missing 404 "));
    for (String line : lines) {
      assertFalse(line.contains("127.0.0.1"), "client address must not be logged: " + line);
    }
  }
}
