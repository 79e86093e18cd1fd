package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
    Authenticator.IssuedToken issued = auth.login("jan", PASSWORD);
    assertEquals(clock.instant().plus(TTL), issued.expiresAt());
    Actor expected = new Actor("jan", Role.OFFICER, Set.of("1261"));
    assertEquals(Optional.of(expected), auth.authenticate("Bearer " + issued.token()));
    // The scheme is case-insensitive (RFC 9110 11.1).
    assertEquals(Optional.of(expected), auth.authenticate("bearer " + issued.token()));
    assertEquals(Optional.of(expected), auth.authenticate("BEARER  " + issued.token() + " "));
  }

  @Test
  void malformedHeadersAre401() {
    String token = auth.login("jan", PASSWORD).token();
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
    String token = auth.login("jan", PASSWORD).token();
    clock.advance(TTL.minusSeconds(1));
    assertTrue(auth.authenticate("Bearer " + token).isPresent());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate("Bearer " + token)).status());
  }

  @Test
  void disabledUsersTokenIs401() {
    String token = auth.login("jan", PASSWORD).token();
    users.update("jan", UserStore.Changes.none().withDisabled(true));
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate("Bearer " + token)).status());
  }

  @Test
  void revokedTokenIs401() {
    String token = auth.login("jan", PASSWORD).token();
    users.revokeToken(Tokens.hash(token));
    assertEquals(401, assertThrows(ApiException.class, () -> auth.authenticate("Bearer " + token)).status());
  }

  @Test
  void everyLoginGetsItsOwnToken() {
    String a = auth.login("jan", PASSWORD).token();
    String b = auth.login("jan", PASSWORD).token();
    assertNotEquals(a, b);
    assertTrue(auth.authenticate("Bearer " + a).isPresent());
    assertTrue(auth.authenticate("Bearer " + b).isPresent());
  }

  @Test
  void storeKeepsOnlyTheTokensHash() {
    String token = auth.login("jan", PASSWORD).token();
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
      ApiException e = assertThrows(ApiException.class, () -> auth.login(attempt[0], attempt[1]), attempt[0]);
      assertEquals(401, e.status());
      assertEquals("invalid username or password", e.getMessage());
    }
  }

  @Test
  void loginPurgesExpiredTokens() {
    String old = auth.login("jan", PASSWORD).token();
    clock.advance(TTL.plusMinutes(1));
    auth.login("jan", PASSWORD);
    assertEquals(false, users.revokeToken(Tokens.hash(old)));
  }

  @Test
  void issuedTokenNeverPrintsTheToken() {
    Authenticator.IssuedToken issued = auth.login("jan", PASSWORD);
    assertTrue(!issued.toString().contains(issued.token()), issued.toString());
  }

  @Test
  void tokenLifetimeMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new Authenticator(users, clock, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> new Authenticator(users, clock, Duration.ofSeconds(-1)));
  }

  @Test
  void repeatedFailedLoginsAreRefusedUntilTheWindowPasses() {
    for (int i = 0; i < Authenticator.MAX_FAILED_LOGINS; i++) {
      ApiException e = assertThrows(ApiException.class, () -> auth.login("jan", "wrong-password-guess"));
      assertEquals(401, e.status());
    }
    // Even the right password is refused now, without revealing whether it was right.
    ApiException blocked = assertThrows(ApiException.class, () -> auth.login("jan", PASSWORD));
    assertEquals(429, blocked.status());
    assertEquals(429, assertThrows(ApiException.class, () -> auth.login("JAN", PASSWORD)).status());
    clock.advance(Authenticator.FAILED_LOGIN_WINDOW.plusSeconds(1));
    auth.login("jan", PASSWORD);
    // A success clears the count.
    for (int i = 0; i < Authenticator.MAX_FAILED_LOGINS - 1; i++) {
      assertThrows(ApiException.class, () -> auth.login("jan", "wrong-password-guess"));
    }
    auth.login("jan", PASSWORD);
    assertEquals(401, assertThrows(ApiException.class, () -> auth.login("jan", "wrong-password-guess")).status());
    auth.login("jan", PASSWORD);
  }
}
