package pl.kmzb.indicator;

import java.util.Optional;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;

/** What an {@code indicator} layer of the catalogue shows: which indicator at which level. */
public record IndicatorLayer(String indicator, BoundaryLevel level) {
  /** The indicator and level of an indicator layer ({@code parameter} = {@code <code>.<level>}). */
  public static Optional<IndicatorLayer> of(PublishedLayer layer) {
    if (layer.kind() != LayerKind.INDICATOR) {
      return Optional.empty();
    }
    String p = layer.parameter();
    int dot = p.lastIndexOf('.');
    return Optional.of(new IndicatorLayer(p.substring(0, dot), BoundaryLevel.ofKey(p.substring(dot + 1))));
  }

  /** The map with the defaults (latest period, rates per 100,000 for counts, 5 quantile classes). */
  public IndicatorMap map(IndicatorSource source) {
    return map(source, null, null, IndicatorMap.DEFAULT_METHOD, IndicatorMap.DEFAULT_CLASSES);
  }

  /** The map of a period (null: latest) and rate (null: the default). */
  public IndicatorMap map(IndicatorSource source, String period, Integer per, ClassMethod method, int classes) {
    Indicator i = source.catalog().find(indicator).orElseThrow(() -> new IllegalStateException(
        "indicator " + indicator + " of a layer is not in the catalogue"));
    return IndicatorMap.of(source.data(), i, level, period, per == null ? IndicatorMap.defaultPer(i) : per, method,
        classes);
  }
}
