package pl.kmzb.style;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import pl.kmzb.layer.Text;
import pl.kmzb.style.Style.FeatureTypeStyle;
import pl.kmzb.style.Symbolizer.ColorMapEntry;
import pl.kmzb.style.Symbolizer.ExternalGraphic;
import pl.kmzb.style.Symbolizer.Fill;
import pl.kmzb.style.Symbolizer.Font;
import pl.kmzb.style.Symbolizer.Graphic;
import pl.kmzb.style.Symbolizer.GraphicElement;
import pl.kmzb.style.Symbolizer.Halo;
import pl.kmzb.style.Symbolizer.Mark;
import pl.kmzb.style.Symbolizer.Stroke;
import pl.kmzb.style.XmlTree.Node;

/**
 * Reads the SLD 1.0 / SE 1.1 subset (docs/notes/ogc-render.md, "SLD subset") into {@link Style}s.
 * Elements are matched by local name, so both SLD 1.0 ({@code CssParameter}) and SE 1.1
 * ({@code SvgParameter}, {@code se:} names) read alike. Anything outside the subset is a problem
 * naming the source, the line and what is supported there: a style that would silently draw
 * something else than its author meant is worse than one refused.
 *
 * <p>Titles carry both languages as {@code Polski | English}; a title without {@code |} serves both.
 */
final class SldReader {
  static final Set<String> MARKS = Set.of("circle", "square", "triangle", "star", "cross", "x");
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final Pattern ICON = Pattern.compile("icon:(\\{category\\}|[a-z0-9-]+)");
  private static final Set<String> DESCRIPTIVE = Set.of("Name", "Title", "Abstract", "Description");
  private static final int MAX_RULES = 500;

  private final String source;
  private final List<String> problems = new ArrayList<>();
  private int rules;

  private SldReader(String source) {
    this.source = source;
  }

  /** Every NamedLayer of the document; throws {@link SldException} listing every problem. */
  static List<StyledLayer> read(String xml, String source) {
    Node root = XmlTree.parse(xml, source);
    SldReader reader = new SldReader(source);
    List<StyledLayer> out = reader.document(root);
    if (!reader.problems.isEmpty()) {
      throw new SldException(reader.problems);
    }
    return out;
  }

  private List<StyledLayer> document(Node root) {
    List<StyledLayer> out = new ArrayList<>();
    if (!root.name().equals("StyledLayerDescriptor")) {
      problem(root, "the root element must be StyledLayerDescriptor, found " + root.name());
      return out;
    }
    for (Node c : root.children()) {
      switch (c.name()) {
        case "NamedLayer" -> namedLayer(c, out);
        case "Name", "Title", "Abstract", "Description" -> { }
        default -> unsupported(c, root, "NamedLayer");
      }
    }
    if (out.isEmpty() && problems.isEmpty()) {
      problem(root, "no NamedLayer with a style");
    }
    return out;
  }

  private void namedLayer(Node n, List<StyledLayer> out) {
    String layer = n.childText("Name");
    if (layer == null || layer.isEmpty()) {
      problem(n, "NamedLayer needs a Name (the layer it styles)");
    }
    for (Node c : n.children()) {
      switch (c.name()) {
        case "UserStyle" -> {
          Style s = userStyle(c);
          if (s != null) {
            out.add(new StyledLayer(layer, s, null));
          }
        }
        case "NamedStyle" -> {
          String name = c.childText("Name");
          if (name == null || name.isEmpty()) {
            problem(c, "NamedStyle needs a Name");
          } else {
            out.add(new StyledLayer(layer, null, name));
          }
        }
        case "Name", "Title", "Abstract", "Description" -> { }
        default -> unsupported(c, n, "Name, NamedStyle, UserStyle");
      }
    }
  }

  private Style userStyle(Node n) {
    String name = n.childText("Name");
    Text title = title(n);
    List<FeatureTypeStyle> fts = new ArrayList<>();
    for (Node c : n.children()) {
      switch (c.name()) {
        case "FeatureTypeStyle" -> fts.add(featureTypeStyle(c));
        case "Name", "Title", "Abstract", "Description", "IsDefault" -> { }
        default -> unsupported(c, n, "Name, Title, Abstract, IsDefault, FeatureTypeStyle");
      }
    }
    if (fts.isEmpty()) {
      problem(n, "UserStyle " + (name == null ? "" : "'" + name + "' ") + "has no FeatureTypeStyle");
      return null;
    }
    return new Style(name == null ? "" : name, title != null ? title : text(name), fts, source);
  }

  private FeatureTypeStyle featureTypeStyle(Node n) {
    List<Rule> out = new ArrayList<>();
    for (Node c : n.children()) {
      switch (c.name()) {
        case "Rule" -> {
          if (++rules > MAX_RULES) {
            problem(c, "more than " + MAX_RULES + " rules");
            return new FeatureTypeStyle(out);
          }
          out.add(rule(c));
        }
        case "Name", "Title", "Abstract", "Description", "FeatureTypeName", "SemanticTypeIdentifier" -> { }
        default -> unsupported(c, n, "Rule");
      }
    }
    if (out.isEmpty()) {
      problem(n, "FeatureTypeStyle has no Rule");
    }
    return new FeatureTypeStyle(out);
  }

  private Rule rule(Node n) {
    StyleFilter filter = StyleFilter.ALL;
    boolean elseFilter = false;
    double min = 0;
    double max = Double.POSITIVE_INFINITY;
    List<Symbolizer> symbolizers = new ArrayList<>();
    for (Node c : n.children()) {
      switch (c.name()) {
        case "Filter" -> filter = filter(c);
        case "ElseFilter" -> elseFilter = true;
        case "MinScaleDenominator" -> min = number(c, c.text(), 0, Double.MAX_VALUE);
        case "MaxScaleDenominator" -> max = number(c, c.text(), 0, Double.POSITIVE_INFINITY);
        case "PointSymbolizer" -> symbolizers.add(new Symbolizer.PointSymbolizer(graphic(c.first("Graphic"), c)));
        case "LineSymbolizer" -> symbolizers.add(new Symbolizer.LineSymbolizer(stroke(required(c, "Stroke"))));
        case "PolygonSymbolizer" -> symbolizers.add(new Symbolizer.PolygonSymbolizer(fill(c.first("Fill")),
            stroke(c.first("Stroke"))));
        case "TextSymbolizer" -> symbolizers.add(text(c));
        case "RasterSymbolizer" -> symbolizers.add(raster(c));
        case "Name", "Title", "Abstract", "Description" -> { }
        default -> unsupported(c, n, "Name, Title, Filter, ElseFilter, MinScaleDenominator, MaxScaleDenominator,"
            + " PointSymbolizer, LineSymbolizer, PolygonSymbolizer, TextSymbolizer, RasterSymbolizer");
      }
    }
    for (Node c : n.children()) {
      if (c.name().endsWith("Symbolizer")) {
        checkOnly(c, Set.of("Graphic", "Stroke", "Fill", "Label", "Font", "Halo", "Opacity", "ColorMap"));
      }
    }
    if (min >= max) {
      problem(n, "MinScaleDenominator " + min + " is not below MaxScaleDenominator " + max);
    }
    if (symbolizers.isEmpty()) {
      problem(n, "Rule has no symbolizer");
    }
    String name = n.childText("Name");
    Text title = title(n);
    return new Rule(name, title, filter, elseFilter, min, max, symbolizers);
  }

  private StyleFilter filter(Node n) {
    if (n.children().size() != 1) {
      problem(n, "Filter must hold exactly one operator");
      return StyleFilter.ALL;
    }
    return operator(n.children().get(0));
  }

  private StyleFilter operator(Node n) {
    return switch (n.name()) {
      case "And", "Or" -> {
        List<StyleFilter> parts = n.children().stream().map(this::operator).toList();
        if (parts.size() < 2) {
          problem(n, n.name() + " needs at least two operands");
        }
        yield n.name().equals("And") ? new StyleFilter.And(parts) : new StyleFilter.Or(parts);
      }
      case "Not" -> {
        if (n.children().size() != 1) {
          problem(n, "Not needs exactly one operand");
          yield StyleFilter.ALL;
        }
        yield new StyleFilter.Not(operator(n.children().get(0)));
      }
      case "PropertyIsEqualTo" -> compare(n, StyleFilter.Op.EQ);
      case "PropertyIsNotEqualTo" -> compare(n, StyleFilter.Op.NE);
      case "PropertyIsLessThan" -> compare(n, StyleFilter.Op.LT);
      case "PropertyIsLessThanOrEqualTo" -> compare(n, StyleFilter.Op.LE);
      case "PropertyIsGreaterThan" -> compare(n, StyleFilter.Op.GT);
      case "PropertyIsGreaterThanOrEqualTo" -> compare(n, StyleFilter.Op.GE);
      case "PropertyIsBetween" -> between(n);
      default -> {
        problem(n, "filter operator " + n.name() + " is not supported (supported: And, Or, Not, PropertyIsEqualTo,"
            + " PropertyIsNotEqualTo, PropertyIsLessThan, PropertyIsLessThanOrEqualTo, PropertyIsGreaterThan,"
            + " PropertyIsGreaterThanOrEqualTo, PropertyIsBetween)");
        yield StyleFilter.ALL;
      }
    };
  }

  private StyleFilter compare(Node n, StyleFilter.Op op) {
    String property = n.childText("PropertyName");
    String literal = n.childText("Literal");
    if (property == null || literal == null || n.children().size() != 2) {
      problem(n, n.name() + " needs one PropertyName and one Literal");
      return StyleFilter.ALL;
    }
    return new StyleFilter.Compare(property(n, property), op, literal);
  }

  private StyleFilter between(Node n) {
    String property = n.childText("PropertyName");
    Node lower = n.first("LowerBoundary");
    Node upper = n.first("UpperBoundary");
    String lo = lower == null ? null : lower.childText("Literal");
    String hi = upper == null ? null : upper.childText("Literal");
    if (property == null || lo == null || hi == null) {
      problem(n, "PropertyIsBetween needs a PropertyName, a LowerBoundary and an UpperBoundary with a Literal each");
      return StyleFilter.ALL;
    }
    return new StyleFilter.Between(property(n, property), lo, hi);
  }

  private String property(Node at, String name) {
    if (!StyleProperties.KNOWN.containsKey(name)) {
      problem(at, "unknown property '" + name + "' (known: " + String.join(", ", StyleProperties.KNOWN.keySet()) + ")");
    }
    return name;
  }

  private Graphic graphic(Node n, Node parent) {
    if (n == null) {
      problem(parent, "PointSymbolizer needs a Graphic");
      return new Graphic(new Mark("circle", null, null), 6, 1, 0);
    }
    GraphicElement element = null;
    double size = 6;
    double opacity = 1;
    double rotation = 0;
    for (Node c : n.children()) {
      switch (c.name()) {
        case "Mark" -> element = element != null ? element : mark(c);
        case "ExternalGraphic" -> element = element != null ? element : external(c);
        case "Size" -> size = number(c, c.text(), 1, 256);
        case "Opacity" -> opacity = number(c, c.text(), 0, 1);
        case "Rotation" -> rotation = number(c, c.text(), -360, 360);
        default -> unsupported(c, n, "Mark, ExternalGraphic, Size, Opacity, Rotation");
      }
    }
    if (element == null) {
      problem(n, "Graphic needs a Mark or an ExternalGraphic");
      element = new Mark("circle", null, null);
    }
    return new Graphic(element, size, opacity, rotation);
  }

  private Mark mark(Node n) {
    checkOnly(n, Set.of("WellKnownName", "Fill", "Stroke"));
    String wkn = n.childText("WellKnownName");
    wkn = wkn == null ? "square" : wkn.toLowerCase(Locale.ROOT);
    if (!MARKS.contains(wkn)) {
      problem(n, "WellKnownName '" + wkn + "' is not supported (supported: " + String.join(", ", new java.util.TreeSet<>(MARKS)) + ")");
    }
    return new Mark(wkn, fill(n.first("Fill")), stroke(n.first("Stroke")));
  }

  private ExternalGraphic external(Node n) {
    checkOnly(n, Set.of("OnlineResource", "Format"));
    Node res = n.first("OnlineResource");
    String href = res == null ? null : res.attributes().get("href");
    if (href == null || !ICON.matcher(href).matches()) {
      problem(n, "ExternalGraphic must be an OnlineResource with xlink:href=\"icon:<maki-name>\" or"
          + " \"icon:{category}\", found " + (href == null ? "none" : "'" + href + "'"));
      href = ExternalGraphic.CATEGORY_ICON;
    }
    String format = n.childText("Format");
    return new ExternalGraphic(href, format == null ? "image/svg+xml" : format);
  }

  private Fill fill(Node n) {
    if (n == null) {
      return null;
    }
    Expr colour = new Expr.Literal("#808080");
    double opacity = 1;
    for (Node p : parameters(n)) {
      switch (p.attributes().getOrDefault("name", "")) {
        case "fill" -> colour = colour(p);
        case "fill-opacity" -> opacity = number(p, p.text(), 0, 1);
        default -> problem(p, "fill parameter '" + p.attributes().get("name") + "' is not supported (fill, fill-opacity)");
      }
    }
    return new Fill(colour, opacity);
  }

  private Stroke stroke(Node n) {
    if (n == null) {
      return null;
    }
    Expr colour = new Expr.Literal("#000000");
    double width = 1;
    double opacity = 1;
    float[] dashes = null;
    for (Node p : parameters(n)) {
      switch (p.attributes().getOrDefault("name", "")) {
        case "stroke" -> colour = colour(p);
        case "stroke-width" -> width = number(p, p.text(), 0, 64);
        case "stroke-opacity" -> opacity = number(p, p.text(), 0, 1);
        case "stroke-dasharray" -> dashes = dashes(p);
        case "stroke-linejoin", "stroke-linecap" -> { }
        default -> problem(p, "stroke parameter '" + p.attributes().get("name") + "' is not supported (stroke,"
            + " stroke-width, stroke-opacity, stroke-dasharray, stroke-linejoin, stroke-linecap)");
      }
    }
    return new Stroke(colour, width, opacity, dashes);
  }

  private float[] dashes(Node p) {
    String[] parts = p.text().strip().split("[\\s,]+");
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = (float) number(p, parts[i], 0.1, 256);
    }
    return out;
  }

  private List<Node> parameters(Node n) {
    List<Node> out = new ArrayList<>();
    for (Node c : n.children()) {
      if (c.name().equals("CssParameter") || c.name().equals("SvgParameter")) {
        out.add(c);
      } else {
        unsupported(c, n, "CssParameter, SvgParameter");
      }
    }
    return out;
  }

  /** A colour parameter: a literal {@code #rrggbb} or an {@code ogc:PropertyName}. */
  private Expr colour(Node p) {
    Node prop = p.first("PropertyName");
    if (prop != null) {
      return new Expr.Property(property(prop, prop.text().strip()));
    }
    String v = p.text().strip();
    if (!COLOUR.matcher(v).matches()) {
      problem(p, "colour '" + v + "' is not #rrggbb");
      return new Expr.Literal("#808080");
    }
    return new Expr.Literal(v);
  }

  private Symbolizer text(Node n) {
    Node label = required(n, "Label");
    Expr expr = new Expr.Literal("");
    if (label != null) {
      Node prop = label.first("PropertyName");
      expr = prop != null ? new Expr.Property(property(prop, prop.text().strip())) : new Expr.Literal(label.text().strip());
    }
    Node fontNode = n.first("Font");
    String family = "SansSerif";
    double size = 11;
    boolean bold = false;
    boolean italic = false;
    if (fontNode != null) {
      for (Node p : parameters(fontNode)) {
        switch (p.attributes().getOrDefault("name", "")) {
          case "font-family" -> family = p.text().strip();
          case "font-size" -> size = number(p, p.text(), 4, 72);
          case "font-weight" -> bold = p.text().strip().equalsIgnoreCase("bold");
          case "font-style" -> italic = p.text().strip().equalsIgnoreCase("italic");
          default -> problem(p, "font parameter '" + p.attributes().get("name") + "' is not supported");
        }
      }
    }
    Node haloNode = n.first("Halo");
    Halo halo = null;
    if (haloNode != null) {
      checkOnly(haloNode, Set.of("Radius", "Fill"));
      String r = haloNode.childText("Radius");
      halo = new Halo(r == null ? 1 : number(haloNode, r, 0, 16), fill(haloNode.first("Fill")));
    }
    Fill fill = fill(n.first("Fill"));
    return new Symbolizer.TextSymbolizer(expr, new Font(family, size, bold, italic), halo,
        fill == null ? new Fill(new Expr.Literal("#000000"), 1) : fill);
  }

  private Symbolizer raster(Node n) {
    String o = n.childText("Opacity");
    double opacity = o == null ? 1 : number(n, o, 0, 1);
    Node map = required(n, "ColorMap");
    List<ColorMapEntry> entries = new ArrayList<>();
    boolean intervals = false;
    if (map != null) {
      String type = map.attributes().getOrDefault("type", "ramp");
      if (!type.equals("ramp") && !type.equals("intervals")) {
        problem(map, "ColorMap type '" + type + "' is not supported (ramp, intervals)");
      }
      intervals = type.equals("intervals");
      double last = Double.NEGATIVE_INFINITY;
      for (Node e : map.children()) {
        if (!e.name().equals("ColorMapEntry")) {
          unsupported(e, map, "ColorMapEntry (SLD 1.0 form)");
          continue;
        }
        String colour = e.attributes().getOrDefault("color", "");
        if (!COLOUR.matcher(colour).matches()) {
          problem(e, "ColorMapEntry color '" + colour + "' is not #rrggbb");
        }
        double q = number(e, e.attributes().getOrDefault("quantity", ""), -Double.MAX_VALUE, Double.MAX_VALUE);
        if (q <= last) {
          problem(e, "ColorMapEntry quantities must increase (" + q + " after " + last + ")");
        }
        last = q;
        String op = e.attributes().get("opacity");
        entries.add(new ColorMapEntry(colour, op == null ? 1 : number(e, op, 0, 1), q, e.attributes().get("label")));
      }
      if (entries.isEmpty()) {
        problem(map, "ColorMap has no ColorMapEntry");
      }
    }
    return new Symbolizer.RasterSymbolizer(opacity, intervals, entries);
  }

  private Text title(Node n) {
    String t = n.childText("Title");
    if (t == null) {
      Node d = n.first("Description");
      t = d == null ? null : d.childText("Title");
    }
    if (t == null) {
      return null;
    }
    int bar = t.indexOf('|');
    if (bar < 0) {
      return text(t);
    }
    String pl = t.substring(0, bar).strip();
    String en = t.substring(bar + 1).strip();
    if (pl.isEmpty() || en.isEmpty()) {
      problem(n, "Title '" + t + "' needs text on both sides of '|' (Polski | English)");
      return null;
    }
    return new Text(pl, en);
  }

  /** The same text in both languages, or null for none. */
  private static Text text(String s) {
    return s == null || s.isBlank() ? null : new Text(s.strip(), s.strip());
  }

  private Node required(Node n, String child) {
    Node c = n.first(child);
    if (c == null) {
      problem(n, n.name() + " needs a " + child);
    }
    return c;
  }

  private void checkOnly(Node n, Set<String> allowed) {
    for (Node c : n.children()) {
      if (!allowed.contains(c.name()) && !DESCRIPTIVE.contains(c.name())) {
        unsupported(c, n, String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    }
  }

  private double number(Node at, String text, double min, double max) {
    try {
      double v = Double.parseDouble(text.strip());
      if (!(v >= min && v <= max)) {
        problem(at, at.name() + " " + text.strip() + " is out of range [" + min + ", " + max + "]");
        return Math.max(min, Math.min(max, Double.isNaN(v) ? min : v));
      }
      return v;
    } catch (NumberFormatException e) {
      problem(at, at.name() + " '" + text.strip() + "' is not a number");
      return min;
    }
  }

  private void unsupported(Node c, Node parent, String supported) {
    problem(c, c.name() + " is not supported in " + parent.name() + " (supported: " + supported + ")");
  }

  private void problem(Node at, String what) {
    problems.add(source + ":" + at.line() + ": " + what);
  }
}
