package pl.kmzb.wfs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.encode.Coordinates;
import pl.kmzb.encode.CsvWriter;
import pl.kmzb.encode.FeatureProperty;
import pl.kmzb.encode.GeoJsonWriter;
import pl.kmzb.encode.GmlWriter;
import pl.kmzb.encode.Link;
import pl.kmzb.features.FeatureCollection;
import pl.kmzb.features.FeatureSource;
import pl.kmzb.filter.Expr;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.Exchange;
import pl.kmzb.report.Report;
import pl.kmzb.store.FeatureQueries;
import pl.kmzb.store.FeatureOrder.Position;
import pl.kmzb.store.FeatureQuery;
import pl.kmzb.store.ReportStore;

/**
 * GetFeature and GetPropertyValue: one query (a type with BBOX, RESOURCEID, FILTER or the vendor
 * parameters of the report API), the page located by keyset ({@code AFTER}, in next links) or rank
 * ({@code STARTINDEX}, through the store's rank checkpoints), and the rows streamed as GML 3.2,
 * GeoJSON or CSV in the requested srsName and the WFS 2.0 axis order of its spelling.
 */
public final class GetFeature {
  /** Report filters WFS takes as vendor parameters, named as in the report API. */
  static final List<String> VENDOR = List.of("CATEGORY", "STATUS", "SOURCE", "AREA", "FROM", "TO");

  private final FeatureSource source;
  private final ReportStore store;
  private final CrsRegistry crs;
  private final FesFilters fes;
  private final int defaultCount;
  private final int maxCount;

  public GetFeature(FeatureSource source, ReportStore store, CrsRegistry crs, FesFilters fes, int defaultCount,
      int maxCount) {
    this.source = source;
    this.store = store;
    this.crs = crs;
    this.fes = fes;
    this.defaultCount = defaultCount;
    this.maxCount = maxCount;
  }

  /** A FES 2.0 filter parser (F2's), or a refusal where none is available. */
  @FunctionalInterface
  public interface FesFilters {
    /** A filter document in the encoding of the protocol version (FES 2.0 for WFS 2.0, 1.1 for WFS 1.1). */
    Expr parse(String filterXml, pl.kmzb.filter.Queryables view, AxisOrder.Protocol protocol);
  }

  static final AxisOrder.Protocol V2 = AxisOrder.Protocol.WFS_2_0_0;
  static final AxisOrder.Protocol V11 = AxisOrder.Protocol.WFS_1_1_0;

  /**
   * One resolved query: its type, selection (in the SORTBY order), output CRS and axis order, and
   * the properties to write (PROPERTYNAME; null: all).
   */
  record Query(FeatureCollection type, FeatureQuery query, Coordinates coordinates, Crs crs, boolean northFirst,
      List<FeatureProperty> properties) {
    Query(FeatureCollection type, FeatureQuery query, Coordinates coordinates, Crs crs, boolean northFirst) {
      this(type, query, coordinates, crs, northFirst, null);
    }

    /** The properties a writer writes. */
    java.util.Collection<FeatureProperty> selected() {
      return properties == null ? type.view().properties() : properties;
    }
  }

  /**
   * Where the page starts: after the position of a next link's AFTER (a row's sort key and id), or
   * at the rank STARTINDEX through the rank checkpoints of the query's order.
   */
  private Position start(Query q, WfsRequest r, long start) {
    String token = r.get("AFTER");
    if (token == null) {
      return source.queries().positionForRank(q.query(), start);
    }
    try {
      Position p = q.query().order().parse(token);
      return p.values().isEmpty() && !q.query().order().idDescending() && p.id() == 0 ? null : p;
    } catch (IllegalArgumentException e) {
      throw WfsException.invalid("AFTER", e.getMessage() + " (AFTER comes from a next link of the same request)");
    }
  }

  void getFeature(Exchange ex, WfsRequest r, WfsEndpoint wfs) throws Exception {
    if (r.get("STOREDQUERY_ID") != null) {
      byId(ex, r, wfs);
      return;
    }
    Query q = resolve(ex, r, wfs, V2);
    String format = format(r);
    boolean hits = resultTypeHits(r);
    long count = Math.min(r.number("COUNT", defaultCount), maxCount);
    long start = r.number("STARTINDEX", 0);
    FeatureQueries queries = source.queries();
    Position after = start(q, r, start);
    if (format.equals("csv")) {
      ex.stream(200, "text/csv; charset=utf-8", body -> {
        try (CsvWriter w = new CsvWriter(body, q.type().view(), q.coordinates()).select(q.selected())) {
          String[] axes = axisNames(q);
          w.header(axes[0], axes[1]);
          if (!hits) {
            queries.stream(q.query(), after, count, row -> {
              w.feature(source.row(q.type(), row));
              return true;
            });
          }
        }
      });
      return;
    }
    Long matched = source.numberMatched(q.query(), hits);
    FeatureQueries.Extent page = hits ? new FeatureQueries.Extent(0, after, false)
        : queries.extent(q.query(), after, count);
    String next = hits ? hitsNext(wfs, ex, r, matched, start, count) : page.more() ? link(wfs, ex, r,
        Map.of("STARTINDEX", Long.toString(start + page.returned()), "AFTER", page.last().token(), "COUNT",
            Long.toString(count))) : null;
    String previous = !hits && start > 0 ? link(wfs, ex, r, previous(start, count)) : null;
    String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    if (format.equals("json")) {
      ex.stream(200, "application/geo+json", body -> {
        try (GeoJsonWriter w = new GeoJsonWriter(body, q.type().view(), q.coordinates()).select(q.selected())) {
          w.beginCollection();
          long written = hits ? 0 : write(q, after, page.returned(), row -> w.feature(row));
          List<Link> links = new ArrayList<>();
          if (next != null) {
            links.add(new Link(next, "next", "application/geo+json"));
          }
          if (previous != null) {
            links.add(new Link(previous, "previous", "application/geo+json"));
          }
          w.endCollection(matched, written, now, links);
        }
      });
      return;
    }
    String schemaLocation = GmlWriter.WFS + " http://schemas.opengis.net/wfs/2.0/wfs.xsd " + WfsEndpoint.NAMESPACE
        + " " + wfs.describeUrl(ex, q.type());
    ex.stream(200, WfsEndpoint.GML32, body -> {
      try (GmlWriter w = new GmlWriter(body, q.type().view(), q.coordinates(), WfsEndpoint.PREFIX,
          WfsEndpoint.NAMESPACE).select(q.selected())) {
        w.beginCollection(new GmlWriter.Collection(matched, page.returned(), now, next, previous, schemaLocation));
        if (!hits) {
          write(q, after, page.returned(), row -> w.member(q.type().id(), row));
        }
        w.endCollection();
      }
    });
  }

  interface RowWriter {
    void write(pl.kmzb.encode.FeatureRow row) throws Exception;
  }

  /** Streams exactly the page's rows (a row arriving meanwhile past them is not written). */
  private long write(Query q, Position after, long rows, RowWriter w) {
    long[] n = {0};
    source.queries().stream(q.query(), after, rows, row -> {
      try {
        w.write(source.row(q.type(), row));
      } catch (java.io.IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new java.io.IOException(e);
      }
      n[0]++;
      return true;
    });
    return n[0];
  }

  /**
   * WFS 1.1.0 GetFeature for older clients: TYPENAME, MAXFEATURES (and STARTINDEX as GeoServer
   * takes it), BBOX, FILTER in FES 1.1, srsName with the 1.1 axis rules; GML 3.1.1 only.
   */
  void getFeature11(Exchange ex, WfsRequest request, WfsEndpoint wfs) throws Exception {
    WfsRequest r = request;
    if (r.get("FEATUREID") != null) {
      // WFS 1.1's FEATUREID is 2.0's RESOURCEID.
      java.util.Map<String, String> p = new LinkedHashMap<>(r.params());
      p.put("RESOURCEID", p.remove("FEATUREID"));
      r = new WfsRequest(p);
    }
    String format = r.get("OUTPUTFORMAT");
    if (format != null && !format.replace(" ", "").equalsIgnoreCase("text/xml;subtype=gml/3.1.1")) {
      throw WfsException.invalid("outputFormat", "WFS 1.1.0 answers text/xml; subtype=gml/3.1.1 only");
    }
    if (resultTypeHits(r)) {
      Query q = resolve(ex, r, wfs, V11);
      Long matched = source.numberMatched(q.query(), true);
      writeGml11(ex, wfs, q, null, 0, matched);
      return;
    }
    Query q = resolve(ex, r, wfs, V11);
    // WFS 1.1 has no paging: without MAXFEATURES a client expects every feature (GDAL reads one
    // response), so the cap is the configured maximum, not the default page.
    long count = Math.min(r.number("MAXFEATURES", maxCount), maxCount);
    Position after = source.queries().positionForRank(q.query(), r.number("STARTINDEX", 0));
    FeatureQueries.Extent page = source.queries().extent(q.query(), after, count);
    writeGml11(ex, wfs, q, after, page.returned(), page.returned());
  }

  private void writeGml11(Exchange ex, WfsEndpoint wfs, Query q, Position after, long rows, long numberOfFeatures)
      throws Exception {
    String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    String schemaLocation = GmlWriter.WFS_11 + " http://schemas.opengis.net/wfs/1.1.0/wfs.xsd " + WfsEndpoint.NAMESPACE
        + " " + wfs.describeUrl11(ex, q.type());
    ex.stream(200, "text/xml; subtype=gml/3.1.1", body -> {
      try (GmlWriter w = new GmlWriter(body, q.type().view(), q.coordinates(), WfsEndpoint.PREFIX,
          WfsEndpoint.NAMESPACE, GmlWriter.Version.GML_311).select(q.selected())) {
        w.beginCollection(new GmlWriter.Collection(null, numberOfFeatures, now, null, null, schemaLocation));
        if (rows > 0) {
          write(q, after, rows, row -> w.member(q.type().id(), row));
        }
        w.endCollection();
      }
    });
  }

  void getPropertyValue(Exchange ex, WfsRequest r, WfsEndpoint wfs) throws Exception {
    if (r.params().containsKey("VALUEREFERENCE") && r.get("VALUEREFERENCE") == null) {
      throw WfsException.invalid("valueReference", "valueReference is empty; name a property of the feature type");
    }
    String reference = r.require("VALUEREFERENCE");
    Query q = resolve(ex, r, wfs, V2);
    // @gml:id is the one attribute a minimal XPath may name: each feature's identifier.
    boolean gmlId = reference.strip().equals(References.GML_ID);
    FeatureProperty property = null;
    if (!gmlId) {
      String name = References.of(r, q.type()).property(reference, "valueReference");
      property = name.equals(pl.kmzb.encode.GmlSchema.GEOMETRY) ? null : q.type().view().property(name).orElseThrow();
    }
    boolean hits = resultTypeHits(r);
    long count = Math.min(r.number("COUNT", defaultCount), maxCount);
    long start = r.number("STARTINDEX", 0);
    FeatureQueries queries = source.queries();
    Position after = start(q, r, start);
    Long matched = source.numberMatched(q.query(), hits);
    FeatureQueries.Extent page = hits ? new FeatureQueries.Extent(0, after, false)
        : queries.extent(q.query(), after, count);
    String next = hits ? hitsNext(wfs, ex, r, matched, start, count) : page.more() ? link(wfs, ex, r,
        Map.of("STARTINDEX", Long.toString(start + page.returned()), "AFTER", page.last().token(), "COUNT",
            Long.toString(count))) : null;
    String previous = !hits && start > 0 ? link(wfs, ex, r, previous(start, count)) : null;
    String now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    FeatureProperty p = property;
    ex.stream(200, WfsEndpoint.GML32, body -> {
      try (GmlWriter w = new GmlWriter(body, q.type().view(), q.coordinates(), WfsEndpoint.PREFIX,
          WfsEndpoint.NAMESPACE)) {
        w.beginValues(new GmlWriter.Collection(matched, page.returned(), now, next, previous,
            GmlWriter.WFS + " http://schemas.opengis.net/wfs/2.0/wfs.xsd"));
        if (!hits) {
          write(q, after, page.returned(), row -> {
            if (gmlId) {
              w.idValue(q.type().id(), row);
            } else {
              w.value(q.type().id(), row, p);
            }
          });
        }
        w.endCollection();
      }
    });
  }

  /** A hits answer's next: the first page of results it counted (WFS 2.0, 7.7.4.2), if anything matched. */
  private static String hitsNext(WfsEndpoint wfs, Exchange ex, WfsRequest r, Long matched, long start, long count) {
    if (matched == null || matched <= start) {
      return null;
    }
    Map<String, String> m = new LinkedHashMap<>();
    m.put("RESULTTYPE", "results");
    m.put("STARTINDEX", Long.toString(start));
    m.put("COUNT", Long.toString(count));
    return link(wfs, ex, r, m);
  }

  private static Map<String, String> previous(long start, long count) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("STARTINDEX", Long.toString(Math.max(0, start - count)));
    m.put("AFTER", null);
    m.put("COUNT", Long.toString(count));
    return m;
  }

  private void byId(Exchange ex, WfsRequest r, WfsEndpoint wfs) throws Exception {
    String stored = r.get("STOREDQUERY_ID");
    if (!stored.equals(WfsEndpoint.GET_FEATURE_BY_ID)) {
      throw WfsException.invalid("STOREDQUERY_ID", "no stored query '" + stored + "'; this server has "
          + WfsEndpoint.GET_FEATURE_BY_ID);
    }
    String id = r.require("ID");
    int dot = id.lastIndexOf('.');
    long reportId;
    try {
      reportId = Long.parseLong(id.substring(dot + 1));
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      throw new WfsException("NotFound", "ID", "no feature '" + id + "'");
    }
    if (dot <= 0) {
      throw new WfsException("NotFound", "ID", "no feature '" + id + "': ids are <type>.<number>");
    }
    FeatureCollection type = wfs.types(ex, id.substring(0, dot), "ID").get(0);
    Optional<Report> report = store.find(reportId);
    if (report.isEmpty() || !source.matches(source.all(type), report.get())) {
      throw new WfsException("NotFound", "ID", "no feature '" + id + "'");
    }
    Query q = new Query(type, null, coordinates(r, V2).coordinates(), null, false);
    String format = format(r);
    if (format.equals("json")) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (GeoJsonWriter w = new GeoJsonWriter(out, type.view(), q.coordinates())) {
        w.feature(source.row(type, report.get()), List.of());
      }
      ex.send(200, "application/geo+json", out.toByteArray());
      return;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (GmlWriter w = new GmlWriter(out, type.view(), q.coordinates(), WfsEndpoint.PREFIX, WfsEndpoint.NAMESPACE)) {
      w.standalone(type.id(), source.row(type, report.get()), WfsEndpoint.NAMESPACE + " " + wfs.describeUrl(ex, type));
    }
    ex.send(200, WfsEndpoint.GML32, out.toByteArray());
  }

  /** RESULTTYPE: false for results (the default), true for hits. */
  static boolean resultTypeHits(WfsRequest r) {
    String t = r.get("RESULTTYPE");
    if (t == null || t.equalsIgnoreCase("results")) {
      return false;
    }
    if (t.equalsIgnoreCase("hits")) {
      return true;
    }
    throw WfsException.invalid("resultType", "resultType must be results or hits, not '" + t + "'");
  }

  /** OUTPUTFORMAT as gml, json or csv. */
  static String format(WfsRequest r) {
    String f = r.get("OUTPUTFORMAT");
    if (f == null) {
      return "gml";
    }
    String n = f.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    return switch (n) {
      case "application/gml+xml;version=3.2", "text/xml;subtype=gml/3.2", "gml32", "text/xml;subtype=gml/3.2.1",
          "application/gml+xml" -> "gml";
      case "application/json", "application/geo+json", "json", "geojson" -> "json";
      case "text/csv", "csv" -> "csv";
      default -> throw WfsException.invalid("outputFormat", "outputFormat '" + f + "' is not offered; use one of "
          + WfsEndpoint.OUTPUT_FORMATS);
    };
  }

  private Query coordinates(WfsRequest r, AxisOrder.Protocol protocol) {
    String srsName = r.get("SRSNAME");
    Crs target = srsName == null ? WfsEndpoint.defaultCrs(crs) : crs.find(srsName).orElseThrow(() ->
        WfsException.invalid("srsName", "srsName '" + srsName + "' is not offered; use one of "
            + crs.supported().stream().map(Crs::urn).toList()));
    String spelled = srsName == null ? target.urn() : srsName;
    boolean northFirst = AxisOrder.northFirst(target, spelled, protocol);
    return new Query(null, null, Coordinates.of(crs, target, northFirst, spelled), target, northFirst);
  }

  private Query resolve(Exchange ex, WfsRequest r, WfsEndpoint wfs, AxisOrder.Protocol protocol) {
    int selectors = (r.get("BBOX") != null ? 1 : 0) + (r.get("FILTER") != null ? 1 : 0)
        + (r.get("RESOURCEID") != null ? 1 : 0);
    if (selectors > 1) {
      throw WfsException.invalid("FILTER", "BBOX, FILTER and RESOURCEID exclude each other");
    }
    Expr filter = Expr.INCLUDE;
    String typeNames = r.get("TYPENAMES") != null ? r.get("TYPENAMES") : r.get("TYPENAME");
    if (r.get("RESOURCEID") != null) {
      Set<Long> ids = new HashSet<>();
      String type = null;
      for (String raw : r.get("RESOURCEID").split(",")) {
        String rid = raw.strip();
        int dot = rid.lastIndexOf('.');
        Long number = dot > 0 ? featureNumber(rid.substring(dot + 1)) : null;
        if (number == null) {
          continue; // not an id this server gives out: it identifies no feature, so the answer is empty
        }
        String t = rid.substring(0, dot);
        if (type != null && !type.equals(t)) {
          throw WfsException.invalid("RESOURCEID", "resource ids must name one feature type: <type>.<number>");
        }
        type = t;
        ids.add(number);
      }
      if (typeNames != null && type != null && !WfsEndpoint.localName(typeNames).equals(type)) {
        throw WfsException.invalid("RESOURCEID", "the resource ids name features of " + type + ", not of "
            + typeNames);
      }
      typeNames = typeNames == null ? type : typeNames;
      filter = new Expr.ResourceId(ids);
    }
    if (typeNames == null) {
      throw WfsException.missing("TYPENAMES");
    }
    if (typeNames.contains("(") || typeNames.contains(",")) {
      throw new WfsException("OperationNotSupported", "TYPENAMES", "one feature type per request is supported");
    }
    FeatureCollection type = wfs.types(ex, typeNames, "TYPENAMES").get(0);
    if (r.get("FILTER") != null) {
      filter = fes.parse(r.get("FILTER"), source.view(type), protocol);
    }
    Query out = coordinates(r, protocol);
    Envelope bbox = r.get("BBOX") == null ? null : bbox(r.get("BBOX"), protocol);
    Map<String, List<String>> vendor = new LinkedHashMap<>();
    for (String v : VENDOR) {
      if (r.get(v) != null) {
        vendor.put(WfsEndpoint.lower(v), List.of(r.get(v)));
      }
    }
    References refs = References.of(r, type);
    FeatureQuery query = source.query(type, vendor, null, null, bbox, filter).withOrder(refs.sortBy(r.get("SORTBY")));
    return new Query(type, query, out.coordinates(), out.crs(), out.northFirst(),
        refs.propertyNames(r.get("PROPERTYNAME")));
  }

  /** The number of a feature id ({@code <type>.<number>}), or null if it is not one. */
  private static Long featureNumber(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** BBOX=a,b,c,d[,crs]: the corners in the axis order of the named CRS as WFS 2.0 spells it. */
  Envelope bbox(String value, AxisOrder.Protocol protocol) {
    String[] parts = value.split(",");
    if (parts.length != 4 && parts.length != 5) {
      throw WfsException.invalid("BBOX", "BBOX must be four numbers and an optional CRS, got '" + value + "'");
    }
    String name = parts.length == 5 ? parts[4].strip() : WfsEndpoint.defaultCrs(crs).urn();
    Crs c = crs.find(name).orElseThrow(() -> WfsException.invalid("BBOX", "the BBOX CRS '" + name
        + "' is not offered"));
    double[] n = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        n[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw WfsException.invalid("BBOX", "BBOX value '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(n[i])) {
        throw WfsException.invalid("BBOX", "BBOX value '" + parts[i] + "' is not finite");
      }
    }
    if (AxisOrder.northFirst(c, name, protocol)) {
      n = new double[] {n[1], n[0], n[3], n[2]};
    }
    try {
      if (c.geographic()) {
        return new Envelope(Math.max(-180, n[0]), Math.max(-90, n[1]), Math.min(180, n[2]), Math.min(90, n[3]));
      }
      return crs.toLonLat(c).apply(new Bounds(n[0], n[1], n[2], n[3])).toEnvelope();
    } catch (IllegalArgumentException e) {
      throw WfsException.invalid("BBOX", "BBOX " + value + ": " + e.getMessage());
    }
  }

  private static String[] axisNames(Query q) {
    String[] names = q.crs().geographic() ? new String[] {"lon", "lat"} : new String[] {"x", "y"};
    return q.northFirst() ? new String[] {names[1], names[0]} : names;
  }

  /** The request again as KVP with some parameters replaced (null removes), for next and previous. */
  private static String link(WfsEndpoint wfs, Exchange ex, WfsRequest r, Map<String, String> replace) {
    Map<String, String> p = new LinkedHashMap<>(r.params());
    replace.forEach((k, v) -> {
      if (v == null) {
        p.remove(k);
      } else {
        p.put(k, v);
      }
    });
    p.putIfAbsent("SERVICE", "WFS");
    StringBuilder sb = new StringBuilder(wfs.endpoint(ex));
    char sep = '?';
    for (Map.Entry<String, String> e : p.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(java.net.URLEncoder.encode(e.getValue(),
          java.nio.charset.StandardCharsets.UTF_8));
      sep = '&';
    }
    return sb.toString();
  }
}
