package pl.kmzb.wms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.cql2.Cql2TextParser;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.IndexSubset;
import pl.kmzb.filter.Queryables;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.render.StoreScan;
import pl.kmzb.report.Actor;
import pl.kmzb.style.Style;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The shared filters as WMS vendor parameters ({@code CATEGORY}, {@code STATUS}, {@code AREA},
 * {@code FROM}, {@code TO}, and {@code SOURCE} on police layers) with the TIME dimension, parsed by
 * the same code as the tiles' filters: public layers through {@link VisibilityPolicy#parse} (what the
 * public may ask, whoever asks: a public layer shows public data), the police layer through
 * {@link FilterParser}. WMS's own BBOX is the view, never the filter's bbox.
 *
 * <p>{@code CQL_FILTER} (GeoServer's vendor parameter) takes CQL2 text, geometry literals in CRS:84,
 * checked against the layer's queryables (public or police view) and applied to every layer of
 * reports. Maps are drawn from the cluster index when the filter folds into the shared filter model
 * ({@link IndexSubset}: category, group, status, reportedAt, areas, bbox); anything else (a
 * description, the police layer's source, …) is read from the store as single reports
 * ({@link StoreScan}, at most {@code wms.max-scan-features} per map), except on the heat map and the
 * counts per area, which only the index draws (InvalidParameterValue there).
 */
public final class LayerFilters {
  static final List<String> PARAMETERS = List.of("category", "status", "area", "from", "to", "source");
  private static final List<LayerKind> OF_REPORTS = List.of(LayerKind.THREAT_CLUSTERS, LayerKind.THREAT_POINTS,
      LayerKind.CATEGORY, LayerKind.CATEGORY_GROUP, LayerKind.HEATMAP, LayerKind.AREA_COUNTS, LayerKind.POLICE_REPORTS);

  private final VisibilityPolicy policy;
  private final FilterParser police;
  private final TimeDimension time;
  private final Queryables publicView;
  private final Queryables policeView;
  private final FilterCrs cqlCrs;

  public LayerFilters(VisibilityPolicy policy, FilterParser police, TimeDimension time, Queryables publicView,
      Queryables policeView, FilterCrs cqlCrs) {
    this.policy = policy;
    this.police = police;
    this.time = time;
    this.publicView = publicView;
    this.policeView = policeView;
    this.cqlCrs = cqlCrs;
  }

  public TimeDimension time() {
    return time;
  }

  /** Whether the layer shows reports (and so takes the filters and TIME). */
  public static boolean ofReports(PublishedLayer layer) {
    return OF_REPORTS.contains(layer.kind());
  }

  /** The filter parameters of a request; their values are checked when they meet a layer. */
  public FilterRequest request(WmsParams p) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String name : PARAMETERS) {
      List<String> values = p.all(name);
      if (!values.isEmpty()) {
        params.put(name, values);
      }
    }
    return new FilterRequest(params, time.parse(p.get("TIME").orElse(null)), p.text("CQL_FILTER").orElse(null));
  }

  /** The layer drawn with {@code style} and the filters of its passes. */
  public DrawnLayer draw(PublishedLayer layer, Style style, FilterRequest asked, Optional<Actor> caller) {
    if (!ofReports(layer)) {
      return new DrawnLayer(layer, style, Arrays.asList((ReportFilter) null), "");
    }
    Queryables view = layer.isPublic() ? publicView : policeView;
    Expr cql = asked.cql() == null ? null : cql(asked.cql(), view);
    ReportFilter base = parse(layer, asked.parameters(), caller);
    StoreScan scan = cql == null ? null : scanUnlessIndexable(layer, base, cql, view);
    String scanKey = scan == null ? "" : "|scan:" + cql;
    if (asked.time().isEmpty()) {
      ReportFilter f = scan == null ? narrow(base, cql, view) : base;
      return new DrawnLayer(layer, style, List.of(f), f.cacheKey() + scanKey, scan);
    }
    List<ReportFilter> passes = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    for (TimeDimension.Interval span : asked.time()) {
      Instant from = base.from() == null || span.from().isAfter(base.from()) ? span.from() : base.from();
      Instant to = base.to() == null || span.to().isBefore(base.to()) ? span.to() : base.to();
      if (!from.isBefore(to)) {
        continue;
      }
      Map<String, List<String>> withTime = new LinkedHashMap<>(asked.parameters());
      withTime.put("from", List.of(from.toString()));
      withTime.put("to", List.of(to.toString()));
      ReportFilter pass = parse(layer, withTime, caller);
      ReportFilter f = scan == null ? narrow(pass, cql, view) : pass;
      passes.add(f);
      key.append(f.cacheKey()).append('|');
    }
    return new DrawnLayer(layer, style, passes, key + scanKey, scan);
  }

  /**
   * CQL_FILTER text as a checked expression of the view. GeoServer's ECQL is what WMS clients send
   * as CQL_FILTER; {@link Cql2TextParser#parseEcql} reads CQL2 text and ECQL's spatial predicates.
   */
  private Expr cql(String text, Queryables view) {
    try {
      return Cql2TextParser.parseEcql(text, view, cqlCrs);
    } catch (FilterException e) {
      throw WmsException.invalid("CQL_FILTER", "CQL_FILTER: " + e.getMessage());
    }
  }

  private ReportFilter narrow(ReportFilter base, Expr cql, Queryables view) {
    try {
      return cql == null ? base : IndexSubset.narrow(base, cql, view.groupOf());
    } catch (IndexSubset.NotIndexableException e) {
      // The filter folded into the request's own filters, but not into one TIME pass's.
      throw WmsException.invalid("CQL_FILTER", "CQL_FILTER cannot be drawn with this TIME: " + e.getMessage());
    }
  }

  /**
   * Null when the cluster index answers {@code cql} (the fast path); else the store scan that draws the
   * layer's reports as points, for layers of single reports. Clusters, the heat map and counts per
   * area are aggregates of the index: a filter it cannot answer is refused there.
   */
  private static StoreScan scanUnlessIndexable(PublishedLayer layer, ReportFilter base, Expr cql, Queryables view) {
    try {
      IndexSubset.narrow(base, cql, view.groupOf());
      return null;
    } catch (IndexSubset.NotIndexableException e) {
      if (layer.kind() == LayerKind.HEATMAP || layer.kind() == LayerKind.AREA_COUNTS) {
        throw WmsException.invalid("CQL_FILTER", "CQL_FILTER cannot be drawn on " + layer.id() + ", whose "
            + "picture is computed from the cluster index: " + e.getMessage() + "; layers of single reports"
            + " (threats.points, categories, groups, threats.clusters as points) draw it");
      }
      return new StoreScan(cql, view);
    }
  }

  private ReportFilter parse(PublishedLayer layer, Map<String, List<String>> params, Optional<Actor> caller) {
    try {
      if (layer.isPublic()) {
        return policy.parse(params);
      }
      if (caller.isEmpty()) {
        throw new IllegalStateException("a police layer reached the filters without a caller");
      }
      return police.parse(params);
    } catch (FilterException e) {
      throw WmsException.invalid(e.parameter().toUpperCase(Locale.ROOT), e.getMessage());
    }
  }
}
