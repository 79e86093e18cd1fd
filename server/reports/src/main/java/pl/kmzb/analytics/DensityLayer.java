package pl.kmzb.analytics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * What the density layer (kind {@code density}) shows: the surface of
 * {@code GET /api/analytics/density} without parameters and without credentials — the quartic kernel
 * over every public report at its public position, over all time, cells of 1 km over Poland,
 * bandwidth 5 km — computed by the same classes as the API ({@link Analyses#density},
 * {@link DensityColumns}).
 *
 * <p>Computed once per data version (the store's last change-log sequence), looked at no more than
 * once per {@code reference.poll-interval}, when a map asks; one per server ({@link #shared}).
 */
public final class DensityLayer {
  /** The columns of a cell, the API's. */
  public static final List<String> COLUMNS = List.of(DensityColumns.NAMES);

  private record Computed(Grid grid, KernelDensity density, DensityColumns columns, Bounds lonLat) {}

  /** One computation; {@code version} counts computations (0: none yet, nothing drawn). */
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

    /** The grid's extent in lon/lat (covering it), or null before the first computation. */
    public Bounds lonLatBounds() {
      return computed.lonLat();
    }

    /** The grid cell holding an EPSG:2180 point, -1 outside the grid (or before the first computation). */
    public int cellOf(double x, double y) {
      return computed.grid() == null ? -1 : computed.grid().cellOf(x, y);
    }

    /** Reports per km² at the centre of a cell of {@link #cellOf}. */
    public double perSquareKilometre(int cell) {
      return computed.density().perSquareKilometre(cell);
    }

    /** The API's columns of the cell holding an EPSG:2180 point, if its density is above zero (as listed). */
    public Optional<List<Object>> cellAt(double x, double y) {
      int c = computed.grid() == null ? -1 : computed.grid().cellOf(x, y);
      if (c < 0 || computed.density().at(c) <= 0) {
        return Optional.empty();
      }
      return Optional.of(List.of(computed.columns().values(c)));
    }
  }

  private final Analyses analyses;
  private final ReportFilter filter;
  private final GridWriter writer;
  private final CrsTransform to2180;
  private final CrsTransform toLonLat;
  private final PerDataVersion<Computed> computed;

  DensityLayer(Analyses analyses, java.util.function.LongSupplier changeSeq, VisibilityPolicy visibility, GridWriter writer,
      CrsTransform to2180, CrsTransform toLonLat, Duration poll) {
    this.analyses = analyses;
    this.filter = visibility.parse(Map.of());
    this.writer = writer;
    this.to2180 = to2180;
    this.toLonLat = toLonLat;
    this.computed = new PerDataVersion<>("density", poll, changeSeq::getAsLong, this::compute, new Computed(null, null, null, null));
  }

  /** The server's one layer source, made by the first plugin that asks. */
  public static DensityLayer shared(PluginContext context) {
    return context.shared().computeIfAbsent(DensityLayer.class, () -> {
      Crs pl1992 = context.crs().require("EPSG:2180");
      return new DensityLayer(Analyses.of(context), PerDataVersion.changeSeq(context), context.visibility(),
          new GridWriter(context.crs().toLonLat(pl1992)), context.crs().fromLonLat(pl1992),
          context.crs().toLonLat(pl1992), context.config().analyticsLayerPoll());
    });
  }

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

  /** {@code n} lon/lat pairs of {@code xy} to EPSG:2180, where the grid lies, in place. */
  public void toGrid(double[] xy, int n) {
    to2180.apply(xy, 0, n);
  }

  /** A lon/lat position in EPSG:2180, where the grid lies. */
  public double[] toGrid(LonLat at) {
    return to2180.apply(at.lon(), at.lat());
  }

  private Computed compute() {
    double cell = AnalyticsEndpoints.DEFAULT_CELL;
    Grid grid = analyses.grid(filter, cell, "cell");
    KernelDensity kd = analyses.density(filter, grid, DensityColumns.defaultBandwidth(cell));
    Bounds extent = new Bounds(grid.minX(), grid.minY(), grid.minX() + grid.cols() * grid.size(),
        grid.minY() + grid.rows() * grid.size());
    return new Computed(grid, kd, new DensityColumns(grid, kd, writer), toLonLat.apply(extent));
  }
}
