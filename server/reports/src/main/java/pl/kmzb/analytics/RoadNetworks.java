package pl.kmzb.analytics;

import pl.kmzb.crs.CrsTransform;
import pl.kmzb.store.RoadStore;

/**
 * The current road network, built once per imported version: each request asks the store for the
 * current version (one small query) and rebuilds the STR-tree only when an import moved it, so an
 * import on any server reaches every server at its next analysis.
 */
public final class RoadNetworks {
  private final RoadStore store;
  private final CrsTransform to2180;
  private RoadNetwork current;

  public RoadNetworks(RoadStore store, CrsTransform to2180) {
    this.store = store;
    this.to2180 = to2180;
  }

  /** The network of the current version, or null if no network was ever imported. */
  public synchronized RoadNetwork current() {
    RoadStore.Network n = store.current();
    if (n == null) {
      return null;
    }
    if (current == null || current.version() != n.version()) {
      current = new RoadNetwork(store.roads(), n.version(), to2180);
    }
    return current;
  }
}
