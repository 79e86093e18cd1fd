package pl.kmzb.wms;

import java.io.Writer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The XML writer every WMS document is written with (escaping is the writer's). */
final class Xml {
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String XLINK = "http://www.w3.org/1999/xlink";
  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private Xml() {}

  static XMLStreamWriter writer(Writer out) throws XMLStreamException {
    return FACTORY.createXMLStreamWriter(out);
  }
}
