package pl.kmzb.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import pl.kmzb.http.ClientAddress;

/**
 * Slows password guessing without letting a guesser lock anyone out. Failed logins are counted per
 * (username, client address) and per client address within a rolling window; a client over either
 * limit is refused (429) before its password is checked, so refused attempts cost no Argon2. A
 * username is never blocked as such: the right password from an address that has not been guessing
 * always gets in.
 *
 * <p>An attempt counts from the moment it is admitted, while its password is still being checked
 * ("in flight"), so a burst of parallel guesses gets no more verifications than the limit. A success
 * clears the (username, address) count; the address count keeps its failures, so a guesser cannot
 * refill its budget by logging in to an account of its own. IPv6 clients are grouped by /64, the
 * block one household or server gets. Kept in memory: a restart forgets it, which only resets a
 * guesser's budget once. The state grows by at most one entry per verification, which the cap on
 * concurrent verifications bounds.
 */
final class LoginThrottle {
  private static final int PRUNE_ABOVE = 100_000;
  /** Every name that cannot be a username shares one key, so long junk names cost no memory. */
  private static final String INVALID_NAME = "\u0000";

  /** An admitted login; end it with exactly one of {@link #failed}, {@link #succeeded}, {@link #cancelled}. */
  final class Attempt {
    private final Bucket user;
    private final Bucket address;
    private boolean ended;

    private Attempt(Bucket user, Bucket address) {
      this.user = user;
      this.address = address;
    }

    /** Wrong password, unknown or disabled user: counts against both limits. */
    void failed() {
      end(true, false);
    }

    /** The right password: clears the (username, address) count. */
    void succeeded() {
      end(false, true);
    }

    /** Not checked (server busy, store failure): counts against nothing. */
    void cancelled() {
      end(false, false);
    }

    private void end(boolean failure, boolean success) {
      synchronized (LoginThrottle.this) {
        if (ended) {
          return;
        }
        ended = true;
        user.inFlight--;
        address.inFlight--;
        if (failure) {
          Instant now = clock.instant();
          user.failures.addLast(now);
          address.failures.addLast(now);
        }
        if (success) {
          user.failures.clear();
        }
      }
    }
  }

  private static final class Bucket {
    final ArrayDeque<Instant> failures = new ArrayDeque<>();
    int inFlight;
  }

  private final LoginLimits limits;
  private final Clock clock;
  private final Map<String, Bucket> buckets = new HashMap<>(); // guarded by this

  LoginThrottle(LoginLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Admits an attempt, counting it at once.
   *
   * @throws LoginRefused 429 if the (username, address) or the address has no attempts left
   */
  synchronized Attempt admit(String username, InetAddress client) {
    String address = addressKey(client);
    Bucket user = bucket("u" + userKey(username) + "\u0000" + address);
    Bucket byAddress = bucket("a" + address);
    Instant now = clock.instant();
    Instant retry = latest(retryAt(user, limits.perUserAndAddress(), now), retryAt(byAddress, limits.perAddress(), now));
    if (retry != null) {
      throw new LoginRefused(429, "Too Many Requests", "too many failed logins from this address",
          Duration.between(now, retry));
    }
    user.inFlight++;
    byAddress.inFlight++;
    return new Attempt(user, byAddress);
  }

  /** When the bucket has room again, or null if it has room now. */
  private Instant retryAt(Bucket b, int limit, Instant now) {
    Instant cutoff = now.minus(limits.window());
    while (!b.failures.isEmpty() && !b.failures.peekFirst().isAfter(cutoff)) {
      b.failures.removeFirst();
    }
    if (b.failures.size() + b.inFlight < limit) {
      return null;
    }
    // Over the limit only because of attempts still running: they end within a second or so.
    return b.failures.size() >= limit ? b.failures.peekFirst().plus(limits.window()) : now.plusSeconds(1);
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private Bucket bucket(String key) {
    Bucket b = buckets.get(key);
    if (b == null) {
      if (buckets.size() >= PRUNE_ABOVE) {
        prune();
      }
      b = new Bucket();
      buckets.put(key, b);
    }
    return b;
  }

  /** Drops buckets with nothing running and no failure left in the window. */
  private void prune() {
    Instant cutoff = clock.instant().minus(limits.window());
    buckets.values().removeIf(b -> b.inFlight == 0 && (b.failures.isEmpty() || !b.failures.peekLast().isAfter(cutoff)));
  }

  /** Number of tracked buckets, for tests of the memory bound. */
  synchronized int tracked() {
    return buckets.size();
  }

  static String userKey(String username) {
    if (username == null) {
      return INVALID_NAME;
    }
    String lower = username.toLowerCase(Locale.ROOT);
    try {
      return User.checkUsername(lower);
    } catch (IllegalArgumentException e) {
      return INVALID_NAME;
    }
  }

  /** IPv4 addresses as they are; IPv6 by their /64 network. */
  static String addressKey(InetAddress client) {
    return ClientAddress.group(client, 64).toString();
  }
}
