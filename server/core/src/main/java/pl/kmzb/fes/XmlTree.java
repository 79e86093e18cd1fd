package pl.kmzb.fes;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A filter element read into a small tree with StAX, bounded before anything is interpreted: no DTD
 * (a document carrying one is refused, so no entity is ever declared, let alone expanded), no
 * external entities, at most {@link #MAX_DEPTH} levels and {@link #MAX_ELEMENTS} elements. Public for
 * the other XML requests of the OGC services (a WFS-T Transaction), which need the same bounds.
 */
public record XmlTree(String ns, String name, Map<String, String> attributes, String text, List<XmlTree> children) {
  static final int MAX_DEPTH = 64;
  static final int MAX_ELEMENTS = 100_000;
  static final int MAX_LENGTH = 4 << 20;

  /** The first child with this local name (any namespace), or null. */
  public XmlTree child(String local) {
    for (XmlTree c : children) {
      if (c.name.equals(local)) {
        return c;
      }
    }
    return null;
  }

  public String attribute(String local) {
    return attributes.get(local);
  }

  /** A StAX factory with the bounds of this class: no DTD, no external entities, namespace-aware. */
  public static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    return f;
  }

  private static final XMLInputFactory FACTORY = factory();

  /** The document's root element. */
  static XmlTree parse(String xml) {
    return parse(xml, "filter");
  }

  /**
   * The root element of a document of another kind; {@code what} names it in errors ("filter",
   * "transaction") and is their locator.
   */
  public static XmlTree parse(String xml, String what) {
    if (xml.length() > MAX_LENGTH) {
      throw new FesException(FesException.PARSING_FAILED, what, "the " + what + " is " + xml.length()
          + " characters long; at most " + MAX_LENGTH + " are read");
    }
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(new StringReader(xml));
      try {
        while (r.hasNext()) {
          int e = r.next();
          if (e == XMLStreamConstants.DTD) {
            throw new FesException(FesException.PARSING_FAILED, what, "a " + what + " must not carry a DTD");
          } else if (e == XMLStreamConstants.START_ELEMENT) {
            return read(r, 1, new int[] {0}, what);
          }
        }
        throw new FesException(FesException.PARSING_FAILED, what, "the " + what + " holds no element");
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new FesException(FesException.PARSING_FAILED, what, "the " + what + " is not well-formed XML: "
          + e.getMessage());
    }
  }

  /** The element the reader stands on (START_ELEMENT), read to its end. */
  static XmlTree read(XMLStreamReader r) throws XMLStreamException {
    int[] count = {0};
    return read(r, 1, count, "filter");
  }

  private static XmlTree read(XMLStreamReader r, int depth, int[] count, String what) throws XMLStreamException {
    if (depth > MAX_DEPTH) {
      throw new FesException(FesException.PARSING_FAILED, what, "the " + what + " is nested deeper than " + MAX_DEPTH
          + " elements");
    }
    if (++count[0] > MAX_ELEMENTS) {
      throw new FesException(FesException.PARSING_FAILED, what, "the " + what + " has more than " + MAX_ELEMENTS
          + " elements");
    }
    String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
    String name = r.getLocalName();
    Map<String, String> attributes = new HashMap<>();
    for (int i = 0; i < r.getAttributeCount(); i++) {
      attributes.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
    }
    StringBuilder text = new StringBuilder();
    List<XmlTree> children = new ArrayList<>();
    while (true) {
      int e = r.next();
      switch (e) {
        case XMLStreamConstants.START_ELEMENT -> children.add(read(r, depth + 1, count, what));
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> text.append(r.getText());
        case XMLStreamConstants.ENTITY_REFERENCE -> throw new FesException(FesException.PARSING_FAILED, what,
            "entity references are not allowed in a " + what);
        case XMLStreamConstants.END_ELEMENT -> {
          return new XmlTree(ns, name, Map.copyOf(attributes), text.toString(), List.copyOf(children));
        }
        default -> {
        }
      }
    }
  }
}
