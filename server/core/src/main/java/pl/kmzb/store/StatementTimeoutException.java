package pl.kmzb.store;

/**
 * A read run under {@link ReportStore#withStatementTimeout} was cancelled by the database because it
 * ran past its time (PostgreSQL's {@code statement_timeout}, SQLite's progress handler), or was not
 * started because no time was left: the store is fine, the query asked too much of it.
 */
public final class StatementTimeoutException extends RuntimeException {
  public StatementTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
