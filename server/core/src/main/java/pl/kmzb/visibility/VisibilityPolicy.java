package pl.kmzb.visibility;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;

/**
 * The one place that says what the public sees. Every public output asks it: the report view, the
 * threats tiles and their index, and every service that comes later (WMS, WFS, statistics).
 *
 * <ul>
 *   <li>Which reports: not deleted, in a public status, of a category the catalogue knows (an
 *       unknown code is hidden, never shown unstyled), and categories marked
 *       {@code public_only_when_confirmed} only once confirmed ({@link #isPublic}).
 *   <li>Where: generalised categories at the centre of their grid cell ({@link LocationGeneraliser}),
 *       and in the TERYT areas of that centre, not of the true spot ({@link #show}).
 *   <li>What: category, status, dates, time of day, and the description once published; never the
 *       source, the reporter's address, attachments or the exact codes ({@link PublicReport}).
 *   <li>Which filters: anonymous callers filter on what they can see ({@link #PARAMETERS}: no
 *       {@code source}), and spatial filters are answered at the public position ({@link #matches}).
 *       The stores hold exact positions, so they refuse public spatial filters: such queries go to
 *       the cluster index, which holds public positions.
 * </ul>
 */
public final class VisibilityPolicy {
  /** The filter parameters anonymous callers may use. */
  public static final Set<String> PARAMETERS = Set.of("category", "status", "from", "to", "area", "bbox");

  private final CategoryCatalog catalog;
  private final Function<LonLat, Teryt> areasOf;
  private final FilterParser parser;
  private final Set<String> known;
  private final Set<String> hiddenUnlessConfirmed;

  /**
   * @param areasOf the TERYT areas of a position, from the boundaries the server uses for
   *     assignment (so a cell centre is placed exactly as a report there would be)
   */
  public VisibilityPolicy(CategoryCatalog catalog, Function<LonLat, Teryt> areasOf) {
    this.catalog = catalog;
    this.areasOf = areasOf;
    this.parser = new FilterParser(catalog);
    this.known = catalog.all().stream().map(Category::code).collect(Collectors.toUnmodifiableSet());
    this.hiddenUnlessConfirmed = catalog.publicOnlyWhenConfirmed();
  }

  public CategoryCatalog catalog() {
    return catalog;
  }

  /** True if anonymous callers may see this report at all. */
  public boolean isPublic(Report r) {
    if (r.deleted() || !r.status().isPublic()) {
      return false;
    }
    Category c = catalog.find(r.category()).orElse(null);
    return c != null && (!c.rules().publicOnlyWhenConfirmed() || r.status().isConfirmed());
  }

  /** The report as the public sees it, or null if the public does not see it at all. */
  public PublicReport show(Report r) {
    if (!isPublic(r)) {
      return null;
    }
    int metres = generaliseMetres(r.category());
    LonLat at = LocationGeneraliser.generalise(r.location(), metres);
    Teryt areas = metres == 0 ? r.teryt() : areasOf.apply(at);
    return new PublicReport(r.id(), r.category(), r.status(), r.reportedAt(), r.occurredOn(), r.timeOfDay(), at,
        metres, areas, r.descriptionPublic() ? r.description() : null);
  }

  /** The grid size a category's public positions snap to; 0 for exact positions. */
  public int generaliseMetres(String category) {
    return catalog.find(category).map(c -> c.rules().generaliseLocationM()).orElse(0);
  }

  /** The filter selecting, in a store, exactly the reports {@link #isPublic} accepts. */
  public ReportFilter publicFilter() {
    return new ReportFilter(known, Status.PUBLIC, Set.of(), null, null, Set.of(), null, Visibility.PUBLIC,
        hiddenUnlessConfirmed);
  }

  /**
   * An anonymous caller's filter from query parameters: only {@link #PARAMETERS}, only public
   * statuses, always within what the public may see.
   *
   * @throws FilterException naming the parameter that is not allowed or not understood
   */
  public ReportFilter parse(Map<String, List<String>> params) {
    if (params.containsKey("source")) {
      throw new FilterException("source", "'source' is not a public filter: the public map does not show who"
          + " reported; anonymous callers may use " + new TreeSet<>(PARAMETERS));
    }
    ReportFilter asked = parser.parse(params);
    for (Status s : asked.statuses()) {
      if (!s.isPublic()) {
        throw new FilterException("status", "status '" + s.code() + "' is not public; anonymous callers may ask for "
            + Status.PUBLIC.stream().map(Status::code).sorted().toList());
      }
    }
    return new ReportFilter(asked.categories().isEmpty() ? known : asked.categories(),
        asked.statuses().isEmpty() ? Status.PUBLIC : asked.statuses(), Set.of(), asked.from(), asked.to(),
        asked.areas(), asked.bbox(), Visibility.PUBLIC, hiddenUnlessConfirmed);
  }

  /** Whether a public filter selects this report, judged on what the public sees of it. */
  public boolean matches(ReportFilter f, Report r) {
    PublicReport p = show(r);
    return p != null && f.testAt(r, p.areas(), p.location());
  }
}
