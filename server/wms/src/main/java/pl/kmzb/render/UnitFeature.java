package pl.kmzb.render;

import pl.kmzb.style.Feature;
import pl.kmzb.unit.PoliceUnit;

/** A police unit as a style sees it: {@code code}, {@code name}, {@code type}. */
record UnitFeature(PoliceUnit unit) implements Feature {
  @Override
  public Object property(String name) {
    return switch (name) {
      case "code" -> unit.code();
      case "name" -> unit.name();
      case "type" -> unit.type().name();
      default -> null;
    };
  }
}
