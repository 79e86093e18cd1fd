package pl.kmzb.wms;

import java.util.List;
import java.util.Map;

/**
 * The shared filters a map request asked for, before they meet a layer: the vendor parameters in
 * the filter model's names ({@code category}, {@code status}, {@code area}, {@code from}, {@code
 * to}, {@code source}) and the TIME spans.
 */
public record FilterRequest(Map<String, List<String>> parameters, List<TimeDimension.Interval> time) {
  public FilterRequest {
    parameters = Map.copyOf(parameters);
    time = List.copyOf(time);
  }
}
