package pl.kmzb.wms;

import java.util.List;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.style.Style;

/**
 * One layer of a map request with the style to draw it in and the filters of its passes: one per
 * disjoint span of a TIME list (a composite, as WMS 1.3.0 Annex C allows for several values), a
 * single null filter for layers that are not reports (boundaries, police units), or none when the
 * filters select nothing.
 */
public record DrawnLayer(PublishedLayer layer, Style style, List<ReportFilter> filters, String filterKey) {
  public DrawnLayer {
    filters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(filters));
  }
}
