package pl.kmzb.wms;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.config.WmsSettings;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.indicator.IndicatorParameters;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.report.Actor;
import pl.kmzb.style.SldException;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.style.StyledLayer;

/**
 * Turns the parameters of GetMap, GetFeatureInfo and GetLegendGraphic into request records, raising
 * each problem as the {@link WmsException} the spec names. Every limit is checked here, before any
 * work: image size ({@code wms.max-width}/{@code -height}), layer count, parameter lengths.
 */
public final class RequestParser {
  private final LayerCatalog layers;
  private final StyleCatalog styles;
  private final CrsRegistry crs;
  private final WmsSettings limits;
  private final LayerFilters filters;
  /** Reads the indicator layers' vendor parameters; null: they are ignored (every default map). */
  private final IndicatorVariants indicators;

  public RequestParser(LayerCatalog layers, StyleCatalog styles, CrsRegistry crs, WmsSettings limits,
      LayerFilters filters) {
    this(layers, styles, crs, limits, filters, null);
  }

  public RequestParser(LayerCatalog layers, StyleCatalog styles, CrsRegistry crs, WmsSettings limits,
      LayerFilters filters, IndicatorVariants indicators) {
    this.layers = layers;
    this.styles = styles;
    this.crs = crs;
    this.limits = limits;
    this.filters = filters;
    this.indicators = indicators;
  }

  /** The frame a map request asked for, read leniently, for INIMAGE/BLANK answers to its own errors. */
  public ImageFrame frameOf(WmsParams p) {
    try {
      int w = p.integer("WIDTH").orElse(0);
      int h = p.integer("HEIGHT").orElse(0);
      Optional<MapFormat> f = p.text("FORMAT").flatMap(MapFormat::parse);
      if (w < 1 || h < 1 || w > limits.maxWidth() || h > limits.maxHeight() || f.isEmpty()) {
        return null;
      }
      return new ImageFrame(w, h, f.get(), p.bool("TRANSPARENT", false), background(p));
    } catch (WmsException e) {
      return null;
    }
  }

  public MapRequest map(WmsParams p, WmsVersion v, Optional<Actor> caller) {
    return map(p, v, caller, false);
  }

  private MapRequest map(WmsParams p, WmsVersion v, Optional<Actor> caller, boolean forFeatureInfo) {
    ExceptionFormat exceptions = ExceptionFormat.parse(p.get("EXCEPTIONS").orElse(null));
    // Some clients send the other version's name (CRS in 1.1.1, SRS in 1.3.0); it is taken when the
    // version's own is missing, as GeoServer and MapServer do.
    String own = v == WmsVersion.V1_3_0 ? "CRS" : "SRS";
    String other = v == WmsVersion.V1_3_0 ? "SRS" : "CRS";
    String crsParam = p.text(own).isEmpty() && p.text(other).isPresent() ? other : own;
    String crsId = p.require(crsParam);
    Crs c = crs.find(crsId).orElseThrow(() -> new WmsException(ExceptionCode.INVALID_CRS, crsParam,
        "the CRS '" + WmsParams.clip(crsId) + "' is not offered; offered: "
            + crs.supported().stream().map(Crs::code).toList()));
    Bounds bbox = bbox(p.require("BBOX"), c, crsId, v);
    int width = size(p, "WIDTH", limits.maxWidth());
    int height = size(p, "HEIGHT", limits.maxHeight());
    MapFormat format;
    if (forFeatureInfo) {
      format = p.text("FORMAT").flatMap(MapFormat::parse).orElse(MapFormat.PNG);
    } else {
      String f = p.require("FORMAT");
      format = MapFormat.parse(f).orElseThrow(() -> new WmsException(ExceptionCode.INVALID_FORMAT, "FORMAT",
          "the format '" + WmsParams.clip(f) + "' is not offered; offered: image/png, image/png; mode=8bit, image/jpeg"));
    }
    boolean transparent = p.bool("TRANSPARENT", false);
    Color background = background(p);
    String language = language(p);
    List<DrawnLayer> drawn = layers(p, caller);
    StandardGrids.GridTile tile = null;
    if (p.bool("TILED", false)) {
      tile = StandardGrids.match(c, bbox, width, height).orElse(null);
      if (tile != null) {
        bbox = StandardGrids.bounds(c, tile);
      }
    }
    boolean sld = p.text("SLD_BODY").isPresent();
    Map<String, IndicatorParameters> variants = indicators == null ? Map.of()
        : indicators.parse(p, drawn.stream().map(DrawnLayer::layer).toList());
    return new MapRequest(v, drawn, c, bbox, width, height, format, transparent, background, exceptions, language,
        tile, sld, variants);
  }

  public FeatureInfoRequest featureInfo(WmsParams p, WmsVersion v, Optional<Actor> caller) {
    MapRequest map = map(p, v, caller, true);
    List<DrawnLayer> query = new ArrayList<>();
    for (String name : list(p.require("QUERY_LAYERS"))) {
      List<DrawnLayer> matching = map.layers().stream()
          .filter(l -> l.layer().id().equals(name) || name.equals(l.layer().parent())).toList();
      if (matching.isEmpty()) {
        throw new WmsException(ExceptionCode.LAYER_NOT_DEFINED, "QUERY_LAYERS",
            "the query layer '" + WmsParams.clip(name) + "' is not among the map's LAYERS");
      }
      // A group asks its queryable layers; a layer named itself must be queryable.
      List<DrawnLayer> queryable = matching.stream().filter(l -> l.layer().queryable()).toList();
      boolean named = matching.stream().anyMatch(l -> l.layer().id().equals(name));
      if (queryable.isEmpty() || named && queryable.stream().noneMatch(l -> l.layer().id().equals(name))) {
        throw new WmsException(ExceptionCode.LAYER_NOT_QUERYABLE, "QUERY_LAYERS",
            "the layer '" + WmsParams.clip(name) + "' is not queryable");
      }
      for (DrawnLayer l : queryable) {
        if (!query.contains(l) && (!named || l.layer().id().equals(name))) {
          query.add(l);
        }
      }
    }
    InfoFormat format;
    Optional<String> f = p.text("INFO_FORMAT");
    if (f.isEmpty()) {
      if (v == WmsVersion.V1_3_0) {
        throw WmsException.missing("INFO_FORMAT");
      }
      format = InfoFormat.TEXT;
    } else {
      format = InfoFormat.parse(f.get()).orElseThrow(() -> new WmsException(ExceptionCode.INVALID_FORMAT, "INFO_FORMAT",
          "the info format '" + WmsParams.clip(f.get()) + "' is not offered; offered: text/plain, text/html,"
              + " application/json, application/vnd.ogc.gml/3.1.1"));
    }
    int count = p.integer("FEATURE_COUNT").orElse(1);
    if (count < 1) {
      throw WmsException.invalid("FEATURE_COUNT", "FEATURE_COUNT must be a positive whole number");
    }
    String iName = v == WmsVersion.V1_3_0 ? "I" : "X";
    String jName = v == WmsVersion.V1_3_0 ? "J" : "Y";
    int i = pixel(p, iName, map.width());
    int j = pixel(p, jName, map.height());
    return new FeatureInfoRequest(map, query, format, Math.min(count, limits.maxFeatureCount()), i, j);
  }

  public LegendRequest legend(WmsParams p, WmsVersion v, Optional<Actor> caller) {
    ExceptionFormat exceptions = ExceptionFormat.parse(p.get("EXCEPTIONS").orElse(null));
    PublishedLayer layer = layer(p.require("LAYER"), "LAYER", caller);
    if (layer.kind() == LayerKind.GROUP) {
      throw new WmsException(ExceptionCode.LAYER_NOT_DEFINED, "LAYER",
          "'" + layer.id() + "' is a group; a legend is drawn for one of its layers");
    }
    Style style = style(layer, p.text("STYLE").orElse(""), "STYLE");
    String rule = p.text("RULE").orElse(null);
    if (rule != null && style.rule(rule).isEmpty()) {
      throw WmsException.invalid("RULE", "the style '" + style.name() + "' has no rule '" + WmsParams.clip(rule) + "'");
    }
    String f = p.require("FORMAT");
    MapFormat format = MapFormat.parse(f).orElseThrow(() -> new WmsException(ExceptionCode.INVALID_FORMAT, "FORMAT",
        "the legend format '" + WmsParams.clip(f) + "' is not offered; offered: image/png, image/jpeg"));
    int width = p.has("WIDTH") ? size(p, "WIDTH", limits.maxWidth()) : 0;
    int height = p.has("HEIGHT") ? size(p, "HEIGHT", limits.maxHeight()) : 0;
    IndicatorParameters variant = indicators == null ? null : indicators.parse(p, List.of(layer)).get(layer.id());
    return new LegendRequest(v, layer, style, rule, format, width, height, language(p), exceptions, variant);
  }

  /** The layers of a map with their styles and filters; groups are replaced by their layers. */
  private List<DrawnLayer> layers(WmsParams p, Optional<Actor> caller) {
    List<StyledLayer> sld = sld(p);
    List<String> names = p.text("LAYERS").map(RequestParser::list)
        .orElseGet(() -> sld.stream().map(StyledLayer::layerName).toList());
    if (names.isEmpty()) {
      throw WmsException.missing("LAYERS");
    }
    if (names.size() > limits.maxLayers()) {
      throw WmsException.invalid("LAYERS", "at most " + limits.maxLayers() + " layers per request, got " + names.size());
    }
    List<String> styleNames = p.get("STYLES").map(String::strip).filter(s -> !s.isEmpty())
        .map(s -> List.of(s.split(",", -1))).orElse(List.of());
    if (!styleNames.isEmpty() && styleNames.size() != names.size()) {
      throw new WmsException(ExceptionCode.STYLE_NOT_DEFINED, "STYLES", "STYLES lists " + styleNames.size()
          + " entries for " + names.size() + " layers; give one per layer (empty for the default) or none");
    }
    FilterRequest asked = filters.request(p);
    List<DrawnLayer> out = new ArrayList<>();
    for (int n = 0; n < names.size(); n++) {
      PublishedLayer layer = layer(names.get(n), "LAYERS", caller);
      String styleName = styleNames.isEmpty() ? "" : styleNames.get(n).strip();
      Style inline = inlineStyle(sld, layer);
      if (layer.kind() == LayerKind.GROUP) {
        if (!styleName.isEmpty() && !styleName.equalsIgnoreCase("default")) {
          throw new WmsException(ExceptionCode.STYLE_NOT_DEFINED, "STYLES",
              "'" + layer.id() + "' is a group and has no style '" + WmsParams.clip(styleName) + "'");
        }
        for (PublishedLayer child : descendants(layer, caller)) {
          out.add(filters.draw(child, style(child, "", "STYLES"), asked, caller));
        }
      } else {
        out.add(filters.draw(layer, inline != null ? inline : style(layer, styleName, "STYLES"), asked, caller));
      }
    }
    // LayerLimit counts the layers a request names (WMS 1.3.0 §7.3.3.3), a group as one: a client
    // may name LayerLimit groups. What that draws stays bounded by the catalogue (each group holds a
    // fixed set of layers) and by the one image every layer is drawn onto.
    return out;
  }

  private List<PublishedLayer> descendants(PublishedLayer group, Optional<Actor> caller) {
    List<PublishedLayer> out = new ArrayList<>();
    for (PublishedLayer child : layers.children(group.id())) {
      if (!child.isPublic() && caller.isEmpty()) {
        continue;
      }
      if (child.kind() == LayerKind.GROUP) {
        out.addAll(descendants(child, caller));
      } else {
        out.add(child);
      }
    }
    return out;
  }

  /** A layer by name; a police layer for an anonymous caller is a 401 asking for credentials. */
  PublishedLayer layer(String name, String parameter, Optional<Actor> caller) {
    PublishedLayer layer = layers.find(name.strip()).orElseThrow(() -> new WmsException(ExceptionCode.LAYER_NOT_DEFINED,
        parameter, "no layer named '" + WmsParams.clip(name.strip()) + "'"));
    if (!layer.isPublic() && caller.isEmpty()) {
      throw WmsEndpoint.credentialsRequired("the layer '" + layer.id() + "' is for the police: sign in with HTTP Basic"
          + " (a police user's name and password) or a bearer token");
    }
    return layer;
  }

  private Style style(PublishedLayer layer, String name, String parameter) {
    String wanted = name.isEmpty() || name.equalsIgnoreCase("default") ? layer.defaultStyle() : name;
    if (wanted == null || !layer.styles().contains(wanted)) {
      throw new WmsException(ExceptionCode.STYLE_NOT_DEFINED, parameter, "the layer '" + layer.id()
          + "' has no style '" + WmsParams.clip(name) + "'; its styles: " + layer.styles());
    }
    return styles.find(wanted).orElseThrow(() -> new IllegalStateException("style " + wanted + " is not loaded"));
  }

  /**
   * The SLD_BODY's named layers. SLD= (a style by reference) is refused: fetching a URL a client
   * names would let anyone make the server request addresses of their choosing (SSRF), including
   * ones inside the police network; clients send the document itself in SLD_BODY instead.
   */
  private List<StyledLayer> sld(WmsParams p) {
    if (p.text("SLD").isPresent()) {
      throw WmsException.invalid("SLD", "SLD by reference is not supported: this server fetches no URLs a request"
          + " names; send the document in SLD_BODY, or use a named style (STYLES)");
    }
    Optional<String> body = p.text("SLD_BODY");
    if (body.isEmpty()) {
      return List.of();
    }
    try {
      return styles.parseDocument(body.get());
    } catch (SldException e) {
      throw WmsException.invalid("SLD_BODY", "the SLD_BODY is not a style this server draws: " + e.getMessage());
    }
  }

  private Style inlineStyle(List<StyledLayer> sld, PublishedLayer layer) {
    for (StyledLayer s : sld) {
      if (s.layerName().equals(layer.id())) {
        if (s.style() != null) {
          return s.style();
        }
        return style(layer, s.namedStyle(), "SLD_BODY");
      }
    }
    return null;
  }

  private Bounds bbox(String value, Crs c, String crsId, WmsVersion v) {
    String[] parts = value.split(",", -1);
    if (parts.length != 4) {
      throw WmsException.invalid("BBOX", "BBOX must be four numbers minx,miny,maxx,maxy, not '" + WmsParams.clip(value) + "'");
    }
    double[] n = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        n[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw WmsException.invalid("BBOX", "BBOX must be four numbers, not '" + WmsParams.clip(value) + "'");
      }
      if (!Double.isFinite(n[i])) {
        throw WmsException.invalid("BBOX", "BBOX must be four finite numbers, not '" + WmsParams.clip(value) + "'");
      }
    }
    if (!(n[0] < n[2] && n[1] < n[3])) {
      throw WmsException.invalid("BBOX", "BBOX minimum must be below maximum on both axes: '" + WmsParams.clip(value) + "'");
    }
    boolean northFirst = AxisOrder.northFirst(c, crsId,
        v == WmsVersion.V1_3_0 ? AxisOrder.Protocol.WMS_1_3_0 : AxisOrder.Protocol.WMS_1_1_1);
    return AxisOrder.bounds(n[0], n[1], n[2], n[3], northFirst);
  }

  private static int size(WmsParams p, String name, int max) {
    int v = p.integer(name).orElseThrow(() -> WmsException.missing(name));
    if (v < 1 || v > max) {
      throw WmsException.invalid(name, name + " must be between 1 and " + max + " pixels, got " + v);
    }
    return v;
  }

  private static int pixel(WmsParams p, String name, int size) {
    String raw = p.require(name);
    int v;
    try {
      v = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new WmsException(ExceptionCode.INVALID_POINT, name, name + " must be a whole pixel number, not '"
          + WmsParams.clip(raw) + "'");
    }
    if (v < 0 || v >= size) {
      throw new WmsException(ExceptionCode.INVALID_POINT, name, name + " = " + v + " lies outside the map (0 to "
          + (size - 1) + ")");
    }
    return v;
  }

  private static Color background(WmsParams p) {
    Optional<String> v = p.text("BGCOLOR");
    if (v.isEmpty()) {
      return ImageFrame.WHITE;
    }
    String s = v.get();
    String hex = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s.startsWith("#") ? s.substring(1) : null;
    if (hex == null || !hex.matches("[0-9A-Fa-f]{6}")) {
      throw WmsException.invalid("BGCOLOR", "BGCOLOR must be 0xRRGGBB, not '" + WmsParams.clip(s) + "'");
    }
    return new Color(Integer.parseInt(hex, 16));
  }

  static String language(WmsParams p) {
    return p.text("LANGUAGE").map(l -> l.toLowerCase(Locale.ROOT).startsWith("en") ? "en" : "pl").orElse("pl");
  }

  static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    for (String s : value.split(",", -1)) {
      out.add(s.strip());
    }
    return out;
  }
}
