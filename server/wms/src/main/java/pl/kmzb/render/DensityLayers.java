package pl.kmzb.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.analytics.DensityLayer;
import pl.kmzb.geo.LonLat;
import pl.kmzb.style.Symbolizer;

/**
 * The density layer: the current kernel-density surface ({@link DensityLayer}, once per data
 * version, never per map) as a raster: each pixel takes the colour of its 1 km cell's reports per km²
 * from the style's colour map; the cell under each pixel is found through {@link PixelPositions}.
 * GetFeatureInfo answers the cell under the pixel with the API's columns.
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
    ColorMaps.Compiled colours = new ColorMaps.Compiled(map);
    int w = vt.view().width();
    int h = vt.view().height();
    if (s.lonLatBounds() == null) {
      return; // nothing computed yet
    }
    PixelPositions grid = new PixelPositions(vt, d::toGrid, s.lonLatBounds());
    BufferedImage raster = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    int[] argb = ((DataBufferInt) raster.getRaster().getDataBuffer()).getData();
    double[] x = new double[w];
    double[] y = new double[w];
    int lastCell = -1;
    int lastColour = 0;
    for (int j = 0; j < h; j++) {
      grid.row(j, x, y);
      for (int i = 0; i < w; i++) {
        int cell = s.cellOf(x[i], y[i]);
        if (cell < 0) {
          continue;
        }
        if (cell != lastCell) {
          double v = s.perSquareKilometre(cell);
          lastColour = v > 0 ? colours.argb(v) : 0;
          lastCell = cell;
        }
        argb[j * w + i] = lastColour;
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
