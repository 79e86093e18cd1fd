package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Report;
import pl.kmzb.report.Status;
import pl.kmzb.tiles.TileMatrixSet;

/**
 * Turns a report into its entry in the police index: every report that is not deleted, in every
 * status, at its exact position, in its own TERYT areas, with its source, as the police view of
 * {@code GET /api/reports/{id}} shows it. Never used for a public output.
 *
 * <p>A report of a category the catalogue does not know has no place in the index's category
 * columns and is left out (the public index hides it too; the report API still lists it).
 */
public final class PolicePoints implements IndexPoints {
  private final List<String> categoryOrder = new ArrayList<>();
  private final Map<String, Integer> categoryIndex = new HashMap<>();
  private final TileMatrixSet tms;
  private final AreaTable areas;

  public PolicePoints(CategoryCatalog catalog, TileMatrixSet tms, ClusterIndex index) {
    for (Category c : catalog.all()) {
      categoryIndex.put(c.code(), categoryOrder.size());
      categoryOrder.add(c.code());
    }
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

  @Override
  public ReportFilter selection() {
    return ReportFilter.ALL_INTERNAL;
  }

  @Override
  public Set<Status> statuses() {
    return Set.of(Status.values());
  }

  @Override
  public IndexEntry entryOf(Report r) {
    Integer category = categoryIndex.get(r.category());
    if (r.deleted() || category == null) {
      return null;
    }
    double lon = r.location().lon();
    double lat = r.location().lat();
    return new IndexEntry(r.id(), tms.worldX(lon, lat), tms.worldY(lon, lat), category, r.status().ordinal(),
        r.source().ordinal(), IndexFilter.nanos(r.reportedAt()), areas.indexOf(r.teryt()));
  }
}
