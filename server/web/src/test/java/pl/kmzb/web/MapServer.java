package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.server.Application;

/**
 * The whole server as the run command starts it (every plugin on the test class path, this one
 * included), on the embedded store in a temporary folder, on a free port, ready before use.
 */
final class MapServer implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN_PASSWORD = "web-test-admin-password";

  private final Application app;
  private final Path accessLog;

  private MapServer(Application app, Path accessLog) {
    this.app = app;
    this.accessLog = accessLog;
  }

  /** A server on the embedded store in {@code dir} with {@code demoReports} demo reports and any further settings. */
  static MapServer start(Path dir, int demoReports, String... settings) throws Exception {
    List<String> args = new ArrayList<>(List.of("--http.port=0", "--http.host=127.0.0.1",
        "--embedded.file=" + dir.resolve("kmzb.sqlite"), "--access-log=" + dir.resolve("access.log"),
        "--auth.admin-password=" + ADMIN_PASSWORD, "--demo.reports=" + demoReports));
    args.addAll(List.of(settings));
    MapServer server = new MapServer(Application.start(ConfigLoader.load(args, Map.of())), dir.resolve("access.log"));
    server.awaitReady();
    return server;
  }

  private static MapServer shared;

  /**
   * One server with {@link #SHARED_DEMO_REPORTS} demo reports for every test class that needs no
   * settings of its own (started once per test JVM, closed when it ends): each start costs the
   * demo data and the WMS warm-up. Tests that write (the report form) use their own.
   */
  static synchronized MapServer shared() throws Exception {
    if (shared == null) {
      Path dir = java.nio.file.Files.createTempDirectory("kmzb-web-test");
      shared = start(dir, SHARED_DEMO_REPORTS);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          shared.app.close();
        } catch (Exception e) {
          // The JVM is ending; nothing is left to clean up but the temporary folder.
        }
      }));
    }
    return shared;
  }

  static final int SHARED_DEMO_REPORTS = 3000;

  Application app() {
    return app;
  }

  /** The server's origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  String origin() {
    return "http://127.0.0.1:" + app.port();
  }

  /** The last {@code n} lines of the access log, for a failing test to show what the page asked. */
  String recentRequests(int n) {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(accessLog);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (java.io.IOException e) {
      return "(no access log: " + e.getMessage() + ")";
    }
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin() + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  JsonNode getJson(String path) throws Exception {
    HttpResponse<byte[]> r = get(path);
    assertEquals(200, r.statusCode(), () -> path + ": " + new String(r.body()));
    return JSON.readTree(r.body());
  }

  /** Polls /health until ready (demo data loaded, cluster index built, WMS warmed). */
  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (true) {
      HttpResponse<byte[]> r = get("/health");
      if (r.statusCode() == 200) {
        return;
      }
      assertEquals(503, r.statusCode(), () -> new String(r.body()));
      assertTrue(System.nanoTime() < deadline, "not ready within 120 s");
      Thread.sleep(50);
    }
  }

  @Override
  public void close() throws Exception {
    app.close();
  }
}
