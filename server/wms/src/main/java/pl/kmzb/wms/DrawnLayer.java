package pl.kmzb.wms;

import java.util.List;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.render.StoreScan;
import pl.kmzb.style.Style;

/**
 * One layer of a map request with the style to draw it in and the filters of its passes: one per
 * disjoint span of a TIME list (a composite, as WMS 1.3.0 Annex C allows for several values), a
 * single null filter for layers that are not reports (boundaries, police units), or none when the
 * filters select nothing. {@code scan} (null: none) is a CQL_FILTER the cluster index cannot answer:
 * the layer is then read from the store as single reports, each pass's filter and the scan's
 * expression together.
 */
public record DrawnLayer(PublishedLayer layer, Style style, List<ReportFilter> filters, String filterKey,
    StoreScan scan) {
  public DrawnLayer {
    filters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(filters));
  }

  public DrawnLayer(PublishedLayer layer, Style style, List<ReportFilter> filters, String filterKey) {
    this(layer, style, filters, filterKey, null);
  }
}
