package pl.kmzb.features;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.encode.FeatureRow;
import pl.kmzb.encode.FeatureView;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.Queryables;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.Report;
import pl.kmzb.store.FeatureQueries;
import pl.kmzb.store.FeatureQuery;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Where the features of a collection come from: the request's filters (vendor parameters, OGC
 * API's datetime and bbox, CQL2 or FES) combined into one filter expression in the collection's
 * view, and each stored report turned into the row that view shows.
 *
 * <p>Public collections follow the one visibility policy: anonymous callers may name only what
 * {@link VisibilityPolicy#parse} allows, and the expression is judged in the public view
 * ({@link Queryables#publicView}): positions and areas are the public ones, so a bbox or area never
 * tells more than the public map shows (the store plans SQL as a superset and tests the rest in
 * memory, {@code store.ExprSql}).
 */
public final class FeatureSource {
  private final VisibilityPolicy policy;
  private final FilterParser policeFilters;
  private final FeatureQueries queries;
  private final Queryables publicView;
  private final Queryables policeView;
  private final Clock clock;
  /** Null: every count from the store. */
  private IndexCounts indexCounts;

  public FeatureSource(VisibilityPolicy policy, CategoryCatalog catalog, FeatureQueries queries, Clock clock) {
    this.policy = policy;
    this.policeFilters = new FilterParser(catalog);
    this.queries = queries;
    this.publicView = Queryables.publicView(policy);
    this.policeView = Queryables.policeView(catalog, clock);
    this.clock = clock;
  }

  public FeatureQueries queries() {
    return queries;
  }

  /** Counts public selections from the cluster index where it can. */
  public FeatureSource withIndexCounts(IndexCounts counts) {
    this.indexCounts = counts;
    return this;
  }

  /**
   * numberMatched of a query: from the cluster index where it answers the filter, else from the
   * store (a rank table's count or a COUNT) when that is cheap, i.e. the plan is exact SQL, or when
   * {@code required} (resultType=hits); null otherwise (the count is optional in both protocols).
   */
  public Long numberMatched(FeatureQuery q, boolean required) {
    if (indexCounts != null) {
      java.util.OptionalLong n = indexCounts.count(q);
      if (n.isPresent()) {
        return n.getAsLong();
      }
    }
    return required || queries.exactInSql(q) ? queries.count(q) : null;
  }

  /** The properties filters of {@code c} may name, with their types. */
  public Queryables view(FeatureCollection c) {
    return c.view() == FeatureView.POLICE ? policeView : publicView;
  }

  /** Every feature of the collection. */
  public FeatureQuery all(FeatureCollection c) {
    return query(c, Map.of(), null, null, null, Expr.INCLUDE);
  }

  /**
   * The selection of {@code c} narrowed by vendor parameters in the report API's names
   * ({@code category, status, source, area, from, to, bbox}), a time range and bbox given apart
   * (the protocols spell them their own way), and a parsed filter expression.
   *
   * @param from inclusive, or null; {@code to} exclusive, or null
   * @param bbox lon/lat, or null
   * @param filter a CQL2 or FES filter already checked against {@link #view}, or {@link Expr#INCLUDE}
   * @throws FilterException naming a parameter the caller may not use or that is malformed
   */
  public FeatureQuery query(FeatureCollection c, Map<String, List<String>> params, Instant from, Instant to,
      Envelope bbox, Expr filter) {
    ReportFilter f = c.view() == FeatureView.POLICE ? policeFilters.parse(params) : policy.parse(params);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new FilterException("datetime", "the interval's start must be before its end");
    }
    f = new ReportFilter(f.categories(), f.statuses(), f.sources(), from != null ? from : f.from(),
        to != null ? to : f.to(), f.areas(), bbox != null ? bbox : f.bbox(), f.visibility(), f.hiddenUnlessConfirmed());
    List<Expr> parts = new ArrayList<>(List.of(f.toExpr(), filter));
    if (!c.categories().isEmpty()) {
      parts.add(new Expr.In("category", c.categories().stream().sorted().map(s -> (Object) s).toList()));
    }
    return new FeatureQuery(Expr.and(parts), view(c));
  }

  /** The row the collection shows for a stored report (public: as the policy shows it). */
  public FeatureRow row(FeatureCollection c, Report r) {
    if (c.view() == FeatureView.POLICE) {
      return FeatureRow.ofPolice(r, clock.instant());
    }
    return FeatureRow.ofPublic(policy.show(r));
  }

  /** Whether a stored report is one of the query's features (judged as the store would). */
  public boolean matches(FeatureQuery q, Report r) {
    return pl.kmzb.filter.ExprPredicate.compile(q.expr(), q.view(), clock.instant()).test(r);
  }
}
