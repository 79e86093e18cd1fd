package pl.kmzb.encode;

import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * GML 3.2 features written with StAX as the rows arrive, inside a WFS 2.0 FeatureCollection. Each
 * feature is an element of the application schema {@code DescribeFeatureType} gives
 * ({@link GmlSchema}); absent values are left out (the schema makes every attribute optional).
 */
public final class GmlWriter implements AutoCloseable {
  public static final String WFS = "http://www.opengis.net/wfs/2.0";
  public static final String GML = "http://www.opengis.net/gml/3.2";
  public static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  /**
   * What the collection element says about itself.
   *
   * @param numberMatched null when not known ("unknown")
   * @param next the next page's URL, or null; likewise {@code previous}
   * @param schemaLocation pairs of namespace and schema URL for xsi:schemaLocation
   */
  public record Collection(Long numberMatched, long numberReturned, String timeStamp, String next,
      String previous, String schemaLocation) {}

  private final XMLStreamWriter xml;
  private final FeatureView view;
  private final Coordinates coordinates;
  private final String prefix;
  private final String namespace;
  private final double[] xy = new double[2];
  private final StringBuilder pos = new StringBuilder(48);

  public GmlWriter(OutputStream out, FeatureView view, Coordinates coordinates, String prefix, String namespace)
      throws XMLStreamException {
    this.xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
    this.view = view;
    this.coordinates = coordinates;
    this.prefix = prefix;
    this.namespace = namespace;
  }

  public void beginCollection(Collection c) throws XMLStreamException {
    begin("FeatureCollection", c);
  }

  /** A wfs:ValueCollection (GetPropertyValue), members written with {@link #value}. */
  public void beginValues(Collection c) throws XMLStreamException {
    begin("ValueCollection", c);
  }

  /** One value of a feature as a wfs:member: the property's text, or the gml:Point for {@code null}. */
  public void value(String typeName, FeatureRow row, FeatureProperty p) throws XMLStreamException {
    xml.writeStartElement("wfs", "member", WFS);
    if (p == null) {
      point(typeName + "." + row.id(), row);
    } else {
      String v = p.text(row);
      if (v != null) {
        xml.writeCharacters(v);
      }
    }
    xml.writeEndElement();
  }

  private void begin(String element, Collection c) throws XMLStreamException {
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeStartElement("wfs", element, WFS);
    namespaces();
    xml.writeAttribute("timeStamp", c.timeStamp());
    xml.writeAttribute("numberMatched", c.numberMatched() == null ? "unknown" : Long.toString(c.numberMatched()));
    xml.writeAttribute("numberReturned", Long.toString(c.numberReturned()));
    if (c.next() != null) {
      xml.writeAttribute("next", c.next());
    }
    if (c.previous() != null) {
      xml.writeAttribute("previous", c.previous());
    }
    xml.writeAttribute("xsi", XSI, "schemaLocation", c.schemaLocation());
  }

  private void namespaces() throws XMLStreamException {
    xml.writeNamespace("wfs", WFS);
    xml.writeNamespace("gml", GML);
    xml.writeNamespace("xsi", XSI);
    xml.writeNamespace(prefix, namespace);
  }

  /** One feature of type {@code typeName} as a wfs:member. */
  public void member(String typeName, FeatureRow row) throws XMLStreamException {
    xml.writeStartElement("wfs", "member", WFS);
    feature(typeName, row);
    xml.writeEndElement();
  }

  /** A feature element alone (GetFeatureById answers it as the document element). */
  public void standalone(String typeName, FeatureRow row, String schemaLocation) throws XMLStreamException {
    xml.writeStartDocument("UTF-8", "1.0");
    xml.writeStartElement(prefix, typeName, namespace);
    namespaces();
    xml.writeAttribute("xsi", XSI, "schemaLocation", schemaLocation);
    body(typeName, row);
    xml.writeEndElement();
    xml.writeEndDocument();
  }

  private void feature(String typeName, FeatureRow row) throws XMLStreamException {
    xml.writeStartElement(prefix, typeName, namespace);
    body(typeName, row);
    xml.writeEndElement();
  }

  private void body(String typeName, FeatureRow row) throws XMLStreamException {
    String id = typeName + "." + row.id();
    xml.writeAttribute("gml", GML, "id", id);
    xml.writeStartElement(prefix, GmlSchema.GEOMETRY, namespace);
    point(id, row);
    xml.writeEndElement();
    for (FeatureProperty p : view.properties()) {
      String v = p.text(row);
      if (v != null) {
        xml.writeStartElement(prefix, p.propertyName(), namespace);
        xml.writeCharacters(v);
        xml.writeEndElement();
      }
    }
  }

  private void point(String id, FeatureRow row) throws XMLStreamException {
    xml.writeStartElement("gml", "Point", GML);
    xml.writeAttribute("gml", GML, "id", id + ".g");
    xml.writeAttribute("srsName", coordinates.srsName());
    xml.writeStartElement("gml", "pos", GML);
    coordinates.project(row.location().lon(), row.location().lat(), xy);
    pos.setLength(0);
    pos.append(Coordinates.round(xy[0], coordinates.decimals())).append(' ')
        .append(Coordinates.round(xy[1], coordinates.decimals()));
    xml.writeCharacters(pos.toString());
    xml.writeEndElement();
    xml.writeEndElement();
  }

  public void endCollection() throws XMLStreamException {
    xml.writeEndElement();
    xml.writeEndDocument();
  }

  /** Flushes and closes the writer; the caller closes the stream. */
  @Override
  public void close() throws XMLStreamException {
    xml.flush();
    xml.close();
  }
}
