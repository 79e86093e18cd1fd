package pl.kmzb.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.WorkflowOracle;

/**
 * The report API through HTTP, on a real server and a real store: citizen submissions, validation,
 * the rate limit and trusted proxies, attachments, privacy of the public view, the police workflow
 * with roles, areas and If-Match, listing, history, soft delete and address retention.
 */
abstract class ReportApiContract {
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  static final String PASSWORD = "officer-password-123";
  static final String KRAKOW = "{\"category\":\"illegal_parking\",\"lon\":19.9383,\"lat\":50.0614,"
      + "\"description\":\"Auta na chodniku, tablica KR 12345\"}";

  @TempDir
  Path dir;
  Application app;
  ApiClient api;
  String admin;

  /** Store settings for the server ("--store=…" and its location). */
  abstract List<String> storeArgs();

  @BeforeEach
  void start() throws Exception {
    app = startServer("");
  }

  Application startServer(String trustedProxies) throws Exception {
    List<String> args = new ArrayList<>(storeArgs());
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + ADMIN_PASSWORD, "--http.trusted-proxies=" + trustedProxies));
    Application a = Application.start(ConfigLoader.load(args, Map.of()));
    api = new ApiClient(a.port());
    admin = api.login("admin", ADMIN_PASSWORD);
    return a;
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  ReportStore store() {
    return app.store();
  }

  /** Creates a police user through the API and logs them in. */
  String user(String name, String role, String... areas) {
    String json = "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + role
        + "\",\"areas\":[" + String.join(",", java.util.Arrays.stream(areas).map(a -> "\"" + a + "\"").toList()) + "]}";
    ApiClient.Response r = api.postJson("/api/users", json, "Authorization", admin);
    assertEquals(201, r.status(), r.toString());
    return api.login(name, PASSWORD);
  }

  /** A report already carrying TERYT codes (as boundaries would assign), stored directly. */
  Report stored(String category, Status status, String municipality, Instant reportedAt) {
    return store().insert(new NewReport(category, status, new LonLat(19.94, 50.06), reportedAt, null, null,
        "Opis wewnętrzny", Source.CITIZEN, Teryt.ofMunicipality(municipality), null, "203.0.113.50", false), "test");
  }

  // --- citizens ---

  @Test
  void citizenReportIsCommittedBeforeTheAnswer() {
    ApiClient.Response r = api.postJson("/api/reports", KRAKOW);
    assertEquals(201, r.status(), r.toString());
    long id = r.json().path("id").asLong();
    assertEquals("/api/reports/" + id, r.header("location"));
    assertTrue(r.json().path("notice").asText().contains("112"));
    Report s = store().find(id).orElseThrow();
    assertEquals(Source.CITIZEN, s.source());
    assertEquals(Status.NEW, s.status());
    assertEquals("127.0.0.1", s.reporterIp());
    assertTrue(Duration.between(s.reportedAt(), Instant.now()).abs().toMinutes() < 5, "server clock");
  }

  @Test
  void geoJsonFeaturesAreAccepted() {
    ApiClient.Response r = api.send("POST", "/api/reports", "application/geo+json", ("{\"type\":\"Feature\","
        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[18.6466,54.3520]},"
        + "\"properties\":{\"category\":\"public_drinking\",\"timeOfDay\":\"night\",\"occurredOn\":\"2026-01-10\"}}")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(201, r.status(), r.toString());
    Report s = store().find(r.json().path("id").asLong()).orElseThrow();
    assertEquals(new LonLat(18.6466, 54.3520), s.location());
    assertEquals("night", s.timeOfDay().code());
    assertEquals(java.time.LocalDate.of(2026, 1, 10), s.occurredOn());
  }

  @Test
  void sourceComesFromTheCallerNeverFromThePayload() {
    ApiClient.Response forged = api.postJson("/api/reports", KRAKOW.replace("}", ",\"source\":\"police_system\"}"));
    assertEquals(400, forged.status());
    assertEquals(List.of("source"), forged.errorFields());
    String officer = user("dzielnicowy", "officer", "1261");
    ApiClient.Response r = api.postJson("/api/reports", KRAKOW, "Authorization", officer);
    assertEquals(201, r.status(), r.toString());
    Report s = store().find(r.json().path("id").asLong()).orElseThrow();
    assertEquals(Source.OFFICER, s.source());
    assertNull(s.reporterIp(), "officers' addresses are not kept");
    assertEquals("dzielnicowy", store().history(s.id()).get(0).actor());
    // Officers are not rate-limited.
    assertEquals(201, api.postJson("/api/reports", KRAKOW, "Authorization", officer).status());
  }

  @Test
  void everyBadFieldIsNamed() {
    ApiClient.Response r = api.postJson("/api/reports", "{\"category\":\"ufo\",\"lon\":\"19\",\"lat\":95,"
        + "\"occurredOn\":\"2999-01-01\",\"timeOfDay\":\"noon\",\"description\":\"" + "x".repeat(501) + "\"}");
    assertEquals(400, r.status());
    assertEquals("application/problem+json", r.header("content-type"));
    assertEquals(Set.of("category", "lon", "lat", "occurredOn", "timeOfDay", "description"), Set.copyOf(r.errorFields()));
    assertEquals(0, storedCount());
  }

  long storedCount() {
    return store().count(pl.kmzb.filter.ReportFilter.ALL_INTERNAL);
  }

  @Test
  void eachValidationRuleHasItsError() {
    Map<String, String> cases = Map.ofEntries(
        Map.entry("{\"lon\":19.9,\"lat\":50.0}", "category"),
        Map.entry("{\"category\":5,\"lon\":19.9,\"lat\":50.0}", "category"),
        Map.entry("{\"category\":\"speeding\",\"lat\":50.0}", "lon"),
        Map.entry("{\"category\":\"speeding\",\"lon\":19.9}", "lat"),
        Map.entry("{\"category\":\"speeding\",\"lon\":13.40,\"lat\":52.52}", "location"),
        Map.entry("{\"category\":\"speeding\",\"lon\":20.51,\"lat\":54.71}", "location"),
        Map.entry("{\"category\":\"speeding\",\"lon\":18.0,\"lat\":55.0}", "location"),
        Map.entry("{\"category\":\"speeding\",\"lon\":19.9,\"lat\":50.0,\"occurredOn\":\"10.01.2026\"}", "occurredOn"),
        Map.entry("{\"category\":\"speeding\",\"lon\":19.9,\"lat\":50.0,\"timeOfDay\":\"noon\"}", "timeOfDay"),
        Map.entry("{\"category\":\"speeding\",\"lon\":19.9,\"lat\":50.0,\"description\":\"a\\u0007b\"}", "description"),
        Map.entry("{\"category\":\"dangerous_entertainment_venue\",\"lon\":19.9,\"lat\":50.0}", "description"),
        Map.entry("{\"category\":\"speeding\",\"lon\":19.9,\"lat\":50.0,\"colour\":\"red\"}", "colour"),
        Map.entry("{\"category\":\"speeding\",\"lon\":19.9,", "body"),
        Map.entry("[1,2]", "body"),
        Map.entry("{\"type\":\"FeatureCollection\",\"features\":[]}", "type"),
        Map.entry("{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[]},\"properties\":{}}",
            "geometry"));
    cases.forEach((body, field) -> {
      ApiClient.Response r = api.postJson("/api/reports", body);
      assertEquals(400, r.status(), body + " → " + r);
      assertTrue(r.errorFields().contains(field), body + " should name " + field + ": " + r);
    });
    assertEquals(415, api.send("POST", "/api/reports", "text/plain", "x".getBytes(StandardCharsets.UTF_8)).status());
    assertEquals(0, storedCount(), "no invalid report was stored");
    // The venue is accepted with a description.
    assertEquals(201, api.postJson("/api/reports", "{\"category\":\"dangerous_entertainment_venue\",\"lon\":19.9,"
        + "\"lat\":50.0,\"description\":\"Escape room bez wyjścia ewakuacyjnego\"}").status());
  }

  // --- rate limit and client addresses ---

  @Test
  void oneReportPerAddressPerDayAndInvalidOnesDoNotCount() {
    assertEquals(400, api.postJson("/api/reports", "{\"category\":\"speeding\"}").status());
    assertEquals(201, api.postJson("/api/reports", KRAKOW).status());
    ApiClient.Response second = api.postJson("/api/reports", KRAKOW);
    assertEquals(429, second.status(), second.toString());
    long retryAfter = Long.parseLong(second.header("retry-after"));
    assertTrue(retryAfter > 23 * 3600 && retryAfter <= 24 * 3600 + 1, "Retry-After " + retryAfter);
    assertEquals(1, storedCount());
  }

  @Test
  void forwardedForIsIgnoredFromUntrustedPeers() {
    assertEquals(201, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "198.51.100.1").status());
    // A forged header from an untrusted peer does not give a fresh address.
    assertEquals(429, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "198.51.100.2").status());
    assertEquals("127.0.0.1", store().list(pl.kmzb.filter.ReportFilter.ALL_INTERNAL, 0, 10).items().get(0).reporterIp());
  }

  @Test
  void forwardedForIsBelievedFromTrustedProxies() throws Exception {
    app.close();
    app = startServer("127.0.0.1/32, ::1");
    assertEquals(201, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "198.51.100.1").status());
    assertEquals(201, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "198.51.100.2, 127.0.0.1").status());
    assertEquals(429, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "198.51.100.1").status());
    Set<String> addresses = new java.util.HashSet<>();
    store().scan(pl.kmzb.filter.ReportFilter.ALL_INTERNAL, r -> addresses.add(r.reporterIp()));
    assertEquals(Set.of("198.51.100.1", "198.51.100.2"), addresses);
  }

  @Test
  void ipv6SendersShareTheLimitPerSlash64AndMappedIpv4CountsAsIpv4() throws Exception {
    app.close();
    app = startServer("127.0.0.1/32, ::1");
    assertEquals(201, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "2001:db8:1:2::1").status());
    ApiClient.Response sameHome = api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "2001:db8:1:2:ffff::9");
    assertEquals(429, sameHome.status(), "another address of the same /64: " + sameHome);
    assertEquals(201, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "2001:db8:1:3::1").status(),
        "another /64 has its own allowance");
    assertEquals(201, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "198.51.100.7").status());
    assertEquals(429, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "::ffff:198.51.100.7").status());
    assertEquals(201, api.postJson("/api/reports", KRAKOW, "X-Forwarded-For", "198.51.100.8").status(),
        "IPv4 stays per address");
    Set<String> addresses = new java.util.HashSet<>();
    store().scan(pl.kmzb.filter.ReportFilter.ALL_INTERNAL, r -> addresses.add(r.reporterIp()));
    assertEquals(Set.of("2001:db8:1:2::1", "2001:db8:1:3::1", "198.51.100.7", "198.51.100.8"), addresses,
        "administrators still see each exact address");
  }

  @Test
  void anOverLimitSenderIsRefusedBeforeItsUploadIsRead() throws Exception {
    assertEquals(201, api.postJson("/api/reports", KRAKOW).status());
    // Announces 24 MB and sends 100 bytes: an answer can only come without reading the body.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(10_000);
      String head = "POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: 25165824\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().write(("--XyZ\r\nContent-Disposition: form-data; name=\"report\"\r\n\r\n"
          + KRAKOW).getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      long started = System.nanoTime();
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
          socket.getInputStream(), StandardCharsets.US_ASCII));
      String status = in.readLine();
      assertTrue(status != null && status.startsWith("HTTP/1.1 429"), "status line: " + status);
      boolean retryAfter = false;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        retryAfter |= line.toLowerCase(java.util.Locale.ROOT).startsWith("retry-after: ");
      }
      assertTrue(retryAfter, "Retry-After is sent");
      assertTrue(System.nanoTime() - started < 5_000_000_000L, "answered at once");
    }
    assertEquals(1, storedCount());
  }

  @Test
  void theReportPartOfAFormIsCappedLikeAJsonBody() {
    String padded = KRAKOW.replace("{", "{" + " ".repeat(70 * 1024));
    ApiClient.Response json = api.postJson("/api/reports", padded);
    assertEquals(413, json.status(), json.toString());
    ApiClient.Response form = api.postMultipart("/api/reports", padded, List.of());
    assertEquals(413, form.status(), form.toString());
    assertEquals("application/problem+json", form.header("content-type"));
    assertTrue(form.json().path("detail").asText().contains("'report'"), form.toString());
    assertEquals(0, storedCount());
    assertEquals(201, api.postMultipart("/api/reports", KRAKOW, List.of()).status());
  }

  // --- attachments ---

  static byte[] png() throws Exception {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 3, 0xff0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void attachmentsAreCheckedByTheirBytesAndDownloadedByPolice() throws Exception {
    byte[] png = png();
    byte[] txt = "Zażółć gęślą jaźń".getBytes(StandardCharsets.UTF_8);
    ApiClient.Response r = api.postMultipart("/api/reports", KRAKOW,
        List.of(new Object[] {"../../etc/zdjęcie.pdf", png}, new Object[] {"notatka.txt", txt}));
    assertEquals(201, r.status(), r.toString());
    long id = r.json().path("id").asLong();
    String officer = user("oficer", "officer", "1261");
    JsonNode view = api.get("/api/reports/" + id, "Authorization", officer).json();
    JsonNode first = view.path("attachments").get(0);
    assertEquals("image/png", first.path("mediaType").asText());
    assertEquals("zdjęcie.png", first.path("fileName").asText());
    ApiClient.Response download = api.get(first.path("href").asText(), "Authorization", officer);
    assertEquals(200, download.status());
    assertArrayEquals(png, download.body());
    assertEquals("image/png", download.header("content-type"));
    assertEquals("nosniff", download.header("x-content-type-options"));
    assertArrayEquals(txt, api.get("/api/reports/" + id + "/attachments/2", "Authorization", officer).body());
    assertEquals(401, api.get(first.path("href").asText()).status());
    assertFalse(api.get("/api/reports/" + id).json().has("attachments"), "never in the public view");
  }

  @Test
  void attachmentsWithActiveContentAreRefusedNamingFileAndReason() {
    byte[] pdf = ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>"
        + "\nendobj\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    ApiClient.Response r = api.postMultipart("/api/reports", KRAKOW, List.<Object[]>of(new Object[] {"ulotka.pdf", pdf}));
    assertEquals(400, r.status(), r.toString());
    assertEquals("application/problem+json", r.header("content-type"));
    assertEquals(List.of("attachments[1]"), r.errorFields());
    String message = r.json().path("errors").get(0).path("message").asText();
    assertTrue(message.startsWith("file 1 (ulotka.pdf): a PDF with JavaScript is not accepted"), message);
    assertEquals(0, storedCount());
  }

  @Test
  void badAttachmentsAreRefusedAndNothingIsStored() throws Exception {
    byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
    byte[] badText = {'a', (byte) 0xC3, (byte) 0x28, 'b'};
    byte[] big = new byte[5 * 1024 * 1024 + 1];
    System.arraycopy(png(), 0, big, 0, png().length);
    ApiClient.Response r = api.postMultipart("/api/reports", KRAKOW,
        List.of(new Object[] {"photo.jpg", exe}, new Object[] {"a.txt", badText}, new Object[] {"big.png", big}));
    assertEquals(400, r.status(), r.toString());
    assertEquals(List.of("attachments[1]", "attachments[2]", "attachments[3]"), r.errorFields());
    byte[] p = png();
    ApiClient.Response four = api.postMultipart("/api/reports", KRAKOW, List.of(new Object[] {"1.png", p},
        new Object[] {"2.png", p}, new Object[] {"3.png", p}, new Object[] {"4.png", p}));
    assertEquals(400, four.status());
    assertEquals(List.of("attachments"), four.errorFields());
    ApiClient.Response noReport = api.postMultipart("/api/reports", "", List.of());
    assertEquals(400, noReport.status());
    assertEquals(0, storedCount());
    // Exactly 5 MB is allowed.
    byte[] five = new byte[5 * 1024 * 1024];
    System.arraycopy(p, 0, five, 0, p.length);
    assertEquals(201, api.postMultipart("/api/reports", KRAKOW, List.<Object[]>of(new Object[] {"max.png", five})).status());
  }

  // --- the public view ---

  @Test
  void publicViewKeepsPrivateThingsPrivate() {
    long id = api.postJson("/api/reports", KRAKOW).json().path("id").asLong();
    JsonNode pub = api.get("/api/reports/" + id).json();
    assertEquals("illegal_parking", pub.path("category").asText());
    assertEquals("new", pub.path("status").asText());
    assertEquals("Nowe", pub.path("statusName").asText());
    assertFalse(pub.has("description"), "unpublished description");
    assertFalse(pub.has("reporterIp"));
    assertFalse(pub.toString().contains("127.0.0.1"));
    assertTrue(pub.path("notice").asText().contains("112"));
    assertEquals(19.9383, pub.path("location").path("lon").asDouble());
    String officer = user("publikujacy", "officer", "1261");
    String etag = api.get("/api/reports/" + id, "Authorization", officer).header("etag");
    ApiClient.Response published = api.patchJson("/api/reports/" + id, "{\"descriptionPublic\":true}",
        "Authorization", admin, "If-Match", etag);
    assertEquals(200, published.status(), published.toString());
    assertEquals("Auta na chodniku, tablica KR 12345", api.get("/api/reports/" + id).json().path("description").asText());
    assertTrue(api.get("/api/reports/" + id, "Authorization", admin).json().path("reporterIp").asText().equals("127.0.0.1"));
    assertFalse(api.get("/api/reports/" + id, "Authorization", officer).json().has("reporterIp"), "administrators only");
  }

  @Test
  void sensitiveCategoriesAreShownOnlyAtAGeneralisedLocation() {
    ApiClient.Response r = api.postJson("/api/reports", "{\"category\":\"homeless_person_in_need\",\"lon\":21.01234,"
        + "\"lat\":52.22977}");
    long id = r.json().path("id").asLong();
    JsonNode loc = api.get("/api/reports/" + id).json().path("location");
    assertEquals(200, loc.path("generalisedToMetres").asInt());
    double dLat = (loc.path("lat").asDouble() - 52.22977) * 111_320;
    double dLon = (loc.path("lon").asDouble() - 21.01234) * 111_320 * Math.cos(Math.toRadians(52.23));
    double metres = Math.hypot(dLat, dLon);
    assertTrue(metres > 0 && metres < 150, "moved " + metres + " m");
    assertEquals(21.01234, api.get("/api/reports/" + id, "Authorization", admin).json().path("location").path("lon").asDouble());
  }

  @Test
  void hiddenStatusesAndUnconfirmedVenuesAreNotPublic() {
    Report joke = stored("illegal_parking", Status.JOKE_OR_MISTAKE, "1261011", Instant.now());
    Report venue = stored("dangerous_entertainment_venue", Status.VERIFICATION, "1261011", Instant.now());
    Report confirmedVenue = stored("dangerous_entertainment_venue", Status.CONFIRMED, "1261011", Instant.now());
    assertEquals(404, api.get("/api/reports/" + joke.id()).status());
    assertEquals(404, api.get("/api/reports/" + venue.id()).status());
    assertEquals(200, api.get("/api/reports/" + confirmedVenue.id()).status());
    assertEquals(200, api.get("/api/reports/" + joke.id(), "Authorization", admin).status());
    assertEquals(404, api.get("/api/reports/999999").status());
    assertEquals(404, api.get("/api/reports/abc").status());
  }

  // --- the police workflow ---

  String etag(long id, String auth) {
    return api.get("/api/reports/" + id, "Authorization", auth).header("etag");
  }

  ApiClient.Response move(long id, String auth, String status, String note) {
    String body = "{\"status\":\"" + status + "\"" + (note == null ? "" : ",\"note\":\"" + note + "\"") + "}";
    return api.patchJson("/api/reports/" + id, body, "Authorization", auth, "If-Match", etag(id, admin));
  }

  @Test
  void statusMovesFollowRolesAndAreas() {
    String coordinator = user("koordynator", "local_coordinator", "1261");
    String officer = user("dzielnicowy", "officer", "1261");
    String elsewhere = user("gdansk", "local_coordinator", "2261");
    String voivodeship = user("wojewodzki", "voivodeship_coordinator", "12");
    long id = stored("illegal_parking", Status.NEW, "1261011", Instant.now()).id();
    assertEquals(403, move(id, officer, "verification", null).status(), "officers do not take up new reports");
    assertEquals(403, move(id, elsewhere, "verification", null).status(), "outside the area");
    ApiClient.Response taken = move(id, coordinator, "verification", "przydzielono dzielnicowemu");
    assertEquals(200, taken.status(), taken.toString());
    assertEquals("verification", taken.json().path("status").asText());
    assertNotEquals(etag(id, admin), null);
    assertEquals(200, move(id, officer, "confirmed", null).status());
    assertEquals(403, move(id, officer, "new", null).status(), "no corrections for officers");
    ApiClient.Response noNote = move(id, voivodeship, "new", null);
    assertEquals(400, noNote.status());
    assertEquals(List.of("note"), noNote.errorFields());
    assertEquals(200, move(id, voivodeship, "new", "korekta: błędnie potwierdzone").status());
    assertEquals(400, move(id, admin, "approved", "x").status());
    assertEquals(409, move(id, admin, "new", "x").status(), "already new");
    JsonNode history = api.get("/api/reports/" + id + "/history", "Authorization", officer).json().path("history");
    assertEquals(4, history.size());
    assertEquals("koordynator", history.get(1).path("actor").asText());
    assertEquals("przydzielono dzielnicowemu", history.get(1).path("note").asText());
    assertEquals("new", history.get(1).path("from").asText());
    assertEquals("wojewodzki", history.get(3).path("actor").asText());
    assertEquals(401, api.get("/api/reports/" + id + "/history").status());
  }

  @Test
  void ifMatchGuardsAgainstLostUpdates() {
    String coordinator = user("koordynator", "local_coordinator", "1261");
    long id = stored("speeding", Status.NEW, "1261011", Instant.now()).id();
    String stale = etag(id, coordinator);
    ApiClient.Response missing = api.patchJson("/api/reports/" + id, "{\"status\":\"verification\"}", "Authorization", coordinator);
    assertEquals(428, missing.status());
    assertEquals(200, api.patchJson("/api/reports/" + id, "{\"status\":\"verification\"}", "Authorization", coordinator,
        "If-Match", stale).status());
    ApiClient.Response conflict = api.patchJson("/api/reports/" + id, "{\"status\":\"joke_or_mistake\"}",
        "Authorization", coordinator, "If-Match", stale);
    assertEquals(412, conflict.status(), conflict.toString());
    assertEquals(412, api.patchJson("/api/reports/" + id, "{\"status\":\"joke_or_mistake\"}", "Authorization",
        coordinator, "If-Match", "\"other\"").status());
    assertEquals(Status.VERIFICATION, store().find(id).orElseThrow().status());
    assertEquals(401, api.patchJson("/api/reports/" + id, "{\"status\":\"new\"}", "If-Match", stale).status());
    assertEquals(400, api.patchJson("/api/reports/" + id, "{\"status\":\"new\",\"descriptionPublic\":true}",
        "Authorization", admin, "If-Match", etag(id, admin)).status());
  }

  @Test
  void ifMatchStarDoesNotNameAVersion() {
    String coordinator = user("koordynator", "local_coordinator", "1261");
    long id = stored("speeding", Status.NEW, "1261011", Instant.now()).id();
    ApiClient.Response star = api.patchJson("/api/reports/" + id, "{\"status\":\"verification\"}",
        "Authorization", coordinator, "If-Match", "*");
    assertEquals(428, star.status(), star.toString());
    assertTrue(star.json().path("detail").asText().contains("ETag"), star.toString());
    ApiClient.Response publish = api.patchJson("/api/reports/" + id, "{\"descriptionPublic\":true}",
        "Authorization", admin, "If-Match", " * ");
    assertEquals(428, publish.status(), publish.toString());
    Report after = store().find(id).orElseThrow();
    assertEquals(Status.NEW, after.status());
    assertFalse(after.descriptionPublic());
    assertEquals(1, after.version());
  }

  @Test
  void descriptionOfADeletedReportCannotBePublished() {
    Report r = stored("vandalism", Status.CONFIRMED, "1261011", Instant.now());
    assertEquals(204, api.send("DELETE", "/api/reports/" + r.id(), null, null, "Authorization", admin,
        "If-Match", etag(r.id(), admin)).status());
    ApiClient.Response publish = api.patchJson("/api/reports/" + r.id(), "{\"descriptionPublic\":true}",
        "Authorization", admin, "If-Match", etag(r.id(), admin));
    assertEquals(409, publish.status(), publish.toString());
    assertEquals("application/problem+json", publish.header("content-type"));
    Report after = store().find(r.id()).orElseThrow();
    assertFalse(after.descriptionPublic());
    assertEquals(2, after.version());
  }

  @Test
  void areaOnlyNarrowsMineNeverWidensIt() {
    String coordinator = user("koordynator", "local_coordinator", "1261");
    Report inKrakow = stored("speeding", Status.NEW, "1261011", Instant.now());
    Report inWieliczka = stored("speeding", Status.NEW, "1219011", Instant.now());
    Report inGdansk = stored("speeding", Status.NEW, "2261011", Instant.now());
    assertEquals(List.of(inKrakow.id()), ids(api.get("/api/reports?mine=true", "Authorization", coordinator).json()));
    assertEquals(List.of(inKrakow.id()),
        ids(api.get("/api/reports?mine=true&area=12", "Authorization", coordinator).json()), "area=12 is wider");
    assertEquals(List.of(inKrakow.id()),
        ids(api.get("/api/reports?mine=true&area=1261011", "Authorization", coordinator).json()));
    assertEquals(List.of(inKrakow.id()),
        ids(api.get("/api/reports?mine=true&area=12,22", "Authorization", coordinator).json()));
    assertEquals(400, api.get("/api/reports?mine=true&area=1219", "Authorization", coordinator).status());
    // Without mine, area is an ordinary filter over the whole list.
    assertEquals(List.of(inKrakow.id(), inWieliczka.id()),
        ids(api.get("/api/reports?area=12", "Authorization", coordinator).json()));
    assertEquals(3, ids(api.get("/api/reports", "Authorization", coordinator).json()).size(), inGdansk.toString());
  }

  @Test
  void policeResponsesAreNeverCached() throws Exception {
    String officer = user("dzielnicowy", "officer", "1261");
    ApiClient.Response created = api.postMultipart("/api/reports", KRAKOW, List.<Object[]>of(new Object[] {"a.png", png()}));
    long id = created.json().path("id").asLong();
    List<ApiClient.Response> police = List.of(
        api.get("/api/reports/" + id, "Authorization", officer),
        api.get("/api/reports", "Authorization", officer),
        api.get("/api/reports/" + id + "/history", "Authorization", officer),
        api.get("/api/reports/" + id + "/attachments/1", "Authorization", officer),
        api.patchJson("/api/reports/" + id, "{\"descriptionPublic\":true}", "Authorization", admin,
            "If-Match", etag(id, admin)),
        api.postJson("/api/auth/token", "{\"username\":\"dzielnicowy\",\"password\":\"" + PASSWORD + "\"}"),
        api.get("/api/users", "Authorization", admin),
        api.get("/api/users/dzielnicowy", "Authorization", officer));
    for (ApiClient.Response r : police) {
      assertTrue(r.status() < 300, r.toString());
      assertEquals("private, no-store", r.header("cache-control"), r.toString());
    }
    ApiClient.Response policeView = police.get(0);
    assertTrue(policeView.header("vary") != null && policeView.header("vary").contains("Authorization"));
    // The anonymous view of a public report may be cached, but only apart from police views.
    ApiClient.Response anonymous = api.get("/api/reports/" + id);
    assertEquals(200, anonymous.status());
    assertEquals("no-cache", anonymous.header("cache-control"));
    assertTrue(anonymous.header("vary") != null && anonymous.header("vary").contains("Authorization"),
        "the same URL answers differently with a token");
  }

  // --- lists, deletion, retention ---

  @Test
  void policeListFiltersPagesAndKnowsDeadlines() {
    String coordinator = user("koordynator", "local_coordinator", "1261");
    Instant old = Instant.now().minus(Duration.ofHours(80));
    Report late = stored("speeding", Status.NEW, "1261011", old);
    stored("speeding", Status.NEW, "1261011", Instant.now());
    stored("speeding", Status.VERIFICATION, "1261011", old);
    Report lateElsewhere = stored("speeding", Status.NEW, "1465011", old);
    assertEquals(401, api.get("/api/reports").status());
    JsonNode past = api.get("/api/reports?pastDeadline=true", "Authorization", coordinator).json();
    assertEquals(List.of(late.id(), lateElsewhere.id()), ids(past));
    assertTrue(past.path("items").get(0).path("pastDeadline").asBoolean(), past.toString());
    JsonNode mine = api.get("/api/reports?pastDeadline=true&mine=true", "Authorization", coordinator).json();
    assertEquals(List.of(late.id()), ids(mine));
    JsonNode page1 = api.get("/api/reports?limit=2&status=new,verification", "Authorization", coordinator).json();
    assertEquals(2, page1.path("items").size());
    JsonNode page2 = api.get(page1.path("next").asText(), "Authorization", coordinator).json();
    assertEquals(2, page2.path("items").size());
    assertFalse(page2.has("next"), "the last page has no next link");
    assertEquals(400, api.get("/api/reports?colour=red", "Authorization", coordinator).status());
    assertEquals(400, api.get("/api/reports?limit=0", "Authorization", coordinator).status());
    assertEquals(400, api.get("/api/reports?pastDeadline=yes", "Authorization", coordinator).status());
    assertEquals(400, api.get("/api/reports?status=ufo", "Authorization", coordinator).status());
  }

  static List<Long> ids(JsonNode page) {
    List<Long> out = new ArrayList<>();
    page.path("items").forEach(i -> out.add(i.path("id").asLong()));
    return out;
  }

  @Test
  void onlyAdministratorsDeleteAndDeletedReportsDisappear() {
    String coordinator = user("koordynator", "local_coordinator", "1261");
    Report r = stored("vandalism", Status.CONFIRMED, "1261011", Instant.now());
    assertEquals(403, api.send("DELETE", "/api/reports/" + r.id(), null, null, "Authorization", coordinator).status());
    assertEquals(204, api.send("DELETE", "/api/reports/" + r.id() + "?note=duplikat", null, null, "Authorization", admin,
        "If-Match", etag(r.id(), admin)).status());
    assertEquals(404, api.get("/api/reports/" + r.id()).status());
    assertEquals(404, api.get("/api/reports/" + r.id(), "Authorization", coordinator).status());
    assertTrue(api.get("/api/reports/" + r.id(), "Authorization", admin).json().path("deleted").asBoolean());
    assertEquals(List.of(), ids(api.get("/api/reports", "Authorization", coordinator).json()));
    JsonNode history = api.get("/api/reports/" + r.id() + "/history", "Authorization", admin).json().path("history");
    assertEquals("deleted", history.get(1).path("action").asText());
    assertEquals("duplikat", history.get(1).path("note").asText());
  }

  @Test
  void reporterAddressesAreDeletedAfterTheRetention() throws Exception {
    Report old = store().insert(new NewReport("speeding", Status.NEW, new LonLat(19.94, 50.06),
        Instant.now().minus(Duration.ofDays(31)), null, null, null, Source.CITIZEN, Teryt.NONE, null, "192.0.2.200",
        false), "citizen");
    app.close();
    app = startServer("");
    // The job runs at start; give it the moment it needs without depending on timing.
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (store().find(old.id()).orElseThrow().reporterIp() != null) {
      assertTrue(System.nanoTime() < deadline, "retention job did not run");
      Thread.sleep(20);
    }
    assertFalse(api.get("/api/reports/" + old.id(), "Authorization", admin).json().has("reporterIp"));
  }

  /**
   * Every move for every role, inside and outside its area, with and without a note, through
   * HTTP: 4 × 2 × 7 × 7 × 2 PATCH requests compared with the workflow table.
   */
  @Test
  void everyMoveForEveryRoleAndAreaThroughHttp() {
    Map<Role, String[]> users = new java.util.EnumMap<>(Role.class);
    users.put(Role.OFFICER, new String[] {user("o-in", "officer", "1261"), user("o-out", "officer", "2261")});
    users.put(Role.LOCAL_COORDINATOR, new String[] {user("l-in", "local_coordinator", "1261"),
        user("l-out", "local_coordinator", "2261")});
    users.put(Role.VOIVODESHIP_COORDINATOR, new String[] {user("v-in", "voivodeship_coordinator", "12"),
        user("v-out", "voivodeship_coordinator", "22")});
    users.put(Role.ADMINISTRATOR, new String[] {admin, admin});
    int checked = 0;
    for (Role role : Role.values()) {
      for (int area = 0; area < 2; area++) {
        for (Status from : Status.values()) {
          for (Status to : Status.values()) {
            for (boolean note : new boolean[] {false, true}) {
              Report r = stored("illegal_parking", from, "1261011", Instant.now());
              String body = "{\"status\":\"" + to.code() + "\"" + (note ? ",\"note\":\"uzasadnienie\"" : "") + "}";
              ApiClient.Response resp = api.patchJson("/api/reports/" + r.id(), body, "Authorization",
                  users.get(role)[area], "If-Match", ReportViews.etag(r));
              int expected = WorkflowOracle.httpStatus(WorkflowOracle.expected(role, area == 0, from, to, note));
              String what = role + (area == 0 ? " in area " : " outside ") + from + "→" + to + " note=" + note;
              assertEquals(expected, resp.status(), what + ": " + resp);
              assertEquals(expected == 200 ? to : from, store().find(r.id()).orElseThrow().status(), what);
              checked++;
            }
          }
        }
      }
    }
    assertEquals(4 * 2 * 7 * 7 * 2, checked);
  }

  @Test
  void everyCommittedApiChangeReachesListenersOnce() {
    List<pl.kmzb.store.ReportEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    store().subscribe(new pl.kmzb.store.ReportListener() {
      @Override
      public void changed(pl.kmzb.store.ReportEvent event) {
        events.add(event);
      }

      @Override
      public void batchInserted(long fromSeq, long toSeq, int count) {
        throw new AssertionError("no batches through the API");
      }
    });
    long id = api.postJson("/api/reports", KRAKOW).json().path("id").asLong();
    assertEquals(429, api.postJson("/api/reports", KRAKOW).status());
    api.patchJson("/api/reports/" + id, "{\"status\":\"verification\"}", "Authorization", admin, "If-Match", etag(id, admin));
    api.patchJson("/api/reports/" + id, "{\"descriptionPublic\":true}", "Authorization", admin, "If-Match", etag(id, admin));
    api.send("DELETE", "/api/reports/" + id, null, null, "Authorization", admin);
    assertEquals(List.of(pl.kmzb.store.ChangeKind.INSERTED, pl.kmzb.store.ChangeKind.STATUS_CHANGED,
        pl.kmzb.store.ChangeKind.EDITED, pl.kmzb.store.ChangeKind.DELETED),
        events.stream().map(pl.kmzb.store.ReportEvent::kind).toList());
    assertEquals("illegal_parking", events.get(0).after().category());
    assertEquals(Status.NEW, events.get(1).before().status());
  }

  @Test
  void policeUnitsScopeTheOfficersAssignedToThem() {
    pl.kmzb.unit.PoliceUnitImporter.run(store(), pl.kmzb.unit.PoliceUnitReader.readCsv(
        "code,name,type,lon,lat,areas\n"
        + "KMP-KRAKOW,Komenda Miejska Policji w Krakowie,KMP,19.94,50.06,1261\n"
        + "KPP-WIELICZKA,Komenda Powiatowa Policji w Wieliczce,KPP,20.06,49.99,1219\n"));
    String officer = user("przydzielany", "officer", "1219");
    ApiClient.Response units = api.get("/api/police-units", "Authorization", officer);
    assertEquals(200, units.status(), units.toString());
    assertEquals(2, units.json().path("units").size());
    assertEquals(401, api.get("/api/police-units").status());
    assertEquals(404, api.get("/api/police-units/KP-NOWHERE", "Authorization", officer).status());
    long id = stored("illegal_parking", Status.VERIFICATION, "1261011", Instant.now()).id();
    assertEquals(403, move(id, officer, "confirmed", null).status(), "not yet in Kraków's unit");
    assertEquals(403, api.send("PUT", "/api/users/przydzielany/unit", "application/json",
        "{\"unit\":\"KMP-KRAKOW\"}".getBytes(StandardCharsets.UTF_8), "Authorization", officer).status());
    ApiClient.Response assigned = api.send("PUT", "/api/users/przydzielany/unit", "application/json",
        "{\"unit\":\"KMP-KRAKOW\"}".getBytes(StandardCharsets.UTF_8), "Authorization", admin);
    assertEquals(200, assigned.status(), assigned.toString());
    assertEquals("1261", assigned.json().path("areas").get(0).asText());
    assertEquals(401, move(id, officer, "confirmed", null).status(), "re-scoping revoked the old token");
    String again = api.login("przydzielany", PASSWORD);
    assertEquals(200, move(id, again, "confirmed", null).status());
    assertEquals(404, api.send("PUT", "/api/users/przydzielany/unit", "application/json",
        "{\"unit\":\"KP-NOWHERE\"}".getBytes(StandardCharsets.UTF_8), "Authorization", admin).status());
  }
}
