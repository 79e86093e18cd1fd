package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.http.HttpServer;
import pl.kmzb.http.Router;
import pl.kmzb.report.Role;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.JdbcUserStore;
import pl.kmzb.store.ReportStore;

/** Login and user management over real HTTP, backed by an embedded store. */
class AuthEndpointsTest {
  static final String ADMIN_PASSWORD = "administrator-pass-1";
  static final String OFFICER_PASSWORD = "dzielnicowy-pass-1";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;
  ReportStore store;
  UserStore users;
  HttpServer server;
  HttpClient client = HttpClient.newHttpClient();
  String base;

  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    List<String> errorFields() {
      List<String> out = new ArrayList<>();
      body.path("errors").forEach(e -> out.add(e.get("field").asText()));
      return out;
    }
  }

  @BeforeEach
  void start() throws Exception {
    store = EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
    users = JdbcUserStore.of(store);
    users.create("admin", Passwords.hash(ADMIN_PASSWORD), Role.ADMINISTRATOR, Set.of());
    users.create("jan", Passwords.hash(OFFICER_PASSWORD), Role.OFFICER, Set.of("1261"));
    Router router = new Router();
    new AuthEndpoints(users, new Authenticator(users, Clock.systemUTC(), Duration.ofHours(8))).register(router);
    server = new HttpServer("127.0.0.1", 0, 8, router, null);
    server.start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    store.close();
  }

  Reply call(String method, String path, String token, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    return new Reply(r.statusCode(), json, r);
  }

  String login(String username, String password) throws Exception {
    Reply r = call("POST", "/api/auth/token", null, json("username", username, "password", password));
    assertEquals(201, r.status(), r.raw().body());
    return r.body().get("token").asText();
  }

  static String json(Object... kv) throws IOException {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return JSON.writeValueAsString(m);
  }

  @Test
  void loginReturnsABearerToken() throws Exception {
    Instant before = Instant.now();
    Reply r = call("POST", "/api/auth/token", null, json("username", "jan", "password", OFFICER_PASSWORD));
    assertEquals(201, r.status(), r.raw().body());
    assertEquals("Bearer", r.body().get("tokenType").asText());
    String token = r.body().get("token").asText();
    assertTrue(Tokens.wellFormed(token), token);
    Instant expires = Instant.parse(r.body().get("expiresAt").asText());
    assertFalse(expires.isBefore(before.plus(Duration.ofHours(8))));
    assertEquals("private, no-store", r.header("Cache-Control"));
    assertEquals(Set.of("token", "tokenType", "expiresAt"), fieldNames(r.body()));

    Reply me = call("GET", "/api/users/jan", token, null);
    assertEquals(200, me.status(), me.raw().body());
    assertEquals("officer", me.body().get("role").asText());
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSame401() throws Exception {
    for (String[] attempt : new String[][] {{"jan", "not-the-password"}, {"nobody", OFFICER_PASSWORD}}) {
      Reply r = call("POST", "/api/auth/token", null, json("username", attempt[0], "password", attempt[1]));
      assertEquals(401, r.status());
      assertEquals("invalid username or password", r.body().get("detail").asText());
      assertEquals("Bearer realm=\"kmzb\"", r.header("WWW-Authenticate"));
    }
  }

  @Test
  void loginBodyErrorsNameTheirFields() throws Exception {
    Reply r = call("POST", "/api/auth/token", null, "{}");
    assertEquals(400, r.status());
    assertEquals(List.of("username", "password"), r.errorFields());
    Reply unknown = call("POST", "/api/auth/token", null, json("username", "jan", "password", "x", "otp", "1"));
    assertEquals(400, unknown.status());
    assertEquals(List.of("otp"), unknown.errorFields());
    Reply big = call("POST", "/api/auth/token", null, json("username", "jan", "password", "x".repeat(20_000)));
    assertEquals(413, big.status());
  }

  @Test
  void missingOrBadTokenIs401WithAChallenge() throws Exception {
    Reply none = call("GET", "/api/users", null, null);
    assertEquals(401, none.status());
    assertEquals("Bearer realm=\"kmzb\"", none.header("WWW-Authenticate"));

    Reply unknown = call("GET", "/api/users", Tokens.generate(), null);
    assertEquals(401, unknown.status());
    assertEquals("Bearer realm=\"kmzb\", error=\"invalid_token\"", unknown.header("WWW-Authenticate"));

    Reply malformed = call("GET", "/api/users", "Bearer not a token", null);
    assertEquals(401, malformed.status());
    assertEquals("Bearer realm=\"kmzb\", error=\"invalid_token\"", malformed.header("WWW-Authenticate"));

    Reply basic = call("GET", "/api/users", "Basic YWRtaW46eA==", null);
    assertEquals(401, basic.status());
    assertEquals("Bearer realm=\"kmzb\"", basic.header("WWW-Authenticate"));
  }

  @Test
  void logoutRevokesTheCallersTokenOnly() throws Exception {
    String first = login("jan", OFFICER_PASSWORD);
    String second = login("jan", OFFICER_PASSWORD);
    Reply out = call("DELETE", "/api/auth/token", first, null);
    assertEquals(204, out.status());
    assertEquals("", out.raw().body());
    assertEquals(401, call("GET", "/api/users/jan", first, null).status());
    assertEquals(200, call("GET", "/api/users/jan", second, null).status());
    assertEquals(401, call("DELETE", "/api/auth/token", first, null).status());
    assertEquals(401, call("DELETE", "/api/auth/token", null, null).status());
  }

  @Test
  void administratorCreatesAUserWhoCanLogIn() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    Reply r = call("POST", "/api/users", admin, json("username", "kwp.krakow", "password", "koordynator-123",
        "role", "voivodeship_coordinator", "areas", List.of("12")));
    assertEquals(201, r.status(), r.raw().body());
    assertEquals("/api/users/kwp.krakow", r.header("Location"));
    assertEquals("voivodeship_coordinator", r.body().get("role").asText());
    assertEquals("[\"12\"]", r.body().get("areas").toString());
    assertFalse(r.body().get("disabled").asBoolean());
    assertNoSecrets(r.body());

    String token = login("kwp.krakow", "koordynator-123");
    assertEquals("kwp.krakow", call("GET", "/api/users/kwp.krakow", token, null).body().get("username").asText());

    Reply list = call("GET", "/api/users", admin, null);
    assertEquals(200, list.status());
    List<String> names = new ArrayList<>();
    list.body().get("users").forEach(u -> names.add(u.get("username").asText()));
    assertEquals(List.of("admin", "jan", "kwp.krakow"), names);
    assertNoSecrets(list.body());
  }

  @Test
  void duplicateUsernameIs409() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    Reply r = call("POST", "/api/users", admin, json("username", "jan", "password", "another-pass-1",
        "role", "officer", "areas", List.of("1261")));
    assertEquals(409, r.status(), r.raw().body());
  }

  @Test
  void nonAdministratorsGet403() throws Exception {
    String officer = login("jan", OFFICER_PASSWORD);
    assertEquals(403, call("GET", "/api/users", officer, null).status());
    assertEquals(403, call("POST", "/api/users", officer, json("username", "ewa", "password", "ewa-password-1",
        "role", "officer", "areas", List.of("1261"))).status());
    assertEquals(403, call("GET", "/api/users/admin", officer, null).status());
    assertEquals(403, call("GET", "/api/users/nobody", officer, null).status());
    assertEquals(403, call("PATCH", "/api/users/jan", officer, json("areas", List.of("1262"))).status());
    assertEquals(Set.of("1261"), users.find("jan").orElseThrow().areas());
  }

  @Test
  void unknownUserIs404ForAdministrators() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    assertEquals(404, call("GET", "/api/users/nobody", admin, null).status());
    assertEquals(404, call("PATCH", "/api/users/nobody", admin, json("disabled", true)).status());
  }

  @Test
  void creationErrorsNameEveryBadField() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    Reply r = call("POST", "/api/users", admin, json("username", "Jan Kowalski", "password", "short",
        "role", "sheriff", "areas", List.of("12")));
    assertEquals(400, r.status());
    assertEquals(List.of("username", "password", "role"), r.errorFields());

    Reply areas = call("POST", "/api/users", admin, json("username", "ewa", "password", "ewa-password-1",
        "role", "officer", "areas", List.of("12")));
    assertEquals(400, areas.status());
    assertEquals(List.of("areas"), areas.errorFields());
    assertTrue(areas.body().get("errors").get(0).get("message").asText().contains("county"));

    Reply noRole = call("POST", "/api/users", admin, json("username", "ewa", "password", "ewa-password-1"));
    assertEquals(List.of("role"), noRole.errorFields());

    Reply noAreas = call("POST", "/api/users", admin, json("username", "ewa", "password", "ewa-password-1",
        "role", "local_coordinator"));
    assertEquals(List.of("areas"), noAreas.errorFields());

    Reply wrongType = call("POST", "/api/users", admin, "{\"username\":\"ewa\",\"areas\":\"1261\"}");
    assertEquals(400, wrongType.status());
    assertEquals(List.of("areas"), wrongType.errorFields());
    assertEquals(2, users.list().size());
  }

  @Test
  void patchChangesScopeAndRevokesTokens() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    String officer = login("jan", OFFICER_PASSWORD);
    Reply r = call("PATCH", "/api/users/jan", admin, json("role", "local_coordinator", "areas", List.of("1261", "1206")));
    assertEquals(200, r.status(), r.raw().body());
    assertEquals("local_coordinator", r.body().get("role").asText());
    assertEquals("[\"1206\",\"1261\"]", r.body().get("areas").toString());
    assertNoSecrets(r.body());
    assertEquals(401, call("GET", "/api/users/jan", officer, null).status());
  }

  @Test
  void disablingRevokesTokensAndBlocksLogin() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    String officer = login("jan", OFFICER_PASSWORD);
    assertEquals(200, call("GET", "/api/users/jan", officer, null).status());
    Reply r = call("PATCH", "/api/users/jan", admin, json("disabled", true));
    assertEquals(200, r.status(), r.raw().body());
    assertTrue(r.body().get("disabled").asBoolean());
    Reply old = call("GET", "/api/users/jan", officer, null);
    assertEquals(401, old.status());
    assertEquals("Bearer realm=\"kmzb\", error=\"invalid_token\"", old.header("WWW-Authenticate"));
    assertEquals(401, call("POST", "/api/auth/token", null, json("username", "jan", "password", OFFICER_PASSWORD))
        .status());

    assertEquals(200, call("PATCH", "/api/users/jan", admin, json("disabled", false)).status());
    assertEquals(401, call("GET", "/api/users/jan", officer, null).status(), "the old token stays revoked");
    assertNotNull(login("jan", OFFICER_PASSWORD));
  }

  @Test
  void patchSetsANewPassword() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    assertEquals(200, call("PATCH", "/api/users/jan", admin, json("password", "a-brand-new-pass")).status());
    assertEquals(401, call("POST", "/api/auth/token", null, json("username", "jan", "password", OFFICER_PASSWORD))
        .status());
    login("jan", "a-brand-new-pass");
  }

  @Test
  void patchErrorsNameTheirFields() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    Reply r = call("PATCH", "/api/users/jan", admin, json("role", "boss", "password", "short"));
    assertEquals(400, r.status());
    assertEquals(List.of("role", "password"), r.errorFields());
    Reply areas = call("PATCH", "/api/users/jan", admin, json("role", "administrator"));
    assertEquals(400, areas.status());
    assertEquals(List.of("areas"), areas.errorFields());
    Reply unknown = call("PATCH", "/api/users/jan", admin, json("username", "janek"));
    assertEquals(List.of("username"), unknown.errorFields());
    Reply disabled = call("PATCH", "/api/users/jan", admin, "{\"disabled\":\"yes\"}");
    assertEquals(List.of("disabled"), disabled.errorFields());
    assertEquals(Role.OFFICER, users.find("jan").orElseThrow().role());
  }

  @Test
  void theLastEnabledAdministratorCannotBeDisabledOrDemoted() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    assertEquals(409, call("PATCH", "/api/users/admin", admin, json("disabled", true)).status());
    assertEquals(409, call("PATCH", "/api/users/admin", admin, json("role", "voivodeship_coordinator",
        "areas", List.of("12"))).status());
    assertEquals(201, call("POST", "/api/users", admin, json("username", "admin2", "password", "second-admin-1",
        "role", "administrator")).status());
    assertEquals(200, call("PATCH", "/api/users/admin", admin, json("disabled", true)).status());
    assertEquals(401, call("GET", "/api/users", admin, null).status());
  }

  @Test
  void tokensAndUserRecordsAreNeverCached() throws Exception {
    String admin = login("admin", ADMIN_PASSWORD);
    String officer = login("jan", OFFICER_PASSWORD);
    List<Reply> replies = List.of(
        call("POST", "/api/auth/token", null, json("username", "jan", "password", OFFICER_PASSWORD)),
        call("POST", "/api/auth/token", null, json("username", "jan", "password", "not-the-password")),
        call("GET", "/api/users", admin, null),
        call("GET", "/api/users/jan", officer, null),
        call("GET", "/api/users/admin", officer, null),
        call("POST", "/api/users", admin, json("username", "ewa", "password", "ewa-password-1", "role", "officer",
            "areas", List.of("1261"))),
        call("PATCH", "/api/users/ewa", admin, json("areas", List.of("1206"))),
        call("DELETE", "/api/auth/token", officer, null));
    List<Integer> statuses = replies.stream().map(Reply::status).toList();
    assertEquals(List.of(201, 401, 200, 200, 403, 201, 200, 204), statuses);
    for (Reply r : replies) {
      assertEquals("private, no-store", r.header("Cache-Control"), r.raw().uri() + " " + r.status());
    }
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> out = new java.util.HashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static void assertNoSecrets(JsonNode body) {
    String text = body.toString();
    assertFalse(text.contains("argon2"), text);
    assertFalse(text.toLowerCase().contains("password"), text);
    assertFalse(text.contains("token"), text);
  }
}
