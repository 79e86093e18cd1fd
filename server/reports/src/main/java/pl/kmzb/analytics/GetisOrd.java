package pl.kmzb.analytics;

/**
 * Getis-Ord Gi* (Getis and Ord 1992; Ord and Getis 1995) on a grid of counts with binary weights: a
 * cell's neighbours are the cells whose centres lie within {@code distance} of its centre, itself
 * included (the "star"). With w<sub>ij</sub> ∈ {0, 1}, Σw = Σw² = k<sub>i</sub>, the number of
 * neighbours, and
 *
 * <pre>
 *   Gi* = (Σ_j w_ij x_j − x̄ k_i) / (S · sqrt((n k_i − k_i²) / (n − 1)))
 *   x̄ = Σx / n,   S = sqrt(Σx² / n − x̄²)
 * </pre>
 *
 * where n is the number of cells in the study area (empty cells count as zeros; cells outside it
 * are neither counted nor scored). Near the study area's edge a cell simply has fewer neighbours.
 * Neighbourhood sums come from per-row prefix sums, so the cost is cells × (rows of the
 * neighbourhood), not cells × neighbours.
 */
public final class GetisOrd {
  /** The z-scores and the statistics they were computed with. */
  public record Result(Grid grid, double distance, double[] z, int[] neighbours, long n, double mean, double sd) {}

  private GetisOrd() {}

  /** Half-widths (in cells) of the neighbourhood's rows at row offsets 0, 1, …, r. */
  static int[] halfWidths(double distance, double size) {
    double reach = distance / size;
    int r = (int) Math.floor(reach + 1e-9);
    int[] w = new int[r + 1];
    for (int dy = 0; dy <= r; dy++) {
      w[dy] = (int) Math.floor(Math.sqrt(Math.max(0, reach * reach - (double) dy * dy)) + 1e-9);
    }
    return w;
  }

  /** Gi* with every cell of the grid in the study area. */
  public static Result compute(Grid grid, int[] counts, double distance) {
    boolean[] all = new boolean[grid.cells()];
    java.util.Arrays.fill(all, true);
    return compute(grid, counts, distance, all);
  }

  /**
   * Gi* over the cells where {@code inStudy} is true; a count outside the study area is an error of
   * the caller (the study area must hold every cell with reports).
   */
  public static Result compute(Grid grid, int[] counts, double distance, boolean[] inStudy) {
    int cols = grid.cols();
    int rows = grid.rows();
    long n = 0;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < counts.length; i++) {
      if (inStudy[i]) {
        n++;
        sum += counts[i];
        sumSq += (double) counts[i] * counts[i];
      } else if (counts[i] != 0) {
        throw new IllegalArgumentException("cell " + i + " holds reports but lies outside the study area");
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    double sd = n == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    // prefix[row * (cols + 1) + c] = Σ counts of the row's first c cells; inside the same for the mask
    long[] prefix = new long[rows * (cols + 1)];
    int[] inside = new int[rows * (cols + 1)];
    for (int row = 0; row < rows; row++) {
      int base = row * (cols + 1);
      for (int col = 0; col < cols; col++) {
        prefix[base + col + 1] = prefix[base + col] + counts[row * cols + col];
        inside[base + col + 1] = inside[base + col] + (inStudy[row * cols + col] ? 1 : 0);
      }
    }
    int[] half = halfWidths(distance, grid.size());
    int r = half.length - 1;
    double[] z = new double[grid.cells()];
    int[] k = new int[grid.cells()];
    for (int row = 0; row < rows; row++) {
      for (int col = 0; col < cols; col++) {
        int cell = row * cols + col;
        if (!inStudy[cell]) {
          z[cell] = Double.NaN;
          continue;
        }
        long local = 0;
        int neighbours = 0;
        for (int dy = -r; dy <= r; dy++) {
          int y = row + dy;
          if (y < 0 || y >= rows) {
            continue;
          }
          int w = half[Math.abs(dy)];
          int from = Math.max(0, col - w);
          int to = Math.min(cols - 1, col + w);
          int base = y * (cols + 1);
          local += prefix[base + to + 1] - prefix[base + from];
          neighbours += inside[base + to + 1] - inside[base + from];
        }
        k[cell] = neighbours;
        z[cell] = zScore(local, neighbours, n, mean, sd);
      }
    }
    return new Result(grid, distance, z, k, n, mean, sd);
  }

  /** Gi* of one cell; NaN where it is undefined (every cell equal, or the neighbourhood is the whole grid). */
  static double zScore(double local, int k, long n, double mean, double sd) {
    double spread = (n * (double) k - (double) k * k) / (n - 1);
    if (sd == 0 || n < 2 || spread <= 0) {
      return Double.NaN;
    }
    return (local - mean * k) / (sd * Math.sqrt(spread));
  }
}
