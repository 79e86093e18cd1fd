package pl.kmzb.wfs;

import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The {@code ows:Operation} entries of both capabilities documents' {@code ows:OperationsMetadata}:
 * the operation with its DCP (KVP GET at {@code endpoint?}, XML POST at {@code endpoint}) and its
 * parameters. The two OWS versions differ in the parameters: OWS 1.0 (WFS 1.1.0) lists the values in
 * the parameter itself, OWS 1.1 (WFS 2.0) wraps them in {@code ows:AllowedValues}.
 */
final class OwsOperations {
  private final XMLStreamWriter x;
  private final String ows;
  private final boolean allowedValues;

  private OwsOperations(XMLStreamWriter x, String ows, boolean allowedValues) {
    this.x = x;
    this.ows = ows;
    this.allowedValues = allowedValues;
  }

  /** OWS 1.0, for WFS 1.1.0. */
  static OwsOperations ows10(XMLStreamWriter x) {
    return new OwsOperations(x, Capabilities11.OWS, false);
  }

  /** OWS 1.1, for WFS 2.0. */
  static OwsOperations ows11(XMLStreamWriter x) {
    return new OwsOperations(x, Capabilities.OWS, true);
  }

  /** Opens an operation reached by KVP GET (when {@code get}) and XML POST; its parameters follow, then {@link #end}. */
  OwsOperations begin(String name, String endpoint, boolean get) throws XMLStreamException {
    x.writeStartElement("ows", "Operation", ows);
    x.writeAttribute("name", name);
    x.writeStartElement("ows", "DCP", ows);
    x.writeStartElement("ows", "HTTP", ows);
    if (get) {
      x.writeEmptyElement("ows", "Get", ows);
      x.writeAttribute("xlink", Capabilities.XLINK, "href", endpoint + "?");
    }
    x.writeEmptyElement("ows", "Post", ows);
    x.writeAttribute("xlink", Capabilities.XLINK, "href", endpoint);
    x.writeEndElement();
    x.writeEndElement();
    return this;
  }

  /** A parameter with its allowed values (also used for the operations-wide ones). */
  OwsOperations parameter(String name, List<String> values) throws XMLStreamException {
    x.writeStartElement("ows", "Parameter", ows);
    x.writeAttribute("name", name);
    if (allowedValues) {
      x.writeStartElement("ows", "AllowedValues", ows);
    }
    for (String v : values) {
      x.writeStartElement("ows", "Value", ows);
      x.writeCharacters(v);
      x.writeEndElement();
    }
    if (allowedValues) {
      x.writeEndElement();
    }
    x.writeEndElement();
    return this;
  }

  /** Closes the operation. */
  void end() throws XMLStreamException {
    x.writeEndElement();
  }
}
