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
 */
public record LayerRequest(PublishedLayer layer, Style style, ReportFilter filter, Optional<Actor> caller,
    String language) {
  public LayerRequest {
    caller = caller == null ? Optional.empty() : caller;
    language = "en".equals(language) ? "en" : "pl";
  }
}
