package pl.kmzb.roads;

import java.util.Objects;
import org.locationtech.jts.geom.MultiLineString;

/**
 * One numbered road as imported: its number ("DK7", "DW719", "S7", "A1"), class and course in
 * EPSG:4326 lon/lat. The parts of the course are kept in file order: chainage runs along them one
 * after the other (see {@code pl.kmzb.analytics.RoadNetwork}).
 */
public record Road(String number, RoadClass roadClass, MultiLineString geometry) {
  public Road {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(roadClass, "roadClass");
    Objects.requireNonNull(geometry, "geometry");
  }
}
