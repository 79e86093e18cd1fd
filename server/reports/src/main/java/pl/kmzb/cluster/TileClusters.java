package pl.kmzb.cluster;

import java.util.List;

/**
 * The features of one threats tile and the index version they were computed at: a cached tile is
 * current while no change touching it has a later version.
 */
public record TileClusters(List<ClusterFeature> features, long version) {
  public TileClusters {
    features = List.copyOf(features);
  }
}
