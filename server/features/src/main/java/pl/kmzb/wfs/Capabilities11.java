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
 * The WFS 1.1.0 capabilities for older clients: GetCapabilities, DescribeFeatureType and GetFeature
 * (GML 3.1.1), KVP and XML, filters in FES 1.1 (F2's parser reads both versions).
 */
public final class Capabilities11 {
  static final String OWS = "http://www.opengis.net/ows";
  static final String OGC = "http://www.opengis.net/ogc";
  static final String XLINK = Capabilities.XLINK;
  static final List<String> OPERATIONS = List.of("GetCapabilities", "DescribeFeatureType", "GetFeature");
  static final String GML311 = "text/xml; subtype=gml/3.1.1";

  private final ServiceMetadata service;
  private final CrsRegistry crs;

  public Capabilities11(ServiceMetadata service, CrsRegistry crs) {
    this.service = service;
    this.crs = crs;
  }

  byte[] render(String endpoint, List<FeatureCollection> types) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("wfs", "WFS_Capabilities", GmlWriter.WFS_11);
      x.writeNamespace("wfs", GmlWriter.WFS_11);
      x.writeNamespace("ows", OWS);
      x.writeNamespace("ogc", OGC);
      x.writeNamespace("gml", GmlWriter.GML_311);
      x.writeNamespace("xlink", XLINK);
      x.writeNamespace("xsi", GmlWriter.XSI);
      x.writeNamespace(WfsEndpoint.PREFIX, WfsEndpoint.NAMESPACE);
      x.writeAttribute("xsi", GmlWriter.XSI, "schemaLocation",
          GmlWriter.WFS_11 + " http://schemas.opengis.net/wfs/1.1.0/wfs.xsd");
      x.writeAttribute("version", "1.1.0");
      x.writeStartElement("ows", "ServiceIdentification", OWS);
      text(x, "ows", OWS, "Title", service.title().en());
      text(x, "ows", OWS, "Abstract", service.summary() == null ? "" : service.summary().en());
      text(x, "ows", OWS, "ServiceType", "WFS");
      text(x, "ows", OWS, "ServiceTypeVersion", "1.1.0");
      text(x, "ows", OWS, "Fees", service.fees() == null ? "none" : service.fees());
      text(x, "ows", OWS, "AccessConstraints", service.accessConstraints() == null ? "none"
          : service.accessConstraints());
      x.writeEndElement();
      x.writeStartElement("ows", "ServiceProvider", OWS);
      text(x, "ows", OWS, "ProviderName", service.contactOrganisation());
      x.writeStartElement("ows", "ServiceContact", OWS);
      if (service.contactPerson() != null) {
        text(x, "ows", OWS, "IndividualName", service.contactPerson());
      }
      x.writeStartElement("ows", "ContactInfo", OWS);
      x.writeStartElement("ows", "Address", OWS);
      text(x, "ows", OWS, "ElectronicMailAddress", service.contactEmail());
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
      x.writeStartElement("ows", "OperationsMetadata", OWS);
      OwsOperations ops = OwsOperations.ows10(x);
      for (String op : OPERATIONS) {
        ops.begin(op, endpoint, true);
        if (!op.equals("GetCapabilities")) {
          ops.parameter("outputFormat", List.of(GML311));
        }
        if (op.equals("GetFeature")) {
          ops.parameter("resultType", List.of("results", "hits"));
        }
        ops.end();
      }
      x.writeEndElement();
      x.writeStartElement("wfs", "FeatureTypeList", GmlWriter.WFS_11);
      x.writeStartElement("wfs", "Operations", GmlWriter.WFS_11);
      text(x, "wfs", GmlWriter.WFS_11, "Operation", "Query");
      x.writeEndElement();
      for (FeatureCollection c : types) {
        x.writeStartElement("wfs", "FeatureType", GmlWriter.WFS_11);
        text(x, "wfs", GmlWriter.WFS_11, "Name", WfsEndpoint.PREFIX + ":" + c.id());
        text(x, "wfs", GmlWriter.WFS_11, "Title", c.titleEn());
        text(x, "wfs", GmlWriter.WFS_11, "Abstract", c.description());
        Crs dflt = WfsEndpoint.defaultCrs(crs);
        text(x, "wfs", GmlWriter.WFS_11, "DefaultSRS", dflt.urn());
        for (Crs other : crs.supported()) {
          if (!other.equals(dflt)) {
            text(x, "wfs", GmlWriter.WFS_11, "OtherSRS", other.urn());
          }
        }
        x.writeStartElement("wfs", "OutputFormats", GmlWriter.WFS_11);
        text(x, "wfs", GmlWriter.WFS_11, "Format", GML311);
        x.writeEndElement();
        Envelope p = Envelope.POLAND;
        x.writeStartElement("ows", "WGS84BoundingBox", OWS);
        text(x, "ows", OWS, "LowerCorner", p.minLon() + " " + p.minLat());
        text(x, "ows", OWS, "UpperCorner", p.maxLon() + " " + p.maxLat());
        x.writeEndElement();
        x.writeEndElement();
      }
      x.writeEndElement();
      filterCapabilities(x);
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
      return out.toByteArray();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
  }

  private static void filterCapabilities(XMLStreamWriter x) throws XMLStreamException {
    x.writeStartElement("ogc", "Filter_Capabilities", OGC);
    x.writeStartElement("ogc", "Spatial_Capabilities", OGC);
    x.writeStartElement("ogc", "GeometryOperands", OGC);
    for (String g : List.of("gml:Envelope", "gml:Point", "gml:LineString", "gml:Polygon")) {
      text(x, "ogc", OGC, "GeometryOperand", g);
    }
    x.writeEndElement();
    x.writeStartElement("ogc", "SpatialOperators", OGC);
    for (String op : Capabilities.SPATIAL) {
      x.writeEmptyElement("ogc", "SpatialOperator", OGC);
      x.writeAttribute("name", op);
    }
    x.writeEndElement();
    x.writeEndElement();
    x.writeStartElement("ogc", "Scalar_Capabilities", OGC);
    x.writeEmptyElement("ogc", "LogicalOperators", OGC);
    x.writeStartElement("ogc", "ComparisonOperators", OGC);
    for (String op : List.of("LessThan", "GreaterThan", "LessThanEqualTo", "GreaterThanEqualTo", "EqualTo",
        "NotEqualTo", "Like", "Between", "NullCheck")) {
      text(x, "ogc", OGC, "ComparisonOperator", op);
    }
    x.writeEndElement();
    x.writeEndElement();
    x.writeStartElement("ogc", "Id_Capabilities", OGC);
    x.writeEmptyElement("ogc", "FID", OGC);
    x.writeEndElement();
    x.writeEndElement();
  }

  private static void text(XMLStreamWriter x, String prefix, String ns, String name, String value)
      throws XMLStreamException {
    x.writeStartElement(prefix, name, ns);
    x.writeCharacters(value == null ? "" : value);
    x.writeEndElement();
  }
}
