package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;
import pl.kmzb.testing.TestPostgis;

/** Prometheus metrics (guarded on the HTTP port, or on an admin port) and the JSON access log, on both stores. */
class ObservabilityTest {
  @TempDir
  Path dir;

  ServerConfig config(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--http.port=0", "--http.host=127.0.0.1",
        "--embedded.file=" + dir.resolve("kmzb.sqlite"), "--access-log=" + dir.resolve("access.log"),
        "--auth.admin-password=" + ApplicationTest.ADMIN_PASSWORD, "--demo.reports=1000"));
    all.addAll(List.of(args));
    return ConfigLoader.load(all, Map.of());
  }

  static HttpResponse<String> get(String url, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return ApplicationTest.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String adminBasic() {
    return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ApplicationTest.ADMIN_PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
  }

  /** The sum of the samples of {@code name} whose labels include {@code labels} (Prometheus text format). */
  static double sample(String scrape, String name, Map<String, String> labels) {
    double sum = 0;
    boolean found = false;
    for (String line : scrape.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String metric = brace < 0 ? line.substring(0, space) : line.substring(0, brace);
      if (!metric.equals(name)) {
        continue;
      }
      Map<String, String> have = new HashMap<>();
      if (brace >= 0) {
        for (String pair : line.substring(brace + 1, line.lastIndexOf('}')).split("\",")) {
          int eq = pair.indexOf('=');
          have.put(pair.substring(0, eq).strip(), pair.substring(eq + 2).replaceAll("\"$", ""));
        }
      }
      if (have.entrySet().containsAll(labels.entrySet())) {
        sum += Double.parseDouble(line.substring(space + 1));
        found = true;
      }
    }
    return found ? sum : Double.NaN;
  }

  static NewReport report() {
    return new NewReport("illegal_parking", Status.CONFIRMED, new LonLat(19.94, 50.06),
        Instant.parse("2025-05-04T10:15:30Z"), null, null, null, Source.OFFICER, Teryt.ofMunicipality("1261011"), null,
        null, false);
  }

  @Test
  void guardedMetricsCountRequestsCachesTheIndexAndThePool() throws Exception {
    try (Application app = Application.start(config())) {
      ApplicationTest.awaitReady(app);
      String base = "http://127.0.0.1:" + app.port();
      HttpResponse<String> anonymous = get(base + "/metrics", null);
      assertEquals(401, anonymous.statusCode(), anonymous.body());
      assertTrue(anonymous.headers().firstValue("www-authenticate").orElse("").startsWith("Basic"));
      assertEquals(401, get(base + "/metrics", "Basic " + Base64.getEncoder().encodeToString(
          "admin:wrong-password-123".getBytes(StandardCharsets.UTF_8))).statusCode());

      pl.kmzb.store.JdbcUserStore.of(app.store()).create("officer1", pl.kmzb.auth.Passwords.hash("officer-password-1"),
          pl.kmzb.report.Role.OFFICER, java.util.Set.of("1261011"));
      HttpResponse<String> officer = get(base + "/metrics", "Basic " + Base64.getEncoder().encodeToString(
          "officer1:officer-password-1".getBytes(StandardCharsets.UTF_8)));
      assertEquals(403, officer.statusCode(), "metrics are for administrators only: " + officer.body());

      String before = get(base + "/metrics", adminBasic()).body();
      Map<String, String> capabilities = Map.of("service", "wms", "operation", "GetCapabilities", "status", "2xx");
      double capabilitiesBefore = orZero(sample(before, "kmzb_http_requests_seconds_count", capabilities));
      for (int i = 0; i < 3; i++) {
        assertEquals(200, get(base + "/wms?SERVICE=WMS&request=GetCapabilities", null).statusCode());
      }
      HttpResponse<String> badMap = get(base + "/wms?SERVICE=WMS&REQUEST=GetMap", null);
      assertTrue(badMap.body().contains("ServiceExceptionReport"), badMap.body());
      assertEquals(404, get(base + "/no/such/thing", null).statusCode());
      String tile = base + "/tiles/threats/3/4/2.mvt";
      get(tile, null);
      get(tile, null);
      long inserted = app.store().insert(report(), "test").id();
      assertTrue(inserted > 0);
      awaitIndexLagZero(base);

      HttpResponse<String> scrape = get(base + "/metrics", adminBasic());
      assertEquals(200, scrape.statusCode());
      assertTrue(scrape.headers().firstValue("content-type").orElse("").startsWith("text/plain"));
      String after = scrape.body();
      assertEquals(capabilitiesBefore + 3, sample(after, "kmzb_http_requests_seconds_count", capabilities), 0.0);
      Map<String, String> badMaps = Map.of("service", "wms", "operation", "GetMap");
      assertEquals(1, sample(after, "kmzb_http_requests_seconds_count", badMaps), 0.0);
      assertEquals(1, sample(after, "kmzb_http_errors_total", badMaps), 0.0, "the exception report counts as an error");
      assertEquals(0, orZero(sample(after, "kmzb_http_errors_total", Map.of("operation", "GetCapabilities"))), 0.0);
      assertEquals(1, sample(after, "kmzb_http_requests_seconds_count",
          Map.of("service", "none", "operation", "unmatched", "status", "4xx")), 0.0);
      assertEquals(1, sample(after, "kmzb_http_errors_total",
          Map.of("service", "none", "operation", "unmatched", "status", "4xx")), 0.0);
      assertTrue(sample(after, "kmzb_http_requests_seconds_bucket",
          Map.of("service", "wms", "operation", "GetCapabilities", "le", "10.0")) >= 3);
      Map<String, String> tiles = Map.of("service", "tiles", "operation", "GET /tiles/{layer}/{z}/{x}/{y}.mvt");
      assertTrue(sample(after, "kmzb_http_requests_seconds_count", tiles) >= 2);
      assertTrue(sample(after, "kmzb_cache_lookups_total", Map.of("service", "tiles", "result", "hit")) >= 1, after);
      assertTrue(sample(after, "kmzb_tiles_cache_entries", Map.of("share", "unfiltered")) >= 1);
      assertTrue(sample(after, "kmzb_tiles_cache_bytes", Map.of("share", "unfiltered")) > 0);
      assertTrue(sample(after, "kmzb_wms_cache_entries", Map.of()) >= 0);
      assertTrue(sample(after, "kmzb_index_changes_total", Map.of("kind", "inserted")) >= 1, after);
      assertTrue(sample(after, "kmzb_index_catchup_seconds_count", Map.of()) >= 1);
      assertEquals(1, sample(after, "kmzb_index_load_seconds_count", Map.of()), 0.0);
      assertTrue(sample(after, "kmzb_index_applied_seq", Map.of()) >= inserted);
      assertEquals(sample(after, "kmzb_changelog_last_seq", Map.of()), sample(after, "kmzb_index_applied_seq", Map.of()));
      // the grid aggregates, one series per matrix set: a public report is a cell at each aggregated level
      // (EPSG:2180 0-8, WorldCRS84Quad 0-10), within the bound of every cell over Poland
      for (Map.Entry<String, Integer> set : Map.of("EPSG2180", 9, "WorldCRS84Quad", 11).entrySet()) {
        double cells = sample(after, "kmzb_index_grid_cells", Map.of("set", set.getKey()));
        double bound = sample(after, "kmzb_index_grid_cells_bound", Map.of("set", set.getKey()));
        assertTrue(cells >= set.getValue() && cells <= bound, set.getKey() + ": " + cells + " of " + bound);
      }
      assertTrue(sample(after, "hikaricp_connections_max", Map.of("pool", "kmzb-embedded")) >= 1, after);
      assertTrue(sample(after, "jvm_memory_used_bytes", Map.of()) > 0);
      assertFalse(after.contains("127.0.0.1"), "no client address in metrics");
    }
  }

  private static double orZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private static void awaitIndexLagZero(String base) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (sample(get(base + "/metrics", adminBasic()).body(), "kmzb_index_lag", Map.of()) != 0) {
      assertTrue(System.nanoTime() < deadline, "the index did not catch up within 10 s");
      Thread.sleep(20);
    }
  }

  @Test
  void onAnAdminPortMetricsNeedNoCredentialsAndTheAccessLogIsJson() throws Exception {
    String url = TestPostgis.createDatabase();
    Path log = dir.resolve("access.log");
    String requestId;
    try (Application app = Application.start(config("--store=postgis", "--postgis.url=" + url,
        "--metrics.mode=admin-port", "--metrics.admin-port=0", "--log.format=json"))) {
      ApplicationTest.awaitReady(app);
      String base = "http://127.0.0.1:" + app.port();
      assertEquals(404, get(base + "/metrics", adminBasic()).statusCode(), "not on the public port");
      HttpResponse<String> probe = get(base + "/health?probe=1", null);
      requestId = probe.headers().firstValue("x-request-id").orElseThrow();
      get(base + "/wms?SERVICE=WMS&REQUEST=GetCapabilities", null);
      HttpResponse<String> scrape = get("http://127.0.0.1:" + app.metricsPort() + "/metrics", null);
      assertEquals(200, scrape.statusCode());
      assertEquals(16, sample(scrape.body(), "hikaricp_connections_max", Map.of("pool", "kmzb-postgis")), 0.0);
      assertTrue(sample(scrape.body(), "hikaricp_connections_active", Map.of("pool", "kmzb-postgis")) >= 0);
      assertTrue(sample(scrape.body(), "kmzb_http_requests_seconds_count",
          Map.of("service", "health", "operation", "GET /health", "status", "2xx")) >= 1);
      assertEquals(0, sample(scrape.body(), "kmzb_index_lag", Map.of()), 0.0);
    }
    List<String> lines = Files.readAllLines(log);
    assertFalse(lines.isEmpty());
    JsonNode health = null;
    for (String line : lines) {
      JsonNode n = ApplicationTest.JSON.readTree(line); // every line is one JSON object
      assertTrue(n.isObject(), line);
      assertFalse(line.contains("127.0.0.1"), "client address must not be logged: " + line);
      if ("probe=1".equals(n.path("query").asText())) {
        health = n;
      }
    }
    assertTrue(health != null, String.join("\n", lines));
    assertEquals(requestId, health.get("requestId").asText());
    assertEquals("GET", health.get("method").asText());
    assertEquals("/health", health.get("path").asText());
    assertEquals(200, health.get("status").asInt());
    assertEquals("health", health.get("service").asText());
    assertTrue(health.get("bytes").asLong() > 0 && health.get("ms").asLong() >= 0);
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"service\":\"wms\",\"operation\":\"GetCapabilities\"")));
  }

  @Test
  void metricsOffServesNoMetrics() throws Exception {
    try (Application app = Application.start(config("--metrics.mode=off", "--demo.reports=0"))) {
      ApplicationTest.awaitReady(app);
      assertEquals(404, get("http://127.0.0.1:" + app.port() + "/metrics", adminBasic()).statusCode());
      assertEquals(-1, app.metricsPort());
    }
  }
}
