package pl.kmzb.wms;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.indicator.IndicatorParameters;

/**
 * A GetMap request as parsed (also the map part of GetFeatureInfo): the layers with their styles and
 * filters, the view (CRS, bounds in the internal east/north order whatever the version's axis order,
 * size) and how to answer. {@code tile} is set when TILED=true named a tile of a standard grid;
 * {@code indicators} holds, by layer id, the map an indicator layer shows when the request's vendor
 * parameters ask for one other than its default ({@link IndicatorVariants}).
 */
public record MapRequest(WmsVersion version, List<DrawnLayer> layers, Crs crs, Bounds bbox, int width, int height,
    MapFormat format, boolean transparent, Color background, ExceptionFormat exceptions, String language,
    StandardGrids.GridTile tile, boolean sld, Map<String, IndicatorParameters> indicators) {

  public MapRequest {
    layers = List.copyOf(layers);
    indicators = Map.copyOf(indicators);
  }

  /** The frame INIMAGE and BLANK exceptions answer in. */
  public ImageFrame frame() {
    return new ImageFrame(width, height, format, transparent, background);
  }

  /** Whether any layer is a police layer (the answer is then private to the caller). */
  public boolean isPrivate() {
    return layers.stream().anyMatch(l -> !l.layer().isPublic());
  }
}
