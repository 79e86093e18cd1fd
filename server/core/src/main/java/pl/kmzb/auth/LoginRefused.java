package pl.kmzb.auth;

import java.time.Duration;
import pl.kmzb.http.ApiException;

/**
 * A login refused before the password was checked: 429 when the client has used up its failed
 * logins, 503 when too many verifications are running. Carries when to try again (Retry-After).
 */
public final class LoginRefused extends RuntimeException {
  private final int status;
  private final String title;
  private final Duration retryAfter;

  LoginRefused(int status, String title, String detail, Duration retryAfter) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.retryAfter = retryAfter;
  }

  /** Whole seconds to wait, at least 1 (the Retry-After value). */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }

  public ApiException toApi() {
    return new ApiException(status, title, getMessage() + "; try again in " + retryAfterSeconds() + " s");
  }
}
