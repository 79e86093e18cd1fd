package pl.kmzb.store;

/**
 * PostGIS could not be reached at start within {@code postgis.connect-wait}. The message is one line
 * naming the URL (without a password) and the cause: the command line prints it and exits, with no
 * stack trace, because the trace says nothing the line does not.
 */
public final class DatabaseUnreachableException extends RuntimeException {
  public DatabaseUnreachableException(String message) {
    super(message, null, false, false);
  }
}
