package pl.kmzb.render;

import pl.kmzb.boundary.Boundary;
import pl.kmzb.style.Feature;

/**
 * An administrative area as a style sees it: {@code code}, {@code name}, {@code level}, and on
 * the choropleth the public report {@code count} (with {@code count_label}) and {@code density},
 * reports per km² of the area.
 */
record AreaFeature(Boundary boundary, int count, double areaKm2) implements Feature {
  @Override
  public Object property(String name) {
    return switch (name) {
      case "code" -> boundary.code();
      case "name" -> boundary.name();
      case "level" -> boundary.level().key();
      case "count" -> count;
      case "count_label" -> ThreatPoint.countLabel(count);
      case "density" -> areaKm2 > 0 ? Math.round(count / areaKm2 * 100) / 100.0 : 0.0;
      default -> null;
    };
  }
}
