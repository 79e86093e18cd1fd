package pl.kmzb.store;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code max} citizen reports from one address within {@code window} before now. Checked
 * inside the inserting transaction against stored reports, so only accepted reports count and
 * two requests at once cannot both slip through.
 */
public record RateLimit(String address, int max, Duration window) {
  public RateLimit {
    Objects.requireNonNull(address, "address");
    if (max < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a rate limit needs max >= 1 and a positive window");
    }
  }
}
