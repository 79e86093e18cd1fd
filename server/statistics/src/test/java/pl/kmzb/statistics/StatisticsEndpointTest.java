package pl.kmzb.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.geo.LonLat;
import pl.kmzb.http.Json;
import pl.kmzb.report.Actor;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;

/**
 * {@code /api/statistics} on a running server with the embedded store: the public and police
 * views, an officer's own areas, JSON and CSV by parameter and by Accept, and refusals as RFC 7807
 * problems.
 */
class StatisticsEndpointTest {
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  static final Actor ADMIN = new Actor("admin", Role.ADMINISTRATOR, Set.of());

  @TempDir Path dir;
  Application app;
  HttpClient http = HttpClient.newHttpClient();
  String admin;

  @BeforeEach
  void start() throws Exception {
    app = Application.start(ConfigLoader.load(List.of("--store=embedded", "--embedded.file=" + dir.resolve("k.sqlite"),
        "--http.port=0", "--http.host=127.0.0.1", "--access-log=off", "--auth.admin-password=" + ADMIN_PASSWORD),
        Map.of()));
    admin = login("admin", ADMIN_PASSWORD);
    waitFor(() -> get("/health", null).statusCode() == 200);
    // Three reports in 1261 (one hidden: not confirmed), one in 1465, in 2025.
    stored("illegal_parking", "1261011", "2025-03-10T10:00:00Z", Status.CONFIRMED);
    stored("speeding", "1261021", "2025-03-11T10:00:00Z", Status.NOT_CONFIRMED);
    stored("speeding", "1261021", "2025-04-01T10:00:00Z", null);
    stored("public_drinking", "1465011", "2025-04-02T10:00:00Z", null);
    long seq = app.store().lastChangeSeq();
    waitFor(() -> json(get("/api/statistics?period=all&level=country", admin)).path("dataVersion").asLong() >= seq);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  private void stored(String category, String municipality, String at, Status moveTo) {
    Report r = app.store().insert(new NewReport(category, Status.NEW, new LonLat(19.94, 50.06), Instant.parse(at),
        null, null, null, Source.CITIZEN, Teryt.ofMunicipality(municipality), null, null, false), "test");
    if (moveTo != null) {
      app.store().changeStatus(r.id(), r.version(), new StatusChange(ADMIN, moveTo, "test"));
    }
  }

  @Test
  void publicAndPoliceViews() throws Exception {
    HttpResponse<String> r = get("/api/statistics?level=county&period=year&from=2025-01-01&to=2025-12-31", null);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    JsonNode doc = json(r);
    assertEquals("public", doc.path("view").asText());
    assertEquals("Europe/Warsaw", doc.path("timeZone").asText());
    assertTrue(doc.path("dataVersion").isMissingNode(), "the change-log position moves with hidden writes");
    JsonNode rows = doc.path("rows");
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("1261", rows.get(0).path("area").asText());
    assertEquals("2025", rows.get(0).path("period").asText());
    assertEquals(2, rows.get(0).path("count").asInt());
    assertEquals(1, rows.get(0).path("confirmed").asInt());
    assertEquals(0.5, rows.get(0).path("confirmationRate").asDouble());
    assertTrue(rows.get(0).path("byStatus").has("new"));
    assertTrue(!rows.get(0).path("byStatus").has("not_confirmed"), "hidden statuses are not even named");
    assertEquals(0, rows.get(0).path("previousCount").asInt());
    assertEquals("1465", rows.get(1).path("area").asText());

    r = get("/api/statistics?level=county&period=year&from=2025-01-01&to=2025-12-31", admin);
    doc = json(r);
    assertEquals("police", doc.path("view").asText());
    assertEquals("private, no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(3, doc.path("rows").get(0).path("count").asInt());
    assertEquals(1, doc.path("rows").get(0).path("byStatus").path("not_confirmed").asInt());
    // Both verdicts (confirmed, not confirmed) were moves made right after the insert: two durations.
    assertEquals(2, doc.path("rows").get(0).path("withVerificationTime").asInt());

    doc = json(get("/api/statistics?level=county&period=year&from=2025-01-01&to=2025-12-31&view=public", admin));
    assertEquals("public", doc.path("view").asText());
    assertEquals(2, doc.path("rows").get(0).path("count").asInt());
  }

  @Test
  void policeUnitsAreALevel() throws Exception {
    pl.kmzb.store.JdbcPoliceUnitStore.of(app.store()).replaceAll(List.of(
        new pl.kmzb.unit.PoliceUnit("KWP-12", "KWP w Krakowie", pl.kmzb.unit.UnitType.KWP, new LonLat(19.94, 50.06),
            Set.of("12")),
        new pl.kmzb.unit.PoliceUnit("KMP-1261", "KMP w Krakowie", pl.kmzb.unit.UnitType.KMP, new LonLat(19.94, 50.06),
            Set.of("1261", "1261021")),
        new pl.kmzb.unit.PoliceUnit("KPP-1465", "KPP w Płońsku", pl.kmzb.unit.UnitType.KPP, new LonLat(20.38, 52.62),
            Set.of("1465"))));
    app.reloadReferenceData(); // as the next reference poll would: statistics read the server's units
    JsonNode rows = json(get("/api/statistics?level=police-unit&period=all", admin)).path("rows");
    assertEquals(3, rows.size(), rows.toString());
    assertEquals("KMP-1261", rows.get(0).path("area").asText());
    assertEquals(3, rows.get(0).path("count").asInt(), "1261021 is in 1261: counted once");
    assertEquals("KPP-1465", rows.get(1).path("area").asText());
    assertEquals(1, rows.get(1).path("count").asInt());
    assertEquals("KWP-12", rows.get(2).path("area").asText());
    assertEquals(3, rows.get(2).path("count").asInt());
    rows = json(get("/api/statistics?level=police-unit&period=all&view=public", null)).path("rows");
    assertEquals(2, rows.get(0).path("count").asInt(), "the public view: the not-confirmed report is hidden");
    assertProblem(get("/api/statistics?level=police-units", null), 400, "level");
  }

  @Test
  void anOfficerSeesOwnAreasWithMine() throws Exception {
    String officer = user("dzielnicowy", "officer", "1465");
    JsonNode doc = json(get("/api/statistics?level=county&period=all&mine=true", officer));
    assertEquals(1, doc.path("rows").size(), doc.toString());
    assertEquals("1465", doc.path("rows").get(0).path("area").asText());
    HttpResponse<String> r = get("/api/statistics?level=county&period=all&mine=true&area=1261", officer);
    assertProblem(r, 400, "area");
  }

  @Test
  void csvByParameterAndByAccept() throws Exception {
    HttpResponse<String> r = get("/api/statistics?level=voivodeship&period=month&from=2025-03-01&to=2025-04-30&f=csv",
        null);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("text/csv; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    String[] lines = r.body().split("\r\n");
    assertEquals("area,period,start,end,count,new,verification,confirmed,confirmed_handed_over,confirmed_eliminated,"
        + "confirmed_any,confirmation_rate,past_deadline,past_deadline_share,median_seconds_to_verification,"
        + "with_verification_time,previous_count,trend", lines[0]);
    assertEquals(List.of("12,2025-03,2025-03-01,2025-03-31,1,0,0,1,0,0,1,1.0,0,0.0,",
        "12,2025-04,2025-04-01,2025-04-30,1,1,0,0,0,0,0,0.0,1,1.0,,0,1,0.0",
        "14,2025-04,2025-04-01,2025-04-30,1,1,0,0,0,0,0,0.0,1,1.0,,0,0,"),
        List.of(lines[1].substring(0, lines[1].indexOf(",1.0,0,0.0,") + 11), lines[2], lines[3]));

    HttpRequest accept = HttpRequest.newBuilder(uri("/api/statistics?period=all")).header("Accept", "text/csv").build();
    assertTrue(http.send(accept, HttpResponse.BodyHandlers.ofString()).body().startsWith("area,period,"));
  }

  @Test
  void refusalsAreProblems() throws Exception {
    assertProblem(get("/api/statistics?status=not_confirmed", null), 400, "status");
    assertProblem(get("/api/statistics?level=street", null), 400, "level");
    assertProblem(get("/api/statistics?period=fortnight", null), 400, "period");
    assertProblem(get("/api/statistics?from=2025-13-01", null), 400, "from");
    assertProblem(get("/api/statistics?from=2025-05-01&to=2025-04-01", null), 400, "to");
    assertProblem(get("/api/statistics?area=12a", null), 400, "area");
    assertProblem(get("/api/statistics?category=nonsense", null), 400, "category");
    assertProblem(get("/api/statistics?group=nonsense", null), 400, "group");
    assertProblem(get("/api/statistics?bbox=1,2,3,4", null), 400, "bbox");
    assertProblem(get("/api/statistics?f=xml", null), 400, "f");
    assertProblem(get("/api/statistics?mine=true", null), 400, "mine");
    assertProblem(get("/api/statistics?level=municipality&by=category&period=day&from=1970-01-01&to=2149-01-01", admin),
        400, "period");
    HttpResponse<String> r = get("/api/statistics?view=police", null);
    assertEquals(401, r.statusCode());
    assertTrue(r.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
  }

  private void assertProblem(HttpResponse<String> r, int status, String field) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
    JsonNode p = json(r);
    assertEquals(status, p.path("status").asInt());
    assertTrue(p.toString().contains("\"" + field + "\""), p.toString());
  }

  private String user(String name, String role, String area) throws Exception {
    String body = "{\"username\":\"" + name + "\",\"password\":\"officer-password-123\",\"role\":\"" + role
        + "\",\"areas\":[\"" + area + "\"]}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/users")).header("Authorization", admin)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return login(name, "officer-password-123");
  }

  private String login(String user, String password) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/auth/token"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    return "Bearer " + json(r).path("token").asText();
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body());
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void waitFor(Check check) throws Exception {
    long deadline = System.currentTimeMillis() + 20_000;
    while (!check.ok()) {
      if (System.currentTimeMillis() > deadline) {
        fail("condition not reached in 20 s");
      }
      Thread.sleep(20);
    }
  }
}
