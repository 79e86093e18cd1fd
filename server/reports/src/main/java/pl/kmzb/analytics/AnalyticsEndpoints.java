package pl.kmzb.analytics;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Router;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Status;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * {@code /api/analytics/…}: hot spots (Gi*) and kernel density for anyone (the public view without
 * credentials, exact positions with them), coverage and candidate sites for the police only.
 * Parameters are read and checked against the limits before a report is read; errors are RFC 7807
 * problems naming the parameter. Each analysis holds a grid or a threat list in memory and reads
 * the store once, so they run in slots: two for police callers and one, apart, for anonymous ones
 * (anonymous requests can never keep the police waiting); a request waits up to 10 s for its slot,
 * then gets a 503 with Retry-After. An anonymous analysis's store reads are cancelled by the database
 * after {@link AnalyticsLimits#PUBLIC_READ_TIME} (a 503 asking for a narrower filter).
 */
public final class AnalyticsEndpoints {
  static final String GEOJSON = "application/geo+json";
  static final String CSV = "text/csv; charset=utf-8";
  static final String JSON = "application/json";
  static final double DEFAULT_CELL = 1_000;
  static final double DEFAULT_RADIUS = 5_000;
  /** Candidate sites picked when a request does not say {@code count}. */
  static final int DEFAULT_PICKS = 10;
  /** What a coverage analysis counts as a threat unless the caller names statuses: confirmed and not yet eliminated. */
  static final Set<Status> STANDING_THREATS = Set.of(Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER);
  static final String BOUND = "greedy maximal covering: the first k picks cover at least 1 - (1 - 1/k)^k"
      + " (more than 1 - 1/e, about 63.2 %) of what the best k of these candidates could cover";

  private final Analyses analyses;
  private final Authenticator auth;
  private final VisibilityPolicy visibility;
  private final FilterParser police;
  private final GridWriter writer;
  private final pl.kmzb.crs.CrsTransform to2180;
  private final RoadNetworks roads;
  private final RoadSegmentWriter roadWriter;
  private final Semaphore policeSlots = new Semaphore(2);
  private final Semaphore publicSlots = new Semaphore(1);

  public AnalyticsEndpoints(Analyses analyses, Authenticator auth, VisibilityPolicy visibility, GridWriter writer,
      pl.kmzb.crs.CrsTransform to2180, RoadNetworks roads, RoadSegmentWriter roadWriter) {
    this.analyses = analyses;
    this.roads = roads;
    this.roadWriter = roadWriter;
    this.auth = auth;
    this.visibility = visibility;
    this.police = new FilterParser(visibility.catalog());
    this.writer = writer;
    this.to2180 = to2180;
  }

  public void register(Router router) {
    router.get("/api/analytics/hotspots", this::hotspots);
    router.get("/api/analytics/density", this::density);
    router.get("/api/analytics/coverage", this::coverage);
    router.get("/api/analytics/coverage/threats", this::coverageThreats);
    router.get("/api/analytics/candidates", this::candidates);
    router.post("/api/analytics/candidates", this::candidates);
    router.get("/api/analytics/road-segments", this::roadSegments);
  }

  // --- hot spots and density: public or police view ---

  private void hotspots(Exchange ex) throws Exception {
    Optional<Actor> caller = auth.optional(ex);
    AnalyticsParams p = params(ex, caller.isPresent(), Set.of("cell", "distance", "cells", "format"));
    ReportFilter filter = filter(p, caller.isPresent());
    double cell = p.number("cell", DEFAULT_CELL, AnalyticsLimits.MIN_CELL_METRES, AnalyticsLimits.MAX_CELL_METRES, "metres");
    double distance = p.number("distance", HotspotColumns.defaultDistance(cell), cell,
        Math.min(AnalyticsLimits.MAX_DISTANCE_CELLS * cell, AnalyticsLimits.MAX_DISTANCE_METRES), "metres (at least"
            + " one cell, at most " + (int) AnalyticsLimits.MAX_DISTANCE_CELLS + " cells)");
    String cells = p.choice("cells", "significant", Set.of("significant", "nonzero", "all"));
    String format = p.choice("format", "geojson", Set.of("geojson", "csv"));
    Grid grid = analyses.grid(filter, cell, "cell");
    Analyses.Hotspots h = run(caller.isPresent(), () -> analyses.hotspots(filter, grid, distance));
    double[] z = h.result().z();
    java.util.function.IntPredicate listed = switch (cells) {
      case "all" -> c -> h.study()[c];
      case "nonzero" -> c -> h.counts()[c] > 0 || Significance.of(z[c]) != Significance.NOT_SIGNIFICANT;
      default -> c -> Significance.of(z[c]) != Significance.NOT_SIGNIFICANT;
    };
    if (cells.equals("all") && h.result().n() > AnalyticsLimits.MAX_LISTED_CELLS) {
      throw ApiException.badRequest("cells", "cells=all would list " + h.result().n() + " cells; at most "
          + AnalyticsLimits.MAX_LISTED_CELLS + ": choose larger cells, a bbox, or cells=significant");
    }
    GridWriter.Columns columns = new HotspotColumns(grid, h, writer);
    Map<String, Object> analysis = new LinkedHashMap<>();
    analysis.put("method", "Getis-Ord Gi*");
    analysis.put("view", caller.isPresent() ? "police" : "public");
    analysis.put("crs", "EPSG:2180");
    analysis.put("cellMetres", cell);
    analysis.put("distanceMetres", distance);
    analysis.put("weights", "binary: cells whose centres lie within distanceMetres, the cell itself included");
    analysis.put("grid", Map.of("minX", grid.minX(), "minY", grid.minY(), "cols", grid.cols(), "rows", grid.rows()));
    analysis.put("studyCells", h.result().n());
    analysis.put("reports", h.reports());
    analysis.put("mean", h.result().mean());
    analysis.put("standardDeviation", h.result().sd());
    analysis.put("cellsListed", cells);
    analysis.put("filter", describe(filter));
    send(ex, caller.isPresent(), format, out -> {
      if (format.equals("csv")) {
        writer.csv(out, grid, listed, columns);
      } else {
        writer.geoJson(out, grid, listed, columns, analysis);
      }
    });
  }

  private void density(Exchange ex) throws Exception {
    Optional<Actor> caller = auth.optional(ex);
    AnalyticsParams p = params(ex, caller.isPresent(), Set.of("cell", "bandwidth", "cells", "format"));
    ReportFilter filter = filter(p, caller.isPresent());
    double cell = p.number("cell", DEFAULT_CELL, AnalyticsLimits.MIN_CELL_METRES, AnalyticsLimits.MAX_CELL_METRES, "metres");
    double bandwidth = p.number("bandwidth", DensityColumns.defaultBandwidth(cell), cell,
        Math.min(AnalyticsLimits.MAX_BANDWIDTH_CELLS * cell, AnalyticsLimits.MAX_BANDWIDTH_METRES), "metres (at least"
            + " one cell, at most " + (int) AnalyticsLimits.MAX_BANDWIDTH_CELLS + " cells)");
    String cells = p.choice("cells", "nonzero", Set.of("nonzero", "all"));
    String format = p.choice("format", "geojson", Set.of("geojson", "csv"));
    Grid grid = analyses.grid(filter, cell, "cell");
    if (cells.equals("all") && grid.cells() > AnalyticsLimits.MAX_LISTED_CELLS) {
      throw ApiException.badRequest("cells", "cells=all would list " + grid.cells() + " cells; at most "
          + AnalyticsLimits.MAX_LISTED_CELLS + ": choose larger cells, a bbox, or cells=nonzero");
    }
    KernelDensity kd = run(caller.isPresent(), () -> analyses.density(filter, grid, bandwidth));
    GridWriter.Columns columns = new DensityColumns(grid, kd, writer);
    Map<String, Object> analysis = new LinkedHashMap<>();
    analysis.put("method", "kernel density, quartic kernel");
    analysis.put("view", caller.isPresent() ? "police" : "public");
    analysis.put("crs", "EPSG:2180");
    analysis.put("cellMetres", cell);
    analysis.put("bandwidthMetres", bandwidth);
    analysis.put("units", "density: reports per km² at the cell centre; expected: density × cell area");
    analysis.put("grid", Map.of("minX", grid.minX(), "minY", grid.minY(), "cols", grid.cols(), "rows", grid.rows()));
    analysis.put("reports", kd.points());
    analysis.put("filter", describe(filter));
    send(ex, caller.isPresent(), format, out -> {
      java.util.function.IntPredicate listed = cells.equals("all") ? c -> true : c -> kd.at(c) > 0;
      if (format.equals("csv")) {
        writer.csv(out, grid, listed, columns);
      } else {
        writer.geoJson(out, grid, listed, columns, analysis);
      }
    });
  }

  // --- coverage: police only ---

  private void coverage(Exchange ex) throws Exception {
    auth.require(ex);
    AnalyticsParams p = params(ex, true, Set.of("level", "radius", "format"));
    ReportFilter threats = threatFilter(p);
    AreaLevel level = AreaLevel.ofCode(p.choice("level", "county", Set.of("voivodeship", "county", "municipality")));
    double radius = radius(p);
    String format = p.choice("format", "json", Set.of("json", "csv"));
    NearestUnits nearest = new NearestUnits(analyses.units(), to2180);
    AreaCoverage c = run(true, () -> analyses.coverage(threats, level, radius, nearest));
    List<AreaCoverage.Row> rows = c.rows();
    send(ex, true, format, out -> {
      if (format.equals("csv")) {
        csv(out, List.of("area", "threats", "units", "threatsPerUnit", "meanDistanceMetres", "maxDistanceMetres",
            "beyondRadius"), rows.stream().map(r -> new Object[] {r.area(), r.threats(), r.units(),
                r.threatsPerUnit() == null ? null : round(r.threatsPerUnit()), round(r.meanMetres()),
                round(r.maxMetres()), r.beyondRadius()}).toList());
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("level", level.code());
      body.put("radiusMetres", radius);
      body.put("units", nearest.sites().size());
      body.put("threats", rows.stream().mapToLong(AreaCoverage.Row::threats).sum());
      body.put("filter", describe(threats));
      body.put("areas", rows.stream().map(r -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("area", r.area());
        m.put("threats", r.threats());
        m.put("units", r.units());
        m.put("threatsPerUnit", r.threatsPerUnit() == null ? null : round(r.threatsPerUnit()));
        m.put("meanDistanceMetres", finite(round(r.meanMetres())));
        m.put("maxDistanceMetres", finite(round(r.maxMetres())));
        m.put("beyondRadius", r.beyondRadius());
        return m;
      }).toList());
      pl.kmzb.http.Json.MAPPER.writeValue(out, body);
    });
  }

  private void coverageThreats(Exchange ex) throws Exception {
    auth.require(ex);
    AnalyticsParams p = params(ex, true, Set.of("format"));
    ReportFilter threats = threatFilter(p);
    String format = p.choice("format", "csv", Set.of("geojson", "csv"));
    NearestUnits nearest = new NearestUnits(analyses.units(), to2180);
    List<String> names = List.of("id", "category", "status", "lon", "lat", "county", "municipality", "nearestUnit",
        "nearestUnitName", "distanceMetres");
    run(true, () -> {
      send(ex, true, format, out -> {
        ThreatRows rows = format.equals("csv") ? ThreatRows.csv(out, names) : ThreatRows.geoJson(out, names);
        analyses.threats(threats, (r, at, x, y) -> {
          NearestUnits.Nearest n = nearest.nearest(x, y);
          try {
            rows.row(at, new Object[] {r.id(), r.category(), r.status().code(), at.lon(), at.lat(), r.teryt().county(),
                r.teryt().municipality(), n == null ? null : n.unit().code(), n == null ? null : n.unit().name(),
                n == null ? null : round(n.metres())});
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
        rows.close();
      });
      return null;
    });
  }

  private void candidates(Exchange ex) throws Exception {
    auth.require(ex);
    boolean posted = ex.request().getMethod().equals("POST");
    AnalyticsParams p = params(ex, true, posted ? Set.of("radius", "count", "format")
        : Set.of("radius", "count", "format", "spacing"));
    ReportFilter threats = threatFilter(p);
    double radius = radius(p);
    int count = p.integer("count", DEFAULT_PICKS, 1, AnalyticsLimits.MAX_PICKS);
    String format = p.choice("format", "json", Set.of("json", "geojson", "csv"));
    double spacing = posted ? 0 : p.number("spacing", DEFAULT_RADIUS, AnalyticsLimits.MIN_CELL_METRES,
        AnalyticsLimits.MAX_CELL_METRES, "metres");
    List<Candidate> file = posted ? CandidateFile.read(ex.body(AnalyticsLimits.MAX_CANDIDATE_FILE_BYTES),
        ex.header("Content-Type"), to2180) : null;
    NearestUnits nearest = new NearestUnits(analyses.units(), to2180);
    record Answer(Analyses.Uncovered uncovered, List<Candidate> candidates, MaximalCovering.Ranking ranking) {}
    Answer a = run(true, () -> {
      Analyses.Uncovered u = analyses.uncovered(threats, radius, nearest);
      List<Candidate> candidates = posted ? file : analyses.gridCandidates(threats, spacing, radius, u, writer);
      return new Answer(u, candidates, MaximalCovering.rank(u.xs(), u.ys(), u.count(), candidates, radius, count));
    });
    List<MaximalCovering.Pick> picks = a.ranking().picks();
    send(ex, true, format, out -> {
      switch (format) {
        case "csv" -> csv(out, List.of("rank", "id", "lon", "lat", "gain", "cumulative", "cumulativeShare"),
            picks.stream().map(k -> new Object[] {k.rank(), k.candidate().id(), k.candidate().location().lon(),
                k.candidate().location().lat(), k.gain(), k.cumulative(), round(k.cumulativeShare())}).toList());
        case "geojson" -> {
          ThreatRows rows = ThreatRows.geoJson(out, List.of("rank", "id", "gain", "cumulative", "cumulativeShare"));
          for (MaximalCovering.Pick k : picks) {
            rows.row(k.candidate().location(), new Object[] {k.rank(), k.candidate().id(), k.gain(), k.cumulative(),
                round(k.cumulativeShare())});
          }
          rows.close();
        }
        default -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("method", "maximal covering location, greedy");
          body.put("bound", BOUND);
          body.put("radiusMetres", radius);
          body.put("units", nearest.sites().size());
          body.put("threats", a.uncovered().threats());
          body.put("alreadyCovered", a.uncovered().threats() - a.uncovered().count());
          body.put("uncovered", a.uncovered().count());
          body.put("candidates", a.candidates().size());
          body.put("candidateSource", posted ? "file" : "grid of " + AnalyticsParams.plain(spacing) + " m");
          body.put("filter", describe(threats));
          body.put("picks", picks.stream().map(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rank", k.rank());
            m.put("id", k.candidate().id());
            m.put("lon", k.candidate().location().lon());
            m.put("lat", k.candidate().location().lat());
            m.put("gain", k.gain());
            m.put("cumulative", k.cumulative());
            m.put("cumulativeShare", round(k.cumulativeShare()));
            return m;
          }).toList());
          pl.kmzb.http.Json.MAPPER.writeValue(out, body);
        }
      }
    });
  }

  // --- road segments: public or police view ---

  /**
   * The most dangerous stretches of road ({@link RoadSegments}): by default the reports of the category
   * group {@code road} in a confirmed status; {@code category} or {@code group} and {@code status}
   * choose others. The public view counts public reports at their public positions.
   */
  private void roadSegments(Exchange ex) throws Exception {
    Optional<Actor> caller = auth.optional(ex);
    AnalyticsParams p = params(ex, caller.isPresent(), Set.of("group", "min", "length", "tolerance", "limit",
        "format"));
    Set<String> groups = visibility.catalog().groups().stream().map(pl.kmzb.category.CategoryGroup::code)
        .collect(Collectors.toSet());
    String group = p.choice("group", AnalyticsLimits.DEFAULT_SEGMENT_GROUP, groups);
    if (p.has("group") && p.has("category")) {
      throw ApiException.badRequest("group", "give category or group, not both");
    }
    ReportFilter filter = roadFilter(filter(p, caller.isPresent()), p.has("status"), p.has("category") ? null : group,
        visibility.catalog());
    int min = p.integer("min", AnalyticsLimits.DEFAULT_SEGMENT_INCIDENTS, 1, AnalyticsLimits.MAX_SEGMENT_INCIDENTS);
    double length = p.number("length", AnalyticsLimits.DEFAULT_SEGMENT_METRES, AnalyticsLimits.MIN_SEGMENT_METRES,
        AnalyticsLimits.MAX_SEGMENT_METRES, "metres");
    double tolerance = p.number("tolerance", AnalyticsLimits.DEFAULT_SNAP_METRES, 1, AnalyticsLimits.MAX_SNAP_METRES,
        "metres");
    int limit = p.integer("limit", AnalyticsLimits.DEFAULT_SEGMENTS, 1, AnalyticsLimits.MAX_SEGMENTS);
    String format = p.choice("format", "json", Set.of("json", "csv", "geojson"));
    RoadNetwork network = roads.current();
    if (network == null) {
      throw new ApiException(409, "Conflict", "no road network has been imported yet (import-roads)");
    }
    ReportFilter chosen = filter;
    Analyses.RoadRanking ranking = run(caller.isPresent(),
        () -> analyses.roadSegments(chosen, network, tolerance, length, min, limit));
    List<RoadSegmentWriter.Row> rows = new java.util.ArrayList<>();
    for (RoadSegments.Segment s : ranking.segments()) {
      rows.add(roadWriter.row(network, rows.size() + 1, s));
    }
    Map<String, Object> analysis = new LinkedHashMap<>();
    analysis.put("method", "sliding window along each road, disjoint windows, fullest first");
    analysis.put("view", caller.isPresent() ? "police" : "public");
    analysis.put("crs", "EPSG:2180");
    analysis.put("lengthMetres", length);
    analysis.put("minIncidents", min);
    analysis.put("toleranceMetres", tolerance);
    analysis.put("network", Map.of("version", network.version(), "roads", network.roads().size()));
    analysis.put("reports", ranking.reports());
    analysis.put("snapped", ranking.snapped());
    analysis.put("listed", rows.size());
    analysis.put("filter", describe(chosen));
    send(ex, caller.isPresent(), format, out -> {
      switch (format) {
        case "csv" -> roadWriter.csv(out, rows);
        case "geojson" -> roadWriter.geoJson(out, analysis, rows);
        default -> roadWriter.json(out, analysis, rows);
      }
    });
  }

  /**
   * What the road-segment ranking counts: {@code parsed}, in a confirmed status unless the caller
   * named statuses, of the categories of {@code group} unless null (the caller named categories).
   * The road-segment layer ({@link RoadSegmentLayer}) counts the same with the defaults.
   */
  static ReportFilter roadFilter(ReportFilter parsed, boolean statusGiven, String group,
      pl.kmzb.category.CategoryCatalog catalog) {
    ReportFilter filter = statusGiven ? parsed : parsed.withStatuses(Status.CONFIRMED_ANY);
    if (group == null) {
      return filter;
    }
    return new ReportFilter(catalog.all().stream().filter(c -> c.group().equals(group))
        .map(pl.kmzb.category.Category::code).collect(Collectors.toSet()), filter.statuses(), filter.sources(),
        filter.from(), filter.to(), filter.areas(), filter.bbox(), filter.visibility(), filter.hiddenUnlessConfirmed());
  }

  // --- shared parts ---

  private AnalyticsParams params(Exchange ex, boolean policeView, Set<String> own) {
    return new AnalyticsParams(ex.query(), policeView ? FilterParser.PARAMETERS : VisibilityPolicy.PARAMETERS, own);
  }

  private ReportFilter filter(AnalyticsParams p, boolean policeView) {
    return policeView ? police.parse(p.filter()) : visibility.parse(p.filter());
  }

  /** The police filter; without {@code status}, the standing threats (confirmed, not yet eliminated). */
  private ReportFilter threatFilter(AnalyticsParams p) {
    ReportFilter f = police.parse(p.filter());
    return p.has("status") ? f : f.withStatuses(STANDING_THREATS);
  }

  private static double radius(AnalyticsParams p) {
    return p.number("radius", DEFAULT_RADIUS, AnalyticsLimits.MIN_RADIUS_METRES, AnalyticsLimits.MAX_RADIUS_METRES,
        "metres");
  }

  private static Map<String, Object> describe(ReportFilter f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("categories", f.categories().stream().sorted().toList());
    m.put("statuses", f.statuses().stream().map(Status::code).sorted().toList());
    m.put("from", f.from() == null ? null : f.from().toString());
    m.put("to", f.to() == null ? null : f.to().toString());
    m.put("areas", f.areas().stream().sorted().toList());
    m.put("bbox", f.bbox() == null ? null : List.of(f.bbox().minLon(), f.bbox().minLat(), f.bbox().maxLon(),
        f.bbox().maxLat()));
    return m;
  }

  /** Work that holds memory in proportion to its grid or threats, in the caller's slots. */
  private <T> T run(boolean police, java.util.concurrent.Callable<T> work) throws Exception {
    Semaphore slots = police ? policeSlots : publicSlots;
    if (!slots.tryAcquire(10, TimeUnit.SECONDS)) {
      throw new ApiException(503, "Service Unavailable", "the server is busy with other analyses; try again shortly")
          .withHeader("Retry-After", "5");
    }
    try {
      if (police) {
        return work.call();
      }
      return analyses.withTimeLimit(AnalyticsLimits.PUBLIC_READ_TIME, () -> {
        try {
          return work.call();
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    } catch (pl.kmzb.store.StatementTimeoutException e) {
      throw new ApiException(503, "Service Unavailable", "the reports of this analysis took longer than "
          + AnalyticsLimits.PUBLIC_READ_TIME.toSeconds() + " s to read; narrow the category, period or bbox");
    } finally {
      slots.release();
    }
  }

  private static void send(Exchange ex, boolean police, String format, Exchange.BodyWriter body) throws Exception {
    var h = ex.response().getHeaders();
    h.put("Vary", "Authorization");
    h.put("Cache-Control", police ? "private, no-store" : "no-cache");
    String type = switch (format) {
      case "csv" -> CSV;
      case "geojson" -> GEOJSON;
      default -> JSON;
    };
    if (format.equals("csv")) {
      h.put("Content-Disposition", "attachment; filename=\"analytics.csv\"");
    }
    ex.stream(200, type, body);
  }

  private static void csv(OutputStream out, List<String> names, List<Object[]> rows) throws java.io.IOException {
    StringBuilder sb = new StringBuilder(String.join(",", names)).append("\r\n");
    for (Object[] r : rows) {
      sb.append(java.util.Arrays.stream(r).map(GridWriter::csvValue).collect(Collectors.joining(","))).append("\r\n");
    }
    out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static double round(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? v : GridWriter.round(v, 1e6);
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
