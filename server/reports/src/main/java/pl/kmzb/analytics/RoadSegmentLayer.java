package pl.kmzb.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.LineString;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.store.JdbcRoadStore;
import pl.kmzb.store.RoadStore;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * What the road-segment layer (kind {@code road_segments}) shows: the answer of
 * {@code GET /api/analytics/road-segments} without parameters and without credentials — the public
 * view, every report of the group {@code road} in a confirmed status over all time, windows of
 * 5 km with at least 20 incidents, reports within 50 m of a road, the 100 fullest — computed by the
 * same classes as the API ({@link Analyses#roadSegments}, {@link RoadSegmentWriter#row}).
 *
 * <p>Computed once per data version, not per map: the version is the store's last change-log
 * sequence (any report written) and the road network's version, looked at no more than once per
 * {@code reference.poll-interval}; a map between two looks shows the last computation. One per
 * server, shared by the WMS and the feature services ({@link #shared}).
 */
public final class RoadSegmentLayer {
  /** One segment with the API's columns, in the API's order, and its course in lon/lat. */
  public record Segment(int rank, String road, String roadClass, long fromMetres, long toMetres, long lengthMetres,
      int incidents, double startLon, double startLat, double endLon, double endLat, LineString lonLat) {
    static Segment of(RoadSegmentWriter.Row r) {
      Object[] v = r.values();
      return new Segment((Integer) v[0], (String) v[1], (String) v[2], (Long) v[3], (Long) v[4], (Long) v[5],
          (Integer) v[6], (Double) v[7], (Double) v[8], (Double) v[9], (Double) v[10], r.lonLat());
    }
  }

  /**
   * The segments of one computation, fullest first; {@code version} counts computations (0: none
   * yet), so caches keyed by it redraw after each.
   */
  public record Snapshot(long version, List<Segment> segments) {
    public Snapshot {
      segments = List.copyOf(segments);
    }
  }

  private record DataVersion(long changes, long network) {}

  private final Analyses analyses;
  private final RoadNetworks roads;
  private final ReportFilter filter;
  private final RoadSegmentWriter writer;
  private final PerDataVersion<List<Segment>> segments;

  RoadSegmentLayer(Analyses analyses, RoadStore roadStore, java.util.function.LongSupplier changeSeq, CrsTransform to2180,
      VisibilityPolicy visibility, RoadSegmentWriter writer, Duration poll) {
    this.analyses = analyses;
    this.roads = new RoadNetworks(roadStore, to2180);
    this.writer = writer;
    this.filter = AnalyticsEndpoints.roadFilter(visibility.parse(Map.of()), false,
        AnalyticsLimits.DEFAULT_SEGMENT_GROUP, visibility.catalog());
    this.segments = new PerDataVersion<>("road-segments", poll, () -> {
      RoadStore.Network n = roadStore.current();
      return new DataVersion(changeSeq.getAsLong(), n == null ? 0 : n.version());
    }, this::compute, List.of());
  }

  /** The server's one layer source, made by the first plugin that asks. */
  public static RoadSegmentLayer shared(PluginContext context) {
    return context.shared().computeIfAbsent(RoadSegmentLayer.class, () -> {
      Crs pl1992 = context.crs().require("EPSG:2180");
      CrsTransform to2180 = context.crs().fromLonLat(pl1992);
      return new RoadSegmentLayer(Analyses.of(context), JdbcRoadStore.of(context.store()), PerDataVersion.changeSeq(context), to2180,
          context.visibility(), new RoadSegmentWriter(context.crs().toLonLat(pl1992)), context.config().analyticsLayerPoll());
    });
  }

  /** The current segments: recomputed here when the data moved since the last computation. */
  public Snapshot current() {
    PerDataVersion.Numbered<List<Segment>> n = segments.current();
    return new Snapshot(n.number(), n.value());
  }

  /**
   * The number of the result in hand, for image caches: it moves when a new result is in, and
   * computes and reads nothing.
   */
  public long dataStamp() {
    return segments.computed();
  }

  /**
   * {@link #dataStamp()} after a look at the data version, which starts the computation a moved
   * version needs (in the background): for a cache that holds this layer's tiles only.
   */
  public long refreshStamp() {
    return segments.refresh();
  }

  private List<Segment> compute() {
    RoadNetwork network = roads.current();
    if (network == null) {
      return List.of();
    }
    Analyses.RoadRanking ranking = analyses.roadSegments(filter, network, AnalyticsLimits.DEFAULT_SNAP_METRES,
        AnalyticsLimits.DEFAULT_SEGMENT_METRES, AnalyticsLimits.DEFAULT_SEGMENT_INCIDENTS,
        AnalyticsLimits.DEFAULT_SEGMENTS);
    List<Segment> out = new ArrayList<>();
    for (RoadSegments.Segment s : ranking.segments()) {
      out.add(Segment.of(writer.row(network, out.size() + 1, s)));
    }
    return List.copyOf(out);
  }
}
