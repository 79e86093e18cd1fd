package pl.kmzb.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How much password guessing the server tolerates: failed logins per (username, client address)
 * and per client address within a rolling window, and how many password verifications (Argon2id,
 * 19 MiB each) may run at once.
 */
public record LoginLimits(int perUserAndAddress, int perAddress, Duration window, int concurrentVerifications) {
  public static final LoginLimits DEFAULT = new LoginLimits(10, 50, Duration.ofMinutes(15), 4);

  public LoginLimits {
    Objects.requireNonNull(window, "window");
    if (perUserAndAddress < 1 || perAddress < 1 || concurrentVerifications < 1) {
      throw new IllegalArgumentException("login limits must be positive: " + perUserAndAddress + ", " + perAddress
          + ", " + concurrentVerifications);
    }
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the failed-login window must be positive, not " + window);
    }
  }
}
