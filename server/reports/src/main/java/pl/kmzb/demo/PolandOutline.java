package pl.kmzb.demo;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import pl.kmzb.geo.Envelope;

/**
 * A coarse outline of Poland ({@code demo/poland-outline.csv}, good to about 5 km) that keeps
 * synthetic points off the sea and out of the neighbours. Not for anything that needs the real
 * border: that comes from the boundary register.
 */
final class PolandOutline {
  private static final GeometryFactory GEOMETRY = new GeometryFactory();

  private final Polygon polygon;
  private final PreparedGeometry prepared;
  private final Envelope envelope;

  private PolandOutline(Polygon polygon) {
    this.polygon = polygon;
    this.prepared = PreparedGeometryFactory.prepare(polygon);
    org.locationtech.jts.geom.Envelope e = polygon.getEnvelopeInternal();
    this.envelope = new Envelope(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
  }

  static PolandOutline load() {
    List<ResourceCsv.Row> rows = ResourceCsv.read("poland-outline.csv", "lon,lat");
    Coordinate[] ring = new Coordinate[rows.size()];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = new Coordinate(rows.get(i).number(0), rows.get(i).number(1));
    }
    if (ring.length < 4 || !ring[0].equals2D(ring[ring.length - 1])) {
      throw new IllegalStateException("demo/poland-outline.csv: the ring must be closed (first vertex = last)");
    }
    Polygon polygon = GEOMETRY.createPolygon(ring);
    if (!polygon.isValid()) {
      throw new IllegalStateException("demo/poland-outline.csv: the outline is not a valid simple polygon");
    }
    PolandOutline outline = new PolandOutline(polygon);
    Envelope e = outline.envelope;
    if (!Envelope.POLAND.contains(e.minLon(), e.minLat()) || !Envelope.POLAND.contains(e.maxLon(), e.maxLat())) {
      throw new IllegalStateException("demo/poland-outline.csv: the outline leaves Envelope.POLAND: " + e);
    }
    return outline;
  }

  boolean contains(double lon, double lat) {
    return envelope.contains(lon, lat) && prepared.contains(GEOMETRY.createPoint(new Coordinate(lon, lat)));
  }

  /** Bounding box of the outline; always within {@link Envelope#POLAND}. */
  Envelope envelope() {
    return envelope;
  }

  int vertexCount() {
    return polygon.getNumPoints() - 1;
  }

  /** Area in square degrees; only good for comparing shares of the same outline. */
  double areaDegrees() {
    return polygon.getArea();
  }
}
