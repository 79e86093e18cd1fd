package pl.kmzb.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.unit.CurrentUnits;

/**
 * What the candidate-site layer (kind {@code candidate_sites}, police only) shows: the answer of
 * {@code GET /api/analytics/candidates} without parameters — the standing threats (confirmed, not yet
 * eliminated) at their exact positions, those farther than 5 km from every police unit, candidate
 * sites on a 5 km grid over them, the 10 picks of the greedy maximal covering — computed by the same
 * classes as the API ({@link Analyses#uncovered}, {@link Analyses#gridCandidates},
 * {@link MaximalCovering#rank}). Where the API would refuse that answer (more than
 * {@link AnalyticsLimits#MAX_CANDIDATES} grid cells reach an uncovered threat: few units, many
 * threats), the layer is the answer with the smallest spacing of 10, 20, 40 … km the API accepts
 * ({@code ?spacing=}), which each site says.
 *
 * <p>Computed once per data version (the reports' change-log position and the police units'
 * version), looked at no more than once per {@code analytics.layer-refresh}, not per map. One per
 * server, shared by the WMS and the feature services ({@link #shared}).
 */
public final class CandidateSiteLayer {
  /**
   * The columns of a site: those of the API's CSV, by the same names but {@code site} for its
   * {@code id} (not to be taken for a feature's id in GeoJSON, GML or a filter), with the radius and
   * the grid's spacing.
   */
  public static final List<String> COLUMNS = List.of("rank", "site", "lon", "lat", "gain", "cumulative",
      "cumulativeShare", "radiusMetres", "spacingMetres");

  /** One pick: the API's row. */
  public record Site(int rank, String id, double lon, double lat, int gain, int cumulative, double cumulativeShare,
      double radiusMetres, double spacingMetres) {
    public Object value(String column) {
      return switch (column) {
        case "rank" -> rank;
        case "site" -> id;
        case "lon" -> lon;
        case "lat" -> lat;
        case "gain" -> gain;
        case "cumulative" -> cumulative;
        case "cumulativeShare" -> cumulativeShare;
        case "radiusMetres" -> radiusMetres;
        case "spacingMetres" -> spacingMetres;
        default -> null;
      };
    }
  }

  /** The picks of one computation, best first; {@code version} counts computations (0: none yet). */
  public record Snapshot(long version, List<Site> sites) {
    public Snapshot {
      sites = List.copyOf(sites);
    }
  }

  private record DataVersion(long changes, long units) {}

  private final Analyses analyses;
  private final ReportFilter threats;
  private final CrsTransform to2180;
  private final GridWriter writer;
  private final PerDataVersion<List<Site>> sites;

  CandidateSiteLayer(Analyses analyses, java.util.function.LongSupplier changeSeq, CurrentUnits units,
      FilterParser police, CrsTransform to2180, GridWriter writer, Duration poll) {
    this.analyses = analyses;
    this.threats = police.parse(Map.of()).withStatuses(AnalyticsEndpoints.STANDING_THREATS);
    this.to2180 = to2180;
    this.writer = writer;
    this.sites = new PerDataVersion<>("candidate-sites", poll,
        () -> new DataVersion(changeSeq.getAsLong(), units.version()), this::compute, List.of());
  }

  /** The server's one layer source, made by the first plugin that asks. */
  public static CandidateSiteLayer shared(PluginContext context) {
    return context.shared().computeIfAbsent(CandidateSiteLayer.class, () -> {
      Crs pl1992 = context.crs().require("EPSG:2180");
      return new CandidateSiteLayer(Analyses.of(context), PerDataVersion.changeSeq(context), context.policeUnits(),
          new FilterParser(context.catalog()), context.crs().fromLonLat(pl1992),
          new GridWriter(context.crs().toLonLat(pl1992)), context.config().analyticsLayerPoll());
    });
  }

  /** The current picks: the first computed here, later ones in the background when the data moved. */
  public Snapshot current() {
    PerDataVersion.Numbered<List<Site>> n = sites.current();
    return new Snapshot(n.number(), n.value());
  }

  /** The number of the result in hand, for image caches: computes and reads nothing. */
  public long dataStamp() {
    return sites.computed();
  }

  /** {@link #dataStamp()} after a look at the data version (starting a computation it needs, in the background). */
  public long refreshStamp() {
    return sites.refresh();
  }

  /** Grid candidates and the spacing they were laid at. */
  record Spaced(double spacing, List<Candidate> candidates) {}

  /**
   * The candidates of the first spacing from {@code spacing} on, doubling up to {@code max}, for which
   * {@code within} gives some (it gives null where more than the API's limit would reach a threat).
   */
  static Spaced firstWithin(double spacing, double max, java.util.function.DoubleFunction<List<Candidate>> within) {
    for (double s = spacing; s <= max; s *= 2) {
      List<Candidate> candidates = within.apply(s);
      if (candidates != null) {
        return new Spaced(s, candidates);
      }
    }
    throw new IllegalStateException("more than " + AnalyticsLimits.MAX_CANDIDATES + " grid candidates at every"
        + " spacing up to " + AnalyticsParams.plain(max) + " m");
  }

  private List<Site> compute() {
    double radius = AnalyticsEndpoints.DEFAULT_RADIUS;
    NearestUnits nearest = new NearestUnits(analyses.units(), to2180);
    Analyses.Uncovered u = analyses.uncovered(threats, radius, nearest);
    Spaced grid = firstWithin(radius, AnalyticsLimits.MAX_CELL_METRES,
        spacing -> analyses.gridCandidatesWithin(threats, spacing, radius, u, writer));
    double spacing = grid.spacing();
    MaximalCovering.Ranking ranking = MaximalCovering.rank(u.xs(), u.ys(), u.count(), grid.candidates(), radius,
        AnalyticsEndpoints.DEFAULT_PICKS);
    List<Site> out = new ArrayList<>();
    for (MaximalCovering.Pick k : ranking.picks()) {
      out.add(new Site(k.rank(), k.candidate().id(), k.candidate().location().lon(), k.candidate().location().lat(),
          k.gain(), k.cumulative(), AnalyticsEndpoints.round(k.cumulativeShare()), radius, spacing));
    }
    return List.copyOf(out);
  }
}
