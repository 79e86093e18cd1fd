package pl.kmzb.render;

import java.util.Optional;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.report.Actor;
import pl.kmzb.style.Style;

/**
 * One layer of a map request with its style and the caller's filter. For the public threat layers
 * the filter is a public one ({@code VisibilityPolicy.parse}); for the police layer an internal one
 * ({@code FilterParser}); null means everything the layer shows.
 *
 * @param language "pl" or "en": names in labels and legends
 * @param scan null: drawn from the cluster index (public layers) or the store by {@code filter}
 *     (police layer); else drawn as single reports read from the store by {@code filter} and the
 *     scan's expression, at most the renderer's cap per map
 * @param indicator for an indicator layer, the map the request asked for (WMS vendor parameters
 *     PERIOD, PER, CLASSES, METHOD); null: the layer's default map
 */
public record LayerRequest(PublishedLayer layer, Style style, ReportFilter filter, Optional<Actor> caller,
    String language, StoreScan scan, pl.kmzb.indicator.IndicatorParameters indicator) {
  public LayerRequest {
    caller = caller == null ? Optional.empty() : caller;
    language = "en".equals(language) ? "en" : "pl";
  }

  public LayerRequest(PublishedLayer layer, Style style, ReportFilter filter, Optional<Actor> caller, String language) {
    this(layer, style, filter, caller, language, null, null);
  }

  public LayerRequest(PublishedLayer layer, Style style, ReportFilter filter, Optional<Actor> caller, String language,
      StoreScan scan) {
    this(layer, style, filter, caller, language, scan, null);
  }
}
