package pl.kmzb.render;

import pl.kmzb.analytics.RoadSegmentLayer;
import pl.kmzb.style.Feature;

/**
 * A road segment as a style and GetFeatureInfo see it: the columns of
 * {@code /api/analytics/road-segments}, by the same names ({@code class} is the road's class).
 */
record RoadSegmentFeature(RoadSegmentLayer.Segment segment) implements Feature {
  static final String[] NAMES = {"rank", "road", "class", "fromMetres", "toMetres", "lengthMetres", "incidents",
      "startLon", "startLat", "endLon", "endLat"};

  @Override
  public Object property(String name) {
    RoadSegmentLayer.Segment s = segment;
    return switch (name) {
      case "rank" -> s.rank();
      case "road" -> s.road();
      case "class" -> s.roadClass();
      case "fromMetres" -> s.fromMetres();
      case "toMetres" -> s.toMetres();
      case "lengthMetres" -> s.lengthMetres();
      case "incidents" -> s.incidents();
      case "startLon" -> s.startLon();
      case "startLat" -> s.startLat();
      case "endLon" -> s.endLon();
      case "endLat" -> s.endLat();
      default -> null;
    };
  }
}
