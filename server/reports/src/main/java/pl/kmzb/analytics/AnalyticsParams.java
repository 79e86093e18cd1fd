package pl.kmzb.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import pl.kmzb.http.ApiException;

/**
 * An analytics request's query parameters: the filter's ones (passed on to the one filter model) and
 * the method's own, each read once with its default and its limits. A name neither knows is a 400,
 * as is a value out of its limits, each naming the parameter.
 */
final class AnalyticsParams {
  private final Map<String, List<String>> query;
  private final Set<String> filterNames;

  AnalyticsParams(Map<String, List<String>> query, Set<String> filterNames, Set<String> own) {
    this.query = query;
    this.filterNames = filterNames;
    for (String name : query.keySet()) {
      if (!filterNames.contains(name) && !own.contains(name)) {
        Set<String> known = new TreeSet<>(filterNames);
        known.addAll(own);
        throw ApiException.badRequest(name, "unknown parameter '" + name + "'; this resource takes " + known);
      }
    }
  }

  /** The filter's parameters alone, for the filter parser. */
  Map<String, List<String>> filter() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    query.forEach((k, v) -> {
      if (filterNames.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  boolean has(String name) {
    return query.containsKey(name);
  }

  private String single(String name) {
    List<String> v = query.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.size() > 1) {
      throw ApiException.badRequest(name, "'" + name + "' may be given once");
    }
    return v.get(0).strip();
  }

  /** A number of metres (or any quantity) between {@code min} and {@code max}, inclusive. */
  double number(String name, double fallback, double min, double max, String unit) {
    String v = single(name);
    if (v == null) {
      return fallback;
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, "'" + name + "' must be a number of " + unit + ", not '" + v + "'");
    }
    if (!(d >= min && d <= max)) {
      throw ApiException.badRequest(name, "'" + name + "' must be from " + plain(min) + " to " + plain(max) + " "
          + unit + ", not " + v);
    }
    return d;
  }

  int integer(String name, int fallback, int min, int max) {
    double d = number(name, fallback, min, max, "(a whole number)");
    if (d != Math.rint(d)) {
      throw ApiException.badRequest(name, "'" + name + "' must be a whole number");
    }
    return (int) d;
  }

  /** One of {@code allowed} (case-insensitive), or the fallback. */
  String choice(String name, String fallback, Set<String> allowed) {
    String v = single(name);
    if (v == null) {
      return fallback;
    }
    String c = v.toLowerCase(Locale.ROOT);
    if (!allowed.contains(c)) {
      throw ApiException.badRequest(name, "'" + name + "' must be one of " + new TreeSet<>(allowed) + ", not '" + v + "'");
    }
    return c;
  }

  static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
