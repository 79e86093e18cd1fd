package pl.kmzb.wfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.encode.Coordinates;
import pl.kmzb.encode.GmlSchema;
import pl.kmzb.encode.GmlWriter;
import pl.kmzb.encode.Link;
import pl.kmzb.encode.ReferenceCsv;
import pl.kmzb.encode.ReferenceFeature;
import pl.kmzb.encode.ReferenceGeoJson;
import pl.kmzb.encode.ReferenceGml;
import pl.kmzb.encode.ReferenceSchema;
import pl.kmzb.features.FeatureCatalog;
import pl.kmzb.features.FeatureCollection;
import pl.kmzb.features.ReferenceSource;
import pl.kmzb.filter.Expr;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.Exchange;

/**
 * WFS 2.0 and 1.1 for the reference feature types (areas with report counts, police units,
 * boundaries): GetFeature (GML 3.2 / 3.1.1 with gml:MultiSurface or gml:Point, GeoJSON, CSV),
 * resultType=hits, COUNT/STARTINDEX paging with next/previous, BBOX, RESOURCEID, FES filters on the
 * types' own properties, SORTBY on them, GetPropertyValue and GetFeatureById. The sets are small and
 * held in memory ({@link ReferenceSource}); each answer is written feature by feature.
 * {@link WfsEndpoint} hands a request here when it names one of these types.
 */
public final class ReferenceWfs {
  private final FeatureCatalog catalog;
  private final ReferenceSource source;
  private final GetFeature reports;
  private final GetFeature.FesFilters fes;
  private final CrsRegistry crs;
  private final int defaultCount;
  private final int maxCount;

  public ReferenceWfs(FeatureCatalog catalog, ReferenceSource source, GetFeature reports, GetFeature.FesFilters fes,
      CrsRegistry crs, int defaultCount, int maxCount) {
    this.catalog = catalog;
    this.source = source;
    this.reports = reports;
    this.fes = fes;
    this.crs = crs;
    this.defaultCount = defaultCount;
    this.maxCount = maxCount;
  }

  ReferenceSource source() {
    return source;
  }

  /** The reference type a GetFeature, GetPropertyValue or GetFeatureById request names, if any. */
  Optional<FeatureCollection> target(WfsRequest r) {
    String names = r.get("TYPENAMES") != null ? r.get("TYPENAMES") : r.get("TYPENAME");
    if (names == null && r.get("RESOURCEID") != null) {
      names = typeOf(r.get("RESOURCEID").split(",")[0].strip());
    }
    if (names == null && r.get("FEATUREID") != null) {
      names = typeOf(r.get("FEATUREID").split(",")[0].strip());
    }
    if (names == null && WfsEndpoint.GET_FEATURE_BY_ID.equals(r.get("STOREDQUERY_ID")) && r.get("ID") != null) {
      names = typeOf(r.get("ID"));
    }
    if (names == null || names.contains(",") || names.contains("(")) {
      return Optional.empty();
    }
    return catalog.find(WfsEndpoint.localName(names)).filter(c -> c.reference() != null);
  }

  private static String typeOf(String featureId) {
    int dot = featureId.lastIndexOf('.');
    return dot > 0 ? featureId.substring(0, dot) : null;
  }

  /**
   * Answers the request if it is for a reference type; false leaves it to the report operations.
   *
   * @param v11 a WFS 1.1.0 request
   */
  boolean answer(Exchange ex, WfsRequest r, WfsEndpoint wfs, String request, boolean v11) throws Exception {
    if (!request.equals("GetFeature") && !request.equals("GetPropertyValue")) {
      return false;
    }
    Optional<FeatureCollection> found = target(r);
    if (found.isEmpty()) {
      return false;
    }
    FeatureCollection type = wfs.types(ex, WfsEndpoint.PREFIX + ":" + found.get().id(), "TYPENAMES").get(0);
    if (request.equals("GetPropertyValue")) {
      propertyValue(ex, r, wfs, type);
    } else if (v11) {
      getFeature11(ex, r, wfs, type);
    } else if (r.get("STOREDQUERY_ID") != null) {
      byId(ex, r, wfs, type);
    } else {
      getFeature(ex, r, wfs, type);
    }
    return true;
  }

  /** The application schema of {@code types}: GmlSchema's for report types, with the reference types added. */
  static String schema(List<FeatureCollection> types, ReferenceSource source, GmlWriter.Version version) {
    Map<String, pl.kmzb.encode.FeatureView> reportTypes = new LinkedHashMap<>();
    Map<String, ReferenceSchema> referenceTypes = new LinkedHashMap<>();
    for (FeatureCollection c : types) {
      if (c.reference() == null) {
        reportTypes.put(c.id(), c.view());
      } else {
        referenceTypes.put(c.id(), source.schema(c));
      }
    }
    return ReferenceGml.withTypes(GmlSchema.of(WfsEndpoint.PREFIX, WfsEndpoint.NAMESPACE, reportTypes, version),
        WfsEndpoint.PREFIX, referenceTypes, version);
  }

  /** The selection: BBOX, RESOURCEID (or 1.1's FEATUREID) or FILTER, then SORTBY. */
  private List<ReferenceFeature> select(WfsRequest r, FeatureCollection type, AxisOrder.Protocol protocol) {
    int selectors = (r.get("BBOX") != null ? 1 : 0) + (r.get("FILTER") != null ? 1 : 0)
        + (r.get("RESOURCEID") != null || r.get("FEATUREID") != null ? 1 : 0);
    if (selectors > 1) {
      throw WfsException.invalid("FILTER", "BBOX, FILTER and RESOURCEID exclude each other");
    }
    List<ReferenceFeature> out;
    String ids = r.get("RESOURCEID") != null ? r.get("RESOURCEID") : r.get("FEATUREID");
    if (ids != null) {
      out = byIds(type, List.of(ids.split(",")));
    } else if (r.get("BBOX") != null) {
      Envelope box = reports.bbox(r.get("BBOX"), protocol);
      out = source.select(type, new Expr.Spatial(Expr.SpatialOp.BBOX, ReferenceSource.box(box)));
    } else if (r.get("FILTER") != null) {
      Expr filter = fes.parse(r.get("FILTER"), source.queryables(type), protocol);
      // The parser reads resource ids as numbers (report ids); unit codes are not, so an id-only
      // filter (already checked whole by the parser) is answered from its rid attributes as text.
      out = filter instanceof Expr.ResourceId ? byIds(type, rids(r.get("FILTER"))) : source.select(type, filter);
    } else {
      out = source.features(type);
    }
    return sorted(out, r.get("SORTBY"), source.schema(type));
  }

  /** The features named by {@code <type>.<id>} resource ids, in id order; ids of no feature select nothing. */
  private List<ReferenceFeature> byIds(FeatureCollection type, List<String> ids) {
    List<ReferenceFeature> out = new ArrayList<>();
    for (String raw : ids) {
      String rid = raw.strip();
      String t = typeOf(rid);
      if (t != null && !WfsEndpoint.localName(t).equals(type.id())) {
        throw WfsException.invalid("RESOURCEID", "the resource ids name features of " + t + ", not of " + type.id());
      }
      if (t != null) {
        source.find(type, rid.substring(t.length() + 1)).filter(f -> !out.contains(f)).ifPresent(out::add);
      }
    }
    out.sort(Comparator.comparing(ReferenceFeature::id));
    return out;
  }

  private static final java.util.regex.Pattern RID = java.util.regex.Pattern.compile(
      "(?<![\\w:.-])(?:rid|fid|gml:id)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

  /** The identifiers of an id-only filter the FES parser accepted (so well-formed and bounded). */
  static List<String> rids(String filterXml) {
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = RID.matcher(filterXml);
    while (m.find()) {
      out.add((m.group(1) != null ? m.group(1) : m.group(2)).replace("&amp;", "&"));
    }
    return out;
  }

  /**
   * PROPERTYNAME: the attributes to write (the geometry is always written: the schema requires it),
   * names with or without prefix and type step; null writes every attribute.
   */
  static boolean[] projection(WfsRequest r, ReferenceSchema schema) {
    String names = r.get("PROPERTYNAME");
    if (names == null) {
      return null;
    }
    boolean[] keep = new boolean[schema.properties().size()];
    for (String raw : names.replace("(", "").replace(")", "").split(",")) {
      String path = raw.strip();
      String name = WfsEndpoint.localName(path.substring(path.lastIndexOf('/') + 1));
      if (name.equals(GmlSchema.GEOMETRY)) {
        continue;
      }
      int i = schema.indexOf(name);
      if (i < 0) {
        throw WfsException.invalid("propertyName", "'" + path + "' is not a property of the type; it has "
            + GmlSchema.GEOMETRY + " and " + schema.properties().stream().map(p -> p.name()).toList());
      }
      keep[i] = true;
    }
    return keep;
  }

  /** SORTBY=name [ASC|DESC],…: in memory, ties in id order; missing values last. */
  private static List<ReferenceFeature> sorted(List<ReferenceFeature> in, String sortBy, ReferenceSchema schema) {
    if (sortBy == null) {
      return in;
    }
    Comparator<ReferenceFeature> order = null;
    for (String part : sortBy.split(",")) {
      String[] words = part.strip().split("\\s+");
      String name = WfsEndpoint.localName(words[0]);
      int i = schema.indexOf(name);
      if (i < 0 || words.length > 2) {
        throw WfsException.invalid("sortBy", "'" + part.strip() + "' is not a property of the type with ASC or DESC;"
            + " sort on " + schema.properties().stream().map(p -> p.name()).toList());
      }
      String dir = words.length == 2 ? words[1].toUpperCase(Locale.ROOT) : "ASC";
      if (!dir.equals("ASC") && !dir.equals("DESC") && !dir.equals("A") && !dir.equals("D")) {
        throw WfsException.invalid("sortBy", "sort order '" + words[1] + "' must be ASC or DESC");
      }
      Comparator<Object> values = (a, b) -> Expr.compareLiterals(a, b);
      Comparator<ReferenceFeature> c = Comparator.comparing(f -> f.value(i),
          Comparator.nullsLast(dir.startsWith("D") ? values.reversed() : values));
      order = order == null ? c : order.thenComparing(c);
    }
    List<ReferenceFeature> out = new ArrayList<>(in);
    out.sort(order.thenComparing(ReferenceFeature::id));
    return out;
  }

  private record Output(Coordinates coordinates, Crs crs, boolean northFirst) {}

  private Output output(WfsRequest r, AxisOrder.Protocol protocol) {
    String srsName = r.get("SRSNAME");
    Crs target = srsName == null ? WfsEndpoint.defaultCrs(crs) : crs.find(srsName).orElseThrow(() ->
        WfsException.invalid("srsName", "srsName '" + srsName + "' is not offered; use one of "
            + crs.supported().stream().map(Crs::urn).toList()));
    String spelled = srsName == null ? target.urn() : srsName;
    boolean northFirst = AxisOrder.northFirst(target, spelled, protocol);
    return new Output(Coordinates.of(crs, target, northFirst, spelled), target, northFirst);
  }

  private record Page(List<ReferenceFeature> all, List<ReferenceFeature> rows, long start, long count, String next,
      String previous) {}

  private Page page(Exchange ex, WfsRequest r, WfsEndpoint wfs, List<ReferenceFeature> all, boolean hits) {
    long count = Math.min(r.number("COUNT", defaultCount), maxCount);
    long start = r.number("STARTINDEX", 0);
    int from = (int) Math.min(start, all.size());
    int to = (int) Math.min(all.size(), from + count);
    List<ReferenceFeature> rows = hits ? List.of() : all.subList(from, to);
    String next = null;
    if (hits && all.size() > start) {
      next = link(wfs, ex, r, Map.of("RESULTTYPE", "results", "STARTINDEX", Long.toString(start), "COUNT",
          Long.toString(count)));
    } else if (!hits && to < all.size()) {
      next = link(wfs, ex, r, Map.of("STARTINDEX", Long.toString(to), "COUNT", Long.toString(count)));
    }
    String previous = !hits && start > 0 ? link(wfs, ex, r, Map.of("STARTINDEX",
        Long.toString(Math.max(0, start - count)), "COUNT", Long.toString(count))) : null;
    return new Page(all, rows, start, count, next, previous);
  }

  private void getFeature(Exchange ex, WfsRequest r, WfsEndpoint wfs, FeatureCollection type) throws Exception {
    String format = GetFeature.format(r);
    boolean hits = GetFeature.resultTypeHits(r);
    Output out = output(r, GetFeature.V2);
    ReferenceSchema schema = source.schema(type);
    Page p = page(ex, r, wfs, select(r, type, GetFeature.V2), hits);
    boolean[] keep = projection(r, schema);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    switch (format) {
      case "csv" -> ex.stream(200, "text/csv; charset=utf-8", body -> {
        try (ReferenceCsv w = new ReferenceCsv(body, schema, out.coordinates(), keep)) {
          for (ReferenceFeature f : p.rows()) {
            w.feature(f);
          }
        }
      });
      case "json" -> ex.stream(200, "application/geo+json", body -> {
        try (ReferenceGeoJson w = new ReferenceGeoJson(body, schema, out.coordinates())) {
          w.only(keep);
          w.beginCollection();
          for (ReferenceFeature f : p.rows()) {
            w.feature(f, null);
          }
          List<Link> links = new ArrayList<>();
          if (p.next() != null) {
            links.add(new Link(p.next(), "next", "application/geo+json"));
          }
          if (p.previous() != null) {
            links.add(new Link(p.previous(), "previous", "application/geo+json"));
          }
          w.endCollection(p.all().size(), p.rows().size(), now, links);
        }
      });
      default -> {
        String schemaLocation = GmlWriter.WFS + " http://schemas.opengis.net/wfs/2.0/wfs.xsd "
            + WfsEndpoint.NAMESPACE + " " + wfs.describeUrl(ex, type);
        ex.stream(200, WfsEndpoint.GML32, body -> {
          try (ReferenceGml w = new ReferenceGml(body, schema, out.coordinates(), WfsEndpoint.PREFIX,
              WfsEndpoint.NAMESPACE, GmlWriter.Version.GML_32)) {
            w.only(keep);
            w.begin(new GmlWriter.Collection((long) p.all().size(), p.rows().size(), now, p.next(), p.previous(),
                schemaLocation), false);
            for (ReferenceFeature f : p.rows()) {
              w.member(type.id(), f);
            }
            w.end();
          }
        });
      }
    }
  }

  /** WFS 1.1: GML 3.1.1 only, MAXFEATURES (every feature without it), no paging links. */
  private void getFeature11(Exchange ex, WfsRequest r, WfsEndpoint wfs, FeatureCollection type) throws Exception {
    String format = r.get("OUTPUTFORMAT");
    if (format != null && !format.replace(" ", "").equalsIgnoreCase("text/xml;subtype=gml/3.1.1")) {
      throw WfsException.invalid("outputFormat", "WFS 1.1.0 answers text/xml; subtype=gml/3.1.1 only");
    }
    boolean hits = GetFeature.resultTypeHits(r);
    Output out = output(r, GetFeature.V11);
    List<ReferenceFeature> all = select(r, type, GetFeature.V11);
    boolean[] keep = projection(r, source.schema(type));
    long max = Math.min(r.number("MAXFEATURES", maxCount), maxCount);
    int from = (int) Math.min(r.number("STARTINDEX", 0), all.size());
    List<ReferenceFeature> rows = hits ? List.of() : all.subList(from, (int) Math.min(all.size(), from + max));
    long numberOfFeatures = hits ? all.size() : rows.size();
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String schemaLocation = GmlWriter.WFS_11 + " http://schemas.opengis.net/wfs/1.1.0/wfs.xsd "
        + WfsEndpoint.NAMESPACE + " " + wfs.describeUrl11(ex, type);
    ex.stream(200, "text/xml; subtype=gml/3.1.1", body -> {
      try (ReferenceGml w = new ReferenceGml(body, source.schema(type), out.coordinates(), WfsEndpoint.PREFIX,
          WfsEndpoint.NAMESPACE, GmlWriter.Version.GML_311)) {
        w.only(keep);
        w.begin(new GmlWriter.Collection(null, numberOfFeatures, now, null, null, schemaLocation), false);
        for (ReferenceFeature f : rows) {
          w.member(type.id(), f);
        }
        w.end();
      }
    });
  }

  private void propertyValue(Exchange ex, WfsRequest r, WfsEndpoint wfs, FeatureCollection type) throws Exception {
    if (r.params().containsKey("VALUEREFERENCE") && r.get("VALUEREFERENCE") == null) {
      throw WfsException.invalid("valueReference", "valueReference is empty; name a property of the feature type");
    }
    String reference = r.require("VALUEREFERENCE");
    ReferenceSchema schema = source.schema(type);
    String name = WfsEndpoint.localName(reference.startsWith("@") ? reference.substring(1) : reference);
    int property;
    if (reference.equals("@gml:id")) {
      property = -2;
    } else if (name.equals(GmlSchema.GEOMETRY)) {
      property = -1;
    } else {
      property = schema.indexOf(name);
      if (property < 0) {
        throw WfsException.invalid("valueReference", "'" + reference + "' is not a property of " + type.id()
            + "; it has geometry and " + schema.properties().stream().map(p -> p.name()).toList());
      }
    }
    boolean hits = GetFeature.resultTypeHits(r);
    Output out = output(r, GetFeature.V2);
    Page p = page(ex, r, wfs, select(r, type, GetFeature.V2), hits);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    int which = property;
    ex.stream(200, WfsEndpoint.GML32, body -> {
      try (ReferenceGml w = new ReferenceGml(body, schema, out.coordinates(), WfsEndpoint.PREFIX,
          WfsEndpoint.NAMESPACE, GmlWriter.Version.GML_32)) {
        w.begin(new GmlWriter.Collection((long) p.all().size(), p.rows().size(), now, p.next(), p.previous(),
            GmlWriter.WFS + " http://schemas.opengis.net/wfs/2.0/wfs.xsd"), true);
        for (ReferenceFeature f : p.rows()) {
          w.value(type.id(), f, which);
        }
        w.end();
      }
    });
  }

  private void byId(Exchange ex, WfsRequest r, WfsEndpoint wfs, FeatureCollection type) throws Exception {
    String id = r.require("ID");
    ReferenceFeature f = source.find(type, id.substring(id.lastIndexOf('.') + 1))
        .orElseThrow(() -> new WfsException("NotFound", "ID", "no feature '" + id + "'"));
    ReferenceSchema schema = source.schema(type);
    Output out = output(r, GetFeature.V2);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (GetFeature.format(r).equals("json")) {
      try (ReferenceGeoJson w = new ReferenceGeoJson(body, schema, out.coordinates())) {
        w.feature(f, List.of());
      }
      ex.send(200, "application/geo+json", body.toByteArray());
      return;
    }
    try (ReferenceGml w = new ReferenceGml(body, schema, out.coordinates(), WfsEndpoint.PREFIX, WfsEndpoint.NAMESPACE,
        GmlWriter.Version.GML_32)) {
      w.standalone(type.id(), f, WfsEndpoint.NAMESPACE + " " + wfs.describeUrl(ex, type));
    }
    ex.send(200, WfsEndpoint.GML32, body.toByteArray());
  }

  /** The request again as KVP with some parameters replaced, for next and previous. */
  private static String link(WfsEndpoint wfs, Exchange ex, WfsRequest r, Map<String, String> replace) {
    Map<String, String> p = new LinkedHashMap<>(r.params());
    p.putAll(replace);
    p.putIfAbsent("SERVICE", "WFS");
    StringBuilder sb = new StringBuilder(wfs.endpoint(ex));
    char sep = '?';
    for (Map.Entry<String, String> e : p.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(java.net.URLEncoder.encode(e.getValue(),
          StandardCharsets.UTF_8));
      sep = '&';
    }
    return sb.toString();
  }
}
