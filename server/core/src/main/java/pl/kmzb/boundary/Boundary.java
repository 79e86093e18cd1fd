package pl.kmzb.boundary;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

/**
 * One administrative area: its level, TERYT code, name and outline in EPSG:4326 (x = longitude,
 * y = latitude). The geometry is a valid, non-empty Polygon or MultiPolygon; JTS geometries are
 * mutable, so nobody may change it after construction (the index relies on it).
 */
public record Boundary(BoundaryLevel level, String code, String name, Geometry geometry) {
  public Boundary {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(geometry, "geometry");
    level.problem(code).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    if (!(geometry instanceof Polygonal) || geometry.isEmpty()) {
      throw new IllegalArgumentException("boundary " + code + " must be a non-empty Polygon or "
          + "MultiPolygon, not " + (geometry.isEmpty() ? "an empty " : "a ") + geometry.getGeometryType());
    }
  }

  @Override
  public String toString() {
    // The default would print every vertex of the outline.
    return "Boundary[" + level.key() + " " + code + " " + name + ", "
        + geometry.getNumPoints() + " points]";
  }
}
