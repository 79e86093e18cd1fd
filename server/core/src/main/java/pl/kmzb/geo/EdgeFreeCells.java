package pl.kmzb.geo;

import java.util.Arrays;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Answers of a point-in-areas question, precomputed on a grid for every cell that no area edge
 * passes through, so most points of a bulk import skip the geometry.
 *
 * <p>Why this is exact: in a row of the grid, a run of consecutive cells that no edge touches is a
 * rectangle without an edge in it (cells are closed: an edge touching a cell's side marks the cell),
 * so every point of the run is inside exactly the same areas and gets the same answer. That answer
 * is computed once per run, at the centre of its first cell, by the caller's exact test. Points in
 * marked cells, outside the grid, or NaN get {@link #UNKNOWN} and must be tested exactly.
 *
 * <p>Edges are marked by walking each segment column by column and marking the rows it spans over
 * the column widened by {@link #PAD} of a cell on each side, padded by as much again in y: far
 * more than the rounding of the cell arithmetic, so a point on an edge always falls in a marked
 * cell, whatever the edge's slope. Immutable after construction, safe to share.
 */
public final class EdgeFreeCells {
  /** The answer for points that must be tested exactly. */
  public static final int UNKNOWN = -1;
  /** Padding of the marked span, in cells. */
  static final double PAD = 1e-7;

  /** The exact answer at a point: any non-negative number, e.g. an index into a table of results. */
  @FunctionalInterface
  public interface ExactAnswer {
    int at(double x, double y);
  }

  private final double minX;
  private final double minY;
  private final double cell;
  private final int cols;
  private final int rows;
  private final int[] answers;

  private EdgeFreeCells(double minX, double minY, double cell, int cols, int rows, int[] answers) {
    this.minX = minX;
    this.minY = minY;
    this.cell = cell;
    this.cols = cols;
    this.rows = rows;
    this.answers = answers;
  }

  /**
   * A grid over the envelope of {@code areas} with {@code longSide} square cells along its longer
   * side, holding the exact answer of every run of cells no edge of {@code areas} passes through.
   *
   * @param areas polygons and multipolygons (holes included); their envelope is the grid's extent
   */
  public static EdgeFreeCells of(Iterable<? extends Geometry> areas, int longSide, ExactAnswer exact) {
    if (longSide < 1) {
      throw new IllegalArgumentException("longSide must be positive");
    }
    org.locationtech.jts.geom.Envelope extent = new org.locationtech.jts.geom.Envelope();
    areas.forEach(g -> extent.expandToInclude(g.getEnvelopeInternal()));
    if (extent.isNull() || !(extent.getWidth() > 0 || extent.getHeight() > 0)) {
      return new EdgeFreeCells(0, 0, 1, 0, 0, new int[0]);
    }
    double cell = Math.max(extent.getWidth(), extent.getHeight()) / longSide;
    int cols = Math.max(1, (int) Math.ceil(extent.getWidth() / cell));
    int rows = Math.max(1, (int) Math.ceil(extent.getHeight() / cell));
    EdgeFreeCells grid = new EdgeFreeCells(extent.getMinX(), extent.getMinY(), cell, cols, rows, new int[cols * rows]);
    boolean[] marked = new boolean[cols * rows];
    for (Geometry area : areas) {
      for (int i = 0; i < area.getNumGeometries(); i++) {
        if (!(area.getGeometryN(i) instanceof Polygon p)) {
          throw new IllegalArgumentException("areas must be polygons, got " + area.getGeometryType());
        }
        grid.markRing(p.getExteriorRing(), marked);
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          grid.markRing(p.getInteriorRingN(h), marked);
        }
      }
    }
    grid.fillRuns(marked, exact);
    return grid;
  }

  /** The precomputed answer for the point, or {@link #UNKNOWN}. */
  public int answer(double x, double y) {
    double gx = (x - minX) / cell;
    double gy = (y - minY) / cell;
    if (!(gx >= 0 && gy >= 0 && gx < cols && gy < rows)) {
      return UNKNOWN;
    }
    return answers[(int) gy * cols + (int) gx];
  }

  /** Share of the cells with a precomputed answer (0..1), for logs and tests. */
  public double answeredShare() {
    return answers.length == 0 ? 0 : (double) Arrays.stream(answers).filter(a -> a != UNKNOWN).count() / answers.length;
  }

  private void markRing(LineString ring, boolean[] marked) {
    CoordinateSequence s = ring.getCoordinateSequence();
    for (int i = 1; i < s.size(); i++) {
      markSegment((s.getX(i - 1) - minX) / cell, (s.getY(i - 1) - minY) / cell,
          (s.getX(i) - minX) / cell, (s.getY(i) - minY) / cell, marked);
    }
  }

  /** Marks every cell the segment (in grid units) touches. */
  private void markSegment(double ax, double ay, double bx, double by, boolean[] marked) {
    if (ax > bx) {
      double t = ax;
      ax = bx;
      bx = t;
      t = ay;
      ay = by;
      by = t;
    }
    int c0 = clamp((int) Math.floor(ax - PAD), cols);
    int c1 = clamp((int) Math.floor(bx + PAD), cols);
    for (int c = c0; c <= c1; c++) {
      // The part of the segment over this column widened by the padding on both sides, so a
      // nearly vertical edge crossing the column line just past a row line marks that row too
      // (all of the segment when it is vertical).
      double ya = ax == bx ? ay : yAt(Math.max(ax, Math.min(bx, c - PAD)), ax, ay, bx, by);
      double yb = ax == bx ? by : yAt(Math.max(ax, Math.min(bx, c + 1 + PAD)), ax, ay, bx, by);
      int r0 = clamp((int) Math.floor(Math.min(ya, yb) - PAD), rows);
      int r1 = clamp((int) Math.floor(Math.max(ya, yb) + PAD), rows);
      for (int r = r0; r <= r1; r++) {
        marked[r * cols + c] = true;
      }
    }
  }

  private static double yAt(double x, double ax, double ay, double bx, double by) {
    return ay + (by - ay) * ((x - ax) / (bx - ax));
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(n - 1, i));
  }

  private void fillRuns(boolean[] marked, ExactAnswer exact) {
    for (int r = 0; r < rows; r++) {
      int c = 0;
      while (c < cols) {
        int at = r * cols + c;
        if (marked[at]) {
          answers[at] = UNKNOWN;
          c++;
          continue;
        }
        int end = c;
        while (end < cols && !marked[r * cols + end]) {
          end++;
        }
        int a = exact.at(minX + (c + 0.5) * cell, minY + (r + 0.5) * cell);
        if (a < 0) {
          throw new IllegalArgumentException("exact answers must not be negative, got " + a);
        }
        Arrays.fill(answers, at, r * cols + end, a);
        c = end;
      }
    }
  }
}
