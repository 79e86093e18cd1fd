package pl.kmzb.wfs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pl.kmzb.encode.FeatureProperty;
import pl.kmzb.encode.GmlSchema;
import pl.kmzb.features.FeatureCollection;
import pl.kmzb.fes.MinimumXPath;
import pl.kmzb.store.FeatureOrder;

/**
 * Value references outside filters — SORTBY and PROPERTYNAME — in the minimum XPath subset
 * ({@link MinimumXPath}), with prefixes resolved in the request's namespace context: the
 * NAMESPACES parameter of KVP ({@code xmlns(prefix,uri)}, WFS 2.0 7.6.2.6) or the namespaces in
 * scope of an XML request (which {@link XmlRequestReader} passes on in that form). An unbound
 * prefix is taken as ours only when it is our own prefix, {@value WfsEndpoint#PREFIX}.
 */
final class References {
  private static final Pattern XMLNS = Pattern.compile("xmlns\\(\\s*(?:([^,()\\s]*)\\s*,)?\\s*([^()]*?)\\s*\\)");
  /** The value reference of the feature id among sort keys. */
  static final String GML_ID = "@gml:id";

  private final Map<String, String> namespaces;
  private final FeatureCollection type;

  private References(Map<String, String> namespaces, FeatureCollection type) {
    this.namespaces = namespaces;
    this.type = type;
  }

  /** References of one query's type in the request's namespace context. */
  static References of(WfsRequest r, FeatureCollection type) {
    return new References(namespaces(r.get("NAMESPACES")), type);
  }

  /** NAMESPACES={@code xmlns(p,uri)[,xmlns(q,uri)…]}; an empty prefix is the default namespace. */
  static Map<String, String> namespaces(String kvp) {
    Map<String, String> out = new LinkedHashMap<>();
    if (kvp == null) {
      return out;
    }
    Matcher m = XMLNS.matcher(kvp);
    int end = 0;
    while (m.find()) {
      if (!kvp.substring(end, m.start()).replace(",", "").isBlank()) {
        break;
      }
      out.put(m.group(1) == null ? "" : m.group(1), m.group(2));
      end = m.end();
    }
    if (!kvp.substring(end).isBlank()) {
      throw WfsException.invalid("NAMESPACES", "NAMESPACES must be xmlns(prefix,uri) terms separated by commas");
    }
    return out;
  }

  /**
   * The property a reference names, or {@link GmlSchema#GEOMETRY} for the geometry.
   *
   * @throws WfsException InvalidParameterValue at {@code locator} when it names none of the type's
   */
  String property(String reference, String locator) {
    MinimumXPath.Reference ref;
    try {
      ref = MinimumXPath.parse(reference);
    } catch (IllegalArgumentException e) {
      throw WfsException.invalid(locator, e.getMessage());
    }
    if (!ours(ref.prefix()) || (ref.type() != null && (!ours(ref.typePrefix())
        || !ref.type().equals(WfsEndpoint.localName(type.id()))))) {
      throw WfsException.invalid(locator, "'" + reference + "' is not a property of " + type.id()
          + " in namespace " + WfsEndpoint.NAMESPACE);
    }
    if (ref.name().equals(GmlSchema.GEOMETRY)) {
      return GmlSchema.GEOMETRY;
    }
    return type.view().property(ref.name()).map(FeatureProperty::propertyName).orElseThrow(() ->
        WfsException.invalid(locator, "'" + reference + "' is not a property of " + type.id() + "; it has "
            + GmlSchema.GEOMETRY + " and " + type.view().properties().stream().map(FeatureProperty::propertyName)
            .toList()));
  }

  /** Whether a step's prefix (null: none) stands for our namespace in this request. */
  private boolean ours(String prefix) {
    String bound = namespaces.get(prefix == null ? "" : prefix);
    if (bound != null) {
      return bound.equals(WfsEndpoint.NAMESPACE);
    }
    return prefix == null || prefix.equals(WfsEndpoint.PREFIX);
  }

  /**
   * SORTBY={@code ref [ASC|DESC][,…]} (WFS 2.0; WFS 1.1's {@code A}/{@code D} too) on the sortable
   * properties, {@link FeatureOrder#SORTABLE}: reportedAt, category, status and the feature id
   * ({@code @gml:id}).
   */
  FeatureOrder sortBy(String value) {
    if (value == null) {
      return FeatureOrder.BY_ID;
    }
    List<FeatureOrder.Key> keys = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Boolean idDescending = null;
    for (String term : value.split(",")) {
      String[] words = term.strip().split("\\s+");
      if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
        throw WfsException.invalid("sortBy", "SORTBY is 'property [ASC|DESC]' terms separated by commas, got '"
            + value + "'");
      }
      boolean descending = words.length == 2 && direction(words[1]);
      String property = words[0].equals(GML_ID) ? "id" : property(words[0], "sortBy");
      if (!seen.add(property)) {
        throw WfsException.invalid("sortBy", "SORTBY names " + words[0] + " twice");
      }
      if (idDescending != null) {
        continue; // keys after the id change nothing: ids are unique
      }
      if (property.equals("id")) {
        idDescending = descending;
      } else if (!FeatureOrder.SORTABLE.contains(property)) {
        throw WfsException.invalid("sortBy", "features sort by " + sortable() + ", not by " + words[0]);
      } else {
        keys.add(new FeatureOrder.Key(property, descending));
      }
    }
    return FeatureOrder.of(keys, idDescending);
  }

  /** The sort keys as capabilities and errors name them. */
  static List<String> sortable() {
    List<String> out = new ArrayList<>();
    FeatureOrder.SORTABLE.forEach(p -> out.add(p.equals("id") ? GML_ID : p));
    return out;
  }

  private static boolean direction(String word) {
    return switch (word.toUpperCase(Locale.ROOT)) {
      case "ASC", "A" -> false;
      case "DESC", "D" -> true;
      default -> throw WfsException.invalid("sortBy", "a sort order is ASC or DESC, not '" + word + "'");
    };
  }

  /**
   * PROPERTYNAME: the properties to write (null: all). The geometry is mandatory in the application
   * schema, so it is written whether named or not (WFS 2.0, 7.9.2.4.3).
   */
  List<FeatureProperty> propertyNames(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.startsWith("(") && v.endsWith(")")) {
      v = v.substring(1, v.length() - 1); // one query's list in the parenthesised form of WFS 2.0 KVP
    }
    if (v.contains("(") || v.contains(")")) {
      throw new WfsException("OperationNotSupported", "PROPERTYNAME", "one query per request is supported");
    }
    Set<FeatureProperty> out = new LinkedHashSet<>();
    for (String ref : v.split(",")) {
      if (ref.isBlank()) {
        throw WfsException.invalid("PROPERTYNAME", "PROPERTYNAME has an empty property");
      }
      if (ref.strip().equals("*")) {
        return null;
      }
      String p = property(ref, "PROPERTYNAME");
      if (!p.equals(GmlSchema.GEOMETRY)) {
        out.add(type.view().property(p).orElseThrow());
      }
    }
    return List.copyOf(out);
  }
}
