package pl.kmzb.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits at start for PostGIS to accept a connection. Compose and orchestrators start the database
 * and the servers together, and a standby refuses connections while it starts up, so a server (or
 * an import command) retries with backoff for {@code postgis.connect-wait} instead of failing at
 * once; when it gives up it says so in one line naming the URL and the cause, not with the pool's
 * stack trace.
 */
public final class PostgisConnect {
  private static final Logger LOG = LoggerFactory.getLogger(PostgisConnect.class);
  private static final long FIRST_PAUSE_MS = 250;
  private static final long MAX_PAUSE_MS = 5_000;

  private PostgisConnect() {}

  /** Returns once a connection succeeded; throws {@link StoreException} (UNAVAILABLE) after {@code wait}. */
  public static void await(String url, String user, String password, Duration wait) {
    Properties props = new Properties();
    if (user != null && !user.isEmpty()) {
      props.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      props.setProperty("password", password);
    }
    props.setProperty("connectTimeout", "5");
    props.setProperty("ApplicationName", "kmzb-connect");
    long start = System.nanoTime();
    long deadline = start + wait.toNanos();
    long pause = FIRST_PAUSE_MS;
    boolean logged = false;
    while (true) {
      try (Connection c = DriverManager.getConnection(url, props)) {
        if (logged) {
          LOG.info("PostGIS at {} accepts connections after {} ms", url, (System.nanoTime() - start) / 1_000_000);
        }
        return;
      } catch (SQLException e) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !retryable(e)) {
          throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot connect to PostGIS at " + url + ": "
              + cause(e) + (wait.isZero() || !retryable(e) ? "" : " (waited " + wait.toSeconds()
              + " s: postgis.connect-wait)"));
        }
        if (!logged) {
          LOG.warn("PostGIS at {} does not accept connections yet ({}); retrying for up to {} s", url, cause(e),
              wait.toSeconds());
          logged = true;
        }
        sleep(Math.min(pause, left / 1_000_000 + 1));
        pause = Math.min(pause * 2, MAX_PAUSE_MS);
      }
    }
  }

  /**
   * Whether waiting can help: no connection (class 08) or the server starting up or shutting down
   * (57P03); a wrong password or database name (classes 28, 3D) will not mend itself.
   */
  static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return state == null || state.startsWith("08") || state.equals("57P03");
  }

  /** The message and the innermost cause's, on one line (an unknown host hides in the cause). */
  static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(e.getMessage()).replace('\n', ' ');
    return root == e ? message : message + " (" + root + ")";
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Reason.UNAVAILABLE, "interrupted while waiting for PostGIS");
    }
  }
}
