package pl.kmzb.ogctiles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import pl.kmzb.cql2.Cql2JsonParser;
import pl.kmzb.cql2.Cql2TextParser;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.IndexSubset;
import pl.kmzb.filter.Queryables;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.ApiException;
import pl.kmzb.report.Status;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The filters of a tile request in the shared filter model: the vendor parameters of every service
 * ({@code category}, {@code status}, {@code from}, {@code to}, {@code area}, {@code bbox}; police
 * collections also {@code source} and what the police tileset takes), OGC's {@code datetime}, and
 * a CQL2 {@code filter} (text, or JSON with {@code filter-lang=cql2-json}), as the Features API
 * takes them.
 *
 * <p>Vector tiles of public threats come from the cluster index, so their filters are folded into
 * one {@link ReportFilter} ({@link IndexSubset}) and handed to the {@code threats} tileset as its
 * own parameters: a tile is then the very tile {@code /tiles/threats/...} serves for those
 * parameters (one cache entry, one ETag). A filter the index cannot answer is refused with the
 * map tiles as the way to draw it.
 */
final class TileFilters {
  /** The OGC parameters read here; every other parameter goes to the tileset or the WMS as it is. */
  static final Set<String> OGC = Set.of("f", "datetime", "filter", "filter-lang", "filter-crs");

  private final VisibilityPolicy policy;
  private final Queryables publicView;
  private final FilterCrs crs84;

  TileFilters(VisibilityPolicy policy, FilterCrs crs84) {
    this.policy = policy;
    this.publicView = Queryables.publicView(policy);
    this.crs84 = crs84;
  }

  /**
   * The tileset parameters of a vector tile request on {@code c}; empty when the filters select
   * nothing (a category collection asked for other categories), so the tile is empty.
   */
  Optional<Map<String, List<String>>> vector(TileCollection c, Map<String, List<String>> query) {
    Map<String, List<String>> vendor = vendor(query);
    if (c.isPolice()) {
      if (query.containsKey("filter")) {
        throw ApiException.badRequest("filter", "the police vector tiles take the vendor parameters and datetime;"
            + " draw a CQL2 filter on the map tiles (…/map/tiles) of " + c.id());
      }
      datetime(query).ifPresent(span -> withSpan(vendor, span));
      return Optional.of(vendor);
    }
    if (c.categories().isEmpty() && !TileCollections.THREATS.equals(c.vectorTileset())) {
      // Boundaries and police units take no filters: their tileset refuses any parameter by name.
      for (String name : OGC) {
        if (!name.equals("f") && query.containsKey(name)) {
          throw ApiException.badRequest(name, "the collection " + c.id() + " takes no filter");
        }
      }
      return Optional.of(vendor);
    }
    for (String name : vendor.keySet()) {
      if (!VisibilityPolicy.PARAMETERS.contains(name)) {
        throw ApiException.badRequest(name, "unknown parameter '" + clip(name) + "'; the tiles of " + c.id()
            + " take " + new TreeSet<>(VisibilityPolicy.PARAMETERS) + " and " + new TreeSet<>(OGC));
      }
    }
    ReportFilter f = policy.parse(vendor);
    Optional<Instant[]> span = datetime(query);
    if (span.isPresent()) {
      f = narrowTime(f, span.get());
      if (f == null) {
        return Optional.empty();
      }
    }
    Expr expr = cql(query, publicView);
    if (expr != null) {
      try {
        f = IndexSubset.narrow(f, expr, publicView.groupOf());
      } catch (IndexSubset.NotIndexableException e) {
        throw ApiException.badRequest("filter", "vector tiles come from the cluster index, which answers category,"
            + " group, status, reportedAt, the areas and the bbox, not " + e.getMessage()
            + "; the map tiles (…/map/tiles) draw any filter");
      }
    }
    Set<String> categories = f.categories();
    if (!c.categories().isEmpty()) {
      categories = categories.isEmpty() ? c.categories()
          : categories.stream().filter(c.categories()::contains).collect(Collectors.toSet());
      if (categories.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(parameters(f, categories));
  }

  /** The query without the OGC parameters read here. */
  static Map<String, List<String>> vendor(Map<String, List<String>> query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    query.forEach((k, v) -> {
      if (!OGC.contains(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The CQL2 filter of the request in {@code view}, or null. */
  Expr cql(Map<String, List<String>> query, Queryables view) {
    String text = single(query, "filter");
    if (text == null) {
      return null;
    }
    String lang = Optional.ofNullable(single(query, "filter-lang")).orElse("cql2-text");
    String filterCrs = single(query, "filter-crs");
    if (filterCrs != null && !filterCrs.equals("http://www.opengis.net/def/crs/OGC/1.3/CRS84")) {
      throw ApiException.badRequest("filter-crs", "filter-crs must be http://www.opengis.net/def/crs/OGC/1.3/CRS84");
    }
    return switch (lang) {
      case "cql2-text" -> Cql2TextParser.parse(text, view, crs84);
      case "cql2-json" -> Cql2JsonParser.parse(text, view, crs84);
      default -> throw ApiException.badRequest("filter-lang", "filter-lang must be cql2-text or cql2-json, not '"
          + clip(lang) + "'");
    };
  }

  /**
   * OGC's {@code datetime} (an instant, a date, or an interval with {@code ..} for an open end) as a
   * half-open span of reportedAt: {from, to}, either may be null. A date is its whole day in Warsaw,
   * and an interval's end is included, as OGC API – Features reads it.
   */
  static Optional<Instant[]> datetime(Map<String, List<String>> query) {
    String v = single(query, "datetime");
    if (v == null) {
      return Optional.empty();
    }
    try {
      String[] parts = v.split("/", -1);
      if (parts.length == 1) {
        return Optional.of(new Instant[] {start(parts[0]), end(parts[0])});
      }
      if (parts.length != 2 || open(parts[0]) && open(parts[1])) {
        throw new IllegalArgumentException("bad interval");
      }
      Instant from = open(parts[0]) ? null : start(parts[0]);
      Instant to = open(parts[1]) ? null : end(parts[1]);
      if (from != null && to != null && !from.isBefore(to)) {
        throw new FilterException("datetime", "datetime: the interval ends before it starts");
      }
      return Optional.of(new Instant[] {from, to});
    } catch (FilterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FilterException("datetime", "datetime must be an RFC 3339 date-time, a date, or an interval of"
          + " them with '..' for an open end, not '" + clip(v) + "'");
    }
  }

  private static boolean open(String s) {
    return s.isEmpty() || s.equals("..");
  }

  private static Instant start(String s) {
    return FilterParser.parseInstant(s);
  }

  private static Instant end(String s) {
    if (s.length() == 10) {
      return LocalDate.parse(s).plusDays(1).atStartOfDay(FilterParser.WARSAW).toInstant();
    }
    return FilterParser.parseInstant(s).plusNanos(1);
  }

  /** {@code f} within the span, or null when nothing can pass both. */
  private static ReportFilter narrowTime(ReportFilter f, Instant[] span) {
    Instant from = later(f.from(), span[0]);
    Instant to = earlier(f.to(), span[1]);
    if (from != null && to != null && !from.isBefore(to)) {
      return null;
    }
    return new ReportFilter(f.categories(), f.statuses(), f.sources(), from, to, f.areas(), f.bbox(), f.visibility(),
        f.hiddenUnlessConfirmed());
  }

  private static void withSpan(Map<String, List<String>> vendor, Instant[] span) {
    if (span[0] != null) {
      vendor.put("from", List.of(span[0].toString()));
    }
    if (span[1] != null) {
      vendor.put("to", List.of(span[1].toString()));
    }
  }

  /**
   * The filter as the {@code threats} tileset's parameters, naming only what differs from its
   * defaults, so an unfiltered request stays the unfiltered tile every visitor shares.
   */
  static Map<String, List<String>> parameters(ReportFilter f, Set<String> categories) {
    Map<String, List<String>> p = new LinkedHashMap<>();
    if (!categories.isEmpty()) {
      p.put("category", List.of(String.join(",", new TreeSet<>(categories))));
    }
    if (!f.statuses().isEmpty() && !f.statuses().equals(Status.PUBLIC)) {
      p.put("status", List.of(f.statuses().stream().map(Status::code).sorted().collect(Collectors.joining(","))));
    }
    if (f.from() != null) {
      p.put("from", List.of(f.from().toString()));
    }
    if (f.to() != null) {
      p.put("to", List.of(f.to().toString()));
    }
    if (!f.areas().isEmpty()) {
      p.put("area", List.of(String.join(",", new TreeSet<>(f.areas()))));
    }
    Envelope b = f.bbox();
    if (b != null) {
      p.put("bbox", List.of(b.minLon() + "," + b.minLat() + "," + b.maxLon() + "," + b.maxLat()));
    }
    return p;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }

  static String single(Map<String, List<String>> query, String name) {
    List<String> v = query.getOrDefault(name, List.of());
    if (v.size() > 1) {
      throw ApiException.badRequest(name, "'" + name + "' may be given only once");
    }
    return v.isEmpty() ? null : v.get(0);
  }

  static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  static List<String> names(Map<String, List<String>> query) {
    return new ArrayList<>(query.keySet());
  }
}
