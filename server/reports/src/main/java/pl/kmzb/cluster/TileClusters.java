package pl.kmzb.cluster;

import java.util.List;

/**
 * The features of one threats tile and the index version they were computed at: a cached tile is
 * current while no change touching it has a later version.
 *
 * @param deadlinesAt the time (epoch nanoseconds) up to which the index has stamped the tiles of
 *     reports passing their take-up deadline ({@link ClusterIndex#passDeadlines}): a report is past
 *     its deadline in this tile exactly when it was by then ({@code Long.MIN_VALUE}: never checked)
 */
public record TileClusters(List<ClusterFeature> features, long version, long deadlinesAt) {
  public TileClusters {
    features = List.copyOf(features);
  }

  public TileClusters(List<ClusterFeature> features, long version) {
    this(features, version, Long.MIN_VALUE);
  }
}
