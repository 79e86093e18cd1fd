package pl.kmzb.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.ingest.NationalOutline;

/**
 * Which cells of a grid are Poland: those whose centre lies in the national outline (with its 1 km
 * buffer, the rule ingest accepts reports by). Gi* compares each neighbourhood with the mean of the
 * study area, so cells of the sea or of neighbouring countries must not dilute it. The answer per
 * grid is cached: it depends on the grid alone, and projecting every centre costs more than the
 * statistic.
 */
public final class StudyArea {
  private final java.util.function.Supplier<NationalOutline> outline;
  private final CrsTransform toLonLat;
  private final Cache<Grid, boolean[]> masks = Caffeine.newBuilder()
      .maximumWeight(64L << 20).<Grid, boolean[]>weigher((g, m) -> m.length).build();

  public StudyArea(NationalOutline outline, CrsTransform toLonLat) {
    this(() -> outline, toLonLat);
  }

  /** @param outline asked for at the first grid (a server passes {@code NationalOutline::poland}, built once) */
  public StudyArea(java.util.function.Supplier<NationalOutline> outline, CrsTransform toLonLat) {
    this.outline = outline;
    this.toLonLat = toLonLat;
  }

  /** A new array (callers may add cells to it): true for the grid's cells in Poland. */
  public boolean[] mask(Grid grid) {
    return masks.get(grid, this::compute).clone();
  }

  private boolean[] compute(Grid grid) {
    boolean[] in = new boolean[grid.cells()];
    NationalOutline outline = this.outline.get();
    double[] xy = new double[2 * grid.cols()];
    for (int row = 0; row < grid.rows(); row++) {
      for (int col = 0; col < grid.cols(); col++) {
        xy[2 * col] = grid.minX() + (col + 0.5) * grid.size();
        xy[2 * col + 1] = grid.minY() + (row + 0.5) * grid.size();
      }
      toLonLat.apply(xy, 0, grid.cols());
      for (int col = 0; col < grid.cols(); col++) {
        in[row * grid.cols() + col] = outline.contains(xy[2 * col], xy[2 * col + 1]);
      }
    }
    return in;
  }
}
