package pl.kmzb.analytics;

/**
 * The columns of a kernel-density cell, the same for {@code /api/analytics/density} (GeoJSON and CSV)
 * and the density layer ({@link DensityLayer}): grid column and row, EPSG:2180 centre, lon/lat centre,
 * reports per km² at the centre and the reports the surface assigns to the cell.
 */
final class DensityColumns implements GridWriter.Columns {
  static final String[] NAMES = {"col", "row", "x", "y", "lon", "lat", "density", "expected"};

  private final Grid grid;
  private final KernelDensity kd;
  private final GridWriter writer;
  private final double cellKm2;

  DensityColumns(Grid grid, KernelDensity kd, GridWriter writer) {
    this.grid = grid;
    this.kd = kd;
    this.writer = writer;
    this.cellKm2 = grid.size() * grid.size() / 1e6;
  }

  /** The bandwidth unless the caller gives one: five cells, at most the limit. */
  static double defaultBandwidth(double cell) {
    return Math.min(5 * cell, AnalyticsLimits.MAX_BANDWIDTH_METRES);
  }

  @Override
  public String[] names() {
    return NAMES.clone();
  }

  @Override
  public Object[] values(int c) {
    double[] ll = writer.centreLonLat(grid, c);
    double perKm2 = kd.perSquareKilometre(c);
    return new Object[] {grid.col(c), grid.row(c), grid.centreX(c), grid.centreY(c), GridWriter.round(ll[0], 1e7),
        GridWriter.round(ll[1], 1e7), AnalyticsEndpoints.round(perKm2), AnalyticsEndpoints.round(perKm2 * cellKm2)};
  }
}
