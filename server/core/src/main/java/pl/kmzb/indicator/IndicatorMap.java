package pl.kmzb.indicator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.boundary.BoundaryLevel;

/**
 * What an indicator layer shows: one indicator at one level in one period (null when the level has
 * no values yet), its rows by area code and their classes. Maps and features default to the latest
 * period, rates per 100,000 for counts (values otherwise), quantiles, 5 classes.
 */
public record IndicatorMap(Indicator indicator, BoundaryLevel level, String period, int per, ClassMethod method,
    int classesRequested, List<IndicatorRow> rows, IndicatorClasses classes, long version) {
  public static final int DEFAULT_CLASSES = 5;
  public static final ClassMethod DEFAULT_METHOD = ClassMethod.QUANTILE;

  /** The default rate of a map: per 100,000 inhabitants for counts, the value for the others. */
  public static int defaultPer(Indicator indicator) {
    return indicator.rate() ? 100_000 : 1;
  }

  /** The map of {@code data}; {@code period} null means the latest with values. */
  public static IndicatorMap of(IndicatorData data, Indicator indicator, BoundaryLevel level, String period, int per,
      ClassMethod method, int k) {
    List<String> periods = data.periods(indicator.code(), level);
    String shown = period != null ? period : periods.isEmpty() ? null : periods.get(periods.size() - 1);
    List<IndicatorRow> rows = shown == null ? List.of() : data.rows(indicator, level, shown, per);
    return new IndicatorMap(indicator, level, shown, per, method, k, rows,
        IndicatorClasses.of(indicator, rows, per, method, k), data.version());
  }

  /** Row index by area code. */
  public Map<String, Integer> byCode() {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      out.put(rows.get(i).code(), i);
    }
    return out;
  }
}
