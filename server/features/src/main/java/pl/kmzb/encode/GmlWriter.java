package pl.kmzb.encode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.util.List;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * GML 3.2 features written as the rows arrive, inside a WFS 2.0 FeatureCollection (or a
 * ValueCollection). Each feature is an element of the application schema {@code DescribeFeatureType}
 * gives ({@link GmlSchema}); absent values are left out (the schema makes every attribute optional).
 *
 * <p>Written as text with fixed prefixes rather than through a StAX writer: the prefixes never
 * change, so the namespace bookkeeping StAX does per element is pure cost (it made GML five times
 * slower than GeoJSON). Every text and attribute value goes through {@link #escape}; the tests
 * validate the output against the official schemas.
 */
public final class GmlWriter implements AutoCloseable {
  public static final String WFS = "http://www.opengis.net/wfs/2.0";
  public static final String GML = "http://www.opengis.net/gml/3.2";
  public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  /** WFS 1.1.0 and GML 3.1.1, for older clients. */
  public static final String WFS_11 = "http://www.opengis.net/wfs";
  public static final String GML_311 = "http://www.opengis.net/gml";

  /** The GML version written: 3.2 inside WFS 2.0 collections, 3.1.1 inside WFS 1.1 ones. */
  public enum Version { GML_32, GML_311 }

  /**
   * What the collection element says about itself.
   *
   * @param numberMatched null when not known ("unknown")
   * @param next the next page's URL, or null; likewise {@code previous}
   * @param schemaLocation pairs of namespace and schema URL for xsi:schemaLocation
   */
  public record Collection(Long numberMatched, long numberReturned, String timeStamp, String next,
      String previous, String schemaLocation) {}

  private final Writer out;
  private final FeatureView view;
  private final Coordinates coordinates;
  private final String prefix;
  private final String namespace;
  private final double[] xy = new double[2];
  /** The properties written (PROPERTYNAME narrows them; the geometry, mandatory, always stays). */
  private List<FeatureProperty> properties;
  private String[] open;
  private String[] close;
  private String root;
  private final Version version;

  public GmlWriter(OutputStream stream, FeatureView view, Coordinates coordinates, String prefix, String namespace) {
    this(stream, view, coordinates, prefix, namespace, Version.GML_32);
  }

  public GmlWriter(OutputStream stream, FeatureView view, Coordinates coordinates, String prefix, String namespace,
      Version version) {
    this.version = version;
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    this.view = view;
    this.coordinates = coordinates;
    this.prefix = prefix;
    this.namespace = namespace;
    select(view.properties());
  }

  /**
   * Writes only these properties of the view, in the view's order (WFS PROPERTYNAME); the geometry
   * is mandatory in the application schema and always written.
   */
  public GmlWriter select(java.util.Collection<FeatureProperty> selected) {
    this.properties = view.properties().stream().filter(selected::contains).toList();
    int n = properties.size();
    this.open = new String[n];
    this.close = new String[n];
    for (int i = 0; i < n; i++) {
      String name = properties.get(i).propertyName();
      open[i] = "<" + prefix + ":" + name + ">";
      close[i] = "</" + prefix + ":" + name + ">";
    }
    return this;
  }

  public void beginCollection(Collection c) throws IOException {
    begin("wfs:FeatureCollection", c);
  }

  /** A wfs:ValueCollection (GetPropertyValue), members written with {@link #value}. */
  public void beginValues(Collection c) throws IOException {
    begin("wfs:ValueCollection", c);
  }

  private void begin(String element, Collection c) throws IOException {
    root = element;
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    out.write(element);
    namespaces();
    attribute("timeStamp", c.timeStamp());
    if (version == Version.GML_311) {
      attribute("numberOfFeatures", Long.toString(c.numberReturned()));
      attribute("xsi:schemaLocation", c.schemaLocation());
      out.write('>');
      return;
    }
    attribute("numberMatched", c.numberMatched() == null ? "unknown" : Long.toString(c.numberMatched()));
    attribute("numberReturned", Long.toString(c.numberReturned()));
    if (c.next() != null) {
      attribute("next", c.next());
    }
    if (c.previous() != null) {
      attribute("previous", c.previous());
    }
    attribute("xsi:schemaLocation", c.schemaLocation());
    out.write('>');
  }

  private void namespaces() throws IOException {
    attribute("xmlns:wfs", version == Version.GML_311 ? WFS_11 : WFS);
    attribute("xmlns:gml", version == Version.GML_311 ? GML_311 : GML);
    attribute("xmlns:xsi", XSI);
    attribute("xmlns:" + prefix, namespace);
  }

  private void attribute(String name, String value) throws IOException {
    out.write(' ');
    out.write(name);
    out.write("=\"");
    escape(value);
    out.write('"');
  }

  /** One feature of type {@code typeName} as a wfs:member. */
  public void member(String typeName, FeatureRow row) throws IOException {
    out.write(version == Version.GML_311 ? "<gml:featureMember>" : "<wfs:member>");
    out.write('<');
    out.write(prefix);
    out.write(':');
    out.write(typeName);
    body(typeName, row);
    out.write("</");
    out.write(prefix);
    out.write(':');
    out.write(typeName);
    out.write(version == Version.GML_311 ? "></gml:featureMember>\n" : "></wfs:member>\n");
  }

  /** One value of a feature as a wfs:member: the property's text, or the gml:Point for {@code null}. */
  public void value(String typeName, FeatureRow row, FeatureProperty p) throws IOException {
    out.write("<wfs:member>");
    if (p == null) {
      point(typeName + "." + row.id(), row);
    } else {
      String v = p.text(row);
      if (v != null) {
        escape(v);
      }
    }
    out.write("</wfs:member>\n");
  }

  /** The gml:id of a feature as a wfs:member (GetPropertyValue of {@code @gml:id}). */
  public void idValue(String typeName, FeatureRow row) throws IOException {
    out.write("<wfs:member>");
    escape(typeName + "." + row.id());
    out.write("</wfs:member>\n");
  }

  /** A feature element alone (GetFeatureById answers it as the document element). */
  public void standalone(String typeName, FeatureRow row, String schemaLocation) throws IOException {
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    out.write(prefix);
    out.write(':');
    out.write(typeName);
    namespaces();
    attribute("xsi:schemaLocation", schemaLocation);
    body(typeName, row);
    out.write("</");
    out.write(prefix);
    out.write(':');
    out.write(typeName);
    out.write(">\n");
  }

  /** Attributes and content of a feature element whose start tag is open. */
  private void body(String typeName, FeatureRow row) throws IOException {
    String id = typeName + "." + row.id();
    attribute("gml:id", id);
    out.write("><");
    out.write(prefix);
    out.write(':');
    out.write(GmlSchema.GEOMETRY);
    out.write('>');
    point(id, row);
    out.write("</");
    out.write(prefix);
    out.write(':');
    out.write(GmlSchema.GEOMETRY);
    out.write('>');
    for (int i = 0; i < open.length; i++) {
      String v = properties.get(i).text(row);
      if (v != null) {
        out.write(open[i]);
        escape(v);
        out.write(close[i]);
      }
    }
  }

  private void point(String id, FeatureRow row) throws IOException {
    out.write("<gml:Point");
    attribute("gml:id", id + ".g");
    attribute("srsName", coordinates.srsName());
    out.write("><gml:pos>");
    coordinates.project(row.location().lon(), row.location().lat(), xy);
    out.write(Double.toString(Coordinates.round(xy[0], coordinates.decimals())));
    out.write(' ');
    out.write(Double.toString(Coordinates.round(xy[1], coordinates.decimals())));
    out.write("</gml:pos></gml:Point>");
  }

  /**
   * Text or attribute content with XML's special characters as references; characters XML 1.0
   * cannot hold at all (controls other than tab, newline, carriage return) become U+FFFD.
   */
  private void escape(String s) throws IOException {
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '&' -> "&amp;";
        case '"' -> "&quot;";
        case '\n' -> "&#10;";
        case '\r' -> "&#13;";
        case '\t' -> "&#9;";
        default -> c < 0x20 || c == 0xFFFE || c == 0xFFFF ? "\uFFFD" : null;
      };
      if (r != null) {
        out.write(s, start, i - start);
        out.write(r);
        start = i + 1;
      }
    }
    out.write(s, start, s.length() - start);
  }

  public void endCollection() throws IOException {
    out.write("</");
    out.write(root);
    out.write(">\n");
  }

  /** Flushes and closes the stream under it. */
  @Override
  public void close() throws IOException {
    out.close();
  }
}
