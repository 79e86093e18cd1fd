package pl.kmzb.indicator;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.store.JdbcIndicatorStore;
import pl.kmzb.store.ReferenceVersions;
import pl.kmzb.store.ReportStore;

/**
 * The indicator data a server answers from, kept equal to the store: loaded at start, then the
 * import version (and the boundaries' version, for the area names) polled, and the snapshot swapped
 * whole when one moved, so an import by the command line reaches every running server within one
 * poll and a request never waits for the store. One per server, shared by the statistics API, the
 * WMS and the feature services ({@link #shared}), with the indicator catalogue it answers for.
 */
public final class IndicatorSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndicatorSource.class);

  private final IndicatorCatalog catalog;
  private final JdbcIndicatorStore store;
  private final ReferenceVersions references;
  private final Thread poller;
  private volatile IndicatorData data = IndicatorData.empty();
  private long imports = -1;
  private long boundaries = -1;

  public IndicatorSource(IndicatorCatalog catalog, ReportStore store, Duration poll) {
    this.catalog = catalog;
    this.store = JdbcIndicatorStore.of(store);
    this.references = ReferenceVersions.of(store);
    this.poller = new Thread(() -> run(poll), "indicator-reloader");
    poller.setDaemon(true);
  }

  /**
   * The server's one source, made and started by the first plugin that asks (the catalogue from
   * {@code layers.dir}, validated then); every plugin that asks closes it at shutdown (closing twice
   * is harmless).
   */
  public static IndicatorSource shared(PluginContext context) {
    return context.shared().computeIfAbsent(IndicatorSource.class, () -> new IndicatorSource(
        IndicatorCatalog.load(context.config().layersDir()), context.store(), context.config().referencePoll()).start());
  }

  public IndicatorCatalog catalog() {
    return catalog;
  }

  /** Loads once on the caller's thread, then polls. */
  public IndicatorSource start() {
    check();
    poller.start();
    return this;
  }

  public IndicatorData data() {
    return data;
  }

  /** Reloads when an import or a boundary import happened since the last check. */
  public synchronized void check() {
    long i = store.version();
    long b = references.version(ReferenceVersions.BOUNDARIES);
    if (i != imports || b != boundaries) {
      data = IndicatorData.load(store);
      imports = i;
      boundaries = b;
    }
  }

  private void run(Duration poll) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      try {
        check();
      } catch (RuntimeException e) {
        LOG.warn("could not check the indicator data ({}); the next poll retries", e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    poller.interrupt();
  }
}
