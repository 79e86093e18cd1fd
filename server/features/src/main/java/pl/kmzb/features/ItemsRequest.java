package pl.kmzb.features;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.ApiException;

/**
 * The parameters of {@code /collections/{id}/items}, checked: paging ({@code limit},
 * {@code startindex}, the keyset {@code after} of next links), {@code bbox} (CRS84), {@code datetime}
 * (an instant or a closed interval, open ends as {@code ..}) and the report filters by property name.
 * Any other parameter is a 400 naming it, as OGC API Features recommends.
 *
 * @param after keyset position of a next link, or null
 * @param bbox the lon/lat envelope covering the bbox (what an index can look up), or null
 * @param filters the property filters in the report API's names
 * @param bboxShape the part of the bbox its lon/lat envelope cannot say, as a filter: the two halves
 *     of a bbox across the antimeridian, or the exact outline of a projected bbox; INCLUDE otherwise
 */
record ItemsRequest(int limit, long startIndex, Long after, Envelope bbox, Instant from, Instant to,
    Map<String, List<String>> filters, Crs crs, Cql2 cql2, Expr bboxShape) {
  /**
   * A CQL2 filter as given (Part 3): text or JSON, with the CRS of its geometries.
   *
   * @param lang "cql2-text" or "cql2-json"
   */
  record Cql2(String filter, String lang, FilterCrs crs) {}

  /** Property filters, named as the feature properties (and {@code area}: a TERYT code the position lies in). */
  static final Set<String> FILTERS = Set.of("category", "status", "source", "area");
  static final Set<String> OTHERS = Set.of("f", "limit", "startindex", "after", "bbox", "bbox-crs", "datetime", "crs",
      "filter", "filter-lang", "filter-crs");

  static ItemsRequest parse(Map<String, List<String>> q, int defaultLimit, int maxLimit, CrsRegistry registry) {
    for (String name : q.keySet()) {
      if (!FILTERS.contains(name) && !OTHERS.contains(name)) {
        throw ApiException.badRequest(name, "unknown parameter '" + name + "'; this endpoint takes "
            + new java.util.TreeSet<>(union()));
      }
    }
    int limit = (int) Math.min(maxLimit, number(q, "limit", defaultLimit, 1, Integer.MAX_VALUE));
    long start = number(q, "startindex", 0, 0, Long.MAX_VALUE / 2);
    String afterText = single(q, "after");
    Long after = afterText == null ? null : number(q, "after", 0, 0, Long.MAX_VALUE);
    Crs bboxCrs = crs(q, "bbox-crs", registry);
    String bboxText = single(q, "bbox");
    Expr across = across(bboxText, bboxCrs);
    Envelope bbox = across == Expr.INCLUDE ? bbox(bboxText, bboxCrs, registry) : null;
    Expr shape = across != Expr.INCLUDE ? across : outline(bboxText, bboxCrs, registry);
    Instant[] range = datetime(single(q, "datetime"));
    Map<String, List<String>> filters = new LinkedHashMap<>();
    q.forEach((k, v) -> {
      if (FILTERS.contains(k)) {
        filters.put(k, v);
      }
    });
    return new ItemsRequest(limit, start, after, bbox, range[0], range[1], filters, crs(q, "crs", registry),
        cql2(q, registry), shape);
  }

  private static Cql2 cql2(Map<String, List<String>> q, CrsRegistry registry) {
    String filter = single(q, "filter");
    String lang = single(q, "filter-lang");
    String filterCrs = single(q, "filter-crs");
    if (filter == null) {
      if (lang != null || filterCrs != null) {
        throw ApiException.badRequest(lang != null ? "filter-lang" : "filter-crs", "'filter-lang' and 'filter-crs'"
            + " describe a 'filter', and none is given");
      }
      return null;
    }
    String language = lang == null ? "cql2-text" : lang;
    if (!language.equals("cql2-text") && !language.equals("cql2-json")) {
      throw ApiException.badRequest("filter-lang", "filter-lang must be cql2-text or cql2-json, not '" + lang + "'");
    }
    Crs c = crs(q, "filter-crs", registry);
    return new Cql2(filter, language, FilterCrs.of(registry, c.uri(), AxisOrder.Protocol.OGC_API_FEATURES));
  }

  /**
   * A CRS parameter (Part 2): one of the published CRSs by URI (or another usual spelling, or a
   * safe CURIE such as {@code [EPSG:2180]}); CRS84 when absent.
   */
  static Crs crs(Map<String, List<String>> q, String name, CrsRegistry registry) {
    String v = single(q, name);
    if (v == null) {
      return registry.lonLat();
    }
    String id = v.startsWith("[") && v.endsWith("]") ? v.substring(1, v.length() - 1) : v;
    return registry.find(id).orElseThrow(() -> ApiException.badRequest(name, "'" + name + "' " + v
        + " is not offered; use one of " + registry.supported().stream().map(Crs::uri).toList()));
  }

  private static Set<String> union() {
    Set<String> all = new java.util.HashSet<>(FILTERS);
    all.addAll(OTHERS);
    return all;
  }

  static String single(Map<String, List<String>> q, String name) {
    List<String> v = q.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.size() > 1) {
      throw ApiException.badRequest(name, "'" + name + "' may be given only once");
    }
    return v.get(0).strip();
  }

  private static long number(Map<String, List<String>> q, String name, long dflt, long min, long max) {
    String v = single(q, name);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, "'" + name + "' must be a whole number from " + min + ", got '" + v + "'");
    }
  }

  /**
   * The bbox in lon/lat: given in {@code crs}'s axis order (CRS84: lon,lat; EPSG:4326 and the Polish
   * grids: north first), transformed with densified edges so the lon/lat box covers it.
   */
  static Envelope bbox(String v, Crs crs, CrsRegistry registry) {
    if (v == null) {
      return null;
    }
    double[] n = corners(v);
    if (crs.northFirst()) {
      n = new double[] {n[1], n[0], n[3], n[2]};
    }
    try {
      if (crs.isCrs84() || crs.epsg() == 4326 || crs.epsg() == 4258) {
        return new Envelope(n[0], n[1], n[2], n[3]);
      }
      return registry.toLonLat(crs).apply(new Bounds(n[0], n[1], n[2], n[3])).toEnvelope();
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bbox", "bbox " + v + " in " + crs.code() + ": " + e.getMessage());
    }
  }

  /**
   * A projected bbox (EPSG:2180, the zones, 3857) as what it is: a rectangle in that CRS, which is
   * curved in lon/lat. Its covering lon/lat envelope ({@link #bbox}) also holds points beyond the
   * rectangle's edges (up to kilometres at Poland's corners in EPSG:2180), so the rectangle itself is
   * the filter: its outline sampled densely enough that the chords stray well under a metre from
   * the true edges. INCLUDE for a geographic bbox, whose envelope is exact.
   */
  static Expr outline(String v, Crs crs, CrsRegistry registry) {
    if (v == null || crs.isCrs84() || crs.epsg() == 4326 || crs.epsg() == 4258) {
      return Expr.INCLUDE;
    }
    double[] n = corners(v);
    if (crs.northFirst()) {
      n = new double[] {n[1], n[0], n[3], n[2]};
    }
    CrsTransform toLonLat = registry.toLonLat(crs);
    Bounds d = toLonLat.domain();
    Bounds b = new Bounds(Math.max(n[0], d.minX()), Math.max(n[1], d.minY()), Math.min(n[2], d.maxX()),
        Math.min(n[3], d.maxY()));
    int perEdge = OUTLINE_SEGMENTS;
    double[] xy = new double[2 * (4 * perEdge + 1)];
    int k = 0;
    for (int i = 0; i < perEdge; i++) {
      double f = (double) i / perEdge;
      k = put(xy, k, b.minX() + f * b.width(), b.minY());
    }
    for (int i = 0; i < perEdge; i++) {
      double f = (double) i / perEdge;
      k = put(xy, k, b.maxX(), b.minY() + f * b.height());
    }
    for (int i = 0; i < perEdge; i++) {
      double f = (double) i / perEdge;
      k = put(xy, k, b.maxX() - f * b.width(), b.maxY());
    }
    for (int i = 0; i < perEdge; i++) {
      double f = (double) i / perEdge;
      k = put(xy, k, b.minX(), b.maxY() - f * b.height());
    }
    put(xy, k, b.minX(), b.minY());
    toLonLat.apply(xy, 0, xy.length / 2);
    Coordinate[] ring = new Coordinate[xy.length / 2];
    for (int p = 0; p < ring.length; p++) {
      if (!Double.isFinite(xy[2 * p]) || !Double.isFinite(xy[2 * p + 1])) {
        throw ApiException.badRequest("bbox", "bbox " + v + " in " + crs.code() + " has no image in lon/lat");
      }
      ring[p] = new Coordinate(xy[2 * p], xy[2 * p + 1]);
    }
    GeometryFactory f = new GeometryFactory();
    return new Expr.Spatial(Expr.SpatialOp.INTERSECTS, f.createPolygon(ring), 0);
  }

  /**
   * Segments per edge of a projected bbox's outline. An edge of constant northing across Poland in
   * EPSG:2180 bends about 15 km off its chord in lon/lat; cut into 256 pieces of ~3 km, each strays
   * about 0.2 m (the sagitta shrinks with the square of the length).
   */
  static final int OUTLINE_SEGMENTS = 256;

  private static int put(double[] xy, int k, double x, double y) {
    xy[k] = x;
    xy[k + 1] = y;
    return k + 2;
  }

  /**
   * The two corners of a bbox of four numbers, or of six (with heights, which are dropped: the
   * features are points without height, Part 1 7.15.3).
   */
  static double[] corners(String v) {
    String[] parts = v.split(",", -1);
    if (parts.length != 4 && parts.length != 6) {
      throw ApiException.badRequest("bbox", "bbox must be four numbers (lower corner, upper corner, in the axis"
          + " order of bbox-crs) or six with heights; got " + parts.length);
    }
    double[] all = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        all[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("bbox", "bbox value '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(all[i])) {
        throw ApiException.badRequest("bbox", "bbox value '" + parts[i] + "' is not a finite number");
      }
    }
    return parts.length == 4 ? all : new double[] {all[0], all[1], all[3], all[4]};
  }

  /**
   * A geographic bbox whose west edge lies east of its east edge spans the antimeridian (Part 1, 7.15.3):
   * the features in either half, as a filter; {@link Expr#INCLUDE} for any other bbox.
   */
  static Expr across(String v, Crs crs) {
    if (v == null || !(crs.isCrs84() || crs.epsg() == 4326 || crs.epsg() == 4258)) {
      return Expr.INCLUDE; // projected bboxes are transformed whole (bbox)
    }
    double[] n = corners(v);
    if (crs.northFirst()) {
      n = new double[] {n[1], n[0], n[3], n[2]};
    }
    if (n[0] <= n[2] || n[1] > n[3] || n[0] > 180 || n[2] < -180) {
      return Expr.INCLUDE; // an ordinary bbox, or one bbox() rejects
    }
    GeometryFactory f = new GeometryFactory();
    return new Expr.Or(List.of(
        new Expr.Spatial(Expr.SpatialOp.INTERSECTS, f.toGeometry(new org.locationtech.jts.geom.Envelope(n[0], 180,
            n[1], n[3])), 0),
        new Expr.Spatial(Expr.SpatialOp.INTERSECTS, f.toGeometry(new org.locationtech.jts.geom.Envelope(-180, n[2],
            n[1], n[3])), 0)));
  }

  /** {from inclusive, to exclusive}, either null when open. */
  static Instant[] datetime(String v) {
    if (v == null) {
      return new Instant[2];
    }
    try {
      int slash = v.indexOf('/');
      if (slash < 0) {
        Instant at = FilterParser.parseInstant(v);
        return new Instant[] {at, at.plusNanos(1)};
      }
      String a = v.substring(0, slash);
      String b = v.substring(slash + 1);
      Instant from = open(a) ? null : FilterParser.parseInstant(a);
      // The interval is closed: its end is included, and the store's bound is exclusive.
      Instant to = open(b) ? null : FilterParser.parseInstant(b).plusNanos(1);
      if (from != null && to != null && !from.isBefore(to)) {
        throw ApiException.badRequest("datetime", "the interval '" + v + "' ends before it starts");
      }
      return new Instant[] {from, to};
    } catch (DateTimeException | StringIndexOutOfBoundsException e) {
      throw ApiException.badRequest("datetime", "datetime must be an RFC 3339 date-time or an interval"
          + " 'start/end' with '..' for an open end; got '" + v + "'");
    }
  }

  private static boolean open(String s) {
    return s.isEmpty() || s.equals("..");
  }
}
