package pl.kmzb.statistics;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.http.Readiness;
import pl.kmzb.snapshot.SnapshotStamp;
import pl.kmzb.store.PostgisChangeFeed;
import pl.kmzb.store.ReportStore;

/**
 * Runs the statistics of a server: loads them in the background (readiness component
 * {@value #COMPONENT} holds {@code /health} at 503 until then), then applies changes on its own
 * thread, woken by this process's commits, by PostGIS NOTIFY, and every second in any case. When a
 * boundary import swaps the boundary index, everything is loaded again: a generalised report is
 * counted publicly in the areas of its cell centre, which move with the boundaries. With
 * {@link StatisticsSnapshots} the load is a restore from the local snapshot and a catch-up, and a
 * snapshot is written every {@code index.snapshot-interval} and on close.
 */
public final class StatisticsService implements AutoCloseable {
  static final String COMPONENT = "statistics";
  private static final Logger LOG = LoggerFactory.getLogger(StatisticsService.class);
  private static final long POLL_MS = 1_000;
  /** How often a read-only server on a standby looks for replayed changes. */
  private static final long STANDBY_POLL_MS = 200;

  private final ServerConfig config;
  private final ReportStore store;
  private final StatisticsFollower follower;
  private final Readiness readiness;
  private final Supplier<Object> boundaries;
  private final Thread worker;
  private volatile boolean closed;
  private volatile PostgisChangeFeed feed;
  /** The local snapshot, or null when off. */
  private final StatisticsSnapshots snapshots;
  private final long snapshotEveryNanos;
  /** The change-log position of the last snapshot written or read, -1 for none. */
  private long snapshotSeq = -1;
  /** Whether the start restored the statistics from the snapshot rather than loading them. */
  private volatile boolean restored;
  private Object areasLoaded;
  private Object fingerprinted;
  private String areasFingerprint;

  /**
   * @param snapshots where the statistics are saved and restored from, or null for none
   */
  public StatisticsService(ServerConfig config, ReportStore store, StatisticsFollower follower, Readiness readiness,
      Supplier<Object> boundaries, StatisticsSnapshots snapshots) {
    this.snapshots = snapshots;
    this.snapshotEveryNanos = config.indexSnapshot().interval().toNanos();
    this.config = config;
    this.store = store;
    this.follower = follower;
    this.readiness = readiness;
    this.boundaries = boundaries;
    this.worker = new Thread(this::run, "statistics");
    worker.setDaemon(true);
  }

  public StatisticsService start() {
    readiness.waitFor(COMPONENT);
    store.subscribe(follower);
    worker.start();
    return this;
  }

  private void run() {
    areasLoaded = boundaries.get();
    long nextSnapshot;
    try {
      long t0 = System.nanoTime();
      if (snapshots != null && snapshots.restore(follower, fingerprint(areasLoaded))) {
        snapshotSeq = follower.lastSeq();
        restored = true;
      } else {
        follower.load();
      }
      follower.catchUp();
      LOG.info("statistics {} in {} ms (change-log position {})", snapshotSeq >= 0 ? "restored and caught up" : "loaded",
          (System.nanoTime() - t0) / 1_000_000, follower.lastSeq());
      nextSnapshot = System.nanoTime() + snapshotEveryNanos;
      // A standby gets no NOTIFY (and refuses LISTEN): it follows the replayed log by polling.
      if (store.kind().equals("postgis") && !config.storeReadOnly()) {
        feed = new PostgisChangeFeed(config.postgisUrl(), config.postgisUser(), config.postgisPassword(), store,
            follower.lastSeq(), changes -> follower.wake()).start();
      }
      readiness.ready(COMPONENT);
    } catch (RuntimeException e) {
      LOG.error("statistics failed to load", e);
      readiness.failed(COMPONENT, "statistics failed to load: " + e.getMessage());
      return;
    }
    boolean failing = false;
    while (!closed) {
      try {
        follower.applyRequested(config.storeReadOnly() ? STANDBY_POLL_MS : POLL_MS);
        Object areas = boundaries.get();
        if (areas != areasLoaded) {
          follower.load();
          follower.catchUp();
          areasLoaded = areas;
          LOG.info("boundaries changed: statistics loaded again");
        }
        if (failing) {
          LOG.info("statistics caught up again");
          failing = false;
        }
        if (snapshots != null && System.nanoTime() - nextSnapshot >= 0) {
          saveSnapshot();
          nextSnapshot = System.nanoTime() + snapshotEveryNanos;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!failing) {
          LOG.warn("statistics could not catch up now ({}); retrying every {} ms", e.getMessage(), POLL_MS);
          failing = true;
        }
        try {
          Thread.sleep(POLL_MS);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** Writes a snapshot if the statistics moved since the last one (on the worker, or at close after it stopped). */
  private void saveSnapshot() {
    long at = follower.lastSeq();
    if (at >= 0 && at != snapshotSeq) {
      long seq = snapshots.save(follower, fingerprint(areasLoaded));
      if (seq >= 0) {
        snapshotSeq = seq;
      }
    }
  }

  /** The fingerprint of the boundaries {@code areas}, computed once per boundary index. */
  private String fingerprint(Object areas) {
    if (areasFingerprint == null || areas != fingerprinted) {
      areasFingerprint = SnapshotStamp.boundaries(areas);
      fingerprinted = areas;
    }
    return areasFingerprint;
  }

  /** Whether this start restored the statistics from the snapshot (a health detail, and for tests). */
  public boolean restored() {
    return restored;
  }

  public long skippedRows() {
    return follower.skippedRows();
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    worker.interrupt();
    worker.join(5_000);
    if (snapshots != null && !worker.isAlive() && worker.getState() == Thread.State.TERMINATED) {
      // A clean shutdown leaves a snapshot of everything applied, so the next start catches up from here.
      saveSnapshot();
    }
    if (feed != null) {
      feed.close();
    }
  }
}
