package pl.kmzb.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins for one username within
 * {@code window}, further attempts for it are refused until the oldest failure leaves the window.
 * Kept in memory: a restart forgets it, which only resets the attacker's budget once. Refused
 * attempts do not run Argon2, so guessing cannot burn the server's CPU either.
 */
final class LoginThrottle {
  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  LoginThrottle(int maxFailures, Duration window, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** When the username may try again, or null if it may try now. */
  Instant blockedUntil(String username) {
    Deque<Instant> d = failures.get(key(username));
    if (d == null) {
      return null;
    }
    synchronized (d) {
      prune(d);
      return d.size() >= maxFailures ? d.peekFirst().plus(window) : null;
    }
  }

  void failed(String username) {
    Deque<Instant> d = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
    synchronized (d) {
      prune(d);
      d.addLast(clock.instant());
    }
    if (failures.size() > 100_000) {
      // Many distinct names: drop the ones whose failures have all expired.
      failures.values().removeIf(q -> {
        synchronized (q) {
          prune(q);
          return q.isEmpty();
        }
      });
    }
  }

  void succeeded(String username) {
    failures.remove(key(username));
  }

  private void prune(Deque<Instant> d) {
    Instant cutoff = clock.instant().minus(window);
    while (!d.isEmpty() && !d.peekFirst().isAfter(cutoff)) {
      d.removeFirst();
    }
  }

  private static String key(String username) {
    return username == null ? "" : username.toLowerCase(java.util.Locale.ROOT);
  }
}
