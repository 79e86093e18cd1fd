package pl.kmzb.style;

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
 * A small element tree read with StAX, bounded, so the SLD reader can look ahead (a rule's filter
 * and its symbolizers) without a DOM library. DTDs and external entities are off: an SLD from a
 * client (SLD_BODY) can neither read files nor expand entities; size, depth and element count are
 * capped so a hostile body costs bounded time and memory.
 */
final class XmlTree {
  static final int MAX_CHARS = 1 << 20;
  static final int MAX_DEPTH = 32;
  static final int MAX_ELEMENTS = 20_000;

  /** An element: namespace, local name, attributes by local name, text content, children, line. */
  record Node(String namespace, String name, Map<String, String> attributes, List<Node> children, String text,
      int line) {
    List<Node> all(String localName) {
      return children.stream().filter(c -> c.name.equals(localName)).toList();
    }

    Node first(String localName) {
      for (Node c : children) {
        if (c.name.equals(localName)) {
          return c;
        }
      }
      return null;
    }

    String childText(String localName) {
      Node c = first(localName);
      return c == null ? null : c.text.strip();
    }
  }

  private XmlTree() {}

  /** Parses {@code xml}; throws {@link SldException} naming {@code source} and the line. */
  static Node parse(String xml, String source) {
    if (xml.length() > MAX_CHARS) {
      throw new SldException(List.of(source + ": larger than " + MAX_CHARS + " characters"));
    }
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(new StringReader(xml));
      return read(r, source);
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
      throw new SldException(List.of(source + ":" + line + ": not well-formed XML: " + cleanMessage(e)));
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing was held open beyond the string
        }
      }
    }
  }

  private static Node read(XMLStreamReader r, String source) throws XMLStreamException {
    List<Builder> stack = new ArrayList<>();
    Node root = null;
    int elements = 0;
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          if (++elements > MAX_ELEMENTS || stack.size() >= MAX_DEPTH) {
            throw new SldException(List.of(source + ":" + r.getLocation().getLineNumber() + ": more than "
                + (elements > MAX_ELEMENTS ? MAX_ELEMENTS + " elements" : MAX_DEPTH + " levels of nesting")));
          }
          Map<String, String> attrs = new HashMap<>();
          for (int i = 0; i < r.getAttributeCount(); i++) {
            attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
          }
          stack.add(new Builder(r.getNamespaceURI(), r.getLocalName(), attrs, r.getLocation().getLineNumber()));
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
          if (!stack.isEmpty()) {
            stack.get(stack.size() - 1).text.append(r.getText());
          }
        }
        case XMLStreamConstants.ENTITY_REFERENCE -> throw new SldException(List.of(source + ":"
            + r.getLocation().getLineNumber() + ": entity references are not allowed (&" + r.getLocalName() + ";)"));
        case XMLStreamConstants.DTD -> throw new SldException(List.of(source + ":" + r.getLocation().getLineNumber()
            + ": a DOCTYPE is not allowed in a style"));
        case XMLStreamConstants.END_ELEMENT -> {
          Node n = stack.remove(stack.size() - 1).build();
          if (stack.isEmpty()) {
            root = n;
          } else {
            stack.get(stack.size() - 1).children.add(n);
          }
        }
        default -> {
          // comments, processing instructions, whitespace: nothing to keep
        }
      }
    }
    if (root == null) {
      throw new SldException(List.of(source + ": no root element"));
    }
    return root;
  }

  private static String cleanMessage(XMLStreamException e) {
    String m = e.getMessage();
    int i = m == null ? -1 : m.indexOf("Message: ");
    return i >= 0 ? m.substring(i + 9) : String.valueOf(m);
  }

  private static final class Builder {
    final String namespace;
    final String name;
    final Map<String, String> attributes;
    final int line;
    final List<Node> children = new ArrayList<>();
    final StringBuilder text = new StringBuilder();

    Builder(String namespace, String name, Map<String, String> attributes, int line) {
      this.namespace = namespace;
      this.name = name;
      this.attributes = attributes;
      this.line = line;
    }

    Node build() {
      return new Node(namespace, name, Map.copyOf(attributes), List.copyOf(children), text.toString(), line);
    }
  }
}
