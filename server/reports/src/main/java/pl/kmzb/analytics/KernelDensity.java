package pl.kmzb.analytics;

/**
 * Kernel density on a grid with the quartic (biweight) kernel, as ArcGIS and QGIS use it: a point at
 * distance d from a cell's centre adds
 *
 * <pre>
 *   K(d) = 3 / (π h²) · (1 − d²/h²)²   for d &lt; h, else 0
 * </pre>
 *
 * (h = the bandwidth), so each point spreads a total weight of 1 over its disc and the grid holds
 * points per square metre; {@link #perSquareKilometre} scales it to points per km². Points are
 * added one at a time as a scan reads them, so memory is the grid alone; each point touches the
 * cells within h of it, which the bandwidth limit ({@link AnalyticsLimits}) keeps small.
 */
public final class KernelDensity {
  private final Grid grid;
  private final double bandwidth;
  private final double norm;
  private final double[] density;
  private final int reach;
  private long points;

  public KernelDensity(Grid grid, double bandwidth) {
    if (!(bandwidth > 0)) {
      throw new IllegalArgumentException("bandwidth must be positive");
    }
    this.grid = grid;
    this.bandwidth = bandwidth;
    this.norm = 3 / (Math.PI * bandwidth * bandwidth);
    this.density = new double[grid.cells()];
    this.reach = (int) Math.ceil(bandwidth / grid.size()) + 1;
  }

  /** The kernel's value at distance² {@code d2} (per square metre). */
  double kernel(double d2) {
    double h2 = bandwidth * bandwidth;
    if (d2 >= h2) {
      return 0;
    }
    double u = 1 - d2 / h2;
    return norm * u * u;
  }

  /** Adds one point (EPSG:2180 metres); points outside the grid still reach the cells within h. */
  public void add(double x, double y) {
    points++;
    int col = (int) Math.floor((x - grid.minX()) / grid.size());
    int row = (int) Math.floor((y - grid.minY()) / grid.size());
    int rowFrom = Math.max(0, row - reach);
    int rowTo = Math.min(grid.rows() - 1, row + reach);
    int colFrom = Math.max(0, col - reach);
    int colTo = Math.min(grid.cols() - 1, col + reach);
    for (int r = rowFrom; r <= rowTo; r++) {
      double dy = grid.minY() + (r + 0.5) * grid.size() - y;
      for (int c = colFrom; c <= colTo; c++) {
        double dx = grid.minX() + (c + 0.5) * grid.size() - x;
        double k = kernel(dx * dx + dy * dy);
        if (k > 0) {
          density[r * grid.cols() + c] += k;
        }
      }
    }
  }

  public Grid grid() {
    return grid;
  }

  public double bandwidth() {
    return bandwidth;
  }

  public long points() {
    return points;
  }

  /** The density at a cell's centre, points per square metre. */
  public double at(int cell) {
    return density[cell];
  }

  public double perSquareKilometre(int cell) {
    return density[cell] * 1_000_000;
  }
}
