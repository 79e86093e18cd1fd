package pl.kmzb.mapstyle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.style.Expr;
import pl.kmzb.style.Rule;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleFilter;
import pl.kmzb.style.Symbolizer;

/**
 * A parsed SLD style ({@code styles/*.sld} through {@link pl.kmzb.style.SldReader}) as a MapLibre /
 * Mapbox GL style (version 8) over our vector tiles, so web and desktop clients draw the layers
 * with the WMS's look from one source: rule filters become expressions on the tiles' properties,
 * scale denominators zooms, category colours a {@code match} over {@code layers/categories.yaml}.
 *
 * <p>What has no counterpart without third-party hosting is left out and said here: the style has
 * no {@code glyphs} and no {@code sprite} (this server hosts neither fonts nor a sprite sheet), so
 * TextSymbolizers (labels such as cluster counts and unit names) and ExternalGraphics (the Maki
 * category icons drawn inside the status circles) are not written; every mark is a circle (MapLibre
 * has no square, star or triangle without sprites). Layers whose pictures are computed on the
 * server (heat map, choropleth, every layer without vector tiles) are served as the WMS's map
 * tiles in a raster layer instead: {@link #raster}.
 */
public final class MapboxStyle {
  /** MapLibre's zoom 0 shows the world in 512 pixels: the scale denominator of zoom 0 at 0.28 mm pixels. */
  static final double ZOOM0_SCALE = 2 * Math.PI * 6_378_137 / 512 / 0.00028;
  /** The colour of a category the catalogue does not know (never in public tiles: the policy hides them). */
  static final String UNKNOWN_COLOUR = "#808080";

  private final CategoryCatalog categories;

  public MapboxStyle(CategoryCatalog categories) {
    this.categories = categories;
  }

  /** A style over a vector source: one MapLibre layer per symbolizer it can draw, in SLD's order. */
  public Map<String, Object> vector(Style style, String sourceId, Map<String, Object> source, String sourceLayer,
      String name) {
    List<Map<String, Object>> layers = new ArrayList<>();
    int n = 0;
    for (Style.FeatureTypeStyle fts : style.featureTypeStyles()) {
      List<Object> earlier = new ArrayList<>();
      for (Rule rule : fts.rules()) {
        Object filter = rule.elseFilter() ? (earlier.isEmpty() ? null : List.of("!", any(earlier))) : filter(rule.filter());
        if (!rule.elseFilter() && filter != null) {
          earlier.add(filter);
        }
        for (Symbolizer s : rule.symbolizers()) {
          for (Map<String, Object> layer : layers(s)) {
            layer.put("id", style.name() + "-" + (rule.name() == null ? "rule" : rule.name()) + "-" + n++);
            layer.put("source", sourceId);
            layer.put("source-layer", sourceLayer);
            if (filter != null) {
              layer.put("filter", filter);
            }
            zooms(rule, layer);
            layers.add(reorder(layer));
          }
        }
      }
    }
    return document(name, Map.of(sourceId, source), layers);
  }

  /** A style of the server's map tiles of a layer (what only the server can draw). */
  public static Map<String, Object> raster(String name, String sourceId, Map<String, Object> source) {
    Map<String, Object> layer = new LinkedHashMap<>();
    layer.put("id", sourceId);
    layer.put("type", "raster");
    layer.put("source", sourceId);
    return document(name, Map.of(sourceId, source), List.of(layer));
  }

  private static Map<String, Object> document(String name, Map<String, Object> sources,
      List<Map<String, Object>> layers) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("version", 8);
    doc.put("name", name);
    doc.put("sources", sources);
    doc.put("layers", layers);
    return doc;
  }

  /** id, type, source, source-layer, filter, zooms, paint: the order people read them in. */
  private static Map<String, Object> reorder(Map<String, Object> layer) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : List.of("id", "type", "source", "source-layer", "filter", "minzoom", "maxzoom", "paint")) {
      if (layer.containsKey(key)) {
        out.put(key, layer.get(key));
      }
    }
    return out;
  }

  private static void zooms(Rule rule, Map<String, Object> layer) {
    if (rule.maxScale() < Double.POSITIVE_INFINITY && rule.maxScale() > 0) {
      layer.put("minzoom", Math.max(0, zoom(rule.maxScale())));
    }
    if (rule.minScale() > 0) {
      layer.put("maxzoom", Math.min(24, zoom(rule.minScale())));
    }
  }

  /** The MapLibre zoom of a scale denominator (512-pixel world at zoom 0, 0.28 mm pixels). */
  static double zoom(double scale) {
    return Math.round(Math.log(ZOOM0_SCALE / scale) / Math.log(2) * 1000) / 1000.0;
  }

  private List<Map<String, Object>> layers(Symbolizer s) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (s instanceof Symbolizer.PointSymbolizer p && p.graphic().element() instanceof Symbolizer.Mark m) {
      Map<String, Object> paint = new LinkedHashMap<>();
      paint.put("circle-radius", p.graphic().size() / 2);
      if (m.fill() != null) {
        paint.put("circle-color", colour(m.fill().colour()));
        paint.put("circle-opacity", m.fill().opacity() * p.graphic().opacity());
      } else {
        paint.put("circle-opacity", 0);
      }
      if (m.stroke() != null) {
        paint.put("circle-stroke-color", colour(m.stroke().colour()));
        paint.put("circle-stroke-width", m.stroke().width());
        paint.put("circle-stroke-opacity", m.stroke().opacity() * p.graphic().opacity());
      }
      out.add(layer("circle", paint));
    } else if (s instanceof Symbolizer.LineSymbolizer l) {
      out.add(layer("line", line(l.stroke())));
    } else if (s instanceof Symbolizer.PolygonSymbolizer p) {
      if (p.fill() != null) {
        Map<String, Object> paint = new LinkedHashMap<>();
        paint.put("fill-color", colour(p.fill().colour()));
        paint.put("fill-opacity", p.fill().opacity());
        out.add(layer("fill", paint));
      }
      if (p.stroke() != null) {
        out.add(layer("line", line(p.stroke())));
      }
    }
    return out;
  }

  private Map<String, Object> line(Symbolizer.Stroke stroke) {
    Map<String, Object> paint = new LinkedHashMap<>();
    paint.put("line-color", colour(stroke.colour()));
    paint.put("line-width", stroke.width());
    paint.put("line-opacity", stroke.opacity());
    if (stroke.dashes() != null && stroke.dashes().length > 0) {
      // SLD dashes are pixels, MapLibre's multiples of the line width.
      List<Double> dashes = new ArrayList<>();
      for (float d : stroke.dashes()) {
        dashes.add(d / Math.max(stroke.width(), 0.1));
      }
      paint.put("line-dasharray", dashes);
    }
    return paint;
  }

  private static Map<String, Object> layer(String type, Map<String, Object> paint) {
    Map<String, Object> layer = new LinkedHashMap<>();
    layer.put("type", type);
    layer.put("paint", paint);
    return layer;
  }

  /** A colour: the literal, or the category's colour from the catalogue. */
  Object colour(Expr e) {
    if (e instanceof Expr.Literal l) {
      return l.value();
    }
    String property = ((Expr.Property) e).name();
    if (!property.equals("category_colour")) {
      throw new IllegalArgumentException("no vector-tile property gives the colour '" + property + "'");
    }
    List<Object> match = new ArrayList<>(List.of("match", List.of("get", "category")));
    for (Category c : categories.all()) {
      match.add(c.code());
      match.add(c.colour());
    }
    match.add(UNKNOWN_COLOUR);
    return match;
  }

  /** A rule filter as a MapLibre expression, or null for "every feature". */
  static Object filter(StyleFilter f) {
    if (f == null || f == StyleFilter.ALL) {
      return null;
    }
    if (f instanceof StyleFilter.Compare c) {
      return compare(c.property(), op(c.op()), c.literal());
    }
    if (f instanceof StyleFilter.Between b) {
      return List.of("all", compare(b.property(), ">=", b.lower()), compare(b.property(), "<=", b.upper()));
    }
    if (f instanceof StyleFilter.And a) {
      return all("all", a.parts());
    }
    if (f instanceof StyleFilter.Or o) {
      return all("any", o.parts());
    }
    if (f instanceof StyleFilter.Not n) {
      return List.of("!", filter(n.part()));
    }
    throw new IllegalArgumentException("a style filter without a vector counterpart: " + f);
  }

  private static Object all(String op, List<StyleFilter> parts) {
    List<Object> out = new ArrayList<>(List.of(op));
    for (StyleFilter p : parts) {
      out.add(filter(p));
    }
    return out;
  }

  private static Object any(List<Object> filters) {
    List<Object> out = new ArrayList<>(List.of("any"));
    out.addAll(filters);
    return out;
  }

  private static String op(StyleFilter.Op op) {
    return switch (op) {
      case EQ -> "==";
      case NE -> "!=";
      case LT -> "<";
      case LE -> "<=";
      case GT -> ">";
      case GE -> ">=";
    };
  }

  /**
   * Numbers compare as numbers (as {@link StyleFilter} does), anything else as text. A feature
   * without the property matches only "not equal", as in {@link StyleFilter.Compare}: MapLibre would
   * take a missing value for 0 or "" (an area without a value in the shade-0 class of a choropleth).
   */
  private static Object compare(String property, String op, String literal) {
    Double number = number(literal);
    Object value = value(property);
    Object compared = number != null ? List.of(op, List.of("to-number", value), number)
        : List.of(op, List.of("to-string", value), literal);
    if (!(value instanceof List<?> l && "get".equals(l.get(0)))) {
      return compared; // a property the tiles always give a value (cluster, count, past_deadline)
    }
    return op.equals("!=") ? List.of("any", List.of("!", List.of("has", property)), compared)
        : List.of("all", List.of("has", property), compared);
  }

  /**
   * A style property as the vector tiles carry it: a single report has no {@code cluster} and no
   * {@code count} (the renderer's false and 1); the police tiles spell the deadline state
   * {@code pastDeadline}.
   */
  static Object value(String property) {
    return switch (property) {
      case "cluster" -> List.of("case", List.of("has", "cluster"), "true", "false");
      case "count" -> List.of("coalesce", List.of("get", "count"), 1);
      case "past_deadline" -> List.of("case", List.of("==", List.of("get", "pastDeadline"), true), "true", "false");
      default -> List.of("get", property);
    };
  }

  private static Double number(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
