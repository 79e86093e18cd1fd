package pl.kmzb.encode;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature of a reference collection (an area with its report counts, a police unit, a
 * boundary): its id (TERYT or unit code), its geometry in longitude/latitude (a Point, or a Polygon or
 * MultiPolygon shared with the boundary index, never changed) and its values in the order of its
 * {@link ReferenceSchema}'s properties (null when absent).
 */
public record ReferenceFeature(String id, Geometry lonLat, Object[] values) {
  public ReferenceFeature {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(lonLat, "lonLat");
    Objects.requireNonNull(values, "values");
  }

  /** The value of property {@code index} of the schema. */
  public Object value(int index) {
    return values[index];
  }
}
