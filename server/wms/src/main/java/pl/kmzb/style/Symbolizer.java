package pl.kmzb.style;

import java.util.List;

/**
 * What a rule draws: the SLD 1.0 / SE 1.1 symbolizers of the subset (see docs/notes/ogc-render.md,
 * "SLD subset"). Colours are expressions: a literal {@code #rrggbb} or a feature property.
 */
public sealed interface Symbolizer {

  /** A fill: colour and opacity 0..1. */
  record Fill(Expr colour, double opacity) {}

  /** A stroke: colour, width in pixels, opacity, and an optional dash pattern (null = solid). */
  record Stroke(Expr colour, double width, double opacity, float[] dashes) {}

  /** A well-known mark: circle, square, triangle, star, cross or x. */
  record Mark(String wellKnownName, Fill fill, Stroke stroke) implements GraphicElement {}

  /**
   * An external graphic: {@code icon:<maki-name>}, or {@code icon:{category}} for the icon the
   * category catalogue gives the feature's category; drawn as a glyph in {@code colour}
   * (white when null).
   */
  record ExternalGraphic(String href, String format) implements GraphicElement {
    public static final String CATEGORY_ICON = "icon:{category}";

    /** The fixed Maki name, or null when the icon is the feature's category's. */
    public String fixedIcon() {
      return href.equals(CATEGORY_ICON) ? null : href.substring("icon:".length());
    }
  }

  sealed interface GraphicElement permits Mark, ExternalGraphic {}

  /** The first element is drawn (SLD: the first one the renderer supports); size in pixels. */
  record Graphic(GraphicElement element, double size, double opacity, double rotation) {}

  record PointSymbolizer(Graphic graphic) implements Symbolizer {}

  record LineSymbolizer(Stroke stroke) implements Symbolizer {}

  record PolygonSymbolizer(Fill fill, Stroke stroke) implements Symbolizer {}

  record Font(String family, double size, boolean bold, boolean italic) {}

  record Halo(double radius, Fill fill) {}

  /** A label centred on the feature (polygons: an interior point); skipped where it would collide. */
  record TextSymbolizer(Expr label, Font font, Halo halo, Fill fill) implements Symbolizer {}

  /** One step of a colour map: at {@code quantity} the colour is {@code colour} with {@code opacity}. */
  record ColorMapEntry(String colour, double opacity, double quantity, String label) {}

  /**
   * A colour map over a value: {@code ramp} interpolates between entries, {@code intervals} takes
   * the entry whose quantity is the first at or above the value. Heat map: the value is the
   * log10(1 + public reports per km²); choropleth (GeoServer's intervals form): the area's report count.
   */
  record RasterSymbolizer(double opacity, boolean intervals, List<ColorMapEntry> entries) implements Symbolizer {}
}
