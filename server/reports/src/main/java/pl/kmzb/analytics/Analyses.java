package pl.kmzb.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.ApiException;
import pl.kmzb.unit.PoliceUnit;

/**
 * The analyses themselves, apart from HTTP (the endpoints and the benchmark call them): each reads
 * its reports in one scan through {@link ReportPoints} and computes on a grid or a list whose size
 * the limits bound before any report is read.
 */
public final class Analyses {
  /** Gi* with the counts it was computed from and how many reports fell in the grid. */
  public record Hotspots(GetisOrd.Result result, int[] counts, long reports, boolean[] study) {}

  /** Threats beyond every unit's radius, as EPSG:2180 coordinates. */
  public record Uncovered(double[] xs, double[] ys, int count, long threats) {}

  private final ReportPoints points;
  private final StudyArea study;
  private final CrsTransform to2180;
  private final Supplier<List<PoliceUnit>> units;
  private final Supplier<Envelope> polandLonLat;
  /** Poland's bounds in EPSG:2180, made at the first grid over Poland (an idempotent race at worst). */
  private volatile Bounds poland;

  /** @param polandLonLat asked for at the first grid over Poland, not at start */
  public Analyses(ReportPoints points, StudyArea study, CrsTransform to2180, Supplier<List<PoliceUnit>> units,
      Supplier<Envelope> polandLonLat) {
    this.points = points;
    this.study = study;
    this.to2180 = to2180;
    this.units = units;
    this.polandLonLat = polandLonLat;
  }

  private Bounds poland() {
    Bounds b = poland;
    if (b == null) {
      b = to2180.apply(polandLonLat.get());
      poland = b;
    }
    return b;
  }

  /** The analyses of a server: its store, visibility, CRSs, police units and Poland's outline. */
  public static Analyses of(pl.kmzb.plugin.PluginContext context) {
    pl.kmzb.crs.Crs pl1992 = context.crs().require("EPSG:2180");
    CrsTransform to2180 = context.crs().fromLonLat(pl1992);
    // Poland's outline (reading the world atlas, then its buffer, locator and grid: half a second of
    // a cold JVM) is made at the first analysis or by the warm-up after the start, not on the start's
    // critical path.
    return new Analyses(new ReportPoints(context.store(), context.visibility(), to2180),
        new StudyArea(pl.kmzb.ingest.NationalOutline::poland, context.crs().toLonLat(pl1992)), to2180,
        context.policeUnits(), pl.kmzb.ingest.NationalOutline::polandEnvelope);
  }

  /** The grid of {@code cell} metres over the filter's bbox, or over Poland; a 400 naming {@code parameter} if too many cells. */
  public Grid grid(ReportFilter filter, double cell, String parameter) {
    Bounds extent = filter.bbox() == null ? poland() : to2180.apply(filter.bbox());
    long cells = Grid.cellCount(extent, cell);
    if (cells > AnalyticsLimits.MAX_CELLS) {
      throw ApiException.badRequest(parameter, "a grid of " + AnalyticsParams.plain(cell) + " m over "
          + (filter.bbox() == null ? "Poland" : "the bbox") + " has " + cells + " cells; at most "
          + AnalyticsLimits.MAX_CELLS + ": choose larger cells or a smaller bbox");
    }
    return Grid.covering(extent, cell);
  }

  /** {@code work} with its store reads cancelled after {@code limit} (see {@link ReportPoints#withTimeLimit}). */
  public <T> T withTimeLimit(java.time.Duration limit, Supplier<T> work) {
    return points.withTimeLimit(limit, work);
  }

  public Hotspots hotspots(ReportFilter filter, Grid grid, double distance) {
    int[] counts = new int[grid.cells()];
    long[] n = {0};
    points.scan(filter, (r, at, x, y) -> {
      int cell = grid.cellOf(x, y);
      if (cell >= 0) {
        counts[cell]++;
        n[0]++;
      }
    });
    boolean[] in = study.mask(grid);
    for (int i = 0; i < counts.length; i++) {
      in[i] |= counts[i] > 0;
    }
    return new Hotspots(GetisOrd.compute(grid, counts, distance, in), counts, n[0], in);
  }

  public KernelDensity density(ReportFilter filter, Grid grid, double bandwidth) {
    KernelDensity kd = new KernelDensity(grid, bandwidth);
    points.scan(filter, (r, at, x, y) -> kd.add(x, y));
    return kd;
  }

  public List<PoliceUnit> units() {
    return units.get();
  }

  public AreaCoverage coverage(ReportFilter threats, AreaLevel level, double radius, NearestUnits nearest) {
    AreaCoverage c = new AreaCoverage(level, radius, nearest.sites().stream().map(NearestUnits.Site::unit).toList());
    points.scan(threats, (r, at, x, y) -> {
      NearestUnits.Nearest n = nearest.nearest(x, y);
      c.add(level.areaOf(r.teryt()), n == null ? Double.NaN : n.metres());
    });
    return c;
  }

  public void threats(ReportFilter threats, ReportPoints.Sink sink) {
    points.scan(threats, sink);
  }

  /** The threats farther than {@code radius} from every unit (all of them when there are no units). */
  public Uncovered uncovered(ReportFilter threats, double radius, NearestUnits nearest) {
    double[][] xy = {new double[1024], new double[1024]};
    int[] count = {0};
    long[] all = {0};
    points.positions(threats, (x, y) -> {
      all[0]++;
      if (nearest.anyWithin(x, y, radius)) {
        return;
      }
      if (count[0] == AnalyticsLimits.MAX_THREATS) {
        throw ApiException.badRequest("status", "more than " + AnalyticsLimits.MAX_THREATS + " uncovered threats"
            + " match: narrow the filter (category, period, area or bbox)");
      }
      if (count[0] == xy[0].length) {
        xy[0] = Arrays.copyOf(xy[0], count[0] * 2);
        xy[1] = Arrays.copyOf(xy[1], count[0] * 2);
      }
      xy[0][count[0]] = x;
      xy[1][count[0]] = y;
      count[0]++;
    });
    return new Uncovered(xy[0], xy[1], count[0], all[0]);
  }

  /**
   * Candidate sites at the centres of a {@code spacing} grid over the filter's bbox or Poland, in
   * Poland and within {@code radius} of at least one uncovered threat (a site that reaches none
   * could never be picked).
   */
  public List<Candidate> gridCandidates(ReportFilter filter, double spacing, double radius, Uncovered u,
      GridWriter lonLat) {
    List<Candidate> out = gridCandidatesWithin(filter, spacing, radius, u, lonLat);
    if (out == null) {
      throw ApiException.badRequest("spacing", "more than " + AnalyticsLimits.MAX_CANDIDATES + " grid candidates"
          + " reach an uncovered threat: choose a larger spacing or a smaller bbox");
    }
    return out;
  }

  /** As {@link #gridCandidates}, but null (not a refusal) when more than the limit reach an uncovered threat. */
  public List<Candidate> gridCandidatesWithin(ReportFilter filter, double spacing, double radius, Uncovered u,
      GridWriter lonLat) {
    Grid grid = grid(filter, spacing, "spacing");
    boolean[] in = study.mask(grid);
    MaximalCovering.ThreatCells cells = new MaximalCovering.ThreatCells(u.xs(), u.ys(), u.count(), radius);
    List<Candidate> out = new ArrayList<>();
    for (int cell = 0; cell < grid.cells(); cell++) {
      if (!in[cell] || !MaximalCovering.reachesAny(cells, grid.centreX(cell), grid.centreY(cell), radius)) {
        continue;
      }
      if (out.size() == AnalyticsLimits.MAX_CANDIDATES) {
        return null;
      }
      double[] ll = lonLat.centreLonLat(grid, cell);
      out.add(new Candidate("grid " + grid.col(cell) + "," + grid.row(cell),
          new pl.kmzb.geo.LonLat(GridWriter.round(ll[0], 1e7), GridWriter.round(ll[1], 1e7)),
          grid.centreX(cell), grid.centreY(cell)));
    }
    return out;
  }

  /** Road segments with the reports read and how many of them lay within the tolerance of a road. */
  public record RoadRanking(List<RoadSegments.Segment> segments, long reports, long snapped) {}

  /**
   * Snaps every report the filter selects to the nearest road within {@code tolerance} metres and
   * ranks the {@code length}-metre windows with at least {@code min} of them ({@link RoadSegments}).
   */
  public RoadRanking roadSegments(ReportFilter filter, RoadNetwork network, double tolerance, double length, int min,
      int limit) {
    RoadSegments.Incidents incidents = new RoadSegments.Incidents();
    long[] all = {0};
    points.scan(filter, (r, at, x, y) -> {
      all[0]++;
      RoadNetwork.Snap s = network.snap(x, y, tolerance);
      if (s != null) {
        incidents.add(s.road(), s.part(), s.chainage());
      }
    });
    return new RoadRanking(RoadSegments.rank(network, incidents, length, min, limit), all[0], incidents.count());
  }
}
