package pl.kmzb.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.ClientAddress;
import pl.kmzb.http.Exchange;
import pl.kmzb.report.Actor;

/**
 * Turns an {@code Authorization} header into the acting user — a bearer token, or HTTP Basic
 * (RFC 7617) username and password, which WMS/WFS clients (QGIS, ArcGIS, GDAL) send with every
 * request — and a username and password into a new token. Both schemes give the same {@link Actor},
 * so a user is scoped alike whichever they use. No header means an anonymous caller; a header that
 * is there but bad is always a 401 (with a {@code WWW-Authenticate} challenge), never silently
 * anonymous.
 *
 * <p>Basic credentials are checked like a login ({@link LoginThrottle}, the verification slots, one
 * Argon2 verification also for unknown names) and, once verified, kept briefly in a
 * {@link CredentialCache}, re-checked on each hit against the user's stored password and state with
 * one query, so a map client's tiles do not each pay an Argon2 verification.
 */
public final class Authenticator {
  public static final String REALM = "kmzb";
  static final String LOGIN_FAILED = "invalid username or password";
  /** How long a verified Basic credential is trusted without a new Argon2 verification, by default. */
  public static final Duration DEFAULT_CREDENTIAL_CACHE_TTL = Duration.ofSeconds(60);

  /**
   * Which challenge a 401 carries: {@code Bearer} for the JSON API (a Basic challenge would make a
   * browser pop up its login box for a script's call), {@code Basic} for OGC services, whose clients
   * ask the user for a password only when challenged so.
   */
  public enum Scheme { BEARER, BASIC }

  /** A token handed out by {@link #login}; its {@code toString} never shows the token. */
  public record IssuedToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "IssuedToken[token=(hidden), expiresAt=" + expiresAt + "]";
    }
  }

  /** The authenticated caller and the hash of the token they used (null for Basic credentials). */
  private record Session(User user, String tokenHash) {}

  /** A failed authentication with the challenge to send; becomes a 401. */
  private static final class Challenge extends RuntimeException {
    final String error;

    Challenge(String error, String detail) {
      super(detail, null, false, false);
      this.error = error;
    }

    String header(Scheme scheme) {
      return scheme == Scheme.BASIC ? "Basic realm=\"" + REALM + "\", charset=\"UTF-8\""
          : "Bearer realm=\"" + REALM + "\"" + (error == null ? "" : ", error=\"" + error + "\"");
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
  /** Who the client is behind trusted proxies: Basic attempts are throttled by address like logins. */
  private final ClientAddress clients;
  private final CredentialCache credentials;

  public Authenticator(UserStore users, Clock clock, Duration tokenTtl) {
    this(users, clock, tokenTtl, LoginLimits.DEFAULT);
  }

  public Authenticator(UserStore users, Clock clock, Duration tokenTtl, LoginLimits limits) {
    this(users, clock, tokenTtl, limits, new ClientAddress(java.util.List.of()), DEFAULT_CREDENTIAL_CACHE_TTL);
  }

  /**
   * @param clients how to find the client's address (trusted proxies), for the failed-login limits
   *     of Basic credentials
   * @param credentialCacheTtl how long a verified Basic credential is trusted without Argon2
   */
  public Authenticator(UserStore users, Clock clock, Duration tokenTtl, LoginLimits limits, ClientAddress clients,
      Duration credentialCacheTtl) {
    this(users, clock, tokenTtl, limits, Passwords::verify, clients, credentialCacheTtl);
  }

  Authenticator(UserStore users, Clock clock, Duration tokenTtl, LoginLimits limits, PasswordCheck passwords) {
    this(users, clock, tokenTtl, limits, passwords, new ClientAddress(java.util.List.of()),
        DEFAULT_CREDENTIAL_CACHE_TTL);
  }

  Authenticator(UserStore users, Clock clock, Duration tokenTtl, LoginLimits limits, PasswordCheck passwords,
      ClientAddress clients, Duration credentialCacheTtl) {
    if (credentialCacheTtl.isNegative() || credentialCacheTtl.isZero()) {
      throw new IllegalArgumentException("the credential cache lifetime must be positive, not " + credentialCacheTtl);
    }
    this.clients = Objects.requireNonNull(clients, "clients");
    this.credentials = new CredentialCache(credentialCacheTtl, clock);
    this.users = Objects.requireNonNull(users, "users");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("token lifetime must be positive, not " + tokenTtl);
    }
    this.tokenTtl = tokenTtl;
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.dummyHash = Passwords.DUMMY_HASH;
    this.throttle = new LoginThrottle(limits, clock);
    this.verifications = new Semaphore(limits.concurrentVerifications(), true);
  }

  public Duration tokenTtl() {
    return tokenTtl;
  }

  /**
   * The caller named by an Authorization header value: empty for null (anonymous), the actor for a
   * valid bearer token. Basic credentials need the client's address (for the failed-login limits):
   * use {@link #authenticate(String, InetAddress)}.
   *
   * @throws ApiException 401 for a malformed header, an unknown or expired token, or a disabled user
   */
  public Optional<Actor> authenticate(String authorization) {
    return authenticate(authorization, null);
  }

  /**
   * As {@link #authenticate(String)}, also accepting Basic credentials from {@code client}.
   *
   * @throws ApiException 401 as above or for a wrong username or password; 429/503 as for a login
   *     (see {@link LoginRefused})
   */
  public Optional<Actor> authenticate(String authorization, InetAddress client) {
    try {
      return session(authorization, client).map(s -> s.user().actor());
    } catch (Challenge c) {
      throw c.toApi();
    } catch (LoginRefused r) {
      throw r.toApi();
    }
  }

  /** The authenticated caller; without valid credentials a 401 with a {@code Bearer} challenge. */
  public Actor require(Exchange ex) {
    return require(ex, Scheme.BEARER);
  }

  /**
   * The authenticated caller; without valid credentials a 401 whose {@code WWW-Authenticate} header
   * (set on the response before the {@link ApiException} is thrown) offers {@code challenge}. An OGC
   * service asks for {@link Scheme#BASIC} and may turn the exception into its own exception report.
   */
  public Actor require(Exchange ex, Scheme challenge) {
    return requireSession(ex, challenge).user().actor();
  }

  /** The caller if a header is sent, empty if none; a bad header is still a 401 (Bearer challenge). */
  public Optional<Actor> optional(Exchange ex) {
    return optional(ex, Scheme.BEARER);
  }

  /** As {@link #optional(Exchange)}, a 401 offering {@code challenge}. */
  public Optional<Actor> optional(Exchange ex, Scheme challenge) {
    try {
      return session(ex.header("Authorization"), clients.of(ex)).map(s -> s.user().actor());
    } catch (Challenge c) {
      throw challenge(ex, c, challenge);
    } catch (LoginRefused r) {
      throw refused(ex, r);
    }
  }

  /** Revokes the token the request was made with (logout); a 401 if it was not valid. */
  public void revoke(Exchange ex) {
    Session session = requireSession(ex, Scheme.BEARER);
    if (session.tokenHash() == null) {
      throw new ApiException(400, "Bad Request", "logging out ends a bearer token; Basic credentials have none");
    }
    users.revokeToken(session.tokenHash());
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
    return checkCredential(username, password).map(UserStore.Credential::user);
  }

  /**
   * The user and the PHC string the password matched; one verification either way, inside a slot.
   * The user is read before the hash, so a password changed meanwhile is the one verified.
   */
  private Optional<UserStore.Credential> checkCredential(String username, char[] password) {
    Optional<UserStore.Credential> stored = username == null ? Optional.empty() : users.credential(username);
    acquireVerificationSlot();
    boolean match;
    try {
      match = passwords.matches(password == null ? new char[0] : password,
          stored.map(UserStore.Credential::passwordHash).orElse(dummyHash));
    } finally {
      verifications.release();
    }
    return match ? stored : Optional.empty();
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
    return challenge(ex, new Challenge(error, detail), Scheme.BEARER);
  }

  private static ApiException challenge(Exchange ex, Challenge c, Scheme scheme) {
    ex.response().getHeaders().put("WWW-Authenticate", c.header(scheme));
    return c.toApi();
  }

  private static ApiException refused(Exchange ex, LoginRefused r) {
    ex.response().getHeaders().put("Retry-After", Long.toString(r.retryAfterSeconds()));
    return r.toApi();
  }

  private Session requireSession(Exchange ex, Scheme scheme) {
    try {
      return session(ex.header("Authorization"), clients.of(ex)).orElseThrow(() -> new Challenge(null,
          scheme == Scheme.BASIC ? "authentication required: send the username and password of a police user"
              + " (HTTP Basic) or 'Authorization: Bearer <token>'"
              : "authentication required: send 'Authorization: Bearer <token>' (tokens come from POST"
              + " /api/auth/token) or HTTP Basic credentials"));
    } catch (Challenge c) {
      throw challenge(ex, c, scheme);
    } catch (LoginRefused r) {
      throw refused(ex, r);
    }
  }

  private Optional<Session> session(String authorization, InetAddress client) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (scheme.equalsIgnoreCase("Basic")) {
      if (client == null) {
        throw new Challenge(null, "Basic credentials are not accepted here; send a bearer token");
      }
      return Optional.of(basicSession(space < 0 ? "" : value.substring(space + 1).strip(), client));
    }
    if (!scheme.equalsIgnoreCase("Bearer")) {
      throw new Challenge(null, "the Authorization header must use the Bearer or Basic scheme");
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

  /**
   * A Basic credential: from the cache if verified within the TTL and the user's stored password
   * and state still agree (one query), otherwise checked like a login — throttled, one Argon2
   * verification in a slot — and cached only when it passed.
   */
  private Session basicSession(String encoded, InetAddress client) {
    ByteBuffer key = credentials.keyOf(encoded);
    CredentialCache.Verified cached = credentials.get(key);
    if (cached != null) {
      Optional<UserStore.Credential> now = users.credential(cached.username());
      if (now.isPresent() && !now.get().user().disabled() && now.get().passwordHash().equals(cached.passwordHash())) {
        return new Session(now.get().user(), null);
      }
      credentials.invalidate(key);
    }
    BasicCredentials basic;
    try {
      basic = BasicCredentials.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new Challenge(null, e.getMessage());
    }
    try {
      LoginThrottle.Attempt attempt = throttle.admit(basic.username(), client);
      Optional<UserStore.Credential> checked;
      try {
        checked = checkCredential(basic.username(), basic.password());
      } catch (RuntimeException | Error e) {
        attempt.cancelled();
        throw e;
      }
      if (checked.isEmpty() || checked.get().user().disabled()) {
        attempt.failed();
        throw new Challenge(null, LOGIN_FAILED);
      }
      attempt.succeeded();
      credentials.put(key, new CredentialCache.Verified(checked.get().user().username(), checked.get().passwordHash()));
      return new Session(checked.get().user(), null);
    } finally {
      basic.wipe();
    }
  }

  /** Forgets the user's verified Basic credentials at once (their password changed or they were disabled). */
  public void forgetCredentials(String username) {
    credentials.invalidateUser(username);
  }

  /** Verified Basic credentials held, for tests of the cache. */
  long cachedCredentials() {
    return credentials.size();
  }
}
