package pl.kmzb.filter;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The properties a filter may name, per view, with their types: what CQL2's queryables endpoint
 * lists and what FES and CQL2 filters are checked against. The public view offers what the public
 * report JSON shows (positions and areas being the public ones, {@link VisibilityPolicy#show}); the
 * police view adds what only the police JSON shows.
 *
 * <p>{@link #check} resolves names and types before anything runs: an unknown property or a literal
 * of the wrong type is a {@link FilterException} naming the property, never a silent false.
 */
public final class Queryables {
  /** Value types of properties and literals. */
  public enum Type { STRING, INTEGER, BOOLEAN, TIMESTAMP, DATE, GEOMETRY, NUMBER }

  /** One queryable property. */
  public record Property(String name, Type type, boolean nullable, String description) {}

  /** The name of the one geometry property: the report's position (public or exact by view). */
  public static final String GEOMETRY = "geometry";

  private static final List<Property> PUBLIC = List.of(
      new Property("id", Type.INTEGER, false, "report id"),
      new Property("category", Type.STRING, false, "category code"),
      new Property("group", Type.STRING, false, "category group code"),
      new Property("status", Type.STRING, false, "status code"),
      new Property("reportedAt", Type.TIMESTAMP, false, "when the report came in"),
      new Property("occurredOn", Type.DATE, true, "the day the threat occurs, as the reporter gave it"),
      new Property("timeOfDay", Type.STRING, true, "morning, afternoon, evening or night"),
      new Property("description", Type.STRING, true, "the description (public view: once published)"),
      new Property("voivodeship", Type.STRING, true, "TERYT code of the voivodeship (2 digits)"),
      new Property("county", Type.STRING, true, "TERYT code of the county (4 digits)"),
      new Property("municipality", Type.STRING, true, "TERYT code of the municipality (7 digits)"),
      new Property(GEOMETRY, Type.GEOMETRY, false, "the position (public view: generalised where the category says)"));
  private static final List<Property> POLICE_ONLY = List.of(
      new Property("source", Type.STRING, false, "citizen, officer or police_system"),
      new Property("descriptionPublic", Type.BOOLEAN, false, "whether the description is published"),
      new Property("externalId", Type.STRING, true, "the id in the police system it was imported from"),
      new Property("synthetic", Type.BOOLEAN, false, "generated demo data"),
      new Property("pastDeadline", Type.BOOLEAN, false, "still new 72 hours after it came in"),
      new Property("updatedAt", Type.TIMESTAMP, false, "last change"),
      new Property("version", Type.INTEGER, false, "increases with every change"));
  /** Properties that depend on where the report is: the public view answers them at the public position. */
  public static final Set<String> LOCATION_DEPENDENT = Set.of("voivodeship", "county", "municipality", GEOMETRY);

  private final Visibility visibility;
  private final Map<String, Property> properties;
  private final Map<String, String> groupOf;
  private final Map<String, Integer> generalised;
  private final VisibilityPolicy policy;
  private final Clock clock;

  private Queryables(Visibility visibility, CategoryCatalog catalog, VisibilityPolicy policy, Clock clock) {
    this.visibility = visibility;
    Map<String, Property> p = new LinkedHashMap<>();
    PUBLIC.forEach(q -> p.put(q.name(), q));
    if (visibility == Visibility.INTERNAL) {
      POLICE_ONLY.forEach(q -> p.put(q.name(), q));
    }
    this.properties = Collections.unmodifiableMap(p);
    this.groupOf = catalog.all().stream().collect(Collectors.toUnmodifiableMap(Category::code, Category::group));
    this.generalised = visibility == Visibility.INTERNAL ? Map.of() : catalog.all().stream()
        .filter(c -> c.rules().generaliseLocationM() > 0)
        .collect(Collectors.toUnmodifiableMap(Category::code, c -> c.rules().generaliseLocationM()));
    this.policy = policy;
    this.clock = clock;
  }

  private Queryables(List<Property> own) {
    this.visibility = Visibility.INTERNAL;
    Map<String, Property> p = new LinkedHashMap<>();
    own.forEach(q -> p.put(q.name(), q));
    this.properties = Collections.unmodifiableMap(p);
    this.groupOf = Map.of();
    this.generalised = Map.of();
    this.policy = null;
    this.clock = Clock.systemUTC();
  }

  /**
   * The queryables of features other than reports (the feature services' areas, police units and
   * boundaries), which their owner judges in memory; the parsers check filters against them alike.
   */
  public static Queryables of(List<Property> properties) {
    return new Queryables(properties);
  }

  /**
   * The categories whose position this view shows generalised, with their grid size in metres
   * (empty for the police view, which sees exact positions).
   */
  public Map<String, Integer> generalised() {
    return generalised;
  }

  /** What anonymous callers may filter on, judged as the public sees each report. */
  public static Queryables publicView(VisibilityPolicy policy) {
    return new Queryables(Visibility.PUBLIC, policy.catalog(), policy, Clock.systemUTC());
  }

  /** What police users may filter on; {@code clock} decides {@code pastDeadline}. */
  public static Queryables policeView(CategoryCatalog catalog, Clock clock) {
    return new Queryables(Visibility.INTERNAL, catalog, null, clock);
  }

  public Visibility visibility() {
    return visibility;
  }

  /** Every queryable of this view, in a stable order. */
  public List<Property> properties() {
    return List.copyOf(properties.values());
  }

  /** The public view's policy (null for the police view). */
  public VisibilityPolicy policy() {
    return policy;
  }

  public Clock clock() {
    return clock;
  }

  /** Category code to group code, from the catalogue. */
  public Map<String, String> groupOf() {
    return groupOf;
  }

  /**
   * The queryables as the JSON Schema (2020-12) document OGC API Features Part 3 serves at
   * {@code /collections/{id}/queryables}; a caller serialises the map with Jackson.
   *
   * @param id the document's {@code $id} (the absolute URL it is served at)
   * @param title the collection's title
   */
  public Map<String, Object> jsonSchema(String id, String title) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (Property p : properties.values()) {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("title", p.name());
      schema.put("description", p.description());
      switch (p.type()) {
        case STRING -> schema.put("type", p.nullable() ? List.of("string", "null") : "string");
        case INTEGER -> schema.put("type", "integer");
        case NUMBER -> schema.put("type", p.nullable() ? List.of("number", "null") : "number");
        case BOOLEAN -> schema.put("type", "boolean");
        case TIMESTAMP -> {
          schema.put("type", "string");
          schema.put("format", "date-time");
        }
        case DATE -> {
          schema.put("type", p.nullable() ? List.of("string", "null") : "string");
          schema.put("format", "date");
        }
        case GEOMETRY -> schema.put("format", "geometry-point");
      }
      props.put(p.name(), schema);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    doc.put("$id", id);
    doc.put("type", "object");
    doc.put("title", title);
    doc.put("properties", props);
    doc.put("additionalProperties", false);
    return doc;
  }

  /**
   * The property, or a {@link FilterException} naming it and listing what this view offers.
   */
  public Property property(String name) {
    Property p = properties.get(name);
    if (p == null) {
      throw new FilterException(name, "unknown property '" + name + "'; "
          + (visibility == Visibility.PUBLIC ? "anonymous callers" : "this view") + " may filter on "
          + new TreeMap<>(properties).keySet());
    }
    return p;
  }

  /**
   * The expression with every property resolved and every literal of its property's type.
   *
   * @param textLiterals true where the language's literals are untyped text (FES): text is read as
   *     the property's type; false where literals carry their type (CQL2), so a string compared with
   *     a timestamp is an error. Dates compare with timestamps as midnight in Europe/Warsaw, in both.
   * @throws FilterException naming the property that is unknown or compared with the wrong type
   */
  public Expr check(Expr e, boolean textLiterals) {
    if (e instanceof Expr.Include || e instanceof Expr.Exclude || e instanceof Expr.ResourceId) {
      return e;
    } else if (e instanceof Expr.And a) {
      return new Expr.And(checkAll(a.parts(), textLiterals));
    } else if (e instanceof Expr.Or o) {
      return new Expr.Or(checkAll(o.parts(), textLiterals));
    } else if (e instanceof Expr.Not n) {
      return new Expr.Not(check(n.part(), textLiterals));
    } else if (e instanceof Expr.Compare c) {
      Property p = scalar(c.property(), "compared");
      return new Expr.Compare(c.op(), c.property(), coerce(p, c.literal(), textLiterals));
    } else if (e instanceof Expr.Like l) {
      Property p = property(l.property());
      if (p.type() != Type.STRING) {
        throw new FilterException(p.name(), "'" + p.name() + "' is " + article(p.type()) + ", not a string: LIKE needs text");
      }
      return l;
    } else if (e instanceof Expr.IsNull n) {
      property(n.property());
      return n;
    } else if (e instanceof Expr.Between b) {
      Property p = scalar(b.property(), "compared");
      return new Expr.Between(b.property(), coerce(p, b.lower(), textLiterals), coerce(p, b.upper(), textLiterals));
    } else if (e instanceof Expr.In in) {
      Property p = scalar(in.property(), "compared");
      List<Object> values = new ArrayList<>();
      for (Object v : in.values()) {
        values.add(coerce(p, v, textLiterals));
      }
      return new Expr.In(in.property(), values);
    } else if (e instanceof Expr.Spatial s) {
      if (s.lonLat().isEmpty()) {
        throw new FilterException(GEOMETRY, "the geometry of a spatial filter must not be empty");
      } else if (!s.lonLat().isValid()) {
        throw new FilterException(GEOMETRY, "the geometry of a spatial filter is not valid (" + s.lonLat().getGeometryType()
            + " with crossing or badly closed rings)");
      }
      return s;
    } else if (e instanceof Expr.Temporal t) {
      Property p = property(t.property());
      if (p.type() != Type.TIMESTAMP && p.type() != Type.DATE) {
        throw new FilterException(p.name(), "'" + p.name() + "' is " + article(p.type()) + ": temporal operators need"
            + " a timestamp or date property");
      }
      return new Expr.Temporal(t.op(), t.property(), t.start() == null ? null : coerce(p, t.start(), textLiterals),
          t.end() == null ? null : coerce(p, t.end(), textLiterals));
    }
    throw new IllegalArgumentException("unknown expression " + e);
  }

  private List<Expr> checkAll(List<Expr> parts, boolean textLiterals) {
    List<Expr> out = new ArrayList<>(parts.size());
    for (Expr p : parts) {
      out.add(check(p, textLiterals));
    }
    return out;
  }

  private Property scalar(String name, String verb) {
    Property p = property(name);
    if (p.type() == Type.GEOMETRY) {
      throw new FilterException(name, "'" + name + "' is a geometry and cannot be " + verb + " with a value;"
          + " use a spatial operator");
    }
    return p;
  }

  /** The literal as a value of the property's type, or an error naming both. */
  static Object coerce(Property p, Object v, boolean text) {
    if (v == null) {
      throw new FilterException(p.name(), "'" + p.name() + "' cannot be compared with null; use IS NULL");
    }
    Object out = switch (p.type()) {
      case STRING -> v instanceof String ? v : null;
      case INTEGER, NUMBER -> v instanceof Long || v instanceof Double ? v
          : text && v instanceof String s ? number(s) : null;
      case BOOLEAN -> v instanceof Boolean ? v : text && v instanceof String s ? bool(s) : null;
      case TIMESTAMP -> v instanceof Instant ? v : v instanceof LocalDate d ? d.atStartOfDay(FilterParser.WARSAW).toInstant()
          : text && v instanceof String s ? instant(s) : null;
      case DATE -> v instanceof LocalDate ? v : text && v instanceof String s ? date(s) : null;
      case GEOMETRY -> null;
    };
    if (out == null) {
      throw new FilterException(p.name(), "'" + p.name() + "' is " + article(p.type()) + " and cannot be compared with "
          + describe(v));
    }
    return out;
  }

  private static String article(Type t) {
    return switch (t) {
      case STRING -> "a string";
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case TIMESTAMP -> "a timestamp";
      case DATE -> "a date";
      case GEOMETRY -> "a geometry";
    };
  }

  private static String describe(Object v) {
    if (v instanceof String s) {
      return "the string '" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
    } else if (v instanceof Instant) {
      return "the timestamp " + v;
    } else if (v instanceof LocalDate) {
      return "the date " + v;
    } else if (v instanceof Boolean) {
      return "the boolean " + v;
    }
    return "the number " + v;
  }

  private static Object number(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      try {
        double d = Double.parseDouble(s.strip());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e2) {
        return null;
      }
    }
  }

  private static Object bool(String s) {
    return switch (s.strip()) {
      case "true", "1" -> Boolean.TRUE;
      case "false", "0" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static Object instant(String s) {
    try {
      return FilterParser.parseInstant(s.strip());
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static Object date(String s) {
    try {
      // xsd:date may carry a time zone ("2016-11-05Z", "2016-11-05+01:00"): a calendar date either way.
      return LocalDate.parse(s.strip(), java.time.format.DateTimeFormatter.ISO_DATE);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
