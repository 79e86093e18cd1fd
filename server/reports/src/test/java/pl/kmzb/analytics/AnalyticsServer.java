package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;

/** A server on either store with an administrator's token, and HTTP helpers, for the API contracts. */
abstract class AnalyticsServer {
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Teryt KRAKOW = Teryt.ofMunicipality("1261011");
  static final CrsTransform TO_2180 = CrsRegistry.standard().fromLonLat(CrsRegistry.standard().require("EPSG:2180"));

  record Response(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (java.io.IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    List<String> errorFields() {
      List<String> out = new ArrayList<>();
      json().path("errors").forEach(e -> out.add(e.path("field").asText()));
      return out;
    }
  }

  @TempDir
  Path dir;
  Application app;
  HttpClient http;
  String base;
  String admin;

  abstract List<String> storeArgs();

  @BeforeEach
  void start() throws Exception {
    List<String> args = new ArrayList<>(storeArgs());
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + ADMIN_PASSWORD));
    app = Application.start(ConfigLoader.load(args, Map.of()));
    http = HttpClient.newHttpClient();
    base = "http://127.0.0.1:" + app.port();
    Response login = send("POST", "/api/auth/token", "application/json",
        "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}", null);
    assertEquals(201, login.status(), login.body());
    admin = "Bearer " + login.json().path("token").asText();
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  Response send(String method, String path, String type, String body, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Response get(String path) {
    return send("GET", path, null, null, null);
  }

  Response police(String path) {
    return send("GET", path, null, null, admin);
  }

  static NewReport report(String category, Status status, LonLat at) {
    return new NewReport(category, status, at, Instant.parse("2026-06-01T10:00:00Z"), null, null, null,
        Source.POLICE_SYSTEM, KRAKOW, null, null, false);
  }


  static double[] xy(LonLat p) {
    return TO_2180.apply(p.lon(), p.lat());
  }

}
