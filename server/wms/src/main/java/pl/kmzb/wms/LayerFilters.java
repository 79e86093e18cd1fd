package pl.kmzb.wms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.filter.FilterException;
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
 */
public final class LayerFilters {
  static final List<String> PARAMETERS = List.of("category", "status", "area", "from", "to", "source");
  private static final List<LayerKind> OF_REPORTS = List.of(LayerKind.THREAT_CLUSTERS, LayerKind.THREAT_POINTS,
      LayerKind.CATEGORY, LayerKind.CATEGORY_GROUP, LayerKind.HEATMAP, LayerKind.AREA_COUNTS, LayerKind.POLICE_REPORTS);

  private final VisibilityPolicy policy;
  private final FilterParser police;
  private final TimeDimension time;

  public LayerFilters(VisibilityPolicy policy, FilterParser police, TimeDimension time) {
    this.policy = policy;
    this.police = police;
    this.time = time;
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
    return new FilterRequest(params, time.parse(p.get("TIME").orElse(null)));
  }

  /** The layer drawn with {@code style} and the filters of its passes. */
  public DrawnLayer draw(PublishedLayer layer, Style style, FilterRequest asked, Optional<Actor> caller) {
    if (!ofReports(layer)) {
      return new DrawnLayer(layer, style, Arrays.asList((ReportFilter) null), "");
    }
    ReportFilter base = parse(layer, asked.parameters(), caller);
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
      ReportFilter f = parse(layer, withTime, caller);
      passes.add(f);
      key.append(f.cacheKey()).append('|');
    }
    return new DrawnLayer(layer, style, passes, key.toString());
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
