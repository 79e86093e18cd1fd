package pl.kmzb.encode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import pl.kmzb.filter.Queryables;

/**
 * Reference features as GML 3.2 (WFS 2.0) or 3.1.1 (WFS 1.1), written as they come: points as
 * gml:Point, areas as gml:MultiSurface of gml:Polygons with one gml:posList per ring, coordinates
 * projected and ordered by {@link Coordinates}. {@link #schema} is the application schema the output
 * validates against. Text with fixed prefixes, as {@link GmlWriter} writes reports.
 */
public final class ReferenceGml implements AutoCloseable {
  private static final String XSD = "http://www.w3.org/2001/XMLSchema";

  private final Writer out;
  private final ReferenceSchema schema;
  private final Coordinates coordinates;
  private final String prefix;
  private final String namespace;
  private final GmlWriter.Version version;
  private final double[] xy = new double[2];
  private String root;

  public ReferenceGml(OutputStream stream, ReferenceSchema schema, Coordinates coordinates, String prefix,
      String namespace, GmlWriter.Version version) {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    this.schema = schema;
    this.coordinates = coordinates;
    this.prefix = prefix;
    this.namespace = namespace;
    this.version = version;
  }

  private boolean[] keep;

  /** Writes only the attributes marked in {@code keep} (indexes of the schema; null: all), for WFS PROPERTYNAME. */
  public void only(boolean[] keep) {
    this.keep = keep == null ? null : keep.clone();
  }

  /** A wfs:FeatureCollection (members by {@link #member}) or, with {@code values}, a wfs:ValueCollection. */
  public void begin(GmlWriter.Collection c, boolean values) throws IOException {
    root = values ? "wfs:ValueCollection" : "wfs:FeatureCollection";
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    out.write(root);
    namespaces();
    attribute("timeStamp", c.timeStamp());
    if (version == GmlWriter.Version.GML_311) {
      attribute("numberOfFeatures", Long.toString(c.numberReturned()));
    } else {
      attribute("numberMatched", c.numberMatched() == null ? "unknown" : Long.toString(c.numberMatched()));
      attribute("numberReturned", Long.toString(c.numberReturned()));
      if (c.next() != null) {
        attribute("next", c.next());
      }
      if (c.previous() != null) {
        attribute("previous", c.previous());
      }
    }
    attribute("xsi:schemaLocation", c.schemaLocation());
    out.write('>');
  }

  private boolean old() {
    return version == GmlWriter.Version.GML_311;
  }

  private void namespaces() throws IOException {
    attribute("xmlns:wfs", old() ? GmlWriter.WFS_11 : GmlWriter.WFS);
    attribute("xmlns:gml", old() ? GmlWriter.GML_311 : GmlWriter.GML);
    attribute("xmlns:xsi", GmlWriter.XSI);
    attribute("xmlns:" + prefix, namespace);
  }

  /** One feature of type {@code typeName} as a wfs:member (gml:featureMember in 3.1.1). */
  public void member(String typeName, ReferenceFeature f) throws IOException {
    out.write(old() ? "<gml:featureMember>" : "<wfs:member>");
    element(typeName, f);
    out.write(old() ? "</gml:featureMember>\n" : "</wfs:member>\n");
  }

  /** A feature element alone (GetFeatureById answers it as the document element). */
  public void standalone(String typeName, ReferenceFeature f, String schemaLocation) throws IOException {
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    out.write(prefix + ":" + typeName);
    namespaces();
    attribute("xsi:schemaLocation", schemaLocation);
    body(typeName, f);
    out.write("</" + prefix + ":" + typeName + ">\n");
  }

  /**
   * One value as a wfs:member (GetPropertyValue): the attribute's text, the geometry for
   * {@code property} -1, the gml:id for -2.
   */
  public void value(String typeName, ReferenceFeature f, int property) throws IOException {
    out.write("<wfs:member>");
    if (property == -1) {
      geometry(gmlId(typeName, f), f.lonLat());
    } else if (property == -2) {
      escape(gmlId(typeName, f));
    } else if (f.value(property) != null) {
      escape(f.value(property).toString());
    }
    out.write("</wfs:member>\n");
  }

  /** The gml:id of a feature: type name, a dot and the feature's id (an XML name for our ids). */
  public static String gmlId(String typeName, ReferenceFeature f) {
    return typeName + "." + f.id();
  }

  private void element(String typeName, ReferenceFeature f) throws IOException {
    out.write("<" + prefix + ":" + typeName);
    body(typeName, f);
    out.write("</" + prefix + ":" + typeName + ">");
  }

  private void body(String typeName, ReferenceFeature f) throws IOException {
    String id = gmlId(typeName, f);
    attribute("gml:id", id);
    out.write("><" + prefix + ":" + GmlSchema.GEOMETRY + ">");
    geometry(id, f.lonLat());
    out.write("</" + prefix + ":" + GmlSchema.GEOMETRY + ">");
    for (int i = 0; i < schema.properties().size(); i++) {
      if (keep != null && !keep[i]) {
        continue;
      }
      Object v = f.value(i);
      if (v != null) {
        String name = schema.properties().get(i).name();
        out.write("<" + prefix + ":" + name + ">");
        escape(v.toString());
        out.write("</" + prefix + ":" + name + ">");
      }
    }
  }

  private void geometry(String featureId, Geometry g) throws IOException {
    if (schema.points()) {
      Coordinate c = g.getCoordinate();
      out.write("<gml:Point");
      attribute("gml:id", featureId + ".g");
      attribute("srsName", coordinates.srsName());
      out.write("><gml:pos>");
      position(c.x, c.y);
      out.write("</gml:pos></gml:Point>");
      return;
    }
    if (schema.lines()) {
      out.write("<gml:LineString");
      attribute("gml:id", featureId + ".g");
      attribute("srsName", coordinates.srsName());
      out.write("><gml:posList>");
      positions((LineString) g);
      out.write("</gml:posList></gml:LineString>");
      return;
    }
    out.write("<gml:MultiSurface");
    attribute("gml:id", featureId + ".g");
    attribute("srsName", coordinates.srsName());
    out.write('>');
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      out.write("<gml:surfaceMember><gml:Polygon");
      attribute("gml:id", featureId + ".g." + i);
      out.write("><gml:exterior>");
      ring(p.getExteriorRing());
      out.write("</gml:exterior>");
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        out.write("<gml:interior>");
        ring(p.getInteriorRingN(h));
        out.write("</gml:interior>");
      }
      out.write("</gml:Polygon></gml:surfaceMember>");
    }
    out.write("</gml:MultiSurface>");
  }

  private void ring(LineString ring) throws IOException {
    out.write("<gml:LinearRing><gml:posList>");
    positions(ring);
    out.write("</gml:posList></gml:LinearRing>");
  }

  private void positions(LineString line) throws IOException {
    CoordinateSequence seq = line.getCoordinateSequence();
    for (int i = 0; i < seq.size(); i++) {
      if (i > 0) {
        out.write(' ');
      }
      position(seq.getX(i), seq.getY(i));
    }
  }

  private void position(double lon, double lat) throws IOException {
    coordinates.project(lon, lat, xy);
    out.write(Double.toString(Coordinates.round(xy[0], coordinates.decimals())));
    out.write(' ');
    out.write(Double.toString(Coordinates.round(xy[1], coordinates.decimals())));
  }

  public void end() throws IOException {
    out.write("</" + root + ">\n");
  }

  private void attribute(String name, String value) throws IOException {
    out.write(' ');
    out.write(name);
    out.write("=\"");
    escape(value);
    out.write('"');
  }

  private void escape(String s) throws IOException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.write("&lt;");
        case '>' -> out.write("&gt;");
        case '&' -> out.write("&amp;");
        case '"' -> out.write("&quot;");
        case '\n' -> out.write("&#10;");
        case '\r' -> out.write("&#13;");
        case '\t' -> out.write("&#9;");
        default -> out.write(c < 0x20 || c == 0xFFFE || c == 0xFFFF ? '\uFFFD' : c);
      }
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /**
   * {@code schema} (an application schema from {@link GmlSchema}, possibly of no report type) with the
   * reference feature types (type name → schema) added: one global element per type, one complex type
   * per schema type name, every attribute optional. The same for GML 3.2 and 3.1.1 but for the
   * substitution group.
   */
  public static String withTypes(String schema, String prefix, Map<String, ReferenceSchema> types,
      GmlWriter.Version version) {
    if (types.isEmpty()) {
      return schema;
    }
    boolean old = version == GmlWriter.Version.GML_311;
    try {
      StringWriter s = new StringWriter();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(s);
      Map<String, ReferenceSchema> byType = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, ReferenceSchema> t : types.entrySet()) {
        x.writeEmptyElement("xsd", "element", XSD);
        x.writeAttribute("name", t.getKey());
        x.writeAttribute("type", prefix + ":" + t.getValue().typeName());
        x.writeAttribute("substitutionGroup", old ? "gml:_Feature" : "gml:AbstractFeature");
        byType.putIfAbsent(t.getValue().typeName(), t.getValue());
      }
      for (ReferenceSchema r : byType.values()) {
        complexType(x, r);
      }
      x.close();
      int end = schema.lastIndexOf("</xsd:schema>");
      if (end < 0) {
        throw new IllegalArgumentException("not an application schema of GmlSchema");
      }
      return schema.substring(0, end) + s + schema.substring(end);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing a schema to a string cannot fail", e);
    }
  }

  private static void complexType(XMLStreamWriter x, ReferenceSchema r) throws XMLStreamException {
    x.writeStartElement("xsd", "complexType", XSD);
    x.writeAttribute("name", r.typeName());
    x.writeStartElement("xsd", "complexContent", XSD);
    x.writeStartElement("xsd", "extension", XSD);
    x.writeAttribute("base", "gml:AbstractFeatureType");
    x.writeStartElement("xsd", "sequence", XSD);
    x.writeEmptyElement("xsd", "element", XSD);
    x.writeAttribute("name", GmlSchema.GEOMETRY);
    x.writeAttribute("type", switch (r.geometry()) {
      case POINT -> "gml:PointPropertyType";
      case LINE -> "gml:CurvePropertyType";
      case AREA -> "gml:MultiSurfacePropertyType";
    });
    for (Queryables.Property p : r.properties()) {
      x.writeEmptyElement("xsd", "element", XSD);
      x.writeAttribute("name", p.name());
      x.writeAttribute("type", "xsd:" + ReferenceSchema.xsd(p));
      x.writeAttribute("minOccurs", "0");
    }
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
  }
}
