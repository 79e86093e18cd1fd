package pl.kmzb.store;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code max} citizen reports from one sender group within {@code window} before now.
 * The group is the key the count is kept under, stored with each citizen report
 * ({@code reporter_group}) apart from the exact address: an IPv4 address, or an IPv6 prefix such as
 * {@code 2001:db8:1:2::/64}, because one home gets a whole /64 and could otherwise pick a fresh
 * address for every report. Checked inside the inserting transaction against stored reports, so
 * only accepted reports count and two requests at once cannot both slip through.
 */
public record RateLimit(String group, int max, Duration window) {
  public RateLimit {
    Objects.requireNonNull(group, "group");
    if (max < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("a rate limit needs max >= 1 and a positive window");
    }
  }
}
