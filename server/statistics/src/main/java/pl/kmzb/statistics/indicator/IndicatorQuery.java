package pl.kmzb.statistics.indicator;

import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.indicator.ClassMethod;
import pl.kmzb.indicator.Indicator;

/** A parsed {@code GET /api/statistics/indicators/{code}}: period null means the latest with values. */
record IndicatorQuery(Indicator indicator, BoundaryLevel level, String period, int per, int classes,
    ClassMethod method, String format) {}
