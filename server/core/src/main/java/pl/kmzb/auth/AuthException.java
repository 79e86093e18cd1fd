package pl.kmzb.auth;

/** A failure of user management the caller can act on; the reason lets the HTTP layer choose a status. */
public final class AuthException extends RuntimeException {
  public enum Reason {
    /** A user with this username already exists (usernames are never reused). */
    DUPLICATE_USERNAME,
    /** The change would leave no enabled administrator. */
    LAST_ADMINISTRATOR
  }

  private final Reason reason;

  public AuthException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
