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

  static byte[] render(List<Result> inserted, List<Result> updated) {
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
