package pl.kmzb.boundary;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/** Projects test fixtures from lon/lat to PL-1992 (EPSG:2180), x = easting, y = northing. */
final class Epsg2180 {
  private Epsg2180() {}

  static ProjCoordinate project(double lon, double lat) {
    return transform().transform(new ProjCoordinate(lon, lat), new ProjCoordinate());
  }

  static Geometry project(Geometry lonLat) {
    CoordinateTransform transform = transform();
    Geometry copy = lonLat.copy();
    copy.apply(new CoordinateSequenceFilter() {
      @Override
      public void filter(CoordinateSequence seq, int i) {
        ProjCoordinate p = transform.transform(new ProjCoordinate(seq.getX(i), seq.getY(i)),
            new ProjCoordinate());
        seq.setOrdinate(i, CoordinateSequence.X, p.x);
        seq.setOrdinate(i, CoordinateSequence.Y, p.y);
      }

      @Override
      public boolean isDone() {
        return false;
      }

      @Override
      public boolean isGeometryChanged() {
        return true;
      }
    });
    return copy;
  }

  private static CoordinateTransform transform() {
    CRSFactory crs = new CRSFactory();
    return new CoordinateTransformFactory().createTransform(crs.createFromName("EPSG:4326"),
        crs.createFromName("EPSG:2180"));
  }
}
