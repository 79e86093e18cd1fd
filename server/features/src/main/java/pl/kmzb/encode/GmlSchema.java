package pl.kmzb.encode;

import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The GML 3.2 application schema of report feature types (WFS DescribeFeatureType): one complex
 * type per view, one global element per feature type, every attribute optional since reports may
 * lack them; what {@link GmlWriter} writes validates against it.
 */
public final class GmlSchema {
  /** The geometry property of every report feature. */
  public static final String GEOMETRY = "geometry";
  private static final String XSD = "http://www.w3.org/2001/XMLSchema";
  public static final String GML_XSD = "http://schemas.opengis.net/gml/3.2.1/gml.xsd";

  private GmlSchema() {}

  /** The schema declaring {@code types} (type name → view) in {@code namespace}. */
  public static String of(String prefix, String namespace, Map<String, FeatureView> types) {
    return of(prefix, namespace, types, GmlWriter.Version.GML_32);
  }

  /** GML 3.1.1 schema location, for WFS 1.1. */
  public static final String GML_311_XSD = "http://schemas.opengis.net/gml/3.1.1/base/gml.xsd";

  /** The schema in the given GML version (3.1.1 for WFS 1.1: gml:_Feature and its namespace). */
  public static String of(String prefix, String namespace, Map<String, FeatureView> types, GmlWriter.Version version) {
    boolean old = version == GmlWriter.Version.GML_311;
    String gml = old ? GmlWriter.GML_311 : GmlWriter.GML;
    try {
      StringWriter s = new StringWriter();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(s);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("xsd", "schema", XSD);
      x.writeNamespace("xsd", XSD);
      x.writeNamespace("gml", gml);
      x.writeNamespace(prefix, namespace);
      x.writeAttribute("targetNamespace", namespace);
      x.writeAttribute("elementFormDefault", "qualified");
      x.writeAttribute("version", "1.0");
      x.writeEmptyElement("xsd", "import", XSD);
      x.writeAttribute("namespace", gml);
      x.writeAttribute("schemaLocation", old ? GML_311_XSD : GML_XSD);
      Set<FeatureView> views = new LinkedHashSet<>(types.values());
      for (Map.Entry<String, FeatureView> t : types.entrySet()) {
        x.writeEmptyElement("xsd", "element", XSD);
        x.writeAttribute("name", t.getKey());
        x.writeAttribute("type", prefix + ":" + typeName(t.getValue()));
        x.writeAttribute("substitutionGroup", old ? "gml:_Feature" : "gml:AbstractFeature");
      }
      for (FeatureView v : views) {
        complexType(x, prefix, v);
      }
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
      return s.toString();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing a schema to a string cannot fail", e);
    }
  }

  /** The XML Schema type name of a view's features. */
  public static String typeName(FeatureView view) {
    return view == FeatureView.PUBLIC ? "PublicReportType" : "PoliceReportType";
  }

  private static void complexType(XMLStreamWriter x, String prefix, FeatureView view) throws XMLStreamException {
    x.writeStartElement("xsd", "complexType", XSD);
    x.writeAttribute("name", typeName(view));
    x.writeStartElement("xsd", "complexContent", XSD);
    x.writeStartElement("xsd", "extension", XSD);
    x.writeAttribute("base", "gml:AbstractFeatureType");
    x.writeStartElement("xsd", "sequence", XSD);
    x.writeEmptyElement("xsd", "element", XSD);
    x.writeAttribute("name", GEOMETRY);
    x.writeAttribute("type", "gml:PointPropertyType");
    for (FeatureProperty p : view.properties()) {
      boolean sortable = pl.kmzb.store.FeatureOrder.SORTABLE.contains(p.propertyName());
      if (sortable) {
        x.writeStartElement("xsd", "element", XSD);
      } else {
        x.writeEmptyElement("xsd", "element", XSD);
      }
      x.writeAttribute("name", p.propertyName());
      x.writeAttribute("type", "xsd:" + p.type().xsd());
      x.writeAttribute("minOccurs", "0");
      if (sortable) {
        // What SORTBY takes, besides @gml:id (WFS GetFeature; the capabilities list the same).
        x.writeStartElement("xsd", "annotation", XSD);
        x.writeStartElement("xsd", "documentation", XSD);
        x.writeCharacters("Sortable: SORTBY " + p.propertyName() + " ASC|DESC (the feature id breaks ties).");
        x.writeEndElement();
        x.writeEndElement();
        x.writeEndElement();
      }
    }
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
  }
}
