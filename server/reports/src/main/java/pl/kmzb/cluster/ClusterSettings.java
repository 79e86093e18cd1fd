package pl.kmzb.cluster;

/**
 * @param maxZoom the deepest zoom served (clients overzoom beyond it)
 * @param clusterMaxZoom the deepest zoom with clusters; deeper tiles carry single reports
 * @param aggregateMaxZoom the deepest zoom whose unfiltered clusters are kept ready
 */
public record ClusterSettings(int maxZoom, int clusterMaxZoom, int aggregateMaxZoom) {
  public static final ClusterSettings DEFAULT = new ClusterSettings(16, 16, 10);

  public ClusterSettings {
    if (maxZoom < 0 || maxZoom > 19) {
      throw new IllegalArgumentException("tiles.max-zoom must be 0-19 (4096-unit tiles at 2^31 world units), was "
          + maxZoom);
    }
    if (clusterMaxZoom < 0 || clusterMaxZoom > maxZoom) {
      throw new IllegalArgumentException("tiles.cluster-max-zoom must be 0-" + maxZoom + " (tiles.max-zoom), was "
          + clusterMaxZoom);
    }
    if (aggregateMaxZoom < 0 || aggregateMaxZoom > clusterMaxZoom) {
      aggregateMaxZoom = Math.max(0, Math.min(aggregateMaxZoom, clusterMaxZoom));
    }
  }

  /** The highest expansion zoom a cluster can report. */
  int expansionCap() {
    return Math.min(maxZoom, clusterMaxZoom + 1);
  }
}
