package pl.kmzb.wms;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.unit.PoliceUnit;
import pl.kmzb.unit.PoliceUnitStore;

/**
 * The police units the map draws, re-read from the store in the background every {@code refresh}
 * (the reference poll interval): units change only by import, a map must not query the database,
 * and the image cache asks {@link #version()} on Jetty's network thread, which must never wait
 * for one. The version is the units' content hash, so a re-read of unchanged units keeps it.
 */
final class PoliceUnitsSource implements Supplier<List<PoliceUnit>>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PoliceUnitsSource.class);

  private record Loaded(List<PoliceUnit> units, int hash) {}

  private final PoliceUnitStore store;
  private final ScheduledExecutorService refresher;
  private volatile Loaded loaded;

  PoliceUnitsSource(PoliceUnitStore store, Duration refresh) {
    this.store = store;
    this.loaded = read();
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "wms-police-units");
      t.setDaemon(true);
      return t;
    });
    refresher.scheduleWithFixedDelay(this::refresh, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Loaded read() {
    List<PoliceUnit> units = List.copyOf(store.all());
    return new Loaded(units, units.hashCode());
  }

  private void refresh() {
    try {
      loaded = read();
    } catch (RuntimeException e) {
      LOG.warn("could not re-read police units; drawing the ones read before", e);
    }
  }

  @Override
  public List<PoliceUnit> get() {
    return loaded.units();
  }

  int version() {
    return loaded.hash();
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
