package pl.kmzb.wmts;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pl.kmzb.geo.Envelope;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.layer.ServiceMetadata;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.tiles.TileLimits;
import pl.kmzb.tiles.TileMatrix;
import pl.kmzb.wms.LayerFilters;
import pl.kmzb.wms.TimeDimension;

/**
 * The WMTS 1.0.0 capabilities (OGC 07-057r7, wmtsGetCapabilities_response.xsd): every catalogue layer
 * the caller may see (groups have no style and are left out) with its styles and legends (WMS
 * GetLegendGraphic), PNG and JPEG, the TIME dimension on layers of reports, every tile matrix set of
 * {@link MatrixSets}, and KVP and RESTful encodings ({@code ResourceURL} templates for tiles and
 * feature info).
 */
final class WmtsCapabilities {
  static final String WMTS_NS = "http://www.opengis.net/wmts/1.0";
  static final String OWS_NS = "http://www.opengis.net/ows/1.1";
  static final String XLINK = "http://www.w3.org/1999/xlink";
  static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  static final String SCHEMA = "http://schemas.opengis.net/wmts/1.0/wmtsGetCapabilities_response.xsd";
  /** The InfoFormats of queryable layers with the RESTful extension of each. */
  static final List<String[]> INFO_FORMATS = List.of(new String[] {"text/plain", "txt"},
      new String[] {"text/html", "html"}, new String[] {"application/json", "json"},
      new String[] {"application/vnd.ogc.gml/3.1.1", "gml"});

  private final LayerCatalog catalog;
  private final StyleCatalog styles;
  private final TimeDimension time;

  WmtsCapabilities(LayerCatalog catalog, StyleCatalog styles, TimeDimension time) {
    this.catalog = catalog;
    this.styles = styles;
    this.time = time;
  }

  /** The sections of a capabilities document (OWS Common 1.1, 7.3.3), in document order. */
  enum Section {
    ServiceIdentification, ServiceProvider, OperationsMetadata, Contents, Themes
  }

  /** The whole document for {@code layers} (what the caller may see), URLs under {@code base} (no trailing slash). */
  String write(String base, List<PublishedLayer> layers, String language) {
    return write(base, layers, language, java.util.EnumSet.allOf(Section.class));
  }

  /**
   * The document with only {@code sections}; ServiceMetadataURL (no section of its own) only in the
   * whole document. This server has no Themes, so asking for them alone gives the bare root.
   */
  String write(String base, List<PublishedLayer> layers, String language, java.util.Set<Section> sections) {
    return write(base, layers, language, sections, "");
  }

  /**
   * The same, with {@code vendorQuery} (the indicator parameters the request carried,
   * {@code CLASSES=3&METHOD=jenks&}, checked by {@code IndicatorVariants.echo}) in the KVP URL and in
   * the indicator layers' tile, feature-info and legend URLs: clients such as QGIS and GDAL ask for
   * tiles at the capabilities' URLs, not at the one they were given, so this keeps the map chosen.
   */
  String write(String base, List<PublishedLayer> layers, String language, java.util.Set<Section> sections,
      String vendorQuery) {
    StringWriter out = new StringWriter(64 * 1024);
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      new Doc(w, base, language, sections, vendorQuery).write(layers);
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  private final class Doc {
    private final XMLStreamWriter w;
    private final String base;
    private final String language;
    private final java.util.Set<Section> sections;
    private final String vendorQuery;

    Doc(XMLStreamWriter w, String base, String language, java.util.Set<Section> sections, String vendorQuery) {
      this.w = w;
      this.base = base;
      this.language = language;
      this.sections = sections;
      this.vendorQuery = vendorQuery;
    }

    /** The vendor query for a layer's own URLs: an indicator layer's, or "" (other layers ignore it). */
    private String vendorQuery(PublishedLayer l) {
      return pl.kmzb.indicator.IndicatorLayer.of(l).isPresent() ? vendorQuery : "";
    }

    void write(List<PublishedLayer> layers) throws XMLStreamException {
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("Capabilities");
      w.writeDefaultNamespace(WMTS_NS);
      w.writeNamespace("ows", OWS_NS);
      w.writeNamespace("xlink", XLINK);
      w.writeNamespace("xsi", XSI);
      w.writeAttribute("version", "1.0.0");
      w.writeAttribute("xsi", XSI, "schemaLocation", WMTS_NS + " " + SCHEMA);
      if (sections.contains(Section.ServiceIdentification)) {
        identification(catalog.service());
      }
      if (sections.contains(Section.ServiceProvider)) {
        provider(catalog.service());
      }
      if (sections.contains(Section.OperationsMetadata)) {
        operations();
      }
      if (sections.contains(Section.Contents)) {
        contents(layers);
      }
      if (sections.size() == Section.values().length) {
        w.writeEmptyElement("ServiceMetadataURL");
        w.writeAttribute("xlink", XLINK, "href", base + "/wmts/1.0.0/WMTSCapabilities.xml");
      }
      w.writeEndElement();
      w.writeEndDocument();
    }

    private void contents(List<PublishedLayer> layers) throws XMLStreamException {
      w.writeStartElement("Contents");
      for (PublishedLayer l : layers) {
        if (WmtsRequests.served(l)) {
          layer(l);
        }
      }
      for (MatrixSet s : MatrixSets.all()) {
        matrixSet(s);
      }
      w.writeEndElement();
    }

    private void identification(ServiceMetadata s) throws XMLStreamException {
      w.writeStartElement("ows", "ServiceIdentification", OWS_NS);
      ows("Title", s.title().in(language));
      if (s.summary() != null) {
        ows("Abstract", s.summary().in(language));
      }
      if (!s.keywords().isEmpty()) {
        w.writeStartElement("ows", "Keywords", OWS_NS);
        for (String k : s.keywords()) {
          ows("Keyword", k);
        }
        w.writeEndElement();
      }
      ows("ServiceType", "OGC WMTS");
      ows("ServiceTypeVersion", "1.0.0");
      if (s.fees() != null) {
        ows("Fees", s.fees());
      }
      if (s.accessConstraints() != null) {
        ows("AccessConstraints", s.accessConstraints());
      }
      w.writeEndElement();
    }

    private void provider(ServiceMetadata s) throws XMLStreamException {
      w.writeStartElement("ows", "ServiceProvider", OWS_NS);
      ows("ProviderName", s.contactOrganisation() == null ? s.title().in(language) : s.contactOrganisation());
      if (s.providerSite() != null) {
        w.writeEmptyElement("ows", "ProviderSite", OWS_NS);
        w.writeAttribute("xlink", XLINK, "href", s.providerSite());
      }
      w.writeStartElement("ows", "ServiceContact", OWS_NS);
      if (s.contactPerson() != null) {
        ows("IndividualName", s.contactPerson());
      }
      if (s.contactPosition() != null) {
        ows("PositionName", s.contactPosition());
      }
      w.writeStartElement("ows", "ContactInfo", OWS_NS);
      if (s.contactPhone() != null) {
        w.writeStartElement("ows", "Phone", OWS_NS);
        ows("Voice", s.contactPhone());
        w.writeEndElement();
      }
      w.writeStartElement("ows", "Address", OWS_NS);
      ServiceMetadata.Address a = s.address();
      if (a != null) {
        optionalOws("DeliveryPoint", a.street());
        optionalOws("City", a.city());
        optionalOws("AdministrativeArea", a.region());
        optionalOws("PostalCode", a.postCode());
        optionalOws("Country", a.country());
      }
      optionalOws("ElectronicMailAddress", s.contactEmail());
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
    }

    private void operations() throws XMLStreamException {
      w.writeStartElement("ows", "OperationsMetadata", OWS_NS);
      for (String op : List.of("GetCapabilities", "GetTile", "GetFeatureInfo")) {
        w.writeStartElement("ows", "Operation", OWS_NS);
        w.writeAttribute("name", op);
        w.writeStartElement("ows", "DCP", OWS_NS);
        w.writeStartElement("ows", "HTTP", OWS_NS);
        // KVP only: the RESTful binding is announced by ServiceMetadataURL and the layers'
        // ResourceURL templates (07-057r7, 10.2), which is where RESTful clients look. A second Get
        // here made clients that read OperationsMetadata as the KVP endpoint (ets-wmts10 takes the
        // last Get of an operation) send KVP requests to the RESTful base path.
        get(base + "/wmts?" + vendorQuery, "KVP");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeEndElement();
    }

    private void get(String href, String encoding) throws XMLStreamException {
      w.writeStartElement("ows", "Get", OWS_NS);
      w.writeAttribute("xlink", XLINK, "href", href);
      w.writeStartElement("ows", "Constraint", OWS_NS);
      w.writeAttribute("name", "GetEncoding");
      w.writeStartElement("ows", "AllowedValues", OWS_NS);
      ows("Value", encoding);
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
    }

    private void layer(PublishedLayer l) throws XMLStreamException {
      w.writeStartElement("Layer");
      ows("Title", l.title().in(language));
      if (l.summary() != null) {
        ows("Abstract", l.summary().in(language));
      }
      if (!l.keywords().isEmpty()) {
        w.writeStartElement("ows", "Keywords", OWS_NS);
        for (String k : l.keywords()) {
          ows("Keyword", k);
        }
        w.writeEndElement();
      }
      Envelope e = Envelope.POLAND;
      w.writeStartElement("ows", "WGS84BoundingBox", OWS_NS);
      ows("LowerCorner", number(e.minLon()) + " " + number(e.minLat()));
      ows("UpperCorner", number(e.maxLon()) + " " + number(e.maxLat()));
      w.writeEndElement();
      ows("Identifier", l.id());
      for (String name : l.styles()) {
        style(l, name);
      }
      for (TileFormat f : TileFormat.of(l)) {
        element("Format", f.mediaType());
      }
      if (l.queryable()) {
        for (String[] f : INFO_FORMATS) {
          element("InfoFormat", f[0]);
        }
      }
      boolean hasTime = LayerFilters.ofReports(l);
      if (hasTime) {
        w.writeStartElement("Dimension");
        ows("Identifier", "Time");
        ows("UOM", "ISO8601");
        element("Default", WmtsRequests.DEFAULT_TIME);
        element("Value", WmtsRequests.DEFAULT_TIME);
        element("Value", time.extent());
        w.writeEndElement();
      }
      for (MatrixSet s : MatrixSets.all()) {
        w.writeStartElement("TileMatrixSetLink");
        element("TileMatrixSet", s.id());
        limits(s);
        w.writeEndElement();
      }
      String path = base + "/wmts/1.0.0/" + l.id() + "/{Style}/" + (hasTime ? "{Time}" : WmtsRequests.DEFAULT_TIME)
          + "/{TileMatrixSet}/{TileMatrix}/{TileRow}/{TileCol}";
      String q = vendorQuery(l);
      String query = q.isEmpty() ? "" : "?" + q.substring(0, q.length() - 1);
      for (TileFormat f : TileFormat.of(l)) {
        resource(f.mediaType(), "tile", path + "." + f.extension() + query);
      }
      if (l.queryable()) {
        for (String[] f : INFO_FORMATS) {
          resource(f[0], "FeatureInfo", path + "/{J}/{I}." + f[1] + query);
        }
      }
      w.writeEndElement();
    }

    /**
     * The tiles over Poland of every matrix, so clients ask for no tile outside the country; GetTile
     * answers TileOutOfRange beyond them. Limits of row or column 0 are valid against OGC's schema as
     * published (nonNegativeInteger; the first release said positiveInteger, see the test's
     * OfflineSchemas).
     */
    private void limits(MatrixSet s) throws XMLStreamException {
      w.writeStartElement("TileMatrixSetLimits");
      for (TileMatrix m : s.matrices()) {
        TileLimits lim = TileLimits.poland(s, m);
        w.writeStartElement("TileMatrixLimits");
        element("TileMatrix", m.id());
        element("MinTileRow", Long.toString(lim.minRow()));
        element("MaxTileRow", Long.toString(lim.maxRow()));
        element("MinTileCol", Long.toString(lim.minCol()));
        element("MaxTileCol", Long.toString(lim.maxCol()));
        w.writeEndElement();
      }
      w.writeEndElement();
    }

    private void style(PublishedLayer l, String name) throws XMLStreamException {
      Style s = styles.find(name).orElse(null);
      w.writeStartElement("Style");
      if (name.equals(l.defaultStyle())) {
        w.writeAttribute("isDefault", "true");
      }
      ows("Title", s == null || s.title() == null ? name : s.title().in(language));
      ows("Identifier", name);
      w.writeEmptyElement("LegendURL");
      w.writeAttribute("format", "image/png");
      w.writeAttribute("xlink", XLINK, "href", base + "/wms?" + vendorQuery(l)
          + "SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=1.3.0"
          + "&FORMAT=image/png&LAYER=" + l.id() + "&STYLE=" + name + (language.equals("pl") ? "" : "&LANGUAGE=" + language));
      w.writeEndElement();
    }

    private void resource(String format, String type, String template) throws XMLStreamException {
      w.writeEmptyElement("ResourceURL");
      w.writeAttribute("format", format);
      w.writeAttribute("resourceType", type);
      w.writeAttribute("template", template);
    }

    private void matrixSet(MatrixSet s) throws XMLStreamException {
      w.writeStartElement("TileMatrixSet");
      ows("Title", s.title());
      ows("Identifier", s.id());
      Optional<ScaleSet> wkss = ScaleSet.of(s);
      ows("SupportedCRS", wkss.map(ScaleSet::crs).orElseGet(() -> crsUrn(s)));
      if (wkss.isPresent()) {
        element("WellKnownScaleSet", wkss.get().urn());
      }
      for (TileMatrix m : s.matrices()) {
        w.writeStartElement("TileMatrix");
        ows("Identifier", m.id());
        element("ScaleDenominator", number(m.scaleDenominator()));
        double[] corner = s.pointOfOrigin(m);
        element("TopLeftCorner", number(corner[0]) + " " + number(corner[1]));
        element("TileWidth", Integer.toString(m.tileWidth()));
        element("TileHeight", Integer.toString(m.tileHeight()));
        element("MatrixWidth", Long.toString(m.matrixWidth()));
        element("MatrixHeight", Long.toString(m.matrixHeight()));
        w.writeEndElement();
      }
      w.writeEndElement();
    }

    private static String crsUrn(MatrixSet s) {
      return s.crsCode().equals("CRS:84") ? "urn:ogc:def:crs:OGC:1.3:CRS84"
          : "urn:ogc:def:crs:EPSG::" + s.crsCode().substring("EPSG:".length());
    }

    private void ows(String name, String text) throws XMLStreamException {
      w.writeStartElement("ows", name, OWS_NS);
      w.writeCharacters(text);
      w.writeEndElement();
    }

    private void optionalOws(String name, String text) throws XMLStreamException {
      if (text != null && !text.isBlank()) {
        ows(name, text);
      }
    }

    private void element(String name, String text) throws XMLStreamException {
      w.writeStartElement(name);
      w.writeCharacters(text);
      w.writeEndElement();
    }
  }

  /** A number as XML writes it: shortest exact decimal, no exponent. */
  static String number(double v) {
    return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
