package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Report;
import pl.kmzb.tiles.TileMatrixSet;
import pl.kmzb.visibility.PublicReport;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Turns a report into its entry in the public index, exactly as {@link VisibilityPolicy} shows it:
 * only reports the public sees, at their public position, in the areas of that position. The
 * index therefore never holds a true spot or a true area of a generalised report, and every filter
 * the tiles answer is answered from public data.
 */
public final class PublicPoints implements IndexPoints {
  private final List<String> categoryOrder = new ArrayList<>();
  private final Map<String, Integer> categoryIndex = new HashMap<>();
  private final VisibilityPolicy policy;
  private final TileMatrixSet tms;
  private final AreaTable areas;

  public PublicPoints(CategoryCatalog catalog, VisibilityPolicy policy, TileMatrixSet tms, ClusterIndex index) {
    for (Category c : catalog.all()) {
      categoryIndex.put(c.code(), categoryOrder.size());
      categoryOrder.add(c.code());
    }
    this.policy = policy;
    this.tms = tms;
    this.areas = index.areas();
  }

  @Override
  public List<String> categoryOrder() {
    return List.copyOf(categoryOrder);
  }

  @Override
  public TileMatrixSet matrixSet() {
    return tms;
  }

  public VisibilityPolicy policy() {
    return policy;
  }

  /** The filter selecting, in the store, exactly the reports the public map shows. */
  public ReportFilter publicFilter() {
    return policy.publicFilter();
  }

  @Override
  public ReportFilter selection() {
    return publicFilter();
  }

  @Override
  public java.util.Set<pl.kmzb.report.Status> statuses() {
    return pl.kmzb.report.Status.PUBLIC;
  }

  /** The report as the public map shows it, or null if it does not show it at all. */
  @Override
  public IndexEntry entryOf(Report r) {
    PublicReport p = policy.show(r);
    if (p == null) {
      return null;
    }
    int category = categoryIndex.get(p.category());
    // Source 0 for every entry: the public index keeps nothing the public may not see or filter on.
    return new IndexEntry(p.id(), tms.worldX(p.location().lon(), p.location().lat()),
        tms.worldY(p.location().lon(), p.location().lat()), category, p.status().ordinal(), 0,
        IndexFilter.nanos(p.reportedAt()), areas.indexOf(p.areas()));
  }
}
