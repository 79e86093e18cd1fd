package pl.kmzb.wms;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.render.LegendRenderer;
import pl.kmzb.style.Style;

/**
 * GetLegendGraphic: the legend of one layer's style (all its rules, or the one RULE names) drawn by
 * {@link LegendRenderer} and encoded. WIDTH and HEIGHT size each rule's symbol (as GeoServer reads
 * them; SLD-WMS 1.1.0 §10.2 makes them hints), 20 pixels by default; the image grows with the rules
 * and their titles. Capabilities announce each legend's real size, measured once per layer, style
 * and language.
 */
public final class LegendService {
  private record SizeKey(String layer, String style, String language) {}

  private final LegendRenderer renderer;
  private final Map<SizeKey, int[]> sizes = new ConcurrentHashMap<>();
  /** The map of an indicator layer (its default map for a null variant), whose classes its legend shows. */
  private volatile java.util.function.BiFunction<PublishedLayer, pl.kmzb.indicator.IndicatorParameters,
      pl.kmzb.indicator.IndicatorMap> indicatorMaps;

  public LegendService(LegendRenderer renderer) {
    this.renderer = renderer;
  }

  /** Indicator layers' legends show the classes of the map asked for (by default its default map), from {@code maps}. */
  public void indicatorMaps(java.util.function.BiFunction<PublishedLayer, pl.kmzb.indicator.IndicatorParameters,
      pl.kmzb.indicator.IndicatorMap> maps) {
    this.indicatorMaps = maps;
  }

  public byte[] legend(LegendRequest r) {
    return r.format().encode(renderer.legend(r.layer(), styleOf(r.layer(), r.style(), r.indicator()), r.rule(),
        r.language(), r.width(), r.height()));
  }

  private Style styleOf(PublishedLayer layer, Style style, pl.kmzb.indicator.IndicatorParameters variant) {
    var maps = indicatorMaps;
    if (layer.kind() != pl.kmzb.layer.LayerKind.INDICATOR || maps == null) {
      return style;
    }
    return pl.kmzb.render.IndicatorLegend.style(style, maps.apply(layer, variant));
  }

  /** The default legend's size {width, height} for LegendURL, drawn once and remembered. */
  public int[] size(PublishedLayer layer, Style style, String language) {
    // An indicator legend changes with each import: its size is remembered per data version.
    String key = layer.kind() == pl.kmzb.layer.LayerKind.INDICATOR && indicatorMaps != null
        ? layer.id() + "@" + indicatorMaps.apply(layer, null).version() : layer.id();
    return sizes.computeIfAbsent(new SizeKey(key, style.name(), language), k -> {
      BufferedImage img = renderer.legend(layer, styleOf(layer, style, null), null, language, 0, 0);
      return new int[] {img.getWidth(), img.getHeight()};
    });
  }
}
