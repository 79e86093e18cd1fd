package pl.kmzb.render;

import java.awt.Shape;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Envelope;
import pl.kmzb.analytics.HotspotLayer;
import pl.kmzb.crs.Bounds;
import pl.kmzb.geo.LonLat;
import pl.kmzb.style.Feature;

/**
 * The hot-spot layer: each significant cell of the current Gi* computation ({@link HotspotLayer},
 * once per data version, never per map) as a square whose style reads the API's columns;
 * GetFeatureInfo answers the listed cell under the pixel.
 */
final class HotspotLayers {
  private volatile HotspotLayer source;

  void source(HotspotLayer source) {
    this.source = source;
  }

  private HotspotLayer layer() {
    HotspotLayer s = source;
    if (s == null) {
      throw new IllegalStateException("no hot-spot data on this server");
    }
    return s;
  }

  void draw(Painter painter, ViewTransform vt, double scale, LayerRequest l) {
    Bounds view = vt.lonLatBounds();
    for (HotspotLayer.Cell c : layer().current().cells()) {
      Envelope e = c.lonLat().getEnvelopeInternal();
      if (e.getMaxX() < view.minX() || e.getMinX() > view.maxX() || e.getMaxY() < view.minY()
          || e.getMinY() > view.maxY()) {
        continue;
      }
      Shape shape = vt.shape(c.lonLat());
      painter.shape(l.style(), scale, feature(c), shape, Double.NaN, Double.NaN, 0);
    }
  }

  List<FeatureHit> hits(ViewTransform vt, LayerRequest l, double x, double y, int max) {
    if (max == 0) {
      return List.of();
    }
    HotspotLayer h = layer();
    LonLat at = vt.lonLatOf(x, y);
    double[] xy = h.toGrid(at);
    return h.current().cellAt(xy[0], xy[1]).map(c -> List.of(new FeatureHit(l.layer().id(), c.id(),
        MapRenderer.properties(feature(c), HotspotLayer.COLUMNS.toArray(String[]::new)), at, Map.of(), Map.of())))
        .orElse(List.of());
  }

  /** A cell as a style sees it: the API's columns by their names. */
  private static Feature feature(HotspotLayer.Cell c) {
    return name -> HotspotLayer.COLUMNS.contains(name) ? c.value(name) : null;
  }
}
