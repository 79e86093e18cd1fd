package pl.kmzb.features;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pl.kmzb.encode.FeatureRow;
import pl.kmzb.encode.FeatureView;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.Report;
import pl.kmzb.store.FeatureQueries;
import pl.kmzb.store.FeatureQuery;
import pl.kmzb.visibility.LocationGeneraliser;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Where the features of a collection come from: the filter parameters of a request turned into a
 * store selection, and each stored report turned into the row the collection's view shows.
 *
 * <p>Public collections follow the one visibility policy: the selection is the policy's public
 * filter, and a bbox or area is judged at the public position ({@code VisibilityPolicy.matches}),
 * never at the stored exact one. SQL cannot see public positions, so it gets a superset (the bbox
 * widened by the largest generalisation cell of the categories asked, no area) and the exact public
 * test runs in Java on every row it returns.
 */
public final class FeatureSource {
  private final VisibilityPolicy policy;
  private final FilterParser policeFilters;
  private final FeatureQueries queries;
  private final Clock clock;

  public FeatureSource(VisibilityPolicy policy, FilterParser policeFilters, FeatureQueries queries, Clock clock) {
    this.policy = policy;
    this.policeFilters = policeFilters;
    this.queries = queries;
    this.clock = clock;
  }

  public FeatureQueries queries() {
    return queries;
  }

  /**
   * The selection of {@code c} narrowed by filter parameters in the report API's names
   * ({@code category, status, source, from, to, area, bbox}).
   *
   * @throws pl.kmzb.filter.FilterException naming a parameter the caller may not use or that is malformed
   */
  public FeatureQuery query(FeatureCollection c, Map<String, List<String>> params) {
    if (c.view() == FeatureView.POLICE) {
      return FeatureQuery.exact(narrow(policeFilters.parse(params), c));
    }
    return publicQuery(narrow(policy.parse(params), c));
  }

  /**
   * The same with a time range and bbox given apart from the parameters (the protocols spell them
   * their own way: OGC API's datetime, WFS's BBOX in any CRS).
   *
   * @param from inclusive, or null; {@code to} exclusive, or null
   * @param bbox lon/lat, or null
   */
  public FeatureQuery query(FeatureCollection c, Map<String, List<String>> params, java.time.Instant from,
      java.time.Instant to, Envelope bbox) {
    ReportFilter f = c.view() == FeatureView.POLICE ? policeFilters.parse(params) : policy.parse(params);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new pl.kmzb.filter.FilterException("datetime", "the interval's start must be before its end");
    }
    f = new ReportFilter(f.categories(), f.statuses(), f.sources(), from != null ? from : f.from(),
        to != null ? to : f.to(), f.areas(), bbox != null ? bbox : f.bbox(), f.visibility(), f.hiddenUnlessConfirmed());
    return query(c, f);
  }

  /** The selection of {@code c} for an already built filter of the right visibility. */
  public FeatureQuery query(FeatureCollection c, ReportFilter f) {
    return c.view() == FeatureView.POLICE ? FeatureQuery.exact(narrow(f, c)) : publicQuery(narrow(f, c));
  }

  /** The row the collection shows for a stored report (public: as the policy shows it). */
  public FeatureRow row(FeatureCollection c, Report r) {
    if (c.view() == FeatureView.POLICE) {
      return FeatureRow.ofPolice(r, clock.instant());
    }
    return FeatureRow.ofPublic(policy.show(r));
  }

  /** The filter's categories cut down to the collection's; an empty cut selects nothing. */
  private static ReportFilter narrow(ReportFilter f, FeatureCollection c) {
    if (c.categories().isEmpty()) {
      return f;
    }
    Set<String> categories = new HashSet<>(c.categories());
    if (!f.categories().isEmpty()) {
      categories.retainAll(f.categories());
    }
    if (categories.isEmpty()) {
      return null;
    }
    return new ReportFilter(categories, f.statuses(), f.sources(), f.from(), f.to(), f.areas(), f.bbox(),
        f.visibility(), f.hiddenUnlessConfirmed());
  }

  private FeatureQuery publicQuery(ReportFilter f) {
    if (f == null) {
      return nothing();
    }
    if (!f.isSpatial()) {
      return FeatureQuery.exact(f);
    }
    int metres = f.categories().stream().mapToInt(policy::generaliseMetres).max().orElse(0);
    Envelope widened = f.bbox() == null ? null : widen(f.bbox(), metres);
    // INTERNAL on purpose: this superset runs on exact positions and is never the answer by itself.
    ReportFilter superset = new ReportFilter(f.categories(), f.statuses(), Set.of(), f.from(), f.to(), Set.of(),
        widened, Visibility.INTERNAL, f.hiddenUnlessConfirmed());
    return new FeatureQuery(superset, r -> policy.matches(f, r), "public-at-shown-position;" + f.cacheKey());
  }

  /** A selection of no rows (a group collection asked for categories outside the group). */
  private static FeatureQuery nothing() {
    // A category code no report can carry (codes are [a-z_]+): SQL answers it at once, from no rows.
    return FeatureQuery.exact(new ReportFilter(Set.of("-"), Set.of(), Set.of(), null, null, Set.of(), null,
        Visibility.INTERNAL, Set.of()));
  }

  /**
   * The bbox grown by one whole cell on each side: a public position is the centre of the cell
   * holding the true spot, so the true spot lies within half a cell of it (one cell leaves room for
   * rounding).
   */
  static Envelope widen(Envelope b, int metres) {
    if (metres == 0) {
      return b;
    }
    double dLon = LocationGeneraliser.cellWidthDegrees(metres);
    double dLat = LocationGeneraliser.cellHeightDegrees(metres);
    return new Envelope(Math.max(-180, b.minLon() - dLon), Math.max(-90, b.minLat() - dLat),
        Math.min(180, b.maxLon() + dLon), Math.min(90, b.maxLat() + dLat));
  }
}
