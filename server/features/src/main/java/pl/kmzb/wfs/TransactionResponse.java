package pl.kmzb.wfs;

import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pl.kmzb.encode.GmlWriter;

/**
 * The wfs:TransactionResponse of a committed transaction (WFS 2.0, 15.3): the summary, then one
 * wfs:Feature per inserted feature (with its Insert's handle) and per updated report, each naming
 * the feature by a fes:ResourceId in the form GetFeature writes gml:ids.
 */
final class TransactionResponse {
  /** One feature the transaction created or changed: its action's handle (or null) and its gml:id. */
  record Result(String handle, String resourceId) {}

  private TransactionResponse() {}

  static byte[] render(String version, List<Result> inserted, List<Result> updated) {
    return switch (version) {
      case "1.0.0" -> render10(inserted);
      case "1.1.0" -> render11(inserted, updated);
      default -> render20(inserted, updated);
    };
  }

  private static byte[] render20(List<Result> inserted, List<Result> updated) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("wfs", "TransactionResponse", GmlWriter.WFS);
      x.writeNamespace("wfs", GmlWriter.WFS);
      x.writeNamespace("fes", XmlRequestReader.FES);
      x.writeNamespace("xsi", GmlWriter.XSI);
      x.writeAttribute("xsi", GmlWriter.XSI, "schemaLocation", GmlWriter.WFS
          + " http://schemas.opengis.net/wfs/2.0/wfs.xsd");
      x.writeAttribute("version", "2.0.0");
      x.writeStartElement("wfs", "TransactionSummary", GmlWriter.WFS);
      total(x, "totalInserted", inserted.size());
      total(x, "totalUpdated", updated.size());
      total(x, "totalReplaced", 0);
      total(x, "totalDeleted", 0);
      x.writeEndElement();
      results(x, "InsertResults", inserted);
      results(x, "UpdateResults", updated);
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
      return out.toByteArray();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }

  /** WFS 1.1.0 (clause 13.3): summary, then InsertResults with ogc:FeatureIds. */
  private static byte[] render11(List<Result> inserted, List<Result> updated) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XMLStreamWriter x = start(out, "TransactionResponse", "1.1.0", "http://schemas.opengis.net/wfs/1.1.0/wfs.xsd");
      x.writeStartElement("wfs", "TransactionSummary", GmlWriter.WFS_11);
      total11(x, "totalInserted", inserted.size());
      total11(x, "totalUpdated", updated.size());
      total11(x, "totalDeleted", 0);
      x.writeEndElement();
      if (!inserted.isEmpty()) {
        x.writeStartElement("wfs", "InsertResults", GmlWriter.WFS_11);
        for (Result r : inserted) {
          x.writeStartElement("wfs", "Feature", GmlWriter.WFS_11);
          if (r.handle() != null) {
            x.writeAttribute("handle", r.handle());
          }
          featureId(x, r);
          x.writeEndElement();
        }
        x.writeEndElement();
      }
      return end(x, out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }

  /** WFS 1.0.0 (clause 12.3): one InsertResult per Insert handle, then the SUCCESS status. */
  private static byte[] render10(List<Result> inserted) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XMLStreamWriter x = start(out, "WFS_TransactionResponse", "1.0.0",
          "http://schemas.opengis.net/wfs/1.0.0/WFS-transaction.xsd");
      if (!inserted.isEmpty()) {
        x.writeStartElement("wfs", "InsertResult", GmlWriter.WFS_11);
        for (Result r : inserted) {
          featureId(x, r);
        }
        x.writeEndElement();
      }
      x.writeStartElement("wfs", "TransactionResult", GmlWriter.WFS_11);
      x.writeStartElement("wfs", "Status", GmlWriter.WFS_11);
      x.writeEmptyElement("wfs", "SUCCESS", GmlWriter.WFS_11);
      x.writeEndElement();
      x.writeEndElement();
      return end(x, out);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }

  private static XMLStreamWriter start(ByteArrayOutputStream out, String root, String version, String xsd)
      throws XMLStreamException {
    XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
    x.writeStartDocument("UTF-8", "1.0");
    x.writeStartElement("wfs", root, GmlWriter.WFS_11);
    x.writeNamespace("wfs", GmlWriter.WFS_11);
    x.writeNamespace("ogc", Capabilities11.OGC);
    x.writeNamespace("xsi", GmlWriter.XSI);
    x.writeAttribute("xsi", GmlWriter.XSI, "schemaLocation", GmlWriter.WFS_11 + " " + xsd);
    x.writeAttribute("version", version);
    return x;
  }

  private static byte[] end(XMLStreamWriter x, ByteArrayOutputStream out) throws XMLStreamException {
    x.writeEndElement();
    x.writeEndDocument();
    x.close();
    return out.toByteArray();
  }

  private static void featureId(XMLStreamWriter x, Result r) throws XMLStreamException {
    x.writeEmptyElement("ogc", "FeatureId", Capabilities11.OGC);
    x.writeAttribute("fid", r.resourceId());
  }

  private static void total11(XMLStreamWriter x, String name, int n) throws XMLStreamException {
    x.writeStartElement("wfs", name, GmlWriter.WFS_11);
    x.writeCharacters(Integer.toString(n));
    x.writeEndElement();
  }

  private static void total(XMLStreamWriter x, String name, int n) throws XMLStreamException {
    x.writeStartElement("wfs", name, GmlWriter.WFS);
    x.writeCharacters(Integer.toString(n));
    x.writeEndElement();
  }

  /** Left out when empty: the schema wants at least one wfs:Feature inside. */
  private static void results(XMLStreamWriter x, String name, List<Result> results) throws XMLStreamException {
    if (results.isEmpty()) {
      return;
    }
    x.writeStartElement("wfs", name, GmlWriter.WFS);
    for (Result r : results) {
      x.writeStartElement("wfs", "Feature", GmlWriter.WFS);
      if (r.handle() != null) {
        x.writeAttribute("handle", r.handle());
      }
      x.writeEmptyElement("fes", "ResourceId", XmlRequestReader.FES);
      x.writeAttribute("rid", r.resourceId());
      x.writeEndElement();
    }
    x.writeEndElement();
  }
}
