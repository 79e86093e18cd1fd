package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.http.ApiException;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.JdbcUserStore;
import pl.kmzb.store.ReportStore;

/** The Authorization header cases and login, against a real embedded store. */
class AuthenticatorTest {
  static final String PASSWORD = "dzielnicowy-haslo-1";
  static final Duration TTL = Duration.ofHours(8);
  static final InetAddress HERE = address("2001:db8:aaaa:1::10");
  static final InetAddress ELSEWHERE = address("2001:db8:bbbb:1::10");

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @TempDir
  Path dir;
  ReportStore store;
  UserStore users;
  MutableClock clock;
  Authenticator auth;

  @BeforeEach
  void open() {
    store = EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"));
    users = JdbcUserStore.of(store);
    users.create("jan", Passwords.hash(PASSWORD), Role.OFFICER, Set.of("1261"));
    clock = new MutableClock(Instant.parse("2025-06-01T08:00:00Z"));
    auth = new Authenticator(users, clock, TTL);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void noHeaderIsAnonymous() {
    assertEquals(Optional.empty(), auth.authenticate(null));
  }

  @Test
  void validBearerTokenGivesTheActor() {
    Authenticator.IssuedToken issued = auth.login("jan", PASSWORD, HERE);
    assertEquals(clock.instant().plus(TTL), issued.expiresAt());
    Actor expected = new Actor("jan", Role.OFFICER, Set.of("1261"));
    assertEquals(Optional.of(expected), auth.authenticate("Bearer " + issued.token()));
    // The scheme is case-insensitive (RFC 9110 11.1).
    assertEquals(Optional.of(expected), auth.authenticate("bearer " + issued.token()));
    assertEquals(Optional.of(expected), auth.authenticate("BEARER  " + issued.token() + " "));
  }

  @Test
  void malformedHeadersAre401() {
    String token = auth.login("jan", PASSWORD, HERE).token();
    for (String header : new String[] {"", "Bearer", "Bearer ", "Basic amFuOnBhc3N3b3Jk", "Token " + token,
        token, "Bearer " + token + "x", "Bearer " + token.substring(1), "Bearer " + token + " extra",
        "Bearer" + token}) {
      ApiException e = assertThrows(ApiException.class, () -> auth.authenticate(header), header);
      assertEquals(401, e.status(), header);
      assertTrue(!e.getMessage().contains(token), "the token is not echoed");
    }
  }

  @Test
  void unknownTokenIs401() {
    ApiException e = assertThrows(ApiException.class, () -> auth.authenticate("Bearer " + Tokens.generate()));
    assertEquals(401, e.status());
  }

  @Test
  void expiredTokenIs401() {
    String token = auth.login("jan", PASSWORD, HERE).token();
    clock.advance(TTL.minusSeconds(1));
    assertTrue(auth.authenticate("Bearer " + token).isPresent());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate("Bearer " + token)).status());
  }

  @Test
  void disabledUsersTokenIs401() {
    String token = auth.login("jan", PASSWORD, HERE).token();
    users.update("jan", UserStore.Changes.none().withDisabled(true));
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate("Bearer " + token)).status());
  }

  @Test
  void revokedTokenIs401() {
    String token = auth.login("jan", PASSWORD, HERE).token();
    users.revokeToken(Tokens.hash(token));
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate("Bearer " + token)).status());
  }

  @Test
  void everyLoginGetsItsOwnToken() {
    String a = auth.login("jan", PASSWORD, HERE).token();
    String b = auth.login("jan", PASSWORD, HERE).token();
    assertNotEquals(a, b);
    assertTrue(auth.authenticate("Bearer " + a).isPresent());
    assertTrue(auth.authenticate("Bearer " + b).isPresent());
  }

  @Test
  void storeKeepsOnlyTheTokensHash() {
    String token = auth.login("jan", PASSWORD, HERE).token();
    assertTrue(users.userForToken(Tokens.hash(token), clock.instant()).isPresent());
    assertEquals(Optional.empty(), users.userForToken(token, clock.instant()));
  }

  @Test
  void loginFailuresAllLookTheSame() {
    users.create("ewa", Passwords.hash(PASSWORD), Role.OFFICER, Set.of("1261"));
    users.update("ewa", UserStore.Changes.none().withDisabled(true));
    String[][] attempts = {{"jan", "wrong-password-1"}, {"nobody", PASSWORD}, {"ewa", PASSWORD},
        {"JAN", PASSWORD}, {"jan", ""}, {null, PASSWORD}, {"jan", null}};
    for (String[] attempt : attempts) {
      ApiException e = assertThrows(ApiException.class, () -> auth.login(attempt[0], attempt[1], HERE), attempt[0]);
      assertEquals(401, e.status());
      assertEquals("invalid username or password", e.getMessage());
    }
  }

  @Test
  void loginPurgesExpiredTokens() {
    String old = auth.login("jan", PASSWORD, HERE).token();
    clock.advance(TTL.plusMinutes(1));
    auth.login("jan", PASSWORD, HERE);
    assertEquals(false, users.revokeToken(Tokens.hash(old)));
  }

  @Test
  void issuedTokenNeverPrintsTheToken() {
    Authenticator.IssuedToken issued = auth.login("jan", PASSWORD, HERE);
    assertTrue(!issued.toString().contains(issued.token()), issued.toString());
  }

  @Test
  void tokenLifetimeMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new Authenticator(users, clock, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new Authenticator(users, clock, Duration.ofSeconds(-1)));
  }

  @Test
  void repeatedFailedLoginsAreRefusedFromThatAddressUntilTheWindowPasses() {
    for (int i = 0; i < LoginLimits.DEFAULT.perUserAndAddress(); i++) {
      ApiException e = assertThrows(ApiException.class, () -> auth.login("jan", "wrong-password-guess", HERE));
      assertEquals(401, e.status());
    }
    // Even the right password is refused from this address, without revealing whether it was right.
    LoginRefused blocked = assertThrows(LoginRefused.class, () -> auth.login("jan", PASSWORD, HERE));
    assertEquals(429, blocked.toApi().status());
    assertEquals(LoginLimits.DEFAULT.window().toSeconds(), blocked.retryAfterSeconds());
    assertThrows(LoginRefused.class, () -> auth.login("JAN", PASSWORD, HERE));
    // From another address the right password gets in at once.
    auth.login("jan", PASSWORD, ELSEWHERE);
    clock.advance(LoginLimits.DEFAULT.window().plusSeconds(1));
    auth.login("jan", PASSWORD, HERE);
    // A success clears the count of that user at that address.
    for (int i = 0; i < LoginLimits.DEFAULT.perUserAndAddress() - 1; i++) {
      assertThrows(ApiException.class, () -> auth.login("jan", "wrong-password-guess", HERE));
    }
    auth.login("jan", PASSWORD, HERE);
    assertEquals(401, assertThrows(ApiException.class, () -> auth.login("jan", "wrong-password-guess", HERE)).status());
    auth.login("jan", PASSWORD, HERE);
  }

  @Test
  void ipv6ClientsAreCountedByTheirSlash64() throws Exception {
    InetAddress a = InetAddress.getByName("2001:db8:1:2::1");
    InetAddress sameBlock = InetAddress.getByName("2001:db8:1:2:ffff::9");
    InetAddress otherBlock = InetAddress.getByName("2001:db8:1:3::1");
    for (int i = 0; i < LoginLimits.DEFAULT.perUserAndAddress(); i++) {
      assertThrows(ApiException.class, () -> auth.login("jan", "wrong-password-guess", a));
    }
    assertThrows(LoginRefused.class, () -> auth.login("jan", PASSWORD, sameBlock));
    auth.login("jan", PASSWORD, otherBlock);
  }

  @Test
  void oneAddressGuessingManyNamesRunsOutToo() {
    Authenticator strict = new Authenticator(users, clock, TTL, new LoginLimits(10, 3, Duration.ofMinutes(15), 2));
    for (String name : new String[] {"ala", "ola", "ela"}) {
      assertEquals(401, assertThrows(ApiException.class, () -> strict.login(name, "guess-guess-1", HERE)).status());
    }
    assertEquals(429, assertThrows(LoginRefused.class, () -> strict.login("jan", PASSWORD, HERE)).toApi().status());
    strict.login("jan", PASSWORD, ELSEWHERE);
  }

  /**
   * Attempts count while their password is being checked: of a burst of parallel guesses, only the
   * limit is verified, and never more at once than the verification slots.
   */
  @Test
  void parallelGuessesAreCountedInFlightAndVerificationsAreCapped() throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger checked = new AtomicInteger();
    Authenticator.PasswordCheck slow = (password, phc) -> {
      checked.incrementAndGet();
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
      return false;
    };
    Authenticator limited = new Authenticator(users, clock, TTL, new LoginLimits(5, 1000, Duration.ofMinutes(15), 2),
        slow);
    int burst = 32;
    ExecutorService pool = Executors.newFixedThreadPool(burst);
    Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < burst; i++) {
        int n = i;
        done.add(pool.submit(() -> {
          go.await();
          // Half guess one name from one address; the other half are distinct clients.
          InetAddress from = n % 2 == 0 ? HERE : InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) n});
          int status;
          try {
            limited.login(n % 2 == 0 ? "jan" : "user" + n, "guess-guess-" + n, from);
            status = 201;
          } catch (ApiException e) {
            status = e.status();
          } catch (LoginRefused e) {
            status = e.toApi().status();
          }
          statuses.merge(status, 1, Integer::sum);
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(most.get() <= 2, most.get() + " verifications ran at once");
    assertEquals(checked.get(), statuses.getOrDefault(401, 0).intValue(), statuses.toString());
    assertEquals(burst, statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses.toString());
    // Of the 16 guesses for jan from one address at most 5 were checked; the rest were refused or busy.
    assertTrue(checked.get() <= 5 + burst / 2, statuses.toString());
    Authenticator counting = new Authenticator(users, clock, TTL, new LoginLimits(5, 1000, Duration.ofMinutes(15), 16),
        slow);
    checked.set(0);
    List<Callable<Object>> guesses = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      guesses.add(() -> {
        try {
          return counting.login("jan", "guess-guess-x", ELSEWHERE);
        } catch (ApiException | LoginRefused e) {
          return e;
        }
      });
    }
    ExecutorService wide = Executors.newFixedThreadPool(16);
    try {
      wide.invokeAll(guesses);
    } finally {
      wide.shutdownNow();
    }
    assertEquals(5, checked.get(), "16 parallel guesses with room for 16 verifications: only the limit is checked");
  }
}
