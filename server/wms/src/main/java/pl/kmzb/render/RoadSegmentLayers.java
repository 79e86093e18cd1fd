package pl.kmzb.render;

import java.awt.Shape;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import pl.kmzb.analytics.RoadSegmentLayer;
import pl.kmzb.crs.Bounds;

/**
 * The road-segment layer: each segment of the current ranking ({@link RoadSegmentLayer}, computed
 * once per data version, never per map) as a line whose style reads the API's columns
 * ({@link RoadSegmentFeature}); GetFeatureInfo answers the segments within the tolerance of the
 * pixel (plus half the widest line the shipped style draws), nearest first.
 */
final class RoadSegmentLayers {
  /** Half the widest line of {@code styles/road-segments.sld}, in pixels: a click on the drawn line hits. */
  static final double HALF_LINE = 4;

  private volatile Supplier<RoadSegmentLayer.Snapshot> segments = () -> {
    throw new IllegalStateException("no road-segment data on this server");
  };

  void source(Supplier<RoadSegmentLayer.Snapshot> segments) {
    this.segments = segments;
  }

  RoadSegmentLayer.Snapshot current() {
    return segments.get();
  }

  void draw(Painter painter, ViewTransform vt, double scale, LayerRequest l) {
    Bounds view = vt.lonLatBounds();
    // Drawn fewest incidents first, so the fullest lie on top where two meet.
    List<RoadSegmentLayer.Segment> all = new ArrayList<>(segments.get().segments());
    all.sort(Comparator.comparingInt(RoadSegmentLayer.Segment::rank).reversed());
    for (RoadSegmentLayer.Segment s : all) {
      if (!intersects(s, view)) {
        continue;
      }
      Shape shape = vt.shape(s.lonLat());
      Rectangle2D b = shape.getBounds2D();
      painter.shape(l.style(), scale, new RoadSegmentFeature(s), shape, b.getCenterX(), b.getCenterY(), s.incidents());
    }
  }

  List<FeatureHit> hits(ViewTransform vt, LayerRequest l, double x, double y, int tolerancePx, int max) {
    List<RoadSegmentLayer.Segment> near = new ArrayList<>();
    List<Double> distances = new ArrayList<>();
    for (RoadSegmentLayer.Segment s : segments.get().segments()) {
      double d = pixelDistance(vt, s, x, y);
      if (d <= tolerancePx + HALF_LINE) {
        near.add(s);
        distances.add(d);
      }
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < near.size(); i++) {
      order.add(i);
    }
    List<FeatureHit> out = new ArrayList<>();
    for (int i : MapRenderer.nearest(order, Comparator.comparingDouble(distances::get), max)) {
      RoadSegmentLayer.Segment s = near.get(i);
      Map<String, Object> props = MapRenderer.properties(new RoadSegmentFeature(s), RoadSegmentFeature.NAMES);
      out.add(new FeatureHit(l.layer().id(), String.valueOf(s.rank()), props, vt.lonLatOf(x, y), Map.of(), Map.of()));
    }
    return out;
  }

  private static boolean intersects(RoadSegmentLayer.Segment s, Bounds view) {
    Envelope e = s.lonLat().getEnvelopeInternal();
    return e.getMaxX() >= view.minX() && e.getMinX() <= view.maxX() && e.getMaxY() >= view.minY()
        && e.getMinY() <= view.maxY();
  }

  /** The distance in pixels from (x, y) to the segment's line as drawn on this view. */
  private static double pixelDistance(ViewTransform vt, RoadSegmentLayer.Segment s, double x, double y) {
    Coordinate[] cs = s.lonLat().getCoordinates();
    double[] xy = new double[2 * cs.length];
    for (int i = 0; i < cs.length; i++) {
      xy[2 * i] = cs[i].x;
      xy[2 * i + 1] = cs[i].y;
    }
    vt.toPixels(xy, cs.length);
    double best = Double.POSITIVE_INFINITY;
    for (int i = 1; i < cs.length; i++) {
      best = Math.min(best, java.awt.geom.Line2D.ptSegDist(xy[2 * i - 2], xy[2 * i - 1], xy[2 * i], xy[2 * i + 1], x,
          y));
    }
    return cs.length == 1 ? Math.hypot(xy[0] - x, xy[1] - y) : best;
  }
}
