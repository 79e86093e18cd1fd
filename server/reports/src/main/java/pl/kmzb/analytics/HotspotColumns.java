package pl.kmzb.analytics;

/**
 * The columns of a hot-spot cell, the same for {@code /api/analytics/hotspots} (GeoJSON and CSV) and
 * the hot-spot layer ({@link HotspotLayer}): grid column and row, EPSG:2180 centre, lon/lat centre,
 * reports in the cell, neighbours, z-score, p-value, class and confidence.
 */
final class HotspotColumns implements GridWriter.Columns {
  static final String[] NAMES = {"col", "row", "x", "y", "lon", "lat", "count", "neighbours", "z", "p", "class",
      "confidence"};

  private final Grid grid;
  private final Analyses.Hotspots h;
  private final GridWriter writer;

  HotspotColumns(Grid grid, Analyses.Hotspots h, GridWriter writer) {
    this.grid = grid;
    this.h = h;
    this.writer = writer;
  }

  /** The neighbourhood's radius unless the caller gives one: three cells, at most the limit. */
  static double defaultDistance(double cell) {
    return Math.min(3 * cell, AnalyticsLimits.MAX_DISTANCE_METRES);
  }

  @Override
  public String[] names() {
    return NAMES.clone();
  }

  @Override
  public Object[] values(int c) {
    double[] z = h.result().z();
    double[] ll = writer.centreLonLat(grid, c);
    Significance s = Significance.of(z[c]);
    return new Object[] {grid.col(c), grid.row(c), grid.centreX(c), grid.centreY(c), GridWriter.round(ll[0], 1e7),
        GridWriter.round(ll[1], 1e7), h.counts()[c], h.result().neighbours()[c], AnalyticsEndpoints.round(z[c]),
        AnalyticsEndpoints.round(Significance.pValue(z[c])), s.code(), s.confidence()};
  }
}
