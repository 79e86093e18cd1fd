package pl.kmzb.indicator;

/**
 * An indicator's value for one area and period with the area's population in the period's year and
 * the rate {@code value × per / population}; population and rate are null when the year has no
 * population figure for the area, and rate is null too when no rate was asked for (per = 1) or the
 * indicator is not a count.
 */
public record IndicatorRow(String code, String name, String period, double value, Long population, Double rate) {}
