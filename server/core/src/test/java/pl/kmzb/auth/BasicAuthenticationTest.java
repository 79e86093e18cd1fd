package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.ClientAddress;
import pl.kmzb.http.HttpServer;
import pl.kmzb.http.Router;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.JdbcUserStore;
import pl.kmzb.store.ReportStore;

/** HTTP Basic credentials as WMS/WFS clients send them: scoped like tokens, cached, throttled. */
class BasicAuthenticationTest {
  static final String PASSWORD = "dzielnicowy-haslo-1";
  static final Duration TTL = Duration.ofSeconds(60);
  static final InetAddress HERE = AuthenticatorTest.address("192.0.2.10");
  static final InetAddress ELSEWHERE = AuthenticatorTest.address("198.51.100.7");

  @TempDir
  Path dir;
  ReportStore store;
  UserStore users;
  MutableClock clock;
  AtomicInteger verifications = new AtomicInteger();
  Authenticator auth;

  @BeforeEach
  void open() {
    store = EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
    users = JdbcUserStore.of(store);
    users.create("jan", Passwords.hash(PASSWORD), Role.OFFICER, Set.of("1261"));
    clock = new MutableClock(Instant.parse("2025-06-01T08:00:00Z"));
    auth = authenticator(new LoginLimits(10, 50, Duration.ofMinutes(15), 4));
  }

  Authenticator authenticator(LoginLimits limits) {
    Authenticator.PasswordCheck counting = (password, phc) -> {
      verifications.incrementAndGet();
      return Passwords.verify(password, phc);
    };
    return new Authenticator(users, clock, Duration.ofHours(8), limits, counting, new ClientAddress(List.of()), TTL);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static String basic(String user, String password) {
    return "Basic " + BasicCredentialsTest.encode(user + ":" + password);
  }

  @Test
  void basicCredentialsGiveTheSameScopedActorAsATokenDoes() {
    Actor expected = new Actor("jan", Role.OFFICER, Set.of("1261"));
    assertEquals(Optional.of(expected), auth.authenticate(basic("jan", PASSWORD), HERE));
    String token = auth.login("jan", PASSWORD, HERE).token();
    assertEquals(auth.authenticate("Bearer " + token), auth.authenticate(basic("jan", PASSWORD), HERE));
    assertEquals(Optional.of(expected), auth.authenticate("basic " + BasicCredentialsTest.encode("jan:" + PASSWORD), HERE),
        "the scheme is case-insensitive");
  }

  @Test
  void aChangedScopeAppliesAtOnceEvenFromTheCache() {
    auth.authenticate(basic("jan", PASSWORD), HERE);
    users.update("jan", UserStore.Changes.none().withAreas(Set.of("1465")));
    assertEquals(Set.of("1465"), auth.authenticate(basic("jan", PASSWORD), HERE).orElseThrow().areas());
    assertEquals(1, verifications.get(), "the scope came from the store, the password from the cache");
  }

  @Test
  void theSecondRequestDoesNotVerifyThePasswordAgain() {
    for (int i = 0; i < 20; i++) {
      assertTrue(auth.authenticate(basic("jan", PASSWORD), HERE).isPresent());
    }
    assertEquals(1, verifications.get());
    assertEquals(1, auth.cachedCredentials());
  }

  @Test
  void theCacheForgetsAfterItsLifetime() {
    auth.authenticate(basic("jan", PASSWORD), HERE);
    clock.advance(TTL.minusSeconds(1));
    auth.authenticate(basic("jan", PASSWORD), HERE);
    assertEquals(1, verifications.get());
    clock.advance(Duration.ofSeconds(2));
    auth.authenticate(basic("jan", PASSWORD), HERE);
    assertEquals(2, verifications.get());
  }

  @Test
  void aWrongPasswordIs401AndNeverCached() {
    for (int i = 0; i < 3; i++) {
      ApiException e = assertThrows(ApiException.class, () -> auth.authenticate(basic("jan", "wrong-password-1"), HERE));
      assertEquals(401, e.status());
      assertFalse(e.getMessage().contains("wrong-password-1"));
    }
    assertEquals(3, verifications.get(), "each failure was verified again: nothing was cached");
    assertEquals(0, auth.cachedCredentials());
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate(basic("nobody", PASSWORD), HERE)).status());
    assertEquals(4, verifications.get(), "an unknown user costs a verification too");
    assertEquals(0, auth.cachedCredentials());
  }

  @Test
  void malformedBasicCredentialsAre401() {
    for (String header : new String[] {"Basic", "Basic !!!", "Basic " + BasicCredentialsTest.encode("no-colon")}) {
      assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate(header, HERE)).status(), header);
    }
    assertEquals(0, verifications.get());
  }

  @Test
  void basicNeedsTheClientAddress() {
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate(basic("jan", PASSWORD))).status());
  }

  @Test
  void theFailedLoginThrottleAppliesToBasicAsToLogins() {
    Authenticator strict = authenticator(new LoginLimits(3, 50, Duration.ofMinutes(15), 4));
    for (int i = 0; i < 3; i++) {
      assertEquals(401, assertThrows(ApiException.class, () -> strict.authenticate(basic("jan", "guess-guess-1"), HERE))
          .status());
    }
    int before = verifications.get();
    ApiException refused = assertThrows(ApiException.class, () -> strict.authenticate(basic("jan", PASSWORD), HERE));
    assertEquals(429, refused.status());
    assertEquals(before, verifications.get(), "a refused attempt costs no verification");
    // Basic failures and logins share the count: the login endpoint is refused as well.
    assertThrows(LoginRefused.class, () -> strict.login("jan", PASSWORD, HERE));
    // Another address is not affected, and its success goes through.
    assertTrue(strict.authenticate(basic("jan", PASSWORD), ELSEWHERE).isPresent());
    // Once the window has passed, the address may try again.
    clock.advance(Duration.ofMinutes(16));
    assertTrue(strict.authenticate(basic("jan", PASSWORD), HERE).isPresent());
  }

  @Test
  void aChangedPasswordInvalidatesTheCachedCredential() {
    assertTrue(auth.authenticate(basic("jan", PASSWORD), HERE).isPresent());
    users.update("jan", UserStore.Changes.none().withPasswordHash(Passwords.hash("a-new-password-2")));
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate(basic("jan", PASSWORD), HERE)).status());
    assertEquals(2, verifications.get(), "the old password was verified again, and failed");
    assertTrue(auth.authenticate(basic("jan", "a-new-password-2"), HERE).isPresent());
  }

  @Test
  void aDisabledUserIsRefusedAtOnce() {
    assertTrue(auth.authenticate(basic("jan", PASSWORD), HERE).isPresent());
    users.update("jan", UserStore.Changes.none().withDisabled(true));
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate(basic("jan", PASSWORD), HERE)).status());
    assertEquals(0, auth.cachedCredentials());
  }

  @Test
  void forgettingAUsersCredentialsEmptiesTheirEntries() {
    auth.authenticate(basic("jan", PASSWORD), HERE);
    auth.forgetCredentials("jan");
    assertEquals(0, auth.cachedCredentials());
    auth.authenticate(basic("jan", PASSWORD), HERE);
    assertEquals(2, verifications.get());
  }

  @Test
  void theCacheIsKeyedByAKeyedHashNotThePassword() {
    CredentialCache a = new CredentialCache(TTL, clock);
    CredentialCache b = new CredentialCache(TTL, clock);
    String encoded = BasicCredentialsTest.encode("jan:" + PASSWORD);
    assertEquals(a.keyOf(encoded), a.keyOf(encoded));
    assertFalse(a.keyOf(encoded).equals(b.keyOf(encoded)), "each process draws its own key");
    assertEquals(32, a.keyOf(encoded).remaining());
    assertFalse(new String(a.keyOf(encoded).array(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(PASSWORD));
    a.put(a.keyOf(encoded), new CredentialCache.Verified("jan", "$argon2id$x"));
    assertFalse(a.get(a.keyOf(encoded)).toString().contains("argon2"));
  }

  @Test
  void servicesChooseTheChallengeTheir401Carries() throws Exception {
    Router router = new Router();
    router.get("/api/thing", ex -> ex.sendJson(200, java.util.Map.of("who", auth.require(ex).name())));
    router.get("/wms", ex -> ex.sendJson(200, java.util.Map.of("who", auth.require(ex, Authenticator.Scheme.BASIC).name())));
    router.get("/wms-optional", ex -> ex.sendJson(200, java.util.Map.of("who",
        auth.optional(ex, Authenticator.Scheme.BASIC).map(Actor::name).orElse("anonymous"))));
    try (HttpServer server = new HttpServer("127.0.0.1", 0, 4, router, null)) {
      server.start();
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> api = get(client, base + "/api/thing", null);
      assertEquals(401, api.statusCode());
      assertEquals("Bearer realm=\"kmzb\"", api.headers().firstValue("WWW-Authenticate").orElse(null));
      HttpResponse<String> wms = get(client, base + "/wms", null);
      assertEquals(401, wms.statusCode());
      assertEquals("Basic realm=\"kmzb\", charset=\"UTF-8\"", wms.headers().firstValue("WWW-Authenticate").orElse(null));
      HttpResponse<String> wrong = get(client, base + "/wms-optional", basic("jan", "wrong-password-1"));
      assertEquals(401, wrong.statusCode());
      assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
      assertEquals(200, get(client, base + "/wms-optional", null).statusCode());
      HttpResponse<String> ok = get(client, base + "/wms", basic("jan", PASSWORD));
      assertEquals(200, ok.statusCode(), ok.body());
      assertTrue(ok.body().contains("jan"));
      assertEquals(200, get(client, base + "/api/thing", basic("jan", PASSWORD)).statusCode(), "the API takes Basic too");
    }
  }

  @Test
  void throttled401sCarryRetryAfter() throws Exception {
    Authenticator strict = authenticator(new LoginLimits(1, 50, Duration.ofMinutes(15), 4));
    Router router = new Router();
    router.get("/wms", ex -> ex.sendJson(200, java.util.Map.of("who", strict.require(ex, Authenticator.Scheme.BASIC).name())));
    try (HttpServer server = new HttpServer("127.0.0.1", 0, 4, router, null)) {
      server.start();
      HttpClient client = HttpClient.newHttpClient();
      String url = "http://127.0.0.1:" + server.port() + "/wms";
      assertEquals(401, get(client, url, basic("jan", "wrong-password-1")).statusCode());
      HttpResponse<String> refused = get(client, url, basic("jan", PASSWORD));
      assertEquals(429, refused.statusCode());
      assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow()) > 0);
    }
  }

  private static HttpResponse<String> get(HttpClient client, String url, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
