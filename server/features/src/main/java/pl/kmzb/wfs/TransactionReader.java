package pl.kmzb.wfs;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import pl.kmzb.encode.GmlWriter;
import pl.kmzb.fes.XmlTree;

/**
 * Reads a WFS 2.0 Transaction body. The document goes through the bounded reader of the filter
 * parser ({@link XmlTree}: no DTD, so no entity is ever declared or expanded; no external entities;
 * depth, element count and length limited) after the endpoint's body limit
 * ({@link WfsEndpoint#MAX_BODY}); nothing is interpreted before the whole document is read.
 * Insert and Update are read; Delete, Replace and Native are refused as OperationNotSupported.
 * Besides 2.0, the WFS 1.0.0/1.1.0 form is read (its namespace, wfs:Property/wfs:Name): QGIS 3
 * writes 1.0.0 transactions to every WFS it edits, 2.0 servers included.
 */
final class TransactionReader {
  private TransactionReader() {}

  /**
   * Whether the document element is a Transaction (of any namespace: a WFS 1.x Transaction is then
   * refused with a clear message rather than as an unknown operation). Reads only up to the first
   * element; a document that is not XML is left to the other reader, which reports it.
   */
  static boolean isTransaction(byte[] body) {
    try {
      XMLStreamReader r = XmlTree.factory().createXMLStreamReader(new ByteArrayInputStream(body));
      try {
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamConstants.START_ELEMENT) {
            return r.getLocalName().equals("Transaction");
          }
        }
        return false;
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      return false;
    }
  }

  static TransactionRequest read(byte[] body) {
    XmlTree root = XmlTree.parse(new String(body, StandardCharsets.UTF_8), "transaction");
    if (!root.ns().equals(XmlRequestReader.WFS) && !root.ns().equals(GmlWriter.WFS_11)) {
      throw new WfsException("OperationNotSupported", "Transaction", "a transaction is a WFS 2.0 ("
          + XmlRequestReader.WFS + ") or 1.x (" + GmlWriter.WFS_11 + ") wfs:Transaction, not one "
          + (root.ns().isEmpty() ? "without a namespace" : "in " + root.ns()));
    }
    String version = checkHeader(root);
    List<TransactionRequest.Action> actions = new ArrayList<>();
    int inserts = 0;
    int updates = 0;
    for (XmlTree a : root.children()) {
      if (!a.ns().equals(root.ns())) {
        throw new WfsException("OperationParsingFailed", a.name(), "'" + a.name() + "' is not a WFS transaction"
            + " action");
      }
      String handle = a.attribute("handle");
      switch (a.name()) {
        case "Insert" -> actions.add(insert(a, handle, "Insert[" + ++inserts + "]"));
        case "Update" -> actions.add(update(a, handle, "Update[" + ++updates + "]"));
        case "Delete", "Replace", "Native" -> throw new WfsException("OperationNotSupported",
            handle != null ? handle : a.name(), "wfs:" + a.name() + " is not offered; this server's transactions"
            + " take wfs:Insert and wfs:Update (a report is never deleted through WFS-T)");
        default -> throw new WfsException("OperationParsingFailed", a.name(), "'" + a.name() + "' is not a WFS"
            + " transaction action");
      }
    }
    if (actions.isEmpty()) {
      throw new WfsException("MissingParameterValue", "Transaction", "the transaction holds no action");
    }
    return new TransactionRequest(version, root.attribute("handle"), actions);
  }

  /** SERVICE and VERSION as the schema requires them; no locks, since none are offered. */
  private static String checkHeader(XmlTree root) {
    String service = root.attribute("service");
    if (service != null && !service.equals("WFS")) {
      throw WfsException.invalid("service", "this endpoint is a WFS, not '" + service + "'");
    }
    String version = root.attribute("version");
    if (version == null) {
      throw WfsException.missing("version");
    }
    boolean v2 = root.ns().equals(XmlRequestReader.WFS);
    boolean known = v2 ? version.equals("2.0.0") || version.equals("2.0.2")
        : version.equals("1.1.0") || version.equals("1.0.0");
    if (!known) {
      throw WfsException.invalid("version", "version " + version + " does not go with " + root.ns() + "; transactions"
          + " are 2.0.0, or 1.1.0 / 1.0.0 in the WFS 1.x namespace");
    }
    if (root.attribute("lockId") != null || root.child("LockId") != null) {
      throw WfsException.invalid("lockId", "this server offers no locks (ImplementsLockingWFS is FALSE)");
    }
    return v2 ? "2.0.0" : version;
  }

  private static TransactionRequest.Insert insert(XmlTree a, String handle, String position) {
    if (a.children().isEmpty()) {
      throw new WfsException("MissingParameterValue", handle != null ? handle : position, "the Insert holds no"
          + " feature");
    }
    String format = a.attribute("inputFormat");
    if (format != null && !isGml32(format)) {
      throw WfsException.invalid("inputFormat", "features are read as " + WfsEndpoint.GML32 + ", not " + format);
    }
    return new TransactionRequest.Insert(handle, handle != null ? handle : position, a.attribute("srsName"),
        a.children());
  }

  private static boolean isGml32(String format) {
    String f = format.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    return f.equals(WfsEndpoint.GML32.replace(" ", "")) || f.equals("text/xml;subtype=gml/3.2");
  }

  private static TransactionRequest.Update update(XmlTree a, String handle, String position) {
    String locator = handle != null ? handle : position;
    String typeName = a.attribute("typeName") != null ? a.attribute("typeName") : a.attribute("typeNames");
    if (typeName == null) {
      throw new WfsException("MissingParameterValue", locator, "the Update needs a typeName");
    }
    List<TransactionRequest.PropertyValue> properties = new ArrayList<>();
    XmlTree filter = null;
    for (XmlTree c : a.children()) {
      switch (c.name()) {
        case "Property" -> properties.add(property(c, locator));
        case "Filter" -> filter = c;
        default -> throw new WfsException("OperationParsingFailed", locator, "'" + c.name() + "' does not belong"
            + " in an Update");
      }
    }
    if (properties.isEmpty()) {
      throw new WfsException("MissingParameterValue", locator, "the Update changes no property");
    }
    if (filter == null) {
      throw new WfsException("MissingParameterValue", locator, "the Update needs a fes:Filter: this server does not"
          + " change every report at once");
    }
    return new TransactionRequest.Update(handle, locator, WfsEndpoint.localName(typeName.strip()), properties, filter);
  }

  private static TransactionRequest.PropertyValue property(XmlTree p, String locator) {
    XmlTree ref = p.child("ValueReference") != null ? p.child("ValueReference") : p.child("Name"); // Name: 1.x
    if (ref == null || ref.text().isBlank()) {
      throw new WfsException("MissingParameterValue", locator, "a wfs:Property needs a ValueReference");
    }
    String action = ref.attribute("action");
    if (action != null && !action.equals("replace")) {
      throw WfsException.invalid(locator, "ValueReference action '" + action + "' is not offered; properties are"
          + " replaced");
    }
    String path = ref.text().strip();
    String last = path.substring(path.lastIndexOf('/') + 1);
    return new TransactionRequest.PropertyValue(WfsEndpoint.localName(last), p.child("Value"));
  }
}
