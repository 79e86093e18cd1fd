package pl.kmzb.wms;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pl.kmzb.config.WmsSettings;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.geo.Envelope;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.layer.LayerKind;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.layer.ServiceMetadata;
import pl.kmzb.style.Rule;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleCatalog;

/**
 * GetCapabilities in both versions, from the layer catalogue alone (services add no metadata): the
 * service and its contact, fees and constraints; the operations and formats; and the layer tree the
 * caller may see under one unnamed root, each layer with its bounds in every CRS (1.3.0 in each
 * CRS's own axis order, 1.1.1 east first), the TIME dimension for layers of reports, its styles with
 * legend URLs, and scale hints from its styles' rules. 1.3.0 declares SLD-WMS GetLegendGraphic and
 * user-defined symbolisation (SLD_BODY) as extended capabilities.
 */
public final class CapabilitiesWriter {
  static final String WMS_NS = "http://www.opengis.net/wms";
  static final String SLD_NS = "http://www.opengis.net/sld";
  static final String SCHEMA_1_3_0 = "http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd";
  static final String SLD_CAPABILITIES = "http://schemas.opengis.net/sld/1.1.0/sld_capabilities.xsd";
  static final String DTD_1_1_1 = "http://schemas.opengis.net/wms/1.1.1/WMS_MS_Capabilities.dtd";
  static final List<String> MAP_FORMATS = List.of("image/png", "image/png; mode=8bit", "image/jpeg");
  /** The extent every layer covers: Poland with a margin. */
  static final Envelope EXTENT = Envelope.POLAND;

  private final LayerCatalog catalog;
  private final StyleCatalog styles;
  private final CrsRegistry crs;
  private final WmsSettings limits;
  private final TimeDimension time;
  private final LegendService legends;
  private final com.github.benmanes.caffeine.cache.Cache<String, String> written =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(64).build();
  /** The extent in each CRS, densified once: every layer of every document repeats them. */
  private final java.util.Map<Crs, Bounds> extents = new java.util.LinkedHashMap<>();

  public CapabilitiesWriter(LayerCatalog catalog, StyleCatalog styles, CrsRegistry crs, WmsSettings limits,
      TimeDimension time, LegendService legends) {
    this.catalog = catalog;
    this.styles = styles;
    this.crs = crs;
    this.limits = limits;
    this.time = time;
    this.legends = legends;
    for (Crs c : crs.supported()) {
      extents.put(c, crs.fromLonLat(c).apply(EXTENT));
    }
  }

  /**
   * What a layer inherits from the layers above it (WMS 1.3.0 §7.2.4.8, Table 7; 1.1.1 alike):
   * styles are added to, so a child lists only the styles its parents do not; a Dimension is
   * inherited, so a child of a layer declaring TIME does not declare it again (the suite's
   * dims-no-redeclarations reads any redeclaration without a unitSymbol as a conflict).
   */
  private record Inherited(java.util.Set<String> styles, boolean time) {
    static final Inherited NONE = new Inherited(java.util.Set.of(), false);

    Inherited and(List<String> more, boolean declaresTime) {
      java.util.Set<String> all = new java.util.HashSet<>(styles);
      all.addAll(more);
      return new Inherited(java.util.Set.copyOf(all), time || declaresTime);
    }
  }

  /**
   * What one document is written for. {@code vendorQuery}: the indicator vendor parameters of the
   * GetCapabilities request, URL-encoded and ending in '&' (or empty), echoed in every operation's
   * URL, so a client that takes its GetMap URL from the capabilities (QGIS does) sends them on.
   */
  public record Request(WmsVersion version, String baseUrl, List<PublishedLayer> visible, String language,
      long updateSequence, String vendorQuery) {
    public Request(WmsVersion version, String baseUrl, List<PublishedLayer> visible, String language,
        long updateSequence) {
      this(version, baseUrl, visible, language, updateSequence, "");
    }
  }

  /**
   * The document for {@code r}. Documents are kept (a few dozen at most: versions × languages ×
   * anonymous or police × base URLs), keyed by everything they show, the update sequence and the
   * day (the TIME extent ends today) included, so a change of data or date writes a new one.
   */
  public String write(Request r) {
    String key = r.version() + "|" + r.language() + "|" + r.baseUrl() + "|" + r.updateSequence() + "|" + time.extent()
        + "|" + r.visible().stream().map(PublishedLayer::id).toList() + "|" + r.vendorQuery();
    return written.get(key, k -> render(r));
  }

  private String render(Request r) {
    StringWriter out = new StringWriter(64 * 1024);
    try {
      XMLStreamWriter w = Xml.writer(out);
      new Document(w, r).write();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** One document being written; the version decides element names and axis orders. */
  private final class Document {
    private final XMLStreamWriter w;
    private final Request r;
    private final boolean v13;
    private final String wms;

    Document(XMLStreamWriter w, Request r) {
      this.w = w;
      this.r = r;
      this.v13 = r.version() == WmsVersion.V1_3_0;
      this.wms = r.baseUrl() + "/wms?" + r.vendorQuery();
    }

    void write() throws XMLStreamException {
      w.writeStartDocument("UTF-8", "1.0");
      if (v13) {
        w.writeStartElement("WMS_Capabilities");
        w.writeDefaultNamespace(WMS_NS);
        w.writeNamespace("xlink", Xml.XLINK);
        w.writeNamespace("xsi", Xml.XSI);
        w.writeNamespace("sld", SLD_NS);
        w.writeAttribute(Xml.XSI, "schemaLocation", WMS_NS + " " + SCHEMA_1_3_0 + " " + SLD_NS + " " + SLD_CAPABILITIES);
      } else {
        w.writeDTD("\n<!DOCTYPE WMT_MS_Capabilities SYSTEM \"" + DTD_1_1_1
            + "\" [\n<!ELEMENT VendorSpecificCapabilities EMPTY>\n]>\n");
        w.writeStartElement("WMT_MS_Capabilities");
      }
      w.writeAttribute("version", r.version().text());
      w.writeAttribute("updateSequence", Long.toString(r.updateSequence()));
      service();
      capability();
      w.writeEndElement();
      w.writeEndDocument();
    }

    private void service() throws XMLStreamException {
      ServiceMetadata s = catalog.service();
      w.writeStartElement("Service");
      text("Name", v13 ? "WMS" : "OGC:WMS");
      text("Title", s.title().in(r.language()));
      text("Abstract", s.summary().in(r.language()));
      keywords(s.keywords());
      onlineResource(s.providerSite() != null ? s.providerSite() : r.baseUrl() + "/wms");
      contact(s);
      text("Fees", s.fees());
      text("AccessConstraints", s.accessConstraints());
      if (v13) {
        text("LayerLimit", Integer.toString(limits.maxLayers()));
        text("MaxWidth", Integer.toString(limits.maxWidth()));
        text("MaxHeight", Integer.toString(limits.maxHeight()));
      }
      w.writeEndElement();
    }

    private void contact(ServiceMetadata s) throws XMLStreamException {
      w.writeStartElement("ContactInformation");
      w.writeStartElement("ContactPersonPrimary");
      text("ContactPerson", s.contactPerson() != null ? s.contactPerson() : s.contactOrganisation());
      text("ContactOrganization", s.contactOrganisation());
      w.writeEndElement();
      if (s.contactPosition() != null) {
        text("ContactPosition", s.contactPosition());
      }
      if (s.address() != null) {
        ServiceMetadata.Address a = s.address();
        w.writeStartElement("ContactAddress");
        text("AddressType", a.type());
        text("Address", a.street());
        text("City", a.city());
        text("StateOrProvince", a.region());
        text("PostCode", a.postCode());
        text("Country", a.country());
        w.writeEndElement();
      }
      if (s.contactPhone() != null) {
        text("ContactVoiceTelephone", s.contactPhone());
      }
      text("ContactElectronicMailAddress", s.contactEmail());
      w.writeEndElement();
    }

    private void capability() throws XMLStreamException {
      w.writeStartElement("Capability");
      w.writeStartElement("Request");
      operation("GetCapabilities", List.of(v13 ? "text/xml" : "application/vnd.ogc.wms_xml"));
      operation("GetMap", MAP_FORMATS);
      operation("GetFeatureInfo", java.util.Arrays.stream(InfoFormat.values()).map(InfoFormat::formatName).toList());
      if (v13) {
        w.writeStartElement("sld", "GetLegendGraphic", SLD_NS);
        operationBody(List.of("image/png", "image/jpeg"));
        w.writeEndElement();
      } else {
        operation("GetLegendGraphic", List.of("image/png", "image/jpeg"));
      }
      w.writeEndElement();
      w.writeStartElement("Exception");
      for (ExceptionFormat f : ExceptionFormat.values()) {
        text("Format", f.name(r.version()));
      }
      w.writeEndElement();
      if (v13) {
        w.writeEmptyElement("sld", "UserDefinedSymbolization", SLD_NS);
        symbolisation();
      } else {
        w.writeEmptyElement("UserDefinedSymbolization");
        w.writeAttribute("SupportSLD", "1");
        w.writeAttribute("UserLayer", "0");
        w.writeAttribute("UserStyle", "1");
        w.writeAttribute("RemoteWFS", "0");
      }
      root();
      w.writeEndElement();
    }

    private void symbolisation() throws XMLStreamException {
      w.writeAttribute("SupportSLD", "1");
      w.writeAttribute("UserLayer", "0");
      w.writeAttribute("UserStyle", "1");
      w.writeAttribute("RemoteWFS", "0");
      w.writeAttribute("InlineFeature", "0");
      w.writeAttribute("RemoteWCS", "0");
    }

    private void operation(String name, List<String> formats) throws XMLStreamException {
      w.writeStartElement(name);
      operationBody(formats);
      w.writeEndElement();
    }

    private void operationBody(List<String> formats) throws XMLStreamException {
      for (String f : formats) {
        text("Format", f);
      }
      w.writeStartElement("DCPType");
      w.writeStartElement("HTTP");
      w.writeStartElement("Get");
      onlineResource(wms);
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
    }

    /** The unnamed root: the service's title, every CRS, the extent; the catalogue's top layers below. */
    private void root() throws XMLStreamException {
      ServiceMetadata s = catalog.service();
      w.writeStartElement("Layer");
      text("Title", s.title().in(r.language()));
      text("Abstract", s.summary().in(r.language()));
      keywords(s.keywords());
      for (Crs c : crs.supported()) {
        text(v13 ? "CRS" : "SRS", c.code());
      }
      bounds();
      for (PublishedLayer top : catalog.children(null)) {
        if (r.visible().contains(top)) {
          layer(top, Inherited.NONE);
        }
      }
      w.writeEndElement();
    }

    private void layer(PublishedLayer l, Inherited above) throws XMLStreamException {
      w.writeStartElement("Layer");
      w.writeAttribute("queryable", queryable(l) ? "1" : "0");
      if (l.kind() == LayerKind.HEATMAP || l.kind() == LayerKind.AREA_COUNTS) {
        w.writeAttribute("opaque", "0");
      }
      text("Name", l.id());
      text("Title", l.title().in(r.language()));
      if (l.summary() != null) {
        text("Abstract", l.summary().in(r.language()));
      }
      keywords(l.keywords());
      bounds();
      boolean time = LayerFilters.ofReports(l);
      if (time && !above.time()) {
        timeDimension();
      }
      if (l.attribution() != null) {
        w.writeStartElement("Attribution");
        text("Title", l.attribution());
        w.writeEndElement();
      }
      for (String name : l.styles()) {
        Optional<Style> style = styles.find(name);
        if (style.isPresent() && !above.styles().contains(name)) {
          style(l, style.get());
        }
      }
      scaleHints(l);
      Inherited below = above.and(l.styles(), time);
      for (PublishedLayer child : catalog.children(l.id())) {
        if (r.visible().contains(child)) {
          layer(child, below);
        }
      }
      w.writeEndElement();
    }

    /**
     * A group named in QUERY_LAYERS answers from its own queryable layers ({@link RequestParser}
     * looks one level down), so it is queryable when one of those the caller sees is.
     */
    private boolean queryable(PublishedLayer l) {
      if (l.kind() != LayerKind.GROUP) {
        return l.queryable();
      }
      return catalog.children(l.id()).stream()
          .anyMatch(c -> c.kind() != LayerKind.GROUP && c.queryable() && r.visible().contains(c));
    }

    private void bounds() throws XMLStreamException {
      if (v13) {
        w.writeStartElement("EX_GeographicBoundingBox");
        text("westBoundLongitude", number(EXTENT.minLon(), true));
        text("eastBoundLongitude", number(EXTENT.maxLon(), true));
        text("southBoundLatitude", number(EXTENT.minLat(), true));
        text("northBoundLatitude", number(EXTENT.maxLat(), true));
        w.writeEndElement();
      } else {
        w.writeEmptyElement("LatLonBoundingBox");
        w.writeAttribute("minx", number(EXTENT.minLon(), true));
        w.writeAttribute("miny", number(EXTENT.minLat(), true));
        w.writeAttribute("maxx", number(EXTENT.maxLon(), true));
        w.writeAttribute("maxy", number(EXTENT.maxLat(), true));
      }
      for (Crs c : crs.supported()) {
        Bounds b = extents.get(c);
        double[] corners = AxisOrder.corners(b, AxisOrder.northFirst(c, c.code(),
            v13 ? AxisOrder.Protocol.WMS_1_3_0 : AxisOrder.Protocol.WMS_1_1_1));
        w.writeEmptyElement("BoundingBox");
        w.writeAttribute(v13 ? "CRS" : "SRS", c.code());
        w.writeAttribute("minx", number(corners[0], c.geographic()));
        w.writeAttribute("miny", number(corners[1], c.geographic()));
        w.writeAttribute("maxx", number(corners[2], c.geographic()));
        w.writeAttribute("maxy", number(corners[3], c.geographic()));
      }
    }

    /** 1.3.0: one Dimension element with the extent; 1.1.1: a Dimension declaring units, then its Extent. */
    private void timeDimension() throws XMLStreamException {
      String extent = time.extent();
      String all = extent.substring(0, extent.lastIndexOf('/'));
      if (v13) {
        w.writeStartElement("Dimension");
        w.writeAttribute("name", "time");
        w.writeAttribute("units", "ISO8601");
        timeAttributes(all);
      } else {
        w.writeEmptyElement("Dimension");
        w.writeAttribute("name", "time");
        w.writeAttribute("units", "ISO8601");
        w.writeStartElement("Extent");
        w.writeAttribute("name", "time");
        timeAttributes(all);
      }
      w.writeCharacters(extent);
      w.writeEndElement();
    }

    /** 1.1.1's Extent knows only default and nearestValue; multipleValues and current came with 1.3.0. */
    private void timeAttributes(String all) throws XMLStreamException {
      w.writeAttribute("default", all);
      if (v13) {
        w.writeAttribute("multipleValues", "1");
      }
      w.writeAttribute("nearestValue", "0");
      if (v13) {
        w.writeAttribute("current", "1");
      }
    }

    private void style(PublishedLayer l, Style s) throws XMLStreamException {
      w.writeStartElement("Style");
      text("Name", s.name());
      text("Title", s.title() == null ? s.name() : s.title().in(r.language()));
      int[] size = legends.size(l, s, r.language());
      w.writeStartElement("LegendURL");
      w.writeAttribute("width", Integer.toString(size[0]));
      w.writeAttribute("height", Integer.toString(size[1]));
      text("Format", "image/png");
      onlineResource(wms + "SERVICE=WMS&REQUEST=GetLegendGraphic&VERSION=" + r.version().text()
          + "&FORMAT=image/png&LAYER=" + l.id() + "&STYLE=" + s.name()
          + (r.language().equals("pl") ? "" : "&LANGUAGE=" + r.language()));
      w.writeEndElement();
      w.writeEndElement();
    }

    /** The scales the layer's default style draws at: the union of its rules' ranges. */
    private void scaleHints(PublishedLayer l) throws XMLStreamException {
      Optional<Style> style = Optional.ofNullable(l.defaultStyle()).flatMap(styles::find);
      if (style.isEmpty() || style.get().rules().isEmpty()) {
        return;
      }
      double min = style.get().rules().stream().mapToDouble(Rule::minScale).min().orElse(0);
      double max = style.get().rules().stream().mapToDouble(Rule::maxScale).max().orElse(Double.POSITIVE_INFINITY);
      boolean hasMin = min > 0;
      boolean hasMax = Double.isFinite(max);
      if (!hasMin && !hasMax) {
        return;
      }
      if (v13) {
        if (hasMin) {
          text("MinScaleDenominator", number(min, false));
        }
        if (hasMax) {
          text("MaxScaleDenominator", number(max, false));
        }
      } else {
        // 1.1.1 ScaleHint: the ground size of a pixel's diagonal, in metres.
        double k = 0.00028 * Math.sqrt(2);
        w.writeEmptyElement("ScaleHint");
        w.writeAttribute("min", number(hasMin ? min * k : 0, false));
        w.writeAttribute("max", number(hasMax ? max * k : 1e12, false));
      }
    }

    private void keywords(List<String> keywords) throws XMLStreamException {
      if (keywords.isEmpty()) {
        return;
      }
      w.writeStartElement("KeywordList");
      for (String k : keywords) {
        text("Keyword", k);
      }
      w.writeEndElement();
    }

    private void onlineResource(String href) throws XMLStreamException {
      w.writeEmptyElement("OnlineResource");
      if (!v13) {
        // The 1.1.1 DTD declares the xlink namespace on OnlineResource only, not on the root.
        w.writeNamespace("xlink", Xml.XLINK);
      }
      w.writeAttribute("xlink", Xml.XLINK, "type", "simple");
      w.writeAttribute("xlink", Xml.XLINK, "href", href);
    }

    private void text(String name, String value) throws XMLStreamException {
      w.writeStartElement(name);
      w.writeCharacters(value == null ? "" : value);
      w.writeEndElement();
    }
  }

  static String number(double v, boolean degrees) {
    return String.format(Locale.ROOT, degrees ? "%.6f" : "%.2f", v);
  }
}
