package pl.kmzb.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the PostGIS change log: LISTENs on {@code kmzb_report_change} (sent after commit by the
 * log's commit-time trigger, V17) and, when woken, reads every entry after the last sequence it delivered. After a
 * lost connection it reconnects and catches up from that sequence, so nothing is missed; a timed
 * poll covers a notification lost between two reads.
 */
public final class PostgisChangeFeed implements AutoCloseable {
  public static final String CHANNEL = "kmzb_report_change";
  private static final Logger LOG = LoggerFactory.getLogger(PostgisChangeFeed.class);
  private static final int BATCH = 10_000;
  private static final int POLL_MS = 1_000;

  private final String url;
  private final Properties credentials;
  private final ReportStore store;
  private final Consumer<List<Change>> sink;
  private final Thread thread;
  private volatile long lastSeq;
  private volatile boolean closed;
  private volatile Connection listening;

  /**
   * @param fromSeq deliver entries after this sequence (0: the whole log)
   * @param sink called on the feed's thread with each batch, in sequence order
   */
  public PostgisChangeFeed(String url, String user, String password, ReportStore store, long fromSeq,
      Consumer<List<Change>> sink) {
    this.url = url;
    this.credentials = new Properties();
    credentials.setProperty("ApplicationName", "kmzb-change-feed");
    if (user != null && !user.isEmpty()) {
      credentials.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      credentials.setProperty("password", password);
    }
    this.store = store;
    this.sink = sink;
    this.lastSeq = fromSeq;
    this.thread = new Thread(this::run, "postgis-change-feed");
    thread.setDaemon(true);
  }

  public PostgisChangeFeed start() {
    thread.start();
    return this;
  }

  /** The last sequence number delivered to the sink. */
  public long lastSeq() {
    return lastSeq;
  }

  private void run() {
    long backoff = 100;
    boolean failing = false;
    while (!closed) {
      try (Connection c = DriverManager.getConnection(url, credentials)) {
        listening = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        backoff = 100;
        catchUp();
        if (failing) {
          LOG.info("change feed reconnected and caught up to seq {}", lastSeq);
          failing = false;
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          // Returns as soon as a notification arrives; the timeout makes it a slow poll too.
          pg.getNotifications(POLL_MS);
          catchUp();
        }
      } catch (SQLException | StoreException e) {
        if (closed) {
          return;
        }
        if (!failing) {
          // Once per outage: the retries below would otherwise log every 100 ms to 5 s until it is over.
          LOG.warn("change feed lost its connection ({}); catching up from seq {} after reconnecting", e.getMessage(),
              lastSeq);
          failing = true;
        }
        sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
  }

  private void catchUp() {
    while (true) {
      List<Change> batch = store.changesSince(lastSeq, BATCH);
      if (batch.isEmpty()) {
        return;
      }
      sink.accept(batch);
      lastSeq = batch.get(batch.size() - 1).seq();
      if (batch.size() < BATCH) {
        return;
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.interrupt();
    Connection c = listening;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.debug("closing change feed connection", e);
      }
    }
    thread.join(5_000);
  }
}
