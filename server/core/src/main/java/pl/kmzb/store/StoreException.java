package pl.kmzb.store;

/** A failure the caller can act on; the reason lets each protocol choose its status code. */
public final class StoreException extends RuntimeException {
  public enum Reason {
    /** No such report (or it is soft-deleted where that matters). */
    NOT_FOUND,
    /** The caller's expected version is stale: someone else changed the report first. */
    VERSION_CONFLICT,
    /** The (source, external id) pair is already stored. */
    DUPLICATE_EXTERNAL_ID,
    /** The database could not be reached or failed. */
    UNAVAILABLE,
    /** A write reached a read-only server (a hot standby): it belongs on a server on the primary. */
    READ_ONLY
  }

  private final Reason reason;

  public StoreException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public StoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
