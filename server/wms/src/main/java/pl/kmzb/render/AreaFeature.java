package pl.kmzb.render;

import pl.kmzb.boundary.Boundary;
import pl.kmzb.style.Feature;

/**
 * An administrative area as a style sees it: {@code code}, {@code name}, {@code level}, and on
 * the choropleth the public report {@code count} (with {@code count_label}).
 */
record AreaFeature(Boundary boundary, int count) implements Feature {
  @Override
  public Object property(String name) {
    return switch (name) {
      case "code" -> boundary.code();
      case "name" -> boundary.name();
      case "level" -> boundary.level().key();
      case "count" -> count;
      case "count_label" -> ThreatPoint.countLabel(count);
      default -> null;
    };
  }
}
