package pl.kmzb.wfs;

import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.encode.GmlWriter;
import pl.kmzb.features.FeatureCollection;
import pl.kmzb.geo.Envelope;
import pl.kmzb.layer.ServiceMetadata;

/**
 * The WFS 2.0 capabilities document. It declares exactly what {@link WfsEndpoint} answers: the six
 * operations, KVP and XML encodings, result paging, the GetFeatureById stored query, the CRSs,
 * the output formats, and the filter conformance of what the server parses.
 */
public final class Capabilities {
  static final String OWS = ExceptionReport.OWS;
  static final String XLINK = "http://www.w3.org/1999/xlink";
  static final String FES = XmlRequestReader.FES;
  static final List<String> OPERATIONS = List.of("GetCapabilities", "DescribeFeatureType", "GetFeature",
      "GetPropertyValue", "ListStoredQueries", "DescribeStoredQueries");

  private final ServiceMetadata service;
  private final CrsRegistry crs;
  private final FilterSupport filters;
  private final int defaultCount;

  public Capabilities(ServiceMetadata service, CrsRegistry crs, FilterSupport filters, int defaultCount) {
    this.service = service;
    this.crs = crs;
    this.filters = filters;
    this.defaultCount = defaultCount;
  }

  /** What filters the server parses, as the Filter_Capabilities declare them. */
  public record FilterSupport(boolean fes, List<String> conformanceTrue) {
    /**
     * What F2's FesParser reads (see its class comment) — FES 2.0 without functions — with sorting
     * (SORTBY on {@link References#sortable()}, keyset paging under every order) and the minimum
     * XPath subset ({@code pl.kmzb.fes.MinimumXPath}): together the filter side of Basic WFS.
     */
    public static final FilterSupport FES_20 = new FilterSupport(true, List.of("ImplementsQuery",
        "ImplementsAdHocQuery", "ImplementsResourceId", "ImplementsMinStandardFilter", "ImplementsStandardFilter",
        "ImplementsMinSpatialFilter", "ImplementsSpatialFilter", "ImplementsMinTemporalFilter",
        "ImplementsTemporalFilter", "ImplementsSorting", "ImplementsMinimumXPath"));
  }

  static final List<String> COMPARISON = List.of("PropertyIsEqualTo", "PropertyIsNotEqualTo", "PropertyIsLessThan",
      "PropertyIsGreaterThan", "PropertyIsLessThanOrEqualTo", "PropertyIsGreaterThanOrEqualTo", "PropertyIsLike",
      "PropertyIsNull", "PropertyIsNil", "PropertyIsBetween");
  static final List<String> GEOMETRY_OPERANDS = List.of("gml:Point", "gml:LineString", "gml:Polygon",
      "gml:Envelope", "gml:MultiPoint", "gml:MultiCurve", "gml:MultiSurface");
  static final List<String> SPATIAL = List.of("BBOX", "Equals", "Disjoint", "Intersects", "Touches", "Crosses",
      "Within", "Contains", "Overlaps", "Beyond", "DWithin");
  static final List<String> TEMPORAL = List.of("After", "Before", "Begins", "BegunBy", "TContains", "During",
      "TEquals", "TOverlaps", "Meets", "OverlappedBy", "MetBy", "Ends", "EndedBy");

  byte[] render(String endpoint, List<FeatureCollection> types) {
    return render(endpoint, types, false);
  }

  /** @param transactional whether the caller may send transactions (declared only to them) */
  byte[] render(String endpoint, List<FeatureCollection> types, boolean transactional) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("wfs", "WFS_Capabilities", GmlWriter.WFS);
      x.writeNamespace("wfs", GmlWriter.WFS);
      x.writeNamespace("ows", OWS);
      x.writeNamespace("xlink", XLINK);
      x.writeNamespace("fes", FES);
      x.writeNamespace("gml", GmlWriter.GML);
      x.writeNamespace("xsi", GmlWriter.XSI);
      x.writeNamespace(WfsEndpoint.PREFIX, WfsEndpoint.NAMESPACE);
      x.writeAttribute("xsi", GmlWriter.XSI, "schemaLocation",
          GmlWriter.WFS + " http://schemas.opengis.net/wfs/2.0/wfs.xsd");
      x.writeAttribute("version", "2.0.0");
      serviceIdentification(x);
      serviceProvider(x);
      operations(x, endpoint, transactional);
      featureTypes(x, types);
      filterCapabilities(x);
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
      return out.toByteArray();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }

  private static void text(XMLStreamWriter x, String prefix, String ns, String name, String value)
      throws XMLStreamException {
    x.writeStartElement(prefix, name, ns);
    x.writeCharacters(value == null ? "" : value);
    x.writeEndElement();
  }

  private void serviceIdentification(XMLStreamWriter x) throws XMLStreamException {
    x.writeStartElement("ows", "ServiceIdentification", OWS);
    text(x, "ows", OWS, "Title", service.title().en());
    text(x, "ows", OWS, "Abstract", service.summary() == null ? "" : service.summary().en());
    if (!service.keywords().isEmpty()) {
      x.writeStartElement("ows", "Keywords", OWS);
      for (String k : service.keywords()) {
        text(x, "ows", OWS, "Keyword", k);
      }
      x.writeEndElement();
    }
    text(x, "ows", OWS, "ServiceType", "WFS");
    text(x, "ows", OWS, "ServiceTypeVersion", "2.0.0");
    text(x, "ows", OWS, "Fees", service.fees() == null ? "none" : service.fees());
    text(x, "ows", OWS, "AccessConstraints", service.accessConstraints() == null ? "none"
        : service.accessConstraints());
    x.writeEndElement();
  }

  private void serviceProvider(XMLStreamWriter x) throws XMLStreamException {
    x.writeStartElement("ows", "ServiceProvider", OWS);
    text(x, "ows", OWS, "ProviderName", service.contactOrganisation());
    if (service.providerSite() != null) {
      x.writeEmptyElement("ows", "ProviderSite", OWS);
      x.writeAttribute("xlink", XLINK, "href", service.providerSite());
    }
    x.writeStartElement("ows", "ServiceContact", OWS);
    if (service.contactPerson() != null) {
      text(x, "ows", OWS, "IndividualName", service.contactPerson());
    }
    if (service.contactPosition() != null) {
      text(x, "ows", OWS, "PositionName", service.contactPosition());
    }
    x.writeStartElement("ows", "ContactInfo", OWS);
    if (service.contactPhone() != null) {
      x.writeStartElement("ows", "Phone", OWS);
      text(x, "ows", OWS, "Voice", service.contactPhone());
      x.writeEndElement();
    }
    x.writeStartElement("ows", "Address", OWS);
    ServiceMetadata.Address a = service.address();
    if (a != null) {
      text(x, "ows", OWS, "DeliveryPoint", a.street());
      text(x, "ows", OWS, "City", a.city());
      text(x, "ows", OWS, "AdministrativeArea", a.region());
      text(x, "ows", OWS, "PostalCode", a.postCode());
      text(x, "ows", OWS, "Country", a.country());
    }
    text(x, "ows", OWS, "ElectronicMailAddress", service.contactEmail());
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
  }

  private void operations(XMLStreamWriter x, String endpoint, boolean transactional) throws XMLStreamException {
    x.writeStartElement("ows", "OperationsMetadata", OWS);
    OwsOperations ops = OwsOperations.ows11(x);
    for (String op : OPERATIONS) {
      ops.begin(op, endpoint, true);
      if (op.equals("GetCapabilities")) {
        ops.parameter("AcceptVersions", List.of("2.0.0"));
        ops.parameter("AcceptFormats", List.of("text/xml"));
      } else if (op.equals("DescribeFeatureType")) {
        ops.parameter("outputFormat", List.of(WfsEndpoint.GML32));
      } else if (op.equals("GetFeature")) {
        ops.parameter("outputFormat", WfsEndpoint.OUTPUT_FORMATS);
        ops.parameter("resultType", List.of("results", "hits"));
        // The properties SORTBY takes (each ASC or DESC, the feature id the tiebreak).
        ops.parameter("sortBy", References.sortable());
        // Features hold no references, so resolving local ones is trivially done (WFS 2.0, 7.6.4).
        ops.parameter("resolve", List.of("local"));
      } else if (op.equals("GetPropertyValue")) {
        ops.parameter("outputFormat", List.of(WfsEndpoint.GML32));
        ops.parameter("resultType", List.of("results", "hits"));
        // Features hold no references, so resolving local ones is trivially done (WFS 2.0, 7.6.4).
        ops.parameter("resolve", List.of("local"));
      }
      ops.end();
    }
    if (transactional) {
      // WFS-T: XML POST only (wfs:Insert and wfs:Update of the police type; see wfs.Transaction).
      ops.begin("Transaction", endpoint, false).parameter("inputFormat", List.of(WfsEndpoint.GML32)).end();
    }
    ops.parameter("version", List.of("2.0.0"));
    constraint(x, "ImplementsBasicWFS", true);
    // The Transaction operation is offered (Insert and Update; QGIS enables editing on seeing it), but the
    // Transactional WFS conformance class also requires Replace and Delete, which reports do not take
    // over WFS, so the class is not claimed (ISO 19142, A.1.3).
    constraint(x, "ImplementsTransactionalWFS", false);
    constraint(x, "ImplementsLockingWFS", false);
    constraint(x, "KVPEncoding", true);
    constraint(x, "XMLEncoding", true);
    constraint(x, "SOAPEncoding", false);
    constraint(x, "ImplementsInheritance", false);
    constraint(x, "ImplementsRemoteResolve", false);
    constraint(x, "ImplementsResultPaging", true);
    constraint(x, "ImplementsStandardJoins", false);
    constraint(x, "ImplementsSpatialJoins", false);
    constraint(x, "ImplementsTemporalJoins", false);
    constraint(x, "ImplementsFeatureVersioning", false);
    constraint(x, "ManageStoredQueries", false);
    constraint(x, "PagingIsTransactionSafe", false);
    x.writeStartElement("ows", "Constraint", OWS);
    x.writeAttribute("name", "CountDefault");
    x.writeEmptyElement("ows", "NoValues", OWS);
    text(x, "ows", OWS, "DefaultValue", Integer.toString(defaultCount));
    x.writeEndElement();
    x.writeStartElement("ows", "Constraint", OWS);
    x.writeAttribute("name", "QueryExpressions");
    x.writeStartElement("ows", "AllowedValues", OWS);
    text(x, "ows", OWS, "Value", "wfs:Query");
    text(x, "ows", OWS, "Value", "wfs:StoredQuery");
    x.writeEndElement();
    x.writeEndElement();
    x.writeEndElement();
  }

  private static void constraint(XMLStreamWriter x, String name, boolean value) throws XMLStreamException {
    constraint(x, "ows", OWS, name, value);
  }

  private static void constraint(XMLStreamWriter x, String prefix, String ns, String name, boolean value)
      throws XMLStreamException {
    x.writeStartElement(prefix, "Constraint", ns);
    x.writeAttribute("name", name);
    x.writeEmptyElement("ows", "NoValues", OWS);
    text(x, "ows", OWS, "DefaultValue", value ? "TRUE" : "FALSE");
    x.writeEndElement();
  }

  private void featureTypes(XMLStreamWriter x, List<FeatureCollection> types) throws XMLStreamException {
    x.writeStartElement("wfs", "FeatureTypeList", GmlWriter.WFS);
    for (FeatureCollection c : types) {
      x.writeStartElement("wfs", "FeatureType", GmlWriter.WFS);
      text(x, "wfs", GmlWriter.WFS, "Name", WfsEndpoint.PREFIX + ":" + c.id());
      x.writeStartElement("wfs", "Title", GmlWriter.WFS);
      x.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "pl");
      x.writeCharacters(c.titlePl());
      x.writeEndElement();
      x.writeStartElement("wfs", "Title", GmlWriter.WFS);
      x.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
      x.writeCharacters(c.titleEn());
      x.writeEndElement();
      text(x, "wfs", GmlWriter.WFS, "Abstract", c.description());
      List<Crs> all = crs.supported();
      text(x, "wfs", GmlWriter.WFS, "DefaultCRS", WfsEndpoint.defaultCrs(crs).urn());
      for (Crs other : all) {
        if (!other.equals(WfsEndpoint.defaultCrs(crs))) {
          text(x, "wfs", GmlWriter.WFS, "OtherCRS", other.urn());
        }
      }
      x.writeStartElement("wfs", "OutputFormats", GmlWriter.WFS);
      for (String f : WfsEndpoint.OUTPUT_FORMATS) {
        text(x, "wfs", GmlWriter.WFS, "Format", f);
      }
      x.writeEndElement();
      Envelope p = Envelope.POLAND;
      x.writeStartElement("ows", "WGS84BoundingBox", OWS);
      text(x, "ows", OWS, "LowerCorner", p.minLon() + " " + p.minLat());
      text(x, "ows", OWS, "UpperCorner", p.maxLon() + " " + p.maxLat());
      x.writeEndElement();
      x.writeEndElement();
    }
    x.writeEndElement();
  }

  private static void named(XMLStreamWriter x, String list, String item, List<String> names)
      throws XMLStreamException {
    x.writeStartElement("fes", list, FES);
    for (String n : names) {
      x.writeEmptyElement("fes", item, FES);
      x.writeAttribute("name", n);
    }
    x.writeEndElement();
  }

  private void filterCapabilities(XMLStreamWriter x) throws XMLStreamException {
    x.writeStartElement("fes", "Filter_Capabilities", FES);
    x.writeStartElement("fes", "Conformance", FES);
    for (String c : List.of("ImplementsQuery", "ImplementsAdHocQuery", "ImplementsFunctions", "ImplementsResourceId",
        "ImplementsMinStandardFilter", "ImplementsStandardFilter", "ImplementsMinSpatialFilter",
        "ImplementsSpatialFilter", "ImplementsMinTemporalFilter", "ImplementsTemporalFilter",
        "ImplementsVersionNav", "ImplementsSorting", "ImplementsExtendedOperators", "ImplementsMinimumXPath",
        "ImplementsSchemaElementFunc")) {
      constraint(x, "fes", FES, c, filters.conformanceTrue().contains(c));
    }
    x.writeEndElement();
    x.writeStartElement("fes", "Id_Capabilities", FES);
    x.writeEmptyElement("fes", "ResourceIdentifier", FES);
    x.writeAttribute("name", "fes:ResourceId");
    x.writeEndElement();
    if (filters.fes()) {
      x.writeStartElement("fes", "Scalar_Capabilities", FES);
      x.writeEmptyElement("fes", "LogicalOperators", FES);
      named(x, "ComparisonOperators", "ComparisonOperator", COMPARISON);
      x.writeEndElement();
      x.writeStartElement("fes", "Spatial_Capabilities", FES);
      named(x, "GeometryOperands", "GeometryOperand", GEOMETRY_OPERANDS);
      named(x, "SpatialOperators", "SpatialOperator", SPATIAL);
      x.writeEndElement();
      x.writeStartElement("fes", "Temporal_Capabilities", FES);
      named(x, "TemporalOperands", "TemporalOperand", List.of("gml:TimeInstant", "gml:TimePeriod"));
      named(x, "TemporalOperators", "TemporalOperator", TEMPORAL);
      x.writeEndElement();
    }
    x.writeEndElement();
  }
}
