package pl.kmzb.cluster;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.http.Readiness;
import pl.kmzb.store.PostgisChangeFeed;
import pl.kmzb.store.ReportStore;

/**
 * Runs the cluster index of a server: loads it in the background (the server is not ready until
 * then), then applies changes on its own thread through the {@link IndexFollower}: woken by this
 * process's commits, by PostGIS NOTIFY when the store is PostGIS, and every second in any case. A
 * read-only server (a hot standby) has neither commits nor NOTIFY and polls the log every 200 ms.
 */
public final class IndexService implements AutoCloseable {
  static final String COMPONENT = "cluster-index";
  private static final Logger LOG = LoggerFactory.getLogger(IndexService.class);
  private static final long POLL_MS = 1_000;
  /**
   * The poll of a read-only server: NOTIFY is not delivered on a standby (LISTEN is refused during
   * recovery), so the poll is how it learns of changes; one indexed read of the log every 200 ms
   * keeps its tiles within the replica's lag + 0.2 s of the primary's.
   */
  private static final long STANDBY_POLL_MS = 200;

  private final ReportStore store;
  private final IndexFollower follower;
  private final Readiness readiness;
  private final ServerConfig config;
  private final Thread worker;
  private volatile boolean closed;
  private volatile PostgisChangeFeed feed;
  private final Supplier<Object> boundaries;
  /** The local snapshot, or null when off. */
  private final IndexSnapshots snapshots;
  private final long snapshotEveryNanos;
  /** The boundary index the indexes hold areas of now, and its fingerprint (computed once per index). */
  private volatile Object areasLoaded;
  private String areasFingerprint;
  /** The change-log position of the last snapshot written or read, -1 for none. */
  private volatile long snapshotSeq = -1;
  /** Whether this start restored the indexes from a snapshot; then {@link #checkRestored} runs once ready. */
  private boolean restored;
  private volatile String snapshotCheck;

  /**
   * @param boundaries the boundary index public areas are looked up in (compared by identity): when
   *     an import swaps it, the index is loaded again, because a generalised report sits in the areas
   *     of its cell centre, which change with the boundaries even where its own codes do not
   */
  public IndexService(ServerConfig config, ReportStore store, IndexFollower follower, Readiness readiness,
      Supplier<Object> boundaries) {
    this(config, store, follower, readiness, boundaries, null);
  }

  /**
   * @param snapshots where the indexes are saved (on close and every {@code index.snapshot-interval}
   *     while they change) and restored from at start; null for none
   */
  public IndexService(ServerConfig config, ReportStore store, IndexFollower follower, Readiness readiness,
      Supplier<Object> boundaries, IndexSnapshots snapshots) {
    this.snapshots = snapshots;
    this.snapshotEveryNanos = config.indexSnapshot().interval().toNanos();
    this.config = config;
    this.store = store;
    this.follower = follower;
    this.readiness = readiness;
    this.boundaries = boundaries;
    this.worker = new Thread(this::run, "cluster-index");
    worker.setDaemon(true);
  }

  public IndexService start() {
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
      restored = snapshots != null && snapshots.restore(follower, fingerprint(areasLoaded));
      if (restored) {
        snapshotSeq = follower.lastSeq();
      } else {
        follower.load();
        LOG.info("cluster index loaded in {} ms", (System.nanoTime() - t0) / 1_000_000);
      }
      long t1 = System.nanoTime();
      follower.catchUp();
      if (snapshotSeq >= 0) {
        LOG.info("cluster index caught up from change-log position {} to {} in {} ms", snapshotSeq,
            follower.lastSeq(), (System.nanoTime() - t1) / 1_000_000);
      }
      nextSnapshot = System.nanoTime() + snapshotEveryNanos;
      if (store.kind().equals("postgis") && !config.storeReadOnly()) {
        feed = new PostgisChangeFeed(config.postgisUrl(), config.postgisUser(), config.postgisPassword(), store,
            follower.lastSeq(), changes -> follower.wake()).start();
      }
      readiness.ready(COMPONENT);
      if (restored) {
        // Once the whole server is ready: beside the start's other work it would delay it.
        readiness.afterReady("cluster-index-check", this::checkRestored);
      }
    } catch (RuntimeException e) {
      LOG.error("cluster index failed to load", e);
      readiness.failed(COMPONENT, "cluster index failed to load: " + e.getMessage());
      return;
    }
    while (!closed) {
      try {
        follower.applyRequested(config.storeReadOnly() ? STANDBY_POLL_MS : POLL_MS);
      } catch (InterruptedException e) {
        return;
      }
      Object areas = boundaries.get();
      if (areas != areasLoaded && reloadForBoundaries()) {
        areasLoaded = areas;
      }
      if (snapshots != null && System.nanoTime() - nextSnapshot >= 0) {
        saveSnapshot();
        nextSnapshot = System.nanoTime() + snapshotEveryNanos;
      }
    }
  }

  /** Writes a snapshot if the indexes moved since the last one (on the worker, or at close after it stopped). */
  private void saveSnapshot() {
    if (follower.lastSeq() != snapshotSeq && follower.targets().get(0).index().isLoaded()) {
      long seq = snapshots.save(follower, fingerprint(areasLoaded));
      if (seq >= 0) {
        snapshotSeq = seq;
      }
    }
  }

  private String fingerprint(Object areas) {
    if (areasFingerprint == null || areas != fingerprinted) {
      areasFingerprint = IndexSnapshots.boundaries(areas);
      fingerprinted = areas;
    }
    return areasFingerprint;
  }

  private Object fingerprinted;

  /**
   * Checks what a restore took from the snapshot ({@link ClusterIndex#check}, on the content as it
   * is then: changes applied meanwhile keep it right) once the server is ready; a failed check (a
   * fault of this code: the checksums held) is logged and the indexes are loaded from the store, and
   * a failure to do that makes the server unready rather than serve them.
   */
  private void checkRestored() {
    long t0 = System.nanoTime();
    String problem = follower.check();
    if (problem == null) {
      LOG.info("cluster index restored from the snapshot checked in {} ms", (System.nanoTime() - t0) / 1_000_000);
      snapshotCheck = "passed";
      return;
    }
    LOG.error("the cluster index restored from the snapshot fails its check ({}): loading it from the store", problem);
    try {
      follower.load();
      follower.catchUp();
    } catch (RuntimeException e) {
      LOG.error("cluster index failed to load after the failed check", e);
      readiness.failed(COMPONENT, "cluster index failed to load: " + e.getMessage());
      snapshotCheck = "failed: " + problem + "; the load failed";
      return;
    }
    snapshotSeq = -1; // the next interval writes a snapshot of the content loaded
    snapshotCheck = "failed: " + problem;
    LOG.info("cluster index loaded from the store in {} ms after the failed check", (System.nanoTime() - t0) / 1_000_000);
  }

  /** Whether the restored content passed its check: null before (or without) a restore, "passed" or "failed: …". */
  String snapshotCheck() {
    return snapshotCheck;
  }

  /** Loads the index again after the boundaries changed; false (retried on the next pass) if that failed. */
  private boolean reloadForBoundaries() {
    try {
      long t0 = System.nanoTime();
      follower.load();
      follower.catchUp();
      LOG.info("boundaries changed: cluster index loaded again in {} ms, generalised reports in the areas of their"
          + " new cell centres", (System.nanoTime() - t0) / 1_000_000);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("could not load the cluster index again after a boundary change ({}); the next pass retries",
          e.getMessage());
      return false;
    }
  }

  /**
   * Stored rows the index left out because the domain rejects them (each logged once when met);
   * above zero, someone wrote a row by SQL that the server cannot read. For the health details.
   */
  public long skippedRows() {
    return follower.skippedRows();
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    worker.interrupt();
    worker.join(5_000);
    if (feed != null) {
      feed.close();
    }
    if (snapshots != null && !worker.isAlive()) {
      // A clean shutdown leaves a snapshot of everything applied, so the next start catches up from here.
      saveSnapshot();
    }
  }
}
