package pl.kmzb.fes;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.locationtech.jts.geom.Geometry;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.UnknownCrsException;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.Queryables;

/**
 * A Filter Encoding 2.0 {@code <fes:Filter>} (and the FES 1.1 {@code <ogc:Filter>} WFS 1.1 sends)
 * into the filter AST:
 *
 * <ul>
 *   <li>comparison: PropertyIsEqualTo, …NotEqualTo, …LessThan, …GreaterThan, …LessThanOrEqualTo,
 *       …GreaterThanOrEqualTo (operands in either order; {@code matchCase="false"} on equality),
 *       PropertyIsLike (its own wildCard, singleChar, escapeChar), PropertyIsNull, PropertyIsNil,
 *       PropertyIsBetween;
 *   <li>logical: And, Or, Not;
 *   <li>spatial: BBOX, Intersects, Within, Contains, Disjoint, Equals, Touches, Crosses, Overlaps,
 *       DWithin, Beyond (distances in m, km, ft or mi), with GML 3.2 / 3.1.1 geometries whose
 *       srsName is read in the protocol's axis order for that spelling ({@link AxisOrder});
 *   <li>temporal: After, Before, During, TEquals, Begins, Ends, Meets, MetBy, AnyInteracts with
 *       gml:TimeInstant, gml:TimePeriod or a literal; TContains, BegunBy, EndedBy, TOverlaps and
 *       OverlappedBy never hold for the reports' instants;
 *   <li>ResourceId (rid {@code reports.123} or {@code 123}); FES 1.1 FeatureId and GmlObjectId.
 * </ul>
 *
 * Literals are text and take their property's type ({@link Queryables#check} with text literals).
 * Every error is a {@link FesException} with the exception code the WFS reports.
 */
public final class FesParser {
  public static final String FES_20 = "http://www.opengis.net/fes/2.0";
  public static final String FES_11 = "http://www.opengis.net/ogc";

  private static final Map<String, Expr.CompareOp> COMPARISONS = Map.of(
      "PropertyIsEqualTo", Expr.CompareOp.EQ, "PropertyIsNotEqualTo", Expr.CompareOp.NE,
      "PropertyIsLessThan", Expr.CompareOp.LT, "PropertyIsLessThanOrEqualTo", Expr.CompareOp.LE,
      "PropertyIsGreaterThan", Expr.CompareOp.GT, "PropertyIsGreaterThanOrEqualTo", Expr.CompareOp.GE);
  private static final Map<String, Expr.SpatialOp> SPATIAL = Map.ofEntries(
      Map.entry("BBOX", Expr.SpatialOp.BBOX), Map.entry("Intersects", Expr.SpatialOp.INTERSECTS),
      Map.entry("Within", Expr.SpatialOp.WITHIN), Map.entry("Contains", Expr.SpatialOp.CONTAINS),
      Map.entry("Disjoint", Expr.SpatialOp.DISJOINT), Map.entry("Equals", Expr.SpatialOp.EQUALS),
      Map.entry("Touches", Expr.SpatialOp.TOUCHES), Map.entry("Crosses", Expr.SpatialOp.CROSSES),
      Map.entry("Overlaps", Expr.SpatialOp.OVERLAPS), Map.entry("DWithin", Expr.SpatialOp.DWITHIN),
      Map.entry("Beyond", Expr.SpatialOp.BEYOND));
  private static final Map<String, Expr.TemporalOp> TEMPORAL = Map.of(
      "After", Expr.TemporalOp.AFTER, "Before", Expr.TemporalOp.BEFORE, "During", Expr.TemporalOp.DURING,
      "TEquals", Expr.TemporalOp.TEQUALS, "Begins", Expr.TemporalOp.STARTS, "Ends", Expr.TemporalOp.FINISHES,
      "Meets", Expr.TemporalOp.MEETS, "MetBy", Expr.TemporalOp.METBY, "AnyInteracts", Expr.TemporalOp.INTERSECTS);
  /** Relations an instant never has with an interval (Allen, an instant being [t, t]). */
  private static final Set<String> NEVER = Set.of("TContains", "BegunBy", "EndedBy", "TOverlaps", "OverlappedBy");
  private static final Map<String, Double> METRES = Map.ofEntries(Map.entry("m", 1.0), Map.entry("metre", 1.0),
      Map.entry("meter", 1.0), Map.entry("metres", 1.0), Map.entry("meters", 1.0),
      Map.entry("urn:ogc:def:uom:epsg::9001", 1.0), Map.entry("km", 1000.0), Map.entry("kilometre", 1000.0),
      Map.entry("kilometer", 1000.0), Map.entry("urn:ogc:def:uom:epsg::9036", 1000.0), Map.entry("ft", 0.3048),
      Map.entry("urn:ogc:def:uom:epsg::9002", 0.3048), Map.entry("mi", 1609.344), Map.entry("[mi_i]", 1609.344));

  /** GML's standard properties of every feature (gml:AbstractFeatureType); no feature here has one. */
  private static final Set<String> GML_STANDARD = Set.of("name", "description", "identifier", "descriptionReference",
      "boundedBy");
  /** The GML schema's grid-size property, derived from the category rather than stored. */
  private static final String GENERALISED_GRID = "generalisedToMetres";

  private final Queryables view;
  private final CrsRegistry registry;
  private final AxisOrder.Protocol protocol;
  private final FilterCrs defaultCrs;
  private final Map<String, String> aliases;

  /**
   * @param protocol decides the axis order of each srsName spelling (WFS 2.0 or 1.1)
   * @param defaultCrs for geometries without an srsName (the feature type's default CRS)
   * @param aliases value references the service publishes under other names (its GML property
   *     names) mapped to queryable names; the geometry's name maps to {@link Queryables#GEOMETRY}
   */
  public FesParser(Queryables view, CrsRegistry registry, AxisOrder.Protocol protocol, FilterCrs defaultCrs,
      Map<String, String> aliases) {
    this.view = view;
    this.registry = registry;
    this.protocol = protocol;
    this.defaultCrs = defaultCrs;
    this.aliases = Map.copyOf(aliases);
  }

  /** A filter document (the FILTER parameter of a KVP request). */
  public Expr parse(String xml) {
    return parse(XmlTree.parse(xml));
  }

  /** The filter element the reader stands on (inside a GetFeature body), read to its end. */
  public Expr parse(XMLStreamReader reader) {
    try {
      return parse(XmlTree.read(reader));
    } catch (XMLStreamException e) {
      throw new FesException(FesException.PARSING_FAILED, "filter", "the filter is not well-formed XML: " + e.getMessage());
    }
  }

  /** A fes:Filter element already read with the bounds of {@link XmlTree} (inside a WFS-T Update). */
  public Expr parse(XmlTree filter) {
    if (!filter.name().equals("Filter") || !isFes(filter)) {
      throw parsing("expected a fes:Filter (" + FES_20 + ") or ogc:Filter (" + FES_11 + "), got " + filter.name());
    }
    if (filter.children().isEmpty()) {
      throw parsing("the Filter is empty");
    }
    Expr e;
    if (filter.children().stream().allMatch(FesParser::isId)) {
      e = ids(filter.children());
    } else if (filter.children().size() == 1) {
      e = operator(filter.children().get(0));
    } else {
      throw parsing("a Filter holds one operator (or only resource ids); join several with And or Or");
    }
    try {
      return view.check(e, true);
    } catch (FilterException ex) {
      throw new FesException(FesException.INVALID_VALUE, ex.parameter(), ex.getMessage());
    }
  }

  private static boolean isFes(XmlTree t) {
    return t.ns().equals(FES_20) || t.ns().equals(FES_11);
  }

  private static boolean isId(XmlTree t) {
    return Set.of("ResourceId", "FeatureId", "GmlObjectId").contains(t.name());
  }

  private Expr operator(XmlTree t) {
    if (!isFes(t)) {
      throw parsing("'" + t.name() + "' (" + t.ns() + ") is not a filter operator");
    }
    String n = t.name();
    if (n.equals("And") || n.equals("Or")) {
      if (t.children().size() < 2) {
        throw parsing(n + " needs at least two operands");
      }
      List<Expr> parts = new ArrayList<>();
      List<XmlTree> idElements = new ArrayList<>();
      for (XmlTree c : t.children()) {
        if (isId(c)) {
          idElements.add(c);
        } else {
          parts.add(operator(c));
        }
      }
      if (!idElements.isEmpty()) {
        parts.add(ids(idElements));
      }
      return n.equals("And") ? new Expr.And(parts) : new Expr.Or(parts);
    } else if (n.equals("Not")) {
      if (t.children().size() != 1) {
        throw parsing("Not needs exactly one operand");
      }
      XmlTree c = t.children().get(0);
      return new Expr.Not(isId(c) ? ids(List.of(c)) : operator(c));
    } else if (COMPARISONS.containsKey(n)) {
      return comparison(t, COMPARISONS.get(n));
    } else if (n.equals("PropertyIsLike")) {
      return like(t);
    } else if (n.equals("PropertyIsNull") || n.equals("PropertyIsNil")) {
      XmlTree ref = only(t, 1).get(0);
      if (isReference(ref) && gmlStandard(ref) != null) {
        return Expr.INCLUDE; // no feature has a GML standard property: each is null
      } else if (isReference(ref) && isGeneralisedGrid(ref)) {
        return Expr.EXCLUDE; // every feature has a grid size, 0 when exact
      }
      return new Expr.IsNull(property(ref));
    } else if (n.equals("PropertyIsBetween")) {
      return between(t);
    } else if (SPATIAL.containsKey(n)) {
      return spatial(t, SPATIAL.get(n));
    } else if (TEMPORAL.containsKey(n) || NEVER.contains(n)) {
      return temporal(t);
    } else if (isId(t)) {
      return ids(List.of(t));
    }
    throw invalid("filter", "the operator '" + n + "' is not supported");
  }

  private Expr comparison(XmlTree t, Expr.CompareOp op) {
    List<XmlTree> operands = only(t, 2);
    boolean propertyFirst = isReference(operands.get(0));
    XmlTree ref = propertyFirst ? operands.get(0) : operands.get(1);
    XmlTree lit = propertyFirst ? operands.get(1) : operands.get(0);
    if (isReference(ref) && gmlStandard(ref) != null) {
      return absent(t, gmlStandard(ref));
    }
    if (!isReference(ref) || !lit.name().equals("Literal")) {
      throw invalid("filter", t.name() + " needs a ValueReference and a Literal (functions and property-to-property"
          + " comparisons are not supported)");
    }
    if (isGeneralisedGrid(ref)) {
      Expr.CompareOp o = propertyFirst ? op : mirrored(op);
      int v = gridLiteral(lit.text());
      return gridCategories(m -> switch (o) {
        case EQ -> m == v;
        case NE -> m != v;
        case LT -> m < v;
        case LE -> m <= v;
        case GT -> m > v;
        case GE -> m >= v;
      });
    }
    String property = property(ref);
    String value = lit.text();
    boolean matchCase = !"false".equalsIgnoreCase(t.attribute("matchCase"));
    if (!matchCase && (op == Expr.CompareOp.EQ || op == Expr.CompareOp.NE)
        && view.property(property).type() == Queryables.Type.STRING) {
      Expr like = new Expr.Like(property, value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"), '%', '_',
          '\\', true);
      return op == Expr.CompareOp.EQ ? like : new Expr.Not(like);
    }
    return new Expr.Compare(propertyFirst ? op : mirrored(op), property, value);
  }

  /** The operator with its operands swapped (Literal first): a < b is b > a. */
  private static Expr.CompareOp mirrored(Expr.CompareOp op) {
    return switch (op) {
      case LT -> Expr.CompareOp.GT;
      case LE -> Expr.CompareOp.GE;
      case GT -> Expr.CompareOp.LT;
      case GE -> Expr.CompareOp.LE;
      default -> op;
    };
  }

  /**
   * A predicate on one of GML's standard feature properties (gml:name, gml:description,
   * gml:identifier, gml:boundedBy): every feature type inherits them from gml:AbstractFeatureType,
   * so they are valid references (FES 2.0, 7.4.4), but no feature of this server carries one. A
   * value never compares with an absent property; gml:boundedBy is an envelope, which no scalar
   * comparison can take, so that is a processing failure (FES 2.0, 7.7.2, OperationProcessingFailed).
   */
  private static Expr absent(XmlTree t, String gmlName) {
    if (gmlName.equals("boundedBy")) {
      throw new FesException(FesException.PROCESSING_FAILED, "filter", t.name() + " cannot compare gml:boundedBy, an envelope,"
          + " with a value");
    }
    return Expr.EXCLUDE;
  }

  /** The local name if the reference names a GML standard feature property, else null. */
  private static String gmlStandard(XmlTree ref) {
    String path = ref.text().strip();
    String step = path.substring(path.lastIndexOf('/') + 1);
    int colon = step.indexOf(':');
    String local = step.substring(colon + 1);
    return colon > 0 && step.substring(0, colon).equals("gml") && GML_STANDARD.contains(local) ? local : null;
  }

  /**
   * Whether the reference names {@code generalisedToMetres}, which the GML schema publishes but the
   * view does not store: it follows from the category (its grid size in this view, 0 for exact
   * positions), so predicates on it become a set of categories.
   */
  private boolean isGeneralisedGrid(XmlTree ref) {
    String name = referenceName(ref);
    return name.equals(GENERALISED_GRID) && view.properties().stream().noneMatch(p -> p.name().equals(name));
  }

  private static int gridLiteral(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw invalid(GENERALISED_GRID, "'" + text.strip() + "' is not a whole number of metres");
    }
  }

  /** The categories whose grid size in this view passes the test, as a filter on category. */
  private Expr gridCategories(java.util.function.IntPredicate test) {
    List<Object> codes = new ArrayList<>();
    for (String code : new TreeSet<>(view.groupOf().keySet())) {
      if (test.test(view.generalised().getOrDefault(code, 0))) {
        codes.add(code);
      }
    }
    return codes.isEmpty() ? Expr.EXCLUDE : new Expr.In("category", codes);
  }

  private Expr like(XmlTree t) {
    List<XmlTree> operands = only(t, 2);
    if (!isReference(operands.get(0)) || !operands.get(1).name().equals("Literal")) {
      throw invalid("filter", "PropertyIsLike needs a ValueReference and then a Literal");
    }
    if (gmlStandard(operands.get(0)) != null) {
      return absent(t, gmlStandard(operands.get(0)));
    }
    char wild = oneChar(t, "wildCard", '*');
    char single = oneChar(t, "singleChar", '.');
    String esc = t.attribute("escapeChar") != null ? "escapeChar" : "escape";
    char escape = oneChar(t, esc, '!');
    boolean matchCase = !"false".equalsIgnoreCase(t.attribute("matchCase"));
    try {
      return new Expr.Like(property(operands.get(0)), operands.get(1).text(), wild, single, escape, !matchCase);
    } catch (FilterException e) {
      throw invalid("filter", e.getMessage());
    }
  }

  private static char oneChar(XmlTree t, String attribute, char fallback) {
    String v = t.attribute(attribute);
    if (v == null) {
      return fallback;
    } else if (v.length() != 1) {
      throw invalid("filter", "PropertyIsLike's " + attribute + " must be one character, got '" + v + "'");
    }
    return v.charAt(0);
  }

  private Expr between(XmlTree t) {
    XmlTree ref = t.children().isEmpty() ? null : t.children().get(0);
    XmlTree lower = t.child("LowerBoundary");
    XmlTree upper = t.child("UpperBoundary");
    if (ref == null || !isReference(ref) || lower == null || upper == null) {
      throw invalid("filter", "PropertyIsBetween needs a ValueReference, a LowerBoundary and an UpperBoundary");
    }
    if (gmlStandard(ref) != null) {
      return absent(t, gmlStandard(ref));
    }
    if (isGeneralisedGrid(ref)) {
      int lo = gridLiteral(boundary(lower));
      int hi = gridLiteral(boundary(upper));
      return gridCategories(m -> m >= lo && m <= hi);
    }
    return new Expr.Between(property(ref), boundary(lower), boundary(upper));
  }

  private static String boundary(XmlTree b) {
    XmlTree lit = b.child("Literal");
    if (lit == null) {
      throw invalid("filter", b.name() + " needs a Literal");
    }
    return lit.text();
  }

  private Expr spatial(XmlTree t, Expr.SpatialOp op) {
    XmlTree geometry = null;
    XmlTree distance = null;
    for (XmlTree c : t.children()) {
      if (isReference(c)) {
        String p = property(c);
        if (!p.equals(Queryables.GEOMETRY)) {
          throw invalid(p, "'" + p + "' is not a geometry property; spatial operators test '" + Queryables.GEOMETRY + "'");
        }
      } else if (c.name().equals("Distance")) {
        distance = c;
      } else if (geometry == null) {
        geometry = c;
      } else {
        throw invalid("filter", t.name() + " takes one geometry");
      }
    }
    if (geometry == null) {
      throw invalid("filter", t.name() + " needs a geometry");
    }
    if (geometry.name().equals("Literal") && geometry.children().size() == 1) {
      geometry = geometry.children().get(0);
    }
    Geometry lonLat = lonLat(geometry);
    boolean needsDistance = op == Expr.SpatialOp.DWITHIN || op == Expr.SpatialOp.BEYOND;
    if (needsDistance != (distance != null)) {
      throw invalid("filter", needsDistance ? t.name() + " needs a Distance" : t.name() + " takes no Distance");
    }
    return new Expr.Spatial(op, lonLat, needsDistance ? metres(distance) : 0);
  }

  /**
   * A GML geometry in lon/lat: in its srsName's axis order for this parser's protocol, or in the
   * default CRS without one (the geometries of WFS-T inserts, read as filters read theirs).
   */
  public Geometry lonLat(XmlTree geometry) {
    String srs = GmlGeometries.srsName(geometry);
    FilterCrs crs;
    try {
      crs = srs == null ? defaultCrs : FilterCrs.of(registry, srs, protocol);
    } catch (UnknownCrsException e) {
      throw invalid("srsName", e.getMessage());
    }
    try {
      return crs.toLonLat(GmlGeometries.read(geometry));
    } catch (FilterException e) {
      throw invalid("filter", e.getMessage());
    }
  }

  private static double metres(XmlTree distance) {
    String unit = distance.attribute("uom") != null ? distance.attribute("uom") : distance.attribute("units");
    Double factor = METRES.get(unit == null ? "m" : unit.strip().toLowerCase(Locale.ROOT));
    if (factor == null) {
      throw invalid("filter", "the distance unit '" + unit + "' is not supported; use m, km, ft or mi");
    }
    try {
      double d = Double.parseDouble(distance.text().strip()) * factor;
      if (Double.isFinite(d) && d >= 0) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid("filter", "'" + distance.text().strip() + "' is not a distance");
  }

  private Expr temporal(XmlTree t) {
    List<XmlTree> operands = only(t, 2);
    if (!isReference(operands.get(0))) {
      throw invalid("filter", t.name() + " needs a ValueReference first");
    }
    String property = property(operands.get(0));
    XmlTree time = operands.get(1);
    Object start;
    Object end;
    switch (time.name()) {
      case "Literal" -> {
        if (time.children().isEmpty()) {
          start = end = timeValue(time.text());
        } else {
          Object[] v = gmlTime(time.children().get(0));
          start = v[0];
          end = v[1];
        }
      }
      default -> {
        Object[] v = gmlTime(time);
        start = v[0];
        end = v[1];
      }
    }
    if (NEVER.contains(t.name())) {
      return new Expr.And(List.of(new Expr.Temporal(Expr.TemporalOp.INTERSECTS, property, start, end), Expr.EXCLUDE));
    }
    try {
      return new Expr.Temporal(TEMPORAL.get(t.name()), property, start, end);
    } catch (FilterException e) {
      throw invalid(property, e.getMessage());
    }
  }

  /** A gml:TimeInstant or gml:TimePeriod as {start, end}. */
  private static Object[] gmlTime(XmlTree g) {
    if (g.name().equals("TimeInstant")) {
      Object v = position(g.child("timePosition"), g.name());
      return new Object[] {v, v};
    } else if (g.name().equals("TimePeriod")) {
      XmlTree begin = g.child("beginPosition");
      XmlTree end = g.child("endPosition");
      if (begin == null && g.child("begin") != null) {
        XmlTree instant = g.child("begin").child("TimeInstant");
        begin = instant == null ? null : instant.child("timePosition");
      }
      if (end == null && g.child("end") != null) {
        XmlTree instant = g.child("end").child("TimeInstant");
        end = instant == null ? null : instant.child("timePosition");
      }
      return new Object[] {position(begin, "TimePeriod's begin"), position(end, "TimePeriod's end")};
    }
    throw invalid("filter", "expected a gml:TimeInstant, gml:TimePeriod or Literal, got " + g.name());
  }

  /** A time position; {@code indeterminatePosition="unknown"} is an open end. */
  private static Object position(XmlTree p, String what) {
    if (p == null) {
      throw invalid("filter", "the " + what + " has no time position");
    }
    String indeterminate = p.attribute("indeterminatePosition");
    if (indeterminate != null && p.text().isBlank()) {
      if (indeterminate.equals("unknown")) {
        return null;
      }
      throw invalid("filter", "the indeterminate position '" + indeterminate + "' is not supported");
    }
    return timeValue(p.text());
  }

  private static Object timeValue(String text) {
    String s = text.strip();
    try {
      // A date alone, with or without the time zone xsd:date allows ("2016-11-05Z"), is a calendar date.
      return !s.contains("T") ? LocalDate.parse(s, java.time.format.DateTimeFormatter.ISO_DATE)
          : FilterParser.parseInstant(s);
    } catch (DateTimeException e) {
      throw invalid("filter", "'" + s + "' is not an ISO-8601 date or date-time");
    }
  }

  private static Expr ids(List<XmlTree> elements) {
    Set<Long> ids = new TreeSet<>();
    for (XmlTree t : elements) {
      String rid = t.attribute("rid") != null ? t.attribute("rid") : t.attribute("fid") != null ? t.attribute("fid")
          : t.attribute("id");
      if (rid == null) {
        throw invalid("resourceId", t.name() + " needs an identifier (rid)");
      }
      String number = rid.substring(rid.lastIndexOf('.') + 1);
      try {
        ids.add(Long.parseLong(number));
      } catch (NumberFormatException e) {
        // Not an id this server gives out: it identifies no feature (WFS 2.0, 7.9.2.4.1: an empty answer).
      }
    }
    return new Expr.ResourceId(ids);
  }

  private static boolean isReference(XmlTree t) {
    return t.name().equals("ValueReference") || t.name().equals("PropertyName");
  }

  /** The queryable a ValueReference names: prefix and a leading feature-type step removed, aliases applied. */
  private String property(XmlTree ref) {
    if (!isReference(ref)) {
      throw invalid("filter", "expected a ValueReference, got " + ref.name());
    }
    String name = referenceName(ref);
    try {
      return view.property(name).name();
    } catch (FilterException e) {
      throw invalid(name, e.getMessage());
    }
  }

  /** The name a ValueReference gives: its last step without prefix and index, aliases applied. */
  private String referenceName(XmlTree ref) {
    String name;
    try {
      // Minimum XPath (FES 2.0, 7.4.4): prefix, a feature-type step and the index [1] allowed.
      name = MinimumXPath.parse(ref.text()).name();
    } catch (IllegalArgumentException e) {
      throw invalid("filter", e.getMessage());
    }
    return aliases.getOrDefault(name, name);
  }

  private static List<XmlTree> only(XmlTree t, int n) {
    if (t.children().size() != n) {
      throw invalid("filter", t.name() + " takes " + n + " operand" + (n == 1 ? "" : "s") + ", got " + t.children().size());
    }
    return t.children();
  }

  private static FesException parsing(String message) {
    return new FesException(FesException.PARSING_FAILED, "filter", message);
  }

  private static FesException invalid(String locator, String message) {
    return new FesException(FesException.INVALID_VALUE, locator, message);
  }
}
