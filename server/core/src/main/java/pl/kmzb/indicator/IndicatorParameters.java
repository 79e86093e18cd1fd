package pl.kmzb.indicator;

import java.util.List;
import java.util.Map;
import pl.kmzb.http.ApiException;

/**
 * How an indicator is asked for, parsed once for every output that takes it
 * ({@code /api/statistics/indicators/{code}} and the indicator tilesets): {@code period} (null: the
 * latest with values; checked here for its form only, the caller knows which periods have values),
 * {@code per} (1, 10,000 or 100,000 inhabitants; above 1 only for counts), {@code classes} (3–9) and
 * {@code method} (quantile, equal, jenks). A bad value is a 400 problem naming the parameter.
 */
public record IndicatorParameters(String period, int per, int classes, ClassMethod method) {

  /** The names this record reads; an output adds its own (level, f, …). */
  public static final List<String> NAMES = List.of("period", "per", "classes", "method");

  /**
   * Parses the query of a request for {@code indicator}; {@code defaultPer} differs by output (the
   * API answers the values themselves, maps shade the rate of a count).
   */
  public static IndicatorParameters parse(Map<String, List<String>> query, Indicator indicator, int defaultPer) {
    String period = one(query, "period");
    if (period != null) {
      IndicatorPeriod.problem(period).ifPresent(p -> {
        throw ApiException.badRequest("period", p);
      });
    }
    int per = number(query, "per", defaultPer);
    if (!IndicatorData.PER.contains(per)) {
      throw ApiException.badRequest("per", "per must be 1, 10000 or 100000, not " + per);
    }
    if (per > 1 && !indicator.rate()) {
      throw ApiException.badRequest("per", "indicator '" + indicator.code() + "' is not a count; it has no rate per "
          + per + " inhabitants (use per=1)");
    }
    int classes = number(query, "classes", IndicatorMap.DEFAULT_CLASSES);
    if (classes < ClassBreaks.MIN_CLASSES || classes > ClassBreaks.MAX_CLASSES) {
      throw ApiException.badRequest("classes", "classes must be from " + ClassBreaks.MIN_CLASSES + " to "
          + ClassBreaks.MAX_CLASSES + ", not " + classes);
    }
    String method = one(query, "method");
    try {
      return new IndicatorParameters(period, per, classes,
          method == null ? IndicatorMap.DEFAULT_METHOD : ClassMethod.ofCode(method));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("method", e.getMessage());
    }
  }

  /** The single value of parameter {@code name}, null when absent; given twice is a 400 problem. */
  public static String one(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiException.badRequest(name, "parameter '" + name + "' given " + values.size() + " times");
    }
    return values.get(0);
  }

  /** For a 400 message: a client's string cut to 40 characters. */
  public static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static int number(Map<String, List<String>> query, String name, int fallback) {
    String v = one(query, name);
    if (v == null) {
      return fallback;
    }
    if (!v.matches("\\d{1,9}")) {
      throw ApiException.badRequest(name, name + " must be a whole number, not '" + clip(v) + "'");
    }
    return Integer.parseInt(v);
  }
}
