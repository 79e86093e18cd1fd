package pl.kmzb.features;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import pl.kmzb.cluster.ClusterFeature;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.cluster.IndexFilter;
import pl.kmzb.cluster.PublicPoints;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.IndexSubset;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.store.FeatureQuery;
import pl.kmzb.tiles.TileCoord;

/**
 * Counts of public selections from the cluster index (the tiles' index of every public report at
 * its public position): the clusters of tile 0/0/0 cover the world, so their counts sum to the
 * selection; unfiltered from the kept aggregates, filtered in one pass over primitive arrays. Used
 * for numberMatched and resultType=hits when the filter lies in the subset the index answers
 * ({@link IndexSubset}: category, group, status, time, area, bbox); anything else goes to the store.
 */
public final class IndexCounts {
  private static final TileCoord WORLD = new TileCoord(0, 0, 0);

  private final ClusterIndex index;
  private final PublicPoints points;
  /**
   * The "confirmed only" rule of the public selection as the vendor filters spell it: the index
   * holds only what the public sees, so the rule is already applied there and is taken out of a
   * query before narrowing (the index subset has no NOT).
   */
  private final Set<Expr> publicRules;

  public IndexCounts(ClusterIndex index, PublicPoints points) {
    this.index = index;
    this.points = points;
    Expr base = points.publicFilter().toExpr();
    this.publicRules = base instanceof Expr.And a
        ? a.parts().stream().filter(p -> p instanceof Expr.Not).collect(Collectors.toSet()) : Set.of();
  }

  /** The count of a public query, or empty when the index is not loaded or cannot answer the filter. */
  public OptionalLong count(FeatureQuery q) {
    if (q.view().visibility() != Visibility.PUBLIC || !index.isLoaded()) {
      return OptionalLong.empty();
    }
    ReportFilter f;
    try {
      f = IndexSubset.narrow(points.publicFilter(), withoutPublicRules(q.expr()), q.view().groupOf());
    } catch (IndexSubset.NotIndexableException e) {
      return OptionalLong.empty();
    }
    IndexFilter filter = IndexFilter.compile(f, points.categoryOrder(), points.matrixSet());
    long n = 0;
    for (ClusterFeature c : index.tile(WORLD, filter).features()) {
      n += c.count();
    }
    return OptionalLong.of(n);
  }

  private Expr withoutPublicRules(Expr e) {
    if (e instanceof Expr.And a) {
      List<Expr> kept = new ArrayList<>();
      for (Expr part : a.parts()) {
        if (!publicRules.contains(part)) {
          kept.add(withoutPublicRules(part));
        }
      }
      return kept.isEmpty() ? Expr.INCLUDE : new Expr.And(kept);
    }
    return e;
  }
}
