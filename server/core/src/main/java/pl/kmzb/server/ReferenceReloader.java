package pl.kmzb.server;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.boundary.TerytAssigner;
import pl.kmzb.store.JdbcBoundaryStore;
import pl.kmzb.store.JdbcPoliceUnitStore;
import pl.kmzb.store.ReferenceVersions;
import pl.kmzb.store.ReportStore;
import pl.kmzb.tiles.BoundaryTileLayer;
import pl.kmzb.tiles.PoliceUnitTileLayer;
import pl.kmzb.tiles.TileLayers;
import pl.kmzb.tiles.WebMercatorQuad;
import pl.kmzb.unit.CurrentUnits;
import pl.kmzb.unit.PoliceUnit;

/**
 * Keeps the reference data a server holds in memory (the boundary index that assigns TERYT codes,
 * the police units every output reads, the boundary and police-unit tilesets) equal to the store.
 * Importers bump a version in the transaction that replaces the data; this polls those versions and,
 * when one moved, loads the new data and swaps it in whole, so an import made by the command line or
 * by another server reaches every running server within one poll, without a restart.
 */
final class ReferenceReloader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReferenceReloader.class);

  private final ReportStore store;
  private final ReferenceVersions versions;
  private final TerytAssigner areas;
  private final CurrentUnits policeUnits;
  private final TileLayers tiles;
  private final int maxZoom;
  private final Thread poller;
  private long boundaries = -1;
  private long units = -1;

  ReferenceReloader(ReportStore store, TerytAssigner areas, CurrentUnits policeUnits, TileLayers tiles, int maxZoom,
      Duration poll) {
    this.store = store;
    this.versions = ReferenceVersions.of(store);
    this.areas = areas;
    this.policeUnits = policeUnits;
    this.tiles = tiles;
    this.maxZoom = maxZoom;
    this.poller = new Thread(() -> run(poll), "reference-reloader");
    poller.setDaemon(true);
  }

  /** Loads everything once, on the caller's thread, then starts polling. */
  ReferenceReloader start() {
    check();
    poller.start();
    return this;
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
        LOG.warn("could not check the reference data ({}); the next poll retries", e.getMessage());
      }
    }
  }

  /** Reloads what changed since the last check (the poller's or a caller's: one at a time). */
  synchronized void check() {
    long b = versions.version(ReferenceVersions.BOUNDARIES);
    if (b != boundaries) {
      loadBoundaries(b);
      boundaries = b;
    }
    long u = versions.version(ReferenceVersions.POLICE_UNITS);
    if (u != units) {
      List<PoliceUnit> all = JdbcPoliceUnitStore.of(store).all();
      policeUnits.use(all, u);
      tiles.put(new PoliceUnitTileLayer(all, WebMercatorQuad.INSTANCE, maxZoom, u));
      if (units >= 0) {
        LOG.info("police units reloaded (version {})", u);
      }
      units = u;
    }
  }

  private void loadBoundaries(long version) {
    List<Boundary> all = JdbcBoundaryStore.of(store).all();
    areas.use(BoundaryIndex.of(all));
    for (BoundaryLevel level : BoundaryLevel.values()) {
      if (all.stream().anyMatch(x -> x.level() == level)) {
        tiles.put(new BoundaryTileLayer(level, all, WebMercatorQuad.INSTANCE, maxZoom, version));
      } else {
        tiles.remove(BoundaryTileLayer.idOf(level));
      }
    }
    LOG.info("boundaries {}: {} areas ({}), version {}", boundaries < 0 ? "loaded" : "reloaded",
        areas.index().size(), areas.index().levels(), version);
  }

  @Override
  public void close() throws InterruptedException {
    poller.interrupt();
    poller.join(5_000);
  }
}
