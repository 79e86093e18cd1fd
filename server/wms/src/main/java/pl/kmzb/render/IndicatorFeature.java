package pl.kmzb.render;

import pl.kmzb.boundary.Boundary;
import pl.kmzb.indicator.IndicatorClasses;
import pl.kmzb.indicator.IndicatorMap;
import pl.kmzb.indicator.IndicatorRow;
import pl.kmzb.style.Feature;

/**
 * An area of an indicator map as a style sees it: {@code code}, {@code name}, {@code level},
 * {@code period}, {@code value}, {@code population}, {@code rate}, {@code class} (0-based) and
 * {@code shade} (the class's step of the style's 9-step palette); all but the area's own are null
 * for an area without a value, and class and shade for one without a rate.
 */
record IndicatorFeature(Boundary boundary, IndicatorMap map, IndicatorRow row, Integer cls) implements Feature {
  @Override
  public Object property(String name) {
    return switch (name) {
      case "code" -> boundary.code();
      case "name" -> boundary.name();
      case "level" -> boundary.level().key();
      case "indicator" -> map.indicator().code();
      case "period" -> map.period();
      case "value" -> row == null ? null : row.value();
      case "population" -> row == null ? null : row.population();
      case "rate" -> row == null ? null : row.rate();
      case "class" -> cls;
      case "shade" -> cls == null ? null : IndicatorClasses.shade(cls, map.classes().breaks().classes());
      default -> null;
    };
  }
}
