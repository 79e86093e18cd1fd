package pl.kmzb.store;

import java.time.Instant;

/** The caller has used up its reports for the window; it may try again at {@code retryAt}. */
public final class RateLimitedException extends RuntimeException {
  private final Instant retryAt;

  public RateLimitedException(Instant retryAt) {
    super("too many reports from this address; try again after " + retryAt);
    this.retryAt = retryAt;
  }

  public Instant retryAt() {
    return retryAt;
  }
}
