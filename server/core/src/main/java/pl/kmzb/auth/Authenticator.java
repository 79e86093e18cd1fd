package pl.kmzb.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.report.Actor;

/**
 * Turns an {@code Authorization: Bearer <token>} header into the acting user, and a username and
 * password into a new token. No header means an anonymous caller; a header that is there but bad
 * is always a 401 (with a {@code WWW-Authenticate} challenge, RFC 6750), never silently anonymous.
 */
public final class Authenticator {
  public static final String REALM = "kmzb";
  static final String LOGIN_FAILED = "invalid username or password";

  /** A token handed out by {@link #login}; its {@code toString} never shows the token. */
  public record IssuedToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "IssuedToken[token=(hidden), expiresAt=" + expiresAt + "]";
    }
  }

  /** The authenticated caller and the hash of the token they used. */
  private record Session(User user, String tokenHash) {}

  /** A failed authentication with the challenge to send; becomes a 401. */
  private static final class Challenge extends RuntimeException {
    final String header;

    Challenge(String error, String detail) {
      super(detail, null, false, false);
      this.header = "Bearer realm=\"" + REALM + "\"" + (error == null ? "" : ", error=\"" + error + "\"");
    }

    ApiException toApi() {
      return new ApiException(401, "Unauthorized", getMessage());
    }
  }

  /** Checks a password against a stored PHC string; Argon2id in production, instrumented in tests. */
  @FunctionalInterface
  interface PasswordCheck {
    boolean matches(char[] password, String phc);
  }

  /** How long a login waits for a verification slot before it is told to come back (503). */
  static final Duration VERIFICATION_WAIT = Duration.ofMillis(200);

  private final LoginThrottle throttle;
  /** Argon2id takes 19 MiB per verification: this bounds the memory parallel logins can take. */
  private final Semaphore verifications;
  private final PasswordCheck passwords;
  private final UserStore users;
  private final Clock clock;
  private final Duration tokenTtl;
  /** Verified against when the username is unknown, so a login takes as long either way. */
  private final String dummyHash;

  public Authenticator(UserStore users, Clock clock, Duration tokenTtl) {
    this(users, clock, tokenTtl, LoginLimits.DEFAULT);
  }

  public Authenticator(UserStore users, Clock clock, Duration tokenTtl, LoginLimits limits) {
    this(users, clock, tokenTtl, limits, Passwords::verify);
  }

  Authenticator(UserStore users, Clock clock, Duration tokenTtl, LoginLimits limits, PasswordCheck passwords) {
    this.users = Objects.requireNonNull(users, "users");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("token lifetime must be positive, not " + tokenTtl);
    }
    this.tokenTtl = tokenTtl;
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.dummyHash = Passwords.hash(Tokens.generate());
    this.throttle = new LoginThrottle(limits, clock);
    this.verifications = new Semaphore(limits.concurrentVerifications(), true);
  }

  public Duration tokenTtl() {
    return tokenTtl;
  }

  /**
   * The caller named by an Authorization header value: empty for null (anonymous), the actor for a
   * valid bearer token.
   *
   * @throws ApiException 401 for a malformed header, an unknown or expired token, or a disabled user
   */
  public Optional<Actor> authenticate(String authorization) {
    try {
      return session(authorization).map(s -> s.user().actor());
    } catch (Challenge c) {
      throw c.toApi();
    }
  }

  /** The authenticated caller; without a valid token a 401 with a {@code WWW-Authenticate} challenge. */
  public Actor require(Exchange ex) {
    return requireSession(ex).user().actor();
  }

  /** The caller if a header is sent, empty if none; a bad header is still a 401. */
  public Optional<Actor> optional(Exchange ex) {
    try {
      return session(ex.header("Authorization")).map(s -> s.user().actor());
    } catch (Challenge c) {
      throw challenge(ex, c);
    }
  }

  /** Revokes the token the request was made with (logout); a 401 if it was not valid. */
  public void revoke(Exchange ex) {
    users.revokeToken(requireSession(ex).tokenHash());
  }

  /**
   * A new token for a correct username and password of an enabled user. Every failure is the same
   * 401 ("invalid username or password"), and an unknown username still costs one Argon2
   * verification, so neither the answer nor its timing tells which usernames exist.
   *
   * @param client the caller's address (after the trusted-proxy rule): failures are counted per
   *     (username, address) and per address, never per username alone
   * @throws LoginRefused 429 when the client has no attempts left, 503 when every verification slot
   *     stays busy for {@link #VERIFICATION_WAIT}
   */
  public IssuedToken login(String username, char[] password, InetAddress client) {
    LoginThrottle.Attempt attempt = throttle.admit(username, Objects.requireNonNull(client, "client"));
    Optional<User> user;
    try {
      user = checkPassword(username, password);
    } catch (RuntimeException | Error e) {
      attempt.cancelled();
      throw e;
    }
    if (user.isEmpty() || user.get().disabled()) {
      attempt.failed();
      throw new ApiException(401, "Unauthorized", LOGIN_FAILED);
    }
    attempt.succeeded();
    Instant now = clock.instant();
    users.purgeExpiredTokens(now);
    String token = Tokens.generate();
    Instant expiresAt = now.plus(tokenTtl);
    users.storeToken(Tokens.hash(token), username, now, expiresAt);
    return new IssuedToken(token, expiresAt);
  }

  public IssuedToken login(String username, String password, InetAddress client) {
    return login(username, password == null ? null : password.toCharArray(), client);
  }

  /** The user if the password is theirs; one verification either way, inside a slot. */
  private Optional<User> checkPassword(String username, char[] password) {
    Optional<String> stored = username == null ? Optional.empty() : users.passwordHash(username);
    acquireVerificationSlot();
    boolean match;
    try {
      match = passwords.matches(password == null ? new char[0] : password, stored.orElse(dummyHash));
    } finally {
      verifications.release();
    }
    return match && stored.isPresent() ? users.find(username) : Optional.empty();
  }

  private void acquireVerificationSlot() {
    boolean acquired;
    try {
      acquired = verifications.tryAcquire(VERIFICATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new LoginRefused(503, "Service Unavailable", "too many logins are being checked at once",
          Duration.ofSeconds(1));
    }
  }

  /** Sets the challenge header on the response and returns the 401 to throw. */
  static ApiException challenge(Exchange ex, String error, String detail) {
    return challenge(ex, new Challenge(error, detail));
  }

  private static ApiException challenge(Exchange ex, Challenge c) {
    ex.response().getHeaders().put("WWW-Authenticate", c.header);
    return c.toApi();
  }

  private Session requireSession(Exchange ex) {
    try {
      return session(ex.header("Authorization")).orElseThrow(() -> new Challenge(null,
          "authentication required: send 'Authorization: Bearer <token>' (tokens come from POST /api/auth/token)"));
    } catch (Challenge c) {
      throw challenge(ex, c);
    }
  }

  private Optional<Session> session(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.equalsIgnoreCase("Bearer")) {
      throw new Challenge(null, "the Authorization header must use the Bearer scheme");
    }
    String token = space < 0 ? "" : value.substring(space + 1).strip();
    if (!Tokens.wellFormed(token)) {
      throw new Challenge("invalid_token", "the bearer token is malformed");
    }
    String hash = Tokens.hash(token);
    User user = users.userForToken(hash, clock.instant()).orElseThrow(() -> new Challenge("invalid_token",
        "the bearer token is unknown, expired or revoked, or its user is disabled"));
    return Optional.of(new Session(user, hash));
  }
}
