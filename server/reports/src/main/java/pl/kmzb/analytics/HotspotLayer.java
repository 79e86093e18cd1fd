package pl.kmzb.analytics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * What the hot-spot layer (kind {@code hotspots}) shows: the answer of
 * {@code GET /api/analytics/hotspots} without parameters and without credentials — Getis-Ord Gi* of
 * every public report over all time at their public positions, cells of 1 km over Poland, neighbours
 * within 3 km, the significant cells (hot or cold at 90, 95 or 99 %) — computed by the same classes as
 * the API ({@link Analyses#hotspots}, {@link HotspotColumns}).
 *
 * <p>Computed once per data version (the store's last change-log sequence), looked at no more than
 * once per {@code reference.poll-interval}, not per map. One per server, shared by the WMS and the
 * feature services ({@link #shared}).
 */
public final class HotspotLayer {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  /**
   * One significant cell: its id {@code col_row} (the API's {@code col,row}: a comma is not allowed in a gml:id nor in a WFS RESOURCEID), the API's columns in the API's order
   * ({@link #COLUMNS}) and its square in lon/lat.
   */
  public record Cell(String id, int index, List<Object> values, Polygon lonLat) {
    public Object value(String column) {
      return values.get(COLUMNS.indexOf(column));
    }

    public String significance() {
      return (String) value("class");
    }
  }

  /** The significant cells of one computation, by grid index; {@code version} counts computations. */
  public static final class Snapshot {
    private final long version;
    private final Computed computed;

    private Snapshot(long version, Computed computed) {
      this.version = version;
      this.computed = computed;
    }

    public long version() {
      return version;
    }

    /** The significant cells in grid order. */
    public List<Cell> cells() {
      return computed.cells();
    }

    /** The listed cell holding an EPSG:2180 point, if any. */
    public Optional<Cell> cellAt(double x, double y) {
      int index = computed.grid() == null ? -1 : computed.grid().cellOf(x, y);
      int i = index < 0 ? -1 : Arrays.binarySearch(computed.indexes(), index);
      return i >= 0 ? Optional.of(computed.cells().get(i)) : Optional.empty();
    }
  }

  /** The columns of a cell, the API's. */
  public static final List<String> COLUMNS = List.of(HotspotColumns.NAMES);

  /** A computation: the grid, the significant cells in grid order and their grid indexes (for lookups). */
  private record Computed(Grid grid, List<Cell> cells, int[] indexes) {}

  private final Analyses analyses;
  private final ReportFilter filter;
  private final GridWriter writer;
  private final CrsTransform to2180;
  private final PerDataVersion<Computed> computed;

  HotspotLayer(Analyses analyses, java.util.function.LongSupplier changeSeq, VisibilityPolicy visibility, GridWriter writer,
      CrsTransform to2180, Duration poll) {
    this.analyses = analyses;
    this.filter = visibility.parse(Map.of());
    this.writer = writer;
    this.to2180 = to2180;
    this.computed = new PerDataVersion<>("hotspots", poll, changeSeq::getAsLong, this::compute, new Computed(null, List.of(), new int[0]));
  }

  /** The server's one layer source, made by the first plugin that asks. */
  public static HotspotLayer shared(PluginContext context) {
    return context.shared().computeIfAbsent(HotspotLayer.class, () -> {
      Crs pl1992 = context.crs().require("EPSG:2180");
      return new HotspotLayer(Analyses.of(context), PerDataVersion.changeSeq(context), context.visibility(),
          new GridWriter(context.crs().toLonLat(pl1992)), context.crs().fromLonLat(pl1992),
          context.config().analyticsLayerPoll());
    });
  }

  /** The current cells: recomputed here when the reports moved since the last computation. */
  public Snapshot current() {
    PerDataVersion.Numbered<Computed> n = computed.current();
    return new Snapshot(n.number(), n.value());
  }

  /**
   * The number of the result in hand, for image caches: it moves when a new result is in, and
   * computes and reads nothing.
   */
  public long dataStamp() {
    return computed.computed();
  }

  /**
   * {@link #dataStamp()} after a look at the data version, which starts the computation a moved
   * version needs (in the background): for a cache that holds this layer's tiles only.
   */
  public long refreshStamp() {
    return computed.refresh();
  }

  /** A lon/lat position in EPSG:2180, where the grid lies. */
  public double[] toGrid(LonLat at) {
    return to2180.apply(at.lon(), at.lat());
  }

  private Computed compute() {
    double cell = AnalyticsEndpoints.DEFAULT_CELL;
    Grid grid = analyses.grid(filter, cell, "cell");
    Analyses.Hotspots h = analyses.hotspots(filter, grid, HotspotColumns.defaultDistance(cell));
    HotspotColumns columns = new HotspotColumns(grid, h, writer);
    double[] z = h.result().z();
    double[] ring = new double[10];
    List<Cell> out = new ArrayList<>();
    for (int c = 0; c < grid.cells(); c++) {
      if (Significance.of(z[c]) == Significance.NOT_SIGNIFICANT) {
        continue; // the API's default listing: cells=significant
      }
      writer.corners(grid, c, ring);
      Coordinate[] cs = new Coordinate[5];
      for (int i = 0; i < 5; i++) {
        cs[i] = new Coordinate(ring[2 * i], ring[2 * i + 1]);
      }
      out.add(new Cell(grid.col(c) + "_" + grid.row(c), c, List.of(columns.values(c)), FACTORY.createPolygon(cs)));
    }
    return new Computed(grid, List.copyOf(out), out.stream().mapToInt(Cell::index).toArray());
  }
}
