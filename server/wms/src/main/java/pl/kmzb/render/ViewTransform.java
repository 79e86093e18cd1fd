package pl.kmzb.render;

import java.awt.Shape;
import java.awt.geom.Point2D;
import org.locationtech.jts.awt.PointTransformation;
import org.locationtech.jts.awt.ShapeWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.geo.LonLat;

/**
 * Stored positions (WGS 84 lon/lat) to the map's pixels: lon/lat → the view's CRS
 * ({@link CrsTransform}, in bulk) → pixel. Also the other way, for feature info, and the view's
 * extent in lon/lat (densified edges, so a projected view's curved image is covered).
 */
final class ViewTransform {
  private final MapView view;
  private final CrsTransform toView;
  private final CrsTransform toLonLat;
  private final Bounds lonLat;

  ViewTransform(MapView view, CrsRegistry registry) {
    this.view = view;
    this.toView = registry.fromLonLat(view.crs());
    this.toLonLat = registry.toLonLat(view.crs());
    Bounds b = toLonLat.apply(view.bbox());
    this.lonLat = new Bounds(Math.max(-180, b.minX()), Math.max(-90, b.minY()), Math.min(180, b.maxX()),
        Math.min(90, b.maxY()));
  }

  MapView view() {
    return view;
  }

  /** The view's extent in lon/lat, clamped to the globe. */
  Bounds lonLatBounds() {
    return lonLat;
  }

  /** Turns {@code n} lon/lat pairs of {@code xy} into pixel column/row pairs, in place. */
  void toPixels(double[] xy, int n) {
    toView.apply(xy, 0, n);
    for (int i = 0; i < n; i++) {
      xy[2 * i] = view.column(xy[2 * i]);
      xy[2 * i + 1] = view.row(xy[2 * i + 1]);
    }
  }

  /** Turns {@code n} pixel column/row pairs of {@code xy} into lon/lat pairs (clamped to the globe), in place. */
  void toLonLat(double[] xy, int n) {
    for (int i = 0; i < n; i++) {
      xy[2 * i] = view.x(xy[2 * i]);
      xy[2 * i + 1] = view.y(xy[2 * i + 1]);
    }
    toLonLat.apply(xy, 0, n);
    for (int i = 0; i < 2 * n; i += 2) {
      xy[i] = Math.max(-180, Math.min(180, xy[i]));
      xy[i + 1] = Math.max(-90, Math.min(90, xy[i + 1]));
    }
  }

  /** The lon/lat of a pixel (its centre when given i + 0.5). */
  LonLat lonLatOf(double column, double row) {
    double[] p = toLonLat.apply(view.x(column), view.y(row));
    return new LonLat(Math.max(-180, Math.min(180, p[0])), Math.max(-90, Math.min(90, p[1])));
  }

  /** A lon/lat geometry as a pixel-space shape: reprojected in bulk, then scaled. */
  Shape shape(Geometry lonLatGeometry) {
    Geometry g = toView.apply(lonLatGeometry);
    PointTransformation toPixel = (Coordinate src, Point2D dest) -> dest.setLocation(view.column(src.x),
        view.row(src.y));
    ShapeWriter writer = new ShapeWriter(toPixel);
    writer.setRemoveDuplicatePoints(true);
    // JTS decimates in model units (the view CRS's): half a pixel there, not 0.5 of a degree or metre,
    // or areas smaller than half a degree vanish from EPSG:4326 / CRS:84 maps.
    writer.setDecimation(0.5 * Math.min(view.bbox().width() / view.width(), view.bbox().height() / view.height()));
    return writer.toShape(g);
  }
}
