package pl.kmzb.wfs;

import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pl.kmzb.encode.GmlWriter;
import pl.kmzb.features.FeatureCollection;

/**
 * The one stored query WFS 2.0 requires, GetFeatureById ({@code ID} = {@code <type>.<id>}, as the
 * features' gml:id), listed and described for the feature types the caller may see.
 */
final class StoredQueries {
  private StoredQueries() {}

  static byte[] list(List<FeatureCollection> types) {
    return write((x) -> {
      x.writeStartElement("wfs", "ListStoredQueriesResponse", GmlWriter.WFS);
      namespaces(x);
      x.writeStartElement("wfs", "StoredQuery", GmlWriter.WFS);
      x.writeAttribute("id", WfsEndpoint.GET_FEATURE_BY_ID);
      title(x);
      for (FeatureCollection c : types) {
        x.writeStartElement("wfs", "ReturnFeatureType", GmlWriter.WFS);
        x.writeCharacters(WfsEndpoint.PREFIX + ":" + c.id());
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndElement();
    });
  }

  static byte[] describe(String ids, List<FeatureCollection> types) {
    if (ids != null) {
      for (String id : ids.split(",")) {
        if (!id.strip().equals(WfsEndpoint.GET_FEATURE_BY_ID)) {
          throw WfsException.invalid("STOREDQUERY_ID", "no stored query '" + id.strip() + "'; this server has "
              + WfsEndpoint.GET_FEATURE_BY_ID);
        }
      }
    }
    return write((x) -> {
      x.writeStartElement("wfs", "DescribeStoredQueriesResponse", GmlWriter.WFS);
      namespaces(x);
      x.writeStartElement("wfs", "StoredQueryDescription", GmlWriter.WFS);
      x.writeAttribute("id", WfsEndpoint.GET_FEATURE_BY_ID);
      title(x);
      x.writeStartElement("wfs", "Abstract", GmlWriter.WFS);
      x.writeCharacters("The feature whose gml:id is ID (<type>.<report id>), of any feature type the caller may"
          + " see; NotFound if there is none.");
      x.writeEndElement();
      x.writeEmptyElement("wfs", "Parameter", GmlWriter.WFS);
      x.writeAttribute("name", "ID");
      x.writeAttribute("type", "xsd:string");
      x.writeEmptyElement("wfs", "QueryExpressionText", GmlWriter.WFS);
      x.writeAttribute("returnFeatureTypes", String.join(" ",
          types.stream().map(c -> WfsEndpoint.PREFIX + ":" + c.id()).toList()));
      x.writeAttribute("language", "urn:ogc:def:queryLanguage:OGC-WFS::WFSQueryExpression");
      x.writeAttribute("isPrivate", "true");
      x.writeEndElement();
      x.writeEndElement();
    });
  }

  private static void namespaces(XMLStreamWriter x) throws XMLStreamException {
    x.writeNamespace("wfs", GmlWriter.WFS);
    x.writeNamespace("xsd", "http://www.w3.org/2001/XMLSchema");
    x.writeNamespace("xsi", GmlWriter.XSI);
    x.writeNamespace(WfsEndpoint.PREFIX, WfsEndpoint.NAMESPACE);
    x.writeAttribute("xsi", GmlWriter.XSI, "schemaLocation", GmlWriter.WFS + " http://schemas.opengis.net/wfs/2.0/wfs.xsd");
  }

  private static void title(XMLStreamWriter x) throws XMLStreamException {
    x.writeStartElement("wfs", "Title", GmlWriter.WFS);
    x.writeCharacters("Get feature by identifier");
    x.writeEndElement();
  }

  interface Body {
    void write(XMLStreamWriter x) throws XMLStreamException;
  }

  private static byte[] write(Body body) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      body.write(x);
      x.writeEndDocument();
      x.close();
      return out.toByteArray();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }
}
