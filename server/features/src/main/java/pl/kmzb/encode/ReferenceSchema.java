package pl.kmzb.encode;

import java.util.ArrayList;
import java.util.List;
import pl.kmzb.filter.Queryables;

/**
 * The attributes of a reference collection's features, named and typed once for every output
 * (GeoJSON, GML and its application schema, CSV, HTML) and for filters ({@link #queryables}).
 *
 * @param typeName the XML Schema type name of the features (such as {@code AreaCountsType})
 * @param points true for Point geometries, false for areas (gml:MultiSurface, GeoJSON MultiPolygon)
 * @param properties the attributes besides the geometry, in output order; STRING, INTEGER or NUMBER (a decimal)
 */
public record ReferenceSchema(String typeName, boolean points, List<Queryables.Property> properties) {
  public ReferenceSchema {
    properties = List.copyOf(properties);
    for (Queryables.Property p : properties) {
      if (p.type() != Queryables.Type.STRING && p.type() != Queryables.Type.INTEGER
          && p.type() != Queryables.Type.NUMBER) {
        throw new IllegalArgumentException("reference attributes are strings, integers or numbers, not " + p.type());
      }
      if (!p.name().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        // names are XML element names, JSON keys and CSV columns at once
        throw new IllegalArgumentException("attribute name '" + p.name() + "' must be an XML name");
      }
    }
  }

  /** The index of property {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < properties.size(); i++) {
      if (properties.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** What filters may name: the attributes and the geometry. */
  public Queryables queryables() {
    List<Queryables.Property> all = new ArrayList<>(properties);
    all.add(new Queryables.Property(Queryables.GEOMETRY, Queryables.Type.GEOMETRY, false,
        points ? "the position" : "the area's outline"));
    return Queryables.of(all);
  }

  /** The XML Schema type of an attribute. */
  public static String xsd(Queryables.Property p) {
    return switch (p.type()) {
      case INTEGER -> "int";
      case NUMBER -> "double";
      default -> "string";
    };
  }
}
