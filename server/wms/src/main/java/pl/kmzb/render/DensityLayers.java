package pl.kmzb.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.analytics.DensityLayer;
import pl.kmzb.geo.LonLat;
import pl.kmzb.style.Symbolizer;

/**
 * The density layer: the current kernel-density surface ({@link DensityLayer}, once per data
 * version, never per map) as a raster: each pixel takes the colour of its 1 km cell's reports per km²
 * from the style's colour map. GetFeatureInfo answers the cell under the pixel with the API's columns.
 */
final class DensityLayers {
  private volatile DensityLayer source;

  void source(DensityLayer source) {
    this.source = source;
  }

  private DensityLayer layer() {
    DensityLayer s = source;
    if (s == null) {
      throw new IllegalStateException("no density data on this server");
    }
    return s;
  }

  void draw(Graphics2D g, ViewTransform vt, LayerRequest l) {
    Symbolizer.RasterSymbolizer map = l.style().colorMap().orElse(null);
    if (map == null) {
      return; // a style without a colour map draws no raster
    }
    DensityLayer d = layer();
    DensityLayer.Snapshot s = d.current();
    int w = vt.view().width();
    int h = vt.view().height();
    BufferedImage raster = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < w; i++) {
        double[] xy = d.toGrid(vt.lonLatOf(i + 0.5, j + 0.5));
        double v = s.perSquareKilometre(xy[0], xy[1]);
        Color c = v > 0 ? ColorMaps.colour(map, v) : null;
        if (c != null) {
          int a = (int) Math.round(c.getAlpha() * Math.min(1, map.opacity()));
          raster.setRGB(i, j, (a << 24) | (c.getRGB() & 0xffffff));
        }
      }
    }
    g.drawImage(raster, 0, 0, null);
  }

  List<FeatureHit> hits(ViewTransform vt, LayerRequest l, double x, double y, int max) {
    if (max == 0) {
      return List.of();
    }
    DensityLayer d = layer();
    LonLat at = vt.lonLatOf(x, y);
    double[] xy = d.toGrid(at);
    return d.current().cellAt(xy[0], xy[1]).map(values -> {
      Map<String, Object> props = new LinkedHashMap<>();
      for (int i = 0; i < values.size(); i++) {
        props.put(DensityLayer.COLUMNS.get(i), values.get(i));
      }
      return List.of(new FeatureHit(l.layer().id(), values.get(0) + "," + values.get(1), props, at, Map.of(),
          Map.of()));
    }).orElse(List.of());
  }
}
