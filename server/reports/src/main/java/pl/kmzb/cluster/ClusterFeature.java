package pl.kmzb.cluster;

/**
 * One feature of a threats tile: a cluster of {@code count} reports, or (count 1) a single report.
 * Positions are tile units (0..4096; the buffer lies outside that range).
 *
 * @param id the report id, or for a cluster a stable id from its zoom and grid cell
 * @param categories counts per category in catalogue order (null for a single report)
 * @param statuses counts per status ordinal (null for a single report)
 * @param expansionZoom the zoom at which the cluster's reports first fall into more than one
 *     cluster, capped at the deepest served zoom (0 for a single report)
 * @param category catalogue index of a single report (-1 for a cluster)
 * @param status status ordinal of a single report (-1 for a cluster)
 * @param time reported_at of a single report in epoch nanoseconds
 * @param source {@link pl.kmzb.report.Source} ordinal of a single report in the police index (-1
 *     for a cluster, and in the public index, which holds no source)
 */
public record ClusterFeature(long id, int x, int y, int count, int[] categories, int[] statuses, int expansionZoom,
    int category, int status, long time, int source) {

  public ClusterFeature(long id, int x, int y, int count, int[] categories, int[] statuses, int expansionZoom,
      int category, int status, long time) {
    this(id, x, y, count, categories, statuses, expansionZoom, category, status, time, -1);
  }

  public boolean isCluster() {
    return count > 1;
  }
}
