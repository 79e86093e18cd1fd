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
 * reports. Maps are drawn from the cluster index, so the filter must fold into the shared filter
 * model ({@link IndexSubset}: category, group, status, reportedAt, areas, bbox); anything else is
 * refused with InvalidParameterValue naming the part.
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
    ReportFilter base = cql(layer, parse(layer, asked.parameters(), caller), asked.cql());
    if (asked.time().isEmpty()) {
      return new DrawnLayer(layer, style, List.of(base), base.cacheKey());
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
      ReportFilter f = cql(layer, parse(layer, withTime, caller), asked.cql());
      passes.add(f);
      key.append(f.cacheKey()).append('|');
    }
    return new DrawnLayer(layer, style, passes, key.toString());
  }

  private ReportFilter cql(PublishedLayer layer, ReportFilter base, String text) {
    if (text == null) {
      return base;
    }
    Queryables view = layer.isPublic() ? publicView : policeView;
    try {
      Expr expr = Cql2TextParser.parse(text, view, cqlCrs);
      return IndexSubset.narrow(base, expr, view.groupOf());
    } catch (FilterException e) {
      throw WmsException.invalid("CQL_FILTER", "CQL_FILTER: " + e.getMessage());
    } catch (IndexSubset.NotIndexableException e) {
      throw WmsException.invalid("CQL_FILTER", "CQL_FILTER cannot be drawn: " + e.getMessage());
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
