package pl.kmzb.wms;

import java.util.List;
import java.util.Map;

/**
 * The shared filters a map request asked for, before they meet a layer: the vendor parameters in
 * the filter model's names ({@code category}, {@code status}, {@code area}, {@code from}, {@code
 * to}, {@code source}), the TIME spans, and the CQL2 text of {@code CQL_FILTER} (null if none).
 */
public record FilterRequest(Map<String, List<String>> parameters, List<TimeDimension.Interval> time, String cql) {
  public FilterRequest {
    parameters = Map.copyOf(parameters);
    time = List.copyOf(time);
  }
}
