package pl.kmzb.indicator;

import pl.kmzb.boundary.BoundaryLevel;

/** One value of an indicator for an area of a level in a period, as imported. */
public record IndicatorValue(String indicator, BoundaryLevel level, String code, String period, double value) {}
