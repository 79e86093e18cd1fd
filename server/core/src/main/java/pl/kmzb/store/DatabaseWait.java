package pl.kmzb.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for PostGIS to accept connections before the pool is built: compose (or systemd) starts the
 * database and the servers together, and a database that is still starting refuses connections or
 * answers "the database system is starting up". Tries again with a doubling pause (0.25 s up to 5 s)
 * until {@code wait} has passed, then gives up with {@link DatabaseUnreachableException}, whose one-line
 * message names the URL (without a password) and the last cause. Errors that waiting cannot cure
 * (wrong password, no such database) give up at once.
 */
public final class DatabaseWait {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseWait.class);
  private static final long FIRST_PAUSE_MS = 250;
  private static final long MAX_PAUSE_MS = 5_000;
  /** A host that swallows packets must not hold one attempt for the driver's default (unbounded). */
  private static final int MAX_ATTEMPT_SECONDS = 10;

  private DatabaseWait() {}

  /** Returns once one connection to {@code url} succeeded; throws when {@code wait} ran out first. */
  public static void untilReachable(String url, String user, String password, Duration wait) {
    long start = System.nanoTime();
    long deadline = start + wait.toNanos();
    long pause = FIRST_PAUSE_MS;
    int attempts = 0;
    while (true) {
      attempts++;
      SQLException failure = tryConnect(url, user, password, deadline);
      if (failure == null) {
        if (attempts > 1) {
          LOG.info("PostGIS at {} reachable after {} attempts in {} ms", redacted(url), attempts,
              (System.nanoTime() - start) / 1_000_000);
        }
        return;
      }
      long left = deadline - System.nanoTime();
      if (!isTransient(failure) || left <= 0) {
        throw new DatabaseUnreachableException(giveUp(url, failure, attempts, System.nanoTime() - start));
      }
      if (attempts == 1) {
        LOG.warn("PostGIS at {} not reachable yet ({}); retrying for up to {} s", redacted(url), cause(failure),
            wait.toSeconds());
      }
      sleep(Math.min(pause, Math.max(1, left / 1_000_000)));
      pause = Math.min(MAX_PAUSE_MS, pause * 2);
    }
  }

  private static SQLException tryConnect(String url, String user, String password, long deadline) {
    Properties props = new Properties();
    if (user != null && !user.isEmpty()) {
      props.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      props.setProperty("password", password);
    }
    long leftSeconds = Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L);
    String timeout = Long.toString(Math.min(MAX_ATTEMPT_SECONDS, leftSeconds));
    props.setProperty("connectTimeout", timeout);
    props.setProperty("loginTimeout", timeout);
    try (Connection c = DriverManager.getConnection(url, props)) {
      return null;
    } catch (SQLException e) {
      return e;
    }
  }

  /**
   * Connection failures (SQLSTATE class 08: refused, reset, unknown host), "cannot connect now"
   * (57P03, a server starting or in recovery) and "too many connections" (53300) may pass; anything
   * else (28xxx authentication, 3D000 no such database) will not.
   */
  static boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.equals("57P03") || state.equals("53300");
  }

  private static String giveUp(String url, SQLException e, int attempts, long nanos) {
    return "PostGIS at " + redacted(url) + " not reachable"
        + (attempts > 1 ? " after " + attempts + " attempts in " + Math.round(nanos / 1e9) + " s" : "")
        + ": " + cause(e)
        + (isTransient(e) ? " (postgis.connect-wait sets how long to wait)" : "");
  }

  /** The failure on one line: its message, and the SQLSTATE when the driver gave one. */
  static String cause(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.replaceAll("\\s*\\R\\s*", " ").strip();
    return e.getSQLState() == null ? message : message + " [SQLSTATE " + e.getSQLState() + "]";
  }

  /** The URL without a password in its query (jdbc:postgresql://h/db?user=u&password=secret). */
  public static String redacted(String url) {
    return pl.kmzb.config.OpsSettings.withoutPassword(url);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatabaseUnreachableException("interrupted while waiting for PostGIS");
    }
  }
}
