package pl.kmzb.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises the two store failures that are the environment's, not a bug's: the database is out of
 * reach (PostgreSQL restarting or down, the pool's connection timeout spent) and the store's disk is
 * full. Each protocol's one error-mapping place asks here and answers in its own form: an outage is
 * 503 with {@code Retry-After} (it passes by itself), a full disk 507 Insufficient Storage (it does
 * not: an operator must free space, so retrying in seconds is pointless and the status names the
 * cause). Neither is logged with a stack trace per request: {@link #log} writes one line per kind
 * at most every 10 seconds, so an outage under load does not flood the log.
 */
public final class StoreFaults {
  private static final Logger LOG = LoggerFactory.getLogger(StoreFaults.class);
  /** What clients are told to wait during an outage: a PostgreSQL restart takes seconds. */
  public static final int RETRY_AFTER_SECONDS = 5;
  private static final long LOG_EVERY_NANOS = 10_000_000_000L;
  private static final AtomicLong LAST_OUTAGE_LOG = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  private static final AtomicLong LAST_FULL_LOG = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  /** SQLite's primary result code SQLITE_FULL ("database or disk is full"). */
  private static final int SQLITE_FULL = 13;

  /** Which environmental fault a failure is. */
  public enum Kind {
    /** The database cannot be reached now. */
    OUTAGE,
    /** The store's disk (or PostgreSQL's) has no space left for the write. */
    FULL
  }

  private StoreFaults() {}

  /** The fault {@code t} (or anything in its cause chain) stands for, or null for any other failure. */
  public static Kind of(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (isFull(c)) {
        return Kind.FULL;
      }
      if (isOutage(c)) {
        return Kind.OUTAGE;
      }
    }
    return null;
  }

  /** What a client is told of {@code kind}: no SQL, no internals. */
  public static String explain(Kind kind) {
    return switch (kind) {
      case OUTAGE -> "the database is unavailable (restarting or unreachable); nothing was changed, try again in "
          + RETRY_AFTER_SECONDS + " s";
      case FULL -> "the server's data store is full (no space left on its disk); nothing was stored, and reads still"
          + " work until an operator frees space";
    };
  }

  /** Logs {@code t} as {@code kind} in one line, at most once every 10 s per kind. */
  public static void log(Kind kind, Throwable t) {
    AtomicLong last = kind == Kind.OUTAGE ? LAST_OUTAGE_LOG : LAST_FULL_LOG;
    long now = System.nanoTime();
    long before = last.get();
    if (now - before >= LOG_EVERY_NANOS && last.compareAndSet(before, now)) {
      LOG.warn("{}: {} (requests get {}; logged at most every 10 s)", kind == Kind.OUTAGE ? "store unavailable"
          : "store full", rootMessage(t), kind == Kind.OUTAGE ? "503 with Retry-After" : "507");
    }
  }

  private static boolean isOutage(Throwable c) {
    if (c instanceof SQLTransientConnectionException) {
      return true; // Hikari: no connection within postgis.connection-timeout
    }
    if (c instanceof SQLException s && s.getSQLState() != null) {
      String state = s.getSQLState();
      // 08: connection exception; 57P01-03: admin/crash shutdown, cannot connect now; 53300: too many connections
      return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
          || state.equals("53300");
    }
    return c instanceof java.net.ConnectException || c instanceof java.io.EOFException;
  }

  private static boolean isFull(Throwable c) {
    if (c instanceof SQLException s) {
      // PostgreSQL 53100 disk_full; SQLite reports SQLITE_FULL as the error code (sqlite-jdbc's primary code).
      return "53100".equals(s.getSQLState()) || (s.getErrorCode() & 0xff) == SQLITE_FULL
          && String.valueOf(s.getMessage()).contains("SQLITE_FULL");
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " <- " + root.getMessage();
  }
}
