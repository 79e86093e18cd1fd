package pl.kmzb.wfs;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

/**
 * Reads a WFS XML POST request into the KVP form ({@link WfsRequest}). Hostile input is refused in
 * bounded time and memory: DTDs and external entities are disabled (no XXE, no entity expansion;
 * a DOCTYPE is an error), the body is capped by the endpoint, nesting is limited to
 * {@link #MAX_DEPTH} and the document to {@link #MAX_ELEMENTS} elements. A fes:Filter is passed on
 * as text for the filter parser, with every namespace in scope declared on it.
 */
final class XmlRequestReader {
  static final int MAX_DEPTH = 64;
  static final int MAX_ELEMENTS = 20_000;
  static final String WFS = "http://www.opengis.net/wfs/2.0";
  static final String FES = "http://www.opengis.net/fes/2.0";
  private static final Set<String> OPERATIONS = Set.of("GetCapabilities", "DescribeFeatureType", "GetFeature",
      "GetPropertyValue", "ListStoredQueries", "DescribeStoredQueries");
  private static final XMLInputFactory INPUT = secureFactory();

  private XmlRequestReader() {}

  private static XMLInputFactory secureFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    return f;
  }

  static WfsRequest read(byte[] body) {
    try {
      XMLStreamReader r = INPUT.createXMLStreamReader(new ByteArrayInputStream(body));
      try {
        return new XmlRequestReader.Walk(r).request();
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new WfsException("OperationParsingFailed", "request", "the request is not well-formed XML: "
          + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** One pass over the document, keeping the namespaces in scope. */
  private static final class Walk {
    private final XMLStreamReader r;
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private final Map<String, String> params = new LinkedHashMap<>();
    private int elements;

    Walk(XMLStreamReader r) {
      this.r = r;
    }

    WfsRequest request() throws XMLStreamException {
      nextStart();
      String op = r.getLocalName();
      boolean v11 = pl.kmzb.encode.GmlWriter.WFS_11.equals(r.getNamespaceURI());
      if (!OPERATIONS.contains(op) || !(WFS.equals(r.getNamespaceURI()) || v11)) {
        throw new WfsException("OperationNotSupported", "request", "'" + r.getName() + "' is not a WFS 2.0 operation"
            + " this server offers; it offers " + OPERATIONS);
      }
      params.put("REQUEST", op);
      namespaces(); // the root's, for valueReference and the query's references
      attribute("service", "SERVICE");
      if (op.equals("GetCapabilities")) {
        params.putIfAbsent("SERVICE", "WFS"); // the schema's default for this element only
      }
      attribute("version", "VERSION");
      attribute("count", "COUNT");
      attribute("startIndex", "STARTINDEX");
      attribute("outputFormat", "OUTPUTFORMAT");
      attribute("resultType", "RESULTTYPE");
      attribute("valueReference", "VALUEREFERENCE");
      attribute("maxFeatures", "MAXFEATURES");
      if (v11) {
        params.putIfAbsent("VERSION", "1.1.0");
      }
      List<String> typeNames = new ArrayList<>();
      List<String> versions = new ArrayList<>();
      List<String> storedIds = new ArrayList<>();
      List<String> propertyNames = new ArrayList<>();
      int queries = 0;
      while (r.hasNext()) {
        int event = next();
        if (event == XMLStreamConstants.END_ELEMENT) {
          scopes.pop();
          continue;
        }
        if (event != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = r.getLocalName();
        switch (name) {
          case "Query" -> {
            queries++;
            namespaces();
            attribute("typeNames", "TYPENAMES");
            attribute("typeName", "TYPENAMES");
            attribute("srsName", "SRSNAME");
          }
          case "StoredQuery" -> {
            queries++;
            attribute("id", "STOREDQUERY_ID");
          }
          case "Parameter" -> params.put(r.getAttributeValue(null, "name") == null ? "PARAMETER"
              : r.getAttributeValue(null, "name").toUpperCase(java.util.Locale.ROOT), text());
          case "Filter" -> params.put("FILTER", copy());
          case "TypeName" -> typeNames.add(text());
          case "Version" -> versions.add(text());
          case "StoredQueryId" -> storedIds.add(text());
          case "SortBy" -> {
            namespaces();
            params.put("SORTBY", sortBy());
          }
          case "PropertyName" -> {
            namespaces();
            propertyNames.add(text());
          }
          default -> { }
        }
        if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
          scopes.pop(); // text() and copy() consumed the element up to its end tag
        }
      }
      if (queries > 1) {
        throw new WfsException("OperationNotSupported", "Query", "one query per request is supported");
      }
      join("TYPENAMES", typeNames);
      join("ACCEPTVERSIONS", versions);
      join("STOREDQUERY_ID", storedIds);
      join("PROPERTYNAME", propertyNames);
      return new WfsRequest(params);
    }

    /**
     * The namespaces in scope at the current element as the NAMESPACES parameter of KVP, so value
     * references of SORTBY and PROPERTYNAME resolve their prefixes as in a KVP request.
     */
    private void namespaces() {
      StringBuilder sb = new StringBuilder();
      for (Map.Entry<String, String> e : scopes.peek().entrySet()) {
        sb.append(sb.isEmpty() ? "" : ",").append("xmlns(").append(e.getKey()).append(',').append(e.getValue())
            .append(')');
      }
      if (!sb.isEmpty()) {
        params.put("NAMESPACES", sb.toString());
      }
    }

    /**
     * fes:SortBy (ogc:SortBy in 1.1) as SORTBY's KVP form: each SortProperty's ValueReference (or
     * PropertyName) and its SortOrder; leaves the reader on the SortBy end tag.
     */
    private String sortBy() throws XMLStreamException {
      List<String> terms = new ArrayList<>();
      String reference = null;
      String order = null;
      int depth = 1;
      while (depth > 0) {
        int event = next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          switch (r.getLocalName()) {
            case "ValueReference", "PropertyName" -> reference = text();
            case "SortOrder" -> order = text();
            case "SortProperty" -> {
              reference = null;
              order = null;
              continue;
            }
            default -> throw new WfsException("OperationParsingFailed", "SortBy", "unexpected element " + r.getName()
                + " in SortBy");
          }
          depth--;
          scopes.pop(); // text() left the reader on the element's end tag
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
          if (r.getLocalName().equals("SortProperty")) {
            if (reference == null || reference.isEmpty()) {
              throw new WfsException("OperationParsingFailed", "SortBy", "a SortProperty needs a ValueReference");
            }
            if (reference.contains(",") || reference.contains(" ")) {
              throw WfsException.invalid("sortBy", "'" + reference + "' is not a value reference");
            }
            terms.add(order == null ? reference : reference + " " + order);
          }
          if (depth > 0) {
            scopes.pop();
          }
        }
      }
      if (terms.isEmpty()) {
        throw new WfsException("OperationParsingFailed", "SortBy", "a SortBy needs a SortProperty");
      }
      return String.join(",", terms);
    }

    private void join(String key, List<String> values) {
      if (!values.isEmpty()) {
        params.put(key, String.join(",", values));
      }
    }

    private void attribute(String xml, String key) {
      String v = r.getAttributeValue(null, xml);
      if (v != null) {
        params.put(key, v);
      }
    }

    private void nextStart() throws XMLStreamException {
      while (next() != XMLStreamConstants.START_ELEMENT) {
        if (!r.hasNext()) {
          throw new WfsException("OperationParsingFailed", "request", "the request has no root element");
        }
      }
    }

    /** The next event, with the document's limits and namespace scopes kept. */
    private int next() throws XMLStreamException {
      int event = r.next();
      if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new WfsException("OperationParsingFailed", "request", "DTDs and entity references are not accepted");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        if (++elements > MAX_ELEMENTS) {
          throw new WfsException("OperationParsingFailed", "request", "the request has more than " + MAX_ELEMENTS
              + " elements");
        }
        if (scopes.size() >= MAX_DEPTH) {
          throw new WfsException("OperationParsingFailed", "request", "the request nests deeper than " + MAX_DEPTH
              + " elements");
        }
        Map<String, String> scope = new LinkedHashMap<>(scopes.isEmpty() ? Map.of() : scopes.peek());
        for (int i = 0; i < r.getNamespaceCount(); i++) {
          scope.put(r.getNamespacePrefix(i) == null ? "" : r.getNamespacePrefix(i), r.getNamespaceURI(i));
        }
        scopes.push(scope);
      }
      return event;
    }

    /** The text of a simple element; leaves the reader on its end tag. */
    private String text() throws XMLStreamException {
      StringBuilder sb = new StringBuilder();
      while (true) {
        int event = next();
        if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
            || event == XMLStreamConstants.SPACE) {
          sb.append(r.getText());
          if (sb.length() > 65_536) {
            throw new WfsException("OperationParsingFailed", "request", "a value is longer than 64 KB");
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          return sb.toString().strip();
        } else if (event == XMLStreamConstants.START_ELEMENT) {
          throw new WfsException("OperationParsingFailed", r.getLocalName(), "unexpected element "
              + r.getName() + " in a simple value");
        }
      }
    }

    /** The current element and its content as a document of its own; leaves the reader on its end tag. */
    private String copy() throws XMLStreamException {
      StringWriter s = new StringWriter();
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(s);
      Map<String, String> inScope = scopes.peek();
      int depth = 0;
      boolean first = true;
      while (true) {
        int event = first ? XMLStreamConstants.START_ELEMENT : next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            String prefix = r.getPrefix() == null ? "" : r.getPrefix();
            String ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
            w.writeStartElement(prefix, r.getLocalName(), ns);
            if (first) {
              for (Map.Entry<String, String> e : inScope.entrySet()) {
                if (e.getKey().isEmpty()) {
                  w.writeDefaultNamespace(e.getValue());
                } else {
                  w.writeNamespace(e.getKey(), e.getValue());
                }
              }
            } else {
              for (int i = 0; i < r.getNamespaceCount(); i++) {
                String p = r.getNamespacePrefix(i);
                if (p == null || p.isEmpty()) {
                  w.writeDefaultNamespace(r.getNamespaceURI(i));
                } else {
                  w.writeNamespace(p, r.getNamespaceURI(i));
                }
              }
            }
            for (int i = 0; i < r.getAttributeCount(); i++) {
              String ap = r.getAttributePrefix(i);
              String an = r.getAttributeNamespace(i);
              if (ap == null || ap.isEmpty()) {
                w.writeAttribute(r.getAttributeLocalName(i), r.getAttributeValue(i));
              } else {
                w.writeAttribute(ap, an, r.getAttributeLocalName(i), r.getAttributeValue(i));
              }
            }
            first = false;
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
              w.writeCharacters(r.getText());
          case XMLStreamConstants.END_ELEMENT -> {
            w.writeEndElement();
            if (--depth == 0) {
              w.close();
              return s.toString();
            }
            scopes.pop();
          }
          default -> { }
        }
      }
    }
  }
}
