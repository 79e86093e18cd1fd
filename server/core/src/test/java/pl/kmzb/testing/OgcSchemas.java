package pl.kmzb.testing;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.ext.DefaultHandler2;

/**
 * Validates OGC documents (capabilities, exception reports, GML, SLD/SE, filters) against the official
 * schemas, offline: the XSDs named by the document's {@code xsi:schemaLocation} and the DTD named by its
 * DOCTYPE (WMS 1.1.1 has no XSD) are read from the {@code ogc-schemas} and {@code w3c-schemas} jars on
 * the test class path through {@link OfflineSchemas}; a schema with no local copy fails the check
 * loudly, and nothing is ever fetched. Application schemas (a WFS DescribeFeatureType answer) are given
 * as text by namespace.
 *
 * <pre>
 *   OgcSchemas.validate(capabilitiesXml);                              // AssertionError listing every problem
 *   OgcSchemas.validate(featureCollectionXml, Map.of("https://kmzb.policja.gov.pl/wfs", describeFeatureTypeXsd));
 * </pre>
 */
public final class OgcSchemas {
  private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
  /** Compiled schemas by the imports they were built from: a WFS 2.0 + GML 3.2 set takes a second or more. */
  private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

  private OgcSchemas() {}

  /** Validates {@code xml}; an {@link AssertionError} listing every problem if it is not valid. */
  public static void validate(String xml) {
    validate(xml, Map.of());
  }

  /**
   * Validates {@code xml}, with application schemas given as text by target namespace (they may
   * import OGC schemas by their http address, which resolve offline).
   */
  public static void validate(String xml, Map<String, String> applicationSchemas) {
    List<String> problems = problems(xml, applicationSchemas);
    if (!problems.isEmpty()) {
      throw new AssertionError("not valid against its schemas:\n  " + String.join("\n  ", problems)
          + "\n--- document ---\n" + excerpt(xml));
    }
  }

  /** Every problem of {@code xml} as "line L, column C: message"; empty if it is valid. */
  public static List<String> problems(String xml) {
    return problems(xml, Map.of());
  }

  public static List<String> problems(String xml, Map<String, String> applicationSchemas) {
    Prolog prolog = Prolog.read(xml);
    List<String> problems = new ArrayList<>();
    if (prolog.dtd() == null && prolog.schemaLocations().isEmpty()) {
      problems.add("the document names no schema: no xsi:schemaLocation on <" + prolog.root() + "> and no DOCTYPE");
      return problems;
    }
    if (prolog.dtd() != null) {
      problems.addAll(validateByDtd(xml));
    }
    if (!prolog.schemaLocations().isEmpty() || !applicationSchemas.isEmpty()) {
      Map<String, String> imports = new LinkedHashMap<>(prolog.schemaLocations());
      applicationSchemas.keySet().forEach(ns -> imports.put(ns, OfflineSchemas.GIVEN + ns));
      problems.addAll(validateBySchema(xml, schema(imports, applicationSchemas)));
    }
    return problems;
  }

  /**
   * Compiles an application schema (e.g. a DescribeFeatureType answer), its OGC imports read offline;
   * an {@link AssertionError} with every problem if it is not a valid schema.
   */
  public static Schema compile(String namespace, String xsd) {
    return schema(Map.of(namespace, OfflineSchemas.GIVEN + namespace), Map.of(namespace, xsd));
  }

  private static Schema schema(Map<String, String> imports, Map<String, String> applicationSchemas) {
    StringBuilder wrapper = new StringBuilder("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n");
    imports.forEach((ns, location) -> wrapper.append("  <xs:import namespace=\"").append(escape(ns))
        .append("\" schemaLocation=\"").append(escape(location)).append("\"/>\n"));
    wrapper.append("</xs:schema>\n");
    String key = wrapper + "\n" + applicationSchemas;
    Schema cached = COMPILED.get(key);
    if (cached != null) {
      return cached;
    }
    Map<String, String> given = new LinkedHashMap<>();
    applicationSchemas.forEach((ns, text) -> given.put(OfflineSchemas.GIVEN + ns, text));
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    // Belt and braces: the parser may open nothing itself; everything comes through the resolver.
    setProperty(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA);
    setProperty(factory, XMLConstants.ACCESS_EXTERNAL_DTD);
    factory.setResourceResolver(new OfflineSchemas(given));
    Collector errors = new Collector();
    factory.setErrorHandler(errors);
    Schema schema;
    try {
      StreamSource source = new StreamSource(new StringReader(wrapper.toString()), OfflineSchemas.GIVEN + "wrapper");
      schema = factory.newSchema(source);
    } catch (SAXException e) {
      errors.add("schema", e);
      schema = null;
    }
    if (schema == null || !errors.problems.isEmpty()) {
      throw new AssertionError("the schemas did not compile:\n  " + String.join("\n  ", errors.problems)
          + "\n--- imports ---\n" + wrapper);
    }
    COMPILED.put(key, schema);
    return schema;
  }

  private static List<String> validateBySchema(String xml, Schema schema) {
    Validator validator = schema.newValidator();
    try {
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    } catch (SAXException e) {
      throw new IllegalStateException("the XML validator cannot be kept off the network", e);
    }
    validator.setResourceResolver(OfflineSchemas.standard());
    Collector errors = new Collector();
    validator.setErrorHandler(errors);
    try {
      validator.validate(new StreamSource(new StringReader(xml)));
    } catch (SAXParseException e) {
      errors.add("document", e); // fatal: not well-formed
    } catch (SAXException | java.io.IOException e) {
      errors.problems.add(e.getMessage());
    }
    return errors.problems;
  }

  /** WMS 1.1.1 and its exceptions are defined by DTDs: validated by a validating parser, DTD read offline. */
  private static List<String> validateByDtd(String xml) {
    Collector errors = new Collector();
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setValidating(true);
      factory.setNamespaceAware(false);
      SAXParser parser = factory.newSAXParser();
      parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      var reader = parser.getXMLReader();
      reader.setEntityResolver(OfflineSchemas.standard());
      reader.setErrorHandler(errors);
      reader.parse(new InputSource(new StringReader(xml)));
    } catch (SAXParseException e) {
      errors.add("document", e);
    } catch (SAXException | ParserConfigurationException | java.io.IOException e) {
      errors.problems.add(e.getMessage());
    }
    return errors.problems;
  }

  private static void setProperty(SchemaFactory factory, String property) {
    try {
      factory.setProperty(property, "");
    } catch (SAXException e) {
      throw new IllegalStateException("the schema factory cannot be kept off the network", e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  private static String excerpt(String xml) {
    return xml.length() <= 4000 ? xml : xml.substring(0, 4000) + "\n… (" + xml.length() + " characters)";
  }

  /** Collects every error; warnings (e.g. a namespace imported twice) are not problems. */
  private static final class Collector implements ErrorHandler {
    final List<String> problems = new ArrayList<>();

    void add(String what, SAXParseException e) {
      String where = e.getSystemId() == null || e.getSystemId().startsWith(OfflineSchemas.GIVEN) ? what : e.getSystemId();
      problems.add((what.equals("document") && e.getSystemId() == null ? "" : where + " ")
          + "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage());
    }

    void add(String what, SAXException e) {
      if (e instanceof SAXParseException p) {
        add(what, p);
      } else {
        problems.add(what + ": " + e.getMessage());
      }
    }

    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) {
      add("document", e);
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      add("document", e);
      throw e;
    }
  }

  /** The root element, its xsi:schemaLocation pairs and the DOCTYPE's system id, read without validating. */
  record Prolog(String root, Map<String, String> schemaLocations, String dtd) {
    static Prolog read(String xml) {
      Reading handler = new Reading();
      try {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        SAXParser parser = factory.newSAXParser();
        parser.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
        parser.parse(new InputSource(new StringReader(xml)), handler);
      } catch (RootRead done) {
        // read what was needed
      } catch (SAXParseException e) {
        throw new AssertionError("not well-formed XML: line " + e.getLineNumber() + ", column "
            + e.getColumnNumber() + ": " + e.getMessage());
      } catch (SAXException | ParserConfigurationException | java.io.IOException e) {
        throw new AssertionError("cannot read the document: " + e.getMessage(), e);
      }
      return new Prolog(handler.root, handler.locations, handler.dtd);
    }

    private static final class RootRead extends SAXException {
      RootRead() {
        super("root read");
      }
    }

    private static final class Reading extends DefaultHandler2 {
      String root;
      String dtd;
      final Map<String, String> locations = new LinkedHashMap<>();

      @Override
      public void startDTD(String name, String publicId, String systemId) {
        dtd = systemId;
      }

      @Override
      public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
        root = qName;
        String pairs = atts.getValue(XSI, "schemaLocation");
        if (pairs != null) {
          String[] parts = pairs.strip().split("\\s+");
          if (parts.length % 2 != 0) {
            throw new AssertionError("xsi:schemaLocation must hold namespace/location pairs: '" + pairs + "'");
          }
          for (int i = 0; i < parts.length; i += 2) {
            locations.putIfAbsent(parts[i], parts[i + 1]);
          }
        }
        if (atts.getValue(XSI, "noNamespaceSchemaLocation") != null) {
          throw new AssertionError("xsi:noNamespaceSchemaLocation is not supported: OGC documents are namespaced");
        }
        throw new RootRead();
      }
    }
  }
}
