package pl.kmzb.wms;

import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.style.Style;

/**
 * A GetLegendGraphic request (SLD-WMS 1.1.0 §10.2): one layer, its style, optionally one rule;
 * {@code indicator}: for an indicator layer, the map whose classes to show (null: its default map).
 */
public record LegendRequest(WmsVersion version, PublishedLayer layer, Style style, String rule, MapFormat format,
    int width, int height, String language, ExceptionFormat exceptions,
    pl.kmzb.indicator.IndicatorParameters indicator) {}
