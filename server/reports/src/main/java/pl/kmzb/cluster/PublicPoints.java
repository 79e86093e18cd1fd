package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.visibility.LocationGeneraliser;
import pl.kmzb.report.Report;
import pl.kmzb.tiles.TileMatrixSet;

/**
 * Decides what of a report the public map may show, with the same rules as the public report
 * views: only public statuses, not deleted, categories shown only once confirmed stay out until
 * then, and generalised categories sit at the centre of their grid cell, never at the true spot.
 */
public final class PublicPoints {
  private final List<String> categoryOrder = new ArrayList<>();
  private final Map<String, Integer> categoryIndex = new HashMap<>();
  private final int[] generaliseMetres;
  private final Set<String> hiddenUnlessConfirmed;
  private final TileMatrixSet tms;
  private final AreaTable areas;

  public PublicPoints(CategoryCatalog catalog, TileMatrixSet tms, ClusterIndex index) {
    for (Category c : catalog.all()) {
      categoryIndex.put(c.code(), categoryOrder.size());
      categoryOrder.add(c.code());
    }
    generaliseMetres = catalog.all().stream().mapToInt(c -> c.rules().generaliseLocationM()).toArray();
    hiddenUnlessConfirmed = catalog.publicOnlyWhenConfirmed();
    this.tms = tms;
    this.areas = index.areas();
  }

  public List<String> categoryOrder() {
    return List.copyOf(categoryOrder);
  }

  public TileMatrixSet matrixSet() {
    return tms;
  }

  /** The filter matching exactly the reports the public map shows. */
  public ReportFilter publicFilter() {
    return ReportFilter.publicDefault(hiddenUnlessConfirmed);
  }

  /** The report as the public map shows it, or null if it does not show it at all. */
  public IndexEntry entryOf(Report r) {
    Integer category = categoryIndex.get(r.category());
    if (category == null || !r.isPubliclyListed()
        || (hiddenUnlessConfirmed.contains(r.category()) && !r.status().isConfirmed())) {
      return null;
    }
    LonLat p = LocationGeneraliser.generalise(r.location(), generaliseMetres[category]);
    return new IndexEntry(r.id(), tms.worldX(p.lon(), p.lat()), tms.worldY(p.lon(), p.lat()), category,
        r.status().ordinal(), r.source().ordinal(), IndexFilter.nanos(r.reportedAt()), areas.indexOf(r.teryt()));
  }
}
