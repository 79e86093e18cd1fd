package pl.kmzb.wfs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.encode.FeatureView;
import pl.kmzb.encode.GmlSchema;
import pl.kmzb.encode.GmlWriter;
import pl.kmzb.features.FeatureCatalog;
import pl.kmzb.features.FeatureCollection;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.CacheHeaders;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.http.Router;
import pl.kmzb.report.Actor;

/**
 * WFS 2.0.0 at {@code /wfs}: KVP over GET and XML over POST, read into one request form
 * ({@link WfsRequest}) and dispatched by REQUEST. Every error becomes an OWS exception report in
 * {@link #handle} (one place), except the 401 of police feature types, which stays an HTTP Basic
 * challenge so GIS clients ask for credentials.
 */
public final class WfsEndpoint {
  public static final String PATH = "/wfs";
  static final String PREFIX = "kmzb";
  static final String NAMESPACE = "http://kmzb.pl/features";
  static final String GML32 = "application/gml+xml; version=3.2";
  static final List<String> OUTPUT_FORMATS = List.of(GML32, "text/xml; subtype=gml/3.2", "application/json",
      "application/geo+json", "text/csv");
  static final String GET_FEATURE_BY_ID = "urn:ogc:def:query:OGC-WFS::GetFeatureById";
  /** XML requests larger than this are refused before parsing. */
  static final int MAX_BODY = 1 << 20;
  private static final Logger LOG = LoggerFactory.getLogger(WfsEndpoint.class);

  private final FeatureCatalog catalog;
  private final Authenticator auth;
  private final PublicUrl urls;
  private final Capabilities capabilities;
  private final Capabilities11 capabilities11;
  private final GetFeature getFeature;
  private Transaction transaction;

  public WfsEndpoint(FeatureCatalog catalog, Authenticator auth, PublicUrl urls, Capabilities capabilities,
      Capabilities11 capabilities11, GetFeature getFeature) {
    this.catalog = catalog;
    this.auth = auth;
    this.urls = urls;
    this.capabilities = capabilities;
    this.capabilities11 = capabilities11;
    this.getFeature = getFeature;
  }

  /** Offers WFS-T (Transaction) to police callers. */
  public WfsEndpoint withTransaction(Transaction transaction) {
    this.transaction = transaction;
    return this;
  }

  private ReferenceWfs references;

  /** Requests naming a reference type (areas with counts, police units, boundaries) go there. */
  public WfsEndpoint withReferences(ReferenceWfs references) {
    this.references = references;
    return this;
  }

  public void register(Router router) {
    router.get(PATH, ex -> handle(ex, () -> WfsRequest.ofKvp(ex.query())));
    // A POST is a GetFeature as often as a Transaction: open on a read-only server, whose store
    // refuses the Transaction's writes (an OperationProcessingFailed report naming the mode).
    router.postQuery(PATH, ex -> handle(ex, () -> post(ex)));
  }

  /** An XML request; a Transaction is answered here (null returned), anything else read for {@link #dispatch}. */
  private WfsRequest post(Exchange ex) {
    byte[] body = ex.body(MAX_BODY);
    if (transaction != null && TransactionReader.isTransaction(body)) {
      transaction.execute(ex, body);
      return null;
    }
    return XmlRequestReader.read(body);
  }

  /** The default CRS of every feature type: WGS 84 latitude/longitude, as the URN names it. */
  static Crs defaultCrs(CrsRegistry registry) {
    return registry.require("EPSG:4326");
  }

  interface RequestSource {
    WfsRequest read();
  }

  private void handle(Exchange ex, RequestSource source) throws Exception {
    String version = "2.0.0";
    try {
      WfsRequest r = source.read();
      if (r == null) {
        return; // answered while read (a Transaction)
      }
      version = "1.1.0".equals(r.get("VERSION")) ? "1.1.0" : "2.0.0";
      String request = r.get("REQUEST");
      CacheHeaders.apply(ex, !"GetFeature".equals(request) && !"GetPropertyValue".equals(request));
      dispatch(ex, r);
    } catch (ApiException e) {
      if (e.status() == 401) {
        throw e; // the Basic challenge of police feature types
      }
      report(ex, e, version);
    } catch (Exception | StackOverflowError e) {
      report(ex, e, version);
    }
  }

  private void report(Exchange ex, Throwable t, String version) throws Exception {
    WfsException w = ExceptionReport.toWfs(t);
    if (w == null) {
      String id = (String) ex.request().getAttribute(Exchange.REQUEST_ID);
      LOG.error("WFS request {} failed", id, t);
      w = new WfsException("NoApplicableCode", null, "the server failed to answer; quote request id " + id);
    }
    if (ex.response().isCommitted()) {
      // Part of a feature collection is out: cut it off rather than let it look complete.
      throw t instanceof Exception e ? e : new IllegalStateException(t);
    }
    w.headers().forEach((name, value) -> ex.response().getHeaders().put(name, value));
    ex.send(w.status(), ExceptionReport.MEDIA_TYPE, ExceptionReport.render(w, version));
  }

  private void dispatch(Exchange ex, WfsRequest r) throws Exception {
    String request = r.require("REQUEST");
    // SERVICE is mandatory in KVP for every operation, GetCapabilities included (WFS 2.0, 7.6.2.4);
    // an XML GetCapabilities defaults it to WFS (XmlRequestReader).
    String service = r.get("SERVICE");
    if (service == null) {
      throw WfsException.missing("SERVICE");
    }
    if (!service.equalsIgnoreCase("WFS")) {
      throw WfsException.invalid("SERVICE", "this endpoint is a WFS, not '" + service + "'");
    }
    if (request.equals("GetCapabilities")) {
      boolean v11 = negotiate(r);
      Optional<Actor> caller = auth.optional(ex, Authenticator.Scheme.BASIC);
      ex.send(200, "application/xml", v11 ? capabilities11.render(endpoint(ex), catalog.visibleTo(caller))
          : capabilities.render(endpoint(ex), catalog.visibleTo(caller),
              transaction != null && Transaction.offeredTo(caller)));
      return;
    }
    String version = r.require("VERSION");
    if (version.equals("1.1.0")) {
      if (references != null && references.answer(ex, r, this, request, true)) {
        return;
      }
      switch (request) {
        case "DescribeFeatureType" -> describeFeatureType(ex, r, GmlWriter.Version.GML_311);
        case "GetFeature" -> getFeature.getFeature11(ex, r, this);
        default -> throw new WfsException("OperationNotSupported", "REQUEST", "WFS 1.1.0 offers "
            + Capabilities11.OPERATIONS + "; use 2.0.0 for " + request);
      }
      return;
    }
    if (!version.equals("2.0.0") && !version.equals("2.0.2")) {
      throw WfsException.invalid("VERSION", "version " + version + " is not offered; this server speaks 2.0.0"
          + " and 1.1.0");
    }
    if (references != null && references.answer(ex, r, this, request, false)) {
      return;
    }
    switch (request) {
      case "DescribeFeatureType" -> describeFeatureType(ex, r, GmlWriter.Version.GML_32);
      case "GetFeature" -> getFeature.getFeature(ex, r, this);
      case "GetPropertyValue" -> getFeature.getPropertyValue(ex, r, this);
      case "ListStoredQueries" -> ex.send(200, "application/xml", StoredQueries.list(visible(ex)));
      case "DescribeStoredQueries" -> ex.send(200, "application/xml",
          StoredQueries.describe(r.get("STOREDQUERY_ID"), visible(ex)));
      case "Transaction" -> throw new WfsException("OperationNotSupported", "REQUEST", "a Transaction is sent as"
          + " an XML POST body (wfs:Transaction), not as KVP");
      default -> throw new WfsException("OperationNotSupported", "REQUEST", "'" + request
          + "' is not an operation of this server; it offers " + Capabilities.OPERATIONS);
    }
  }

  /** True when the client asks for 1.1.0 (VERSION, or AcceptVersions without 2.0.0). */
  private static boolean negotiate(WfsRequest r) {
    String accept = r.get("ACCEPTVERSIONS");
    if (accept != null) {
      List<String> versions = List.of(accept.replace(" ", "").split(","));
      if (versions.contains("2.0.0")) {
        return false;
      }
      if (versions.contains("1.1.0")) {
        return true;
      }
      throw new WfsException("VersionNegotiationFailed", "AcceptVersions", "none of " + accept
          + " is offered; this server speaks 2.0.0 and 1.1.0");
    }
    return "1.1.0".equals(r.get("VERSION"));
  }

  String endpoint(Exchange ex) {
    return urls.base(ex) + PATH;
  }

  List<FeatureCollection> visible(Exchange ex) {
    return catalog.visibleTo(auth.optional(ex, Authenticator.Scheme.BASIC));
  }

  /**
   * The feature types named in a TYPENAMES (or TYPENAME) value, with or without a prefix; a police
   * type needs a police caller (a Basic challenge otherwise).
   */
  List<FeatureCollection> types(Exchange ex, String value, String locator) {
    List<FeatureCollection> out = new ArrayList<>();
    for (String raw : value.split(",")) {
      String name = localName(raw.strip());
      FeatureCollection c = catalog.find(name).orElseThrow(() -> WfsException.invalid(locator,
          "unknown feature type '" + raw.strip() + "'"));
      if (c.policeOnly()) {
        auth.require(ex, Authenticator.Scheme.BASIC);
      }
      out.add(c);
    }
    return out;
  }

  static String localName(String qname) {
    String n = qname;
    if (n.startsWith("{")) {
      n = n.substring(n.indexOf('}') + 1);
    }
    int colon = n.indexOf(':');
    return colon >= 0 ? n.substring(colon + 1) : n;
  }

  private void describeFeatureType(Exchange ex, WfsRequest r, GmlWriter.Version version) {
    String format = r.get("OUTPUTFORMAT");
    String f = format == null ? null : format.replace(" ", "").toLowerCase(Locale.ROOT);
    boolean ok = f == null || (version == GmlWriter.Version.GML_32
        ? f.equals(GML32.replace(" ", "")) || f.equals("text/xml;subtype=gml/3.2")
        : f.equals("text/xml;subtype=gml/3.1.1"));
    if (!ok) {
      throw WfsException.invalid("outputFormat", "DescribeFeatureType answers "
          + (version == GmlWriter.Version.GML_32 ? GML32 : Capabilities11.GML311) + " only");
    }
    String names = r.get("TYPENAMES") != null ? r.get("TYPENAMES") : r.get("TYPENAME");
    List<FeatureCollection> types = names == null ? visible(ex) : types(ex, names, "typeNames");
    ex.send(200, version == GmlWriter.Version.GML_32 ? "application/gml+xml; version=3.2" : Capabilities11.GML311,
        (references == null ? GmlSchema.of(PREFIX, NAMESPACE, schemaTypes(types), version)
        : ReferenceWfs.schema(types, references.source(), version)).getBytes(StandardCharsets.UTF_8));
  }

  /** The WFS 1.1 DescribeFeatureType URL of a type (GML 3.1.1 schema). */
  String describeUrl11(Exchange ex, FeatureCollection c) {
    return endpoint(ex) + "?SERVICE=WFS&VERSION=1.1.0&REQUEST=DescribeFeatureType&TYPENAME=" + PREFIX + ":" + c.id();
  }

  static Map<String, FeatureView> schemaTypes(List<FeatureCollection> types) {
    Map<String, FeatureView> m = new LinkedHashMap<>();
    types.forEach(c -> m.put(c.id(), c.view()));
    return m;
  }

  /** The DescribeFeatureType URL of a type, for xsi:schemaLocation. */
  String describeUrl(Exchange ex, FeatureCollection c) {
    return endpoint(ex) + "?SERVICE=WFS&VERSION=2.0.0&REQUEST=DescribeFeatureType&TYPENAMES=" + PREFIX + ":"
        + c.id();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
