package pl.kmzb.analytics;

import pl.kmzb.crs.Bounds;

/**
 * A regular grid of square cells in EPSG:2180 metres (x = east, y = north). Cell (col, row) spans
 * [minX + col·size, minX + (col+1)·size) × [minY + row·size, minY + (row+1)·size); cells are numbered
 * row by row from the south-west corner. The corner is a multiple of the cell size, so the same cell
 * size always gives the same cells whatever extent was asked.
 */
public record Grid(double minX, double minY, double size, int cols, int rows) {
  public Grid {
    if (!(size > 0) || cols < 1 || rows < 1) {
      throw new IllegalArgumentException("a grid needs a positive cell size and at least one cell");
    }
  }

  /** The grid of {@code size} cells covering {@code extent}, its corner snapped to multiples of the size. */
  public static Grid covering(Bounds extent, double size) {
    double x0 = Math.floor(extent.minX() / size) * size;
    double y0 = Math.floor(extent.minY() / size) * size;
    long cols = Math.max(1, (long) Math.ceil((extent.maxX() - x0) / size));
    long rows = Math.max(1, (long) Math.ceil((extent.maxY() - y0) / size));
    if (cols * rows > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many cells");
    }
    return new Grid(x0, y0, size, (int) cols, (int) rows);
  }

  /** How many cells {@link #covering} would make, without making the grid (for limits). */
  public static long cellCount(Bounds extent, double size) {
    double x0 = Math.floor(extent.minX() / size) * size;
    double y0 = Math.floor(extent.minY() / size) * size;
    return Math.max(1, (long) Math.ceil((extent.maxX() - x0) / size))
        * Math.max(1, (long) Math.ceil((extent.maxY() - y0) / size));
  }

  public int cells() {
    return cols * rows;
  }

  /** The cell holding (x, y), or -1 outside the grid. */
  public int cellOf(double x, double y) {
    if (Double.isNaN(x) || Double.isNaN(y)) {
      return -1; // (int) NaN is 0: a point without a position would land in the first cell
    }
    int col = (int) Math.floor((x - minX) / size);
    int row = (int) Math.floor((y - minY) / size);
    return col < 0 || row < 0 || col >= cols || row >= rows ? -1 : row * cols + col;
  }

  public int col(int cell) {
    return cell % cols;
  }

  public int row(int cell) {
    return cell / cols;
  }

  public double centreX(int cell) {
    return minX + (col(cell) + 0.5) * size;
  }

  public double centreY(int cell) {
    return minY + (row(cell) + 0.5) * size;
  }

  public Bounds extent() {
    return new Bounds(minX, minY, minX + cols * size, minY + rows * size);
  }
}
