package pl.kmzb.render;

import pl.kmzb.crs.Bounds;

/**
 * Where a map's pixel centres lie in another CRS (a raster layer's grid), for the pixels over the
 * layer's area. Two projections per pixel were most of the cost of a 1024² raster (about 300 of its
 * 340 ms), so they are made at every {@link #STEP}-th pixel only, and the pixels between take their
 * position by bilinear interpolation wherever that is exact enough: a lattice square whose centre,
 * projected, lies within {@link #TOLERANCE} of a pixel of the interpolated centre (the centre is where
 * bilinear interpolation of a smooth mapping strays most); any other square is projected pixel by
 * pixel. Squares whose corners all lie beyond one side of the area are skipped.
 *
 * <p>A pixel outside the area, or outside the projection's domain (Web Mercator's poles), gets NaN.
 */
final class PixelPositions {
  static final int STEP = 8;
  static final double TOLERANCE = 0.02;

  private static final byte INTERPOLATE = 0;
  private static final byte EXACT = 1;
  private static final byte OUTSIDE = 2;

  /** Lon/lat x/y pairs to the target CRS, in place. */
  @FunctionalInterface
  interface Projection {
    void apply(double[] xy, int points);
  }

  private final ViewTransform vt;
  private final Projection toTarget;
  private final Bounds area;
  private final int width;
  private final int nx;
  private final double[] lattice;
  private final byte[] squares;
  private final double[] rowX;
  private final double[] rowY;
  private final double[] exact;
  private final int[] exactAt;

  /**
   * @param area the layer's extent in lon/lat: pixels beyond it are NaN and cost nothing
   */
  PixelPositions(ViewTransform vt, Projection toTarget, Bounds area) {
    this.vt = vt;
    this.toTarget = toTarget;
    this.area = area;
    this.width = vt.view().width();
    this.nx = (width - 1) / STEP + 2;
    int ny = (vt.view().height() - 1) / STEP + 2;
    double[] lonLat = pixels(nx, ny, 0);
    vt.toLonLat(lonLat, nx * ny);
    this.lattice = lonLat.clone();
    toTarget.apply(lattice, nx * ny);
    this.squares = classify(lonLat, ny);
    this.rowX = new double[nx];
    this.rowY = new double[nx];
    this.exact = new double[2 * width];
    this.exactAt = new int[width];
  }

  /** Pixel centres (column, row) every STEP pixels from {@code offset}, nx × ny, row by row. */
  private static double[] pixels(int nx, int ny, int offset) {
    double[] xy = new double[2 * nx * ny];
    for (int r = 0; r < ny; r++) {
      for (int c = 0; c < nx; c++) {
        xy[2 * (r * nx + c)] = c * STEP + offset + 0.5;
        xy[2 * (r * nx + c) + 1] = r * STEP + offset + 0.5;
      }
    }
    return xy;
  }

  private byte[] classify(double[] lonLat, int ny) {
    int sx = nx - 1;
    int sy = ny - 1;
    byte[] out = new byte[sx * sy];
    double[] centres = pixels(sx, sy, STEP / 2);
    vt.toLonLat(centres, sx * sy);
    toTarget.apply(centres, sx * sy);
    for (int r = 0; r < sy; r++) {
      for (int c = 0; c < sx; c++) {
        int a = 2 * (r * nx + c);
        int b = a + 2 * nx;
        int s = r * sx + c;
        if (beyondArea(lonLat, a, a + 2, b, b + 2)) {
          out[s] = OUTSIDE;
          continue;
        }
        double ix = (lattice[a] + lattice[a + 2] + lattice[b] + lattice[b + 2]) / 4;
        double iy = (lattice[a + 1] + lattice[a + 3] + lattice[b + 1] + lattice[b + 3]) / 4;
        double pixel = Math.hypot(lattice[a + 2] - lattice[a], lattice[a + 3] - lattice[a + 1]) / STEP;
        double off = Math.hypot(ix - centres[2 * s], iy - centres[2 * s + 1]);
        // NaN anywhere (a corner outside the projection's domain) fails the test: exact then
        out[s] = off <= TOLERANCE * pixel ? INTERPOLATE : EXACT;
      }
    }
    return out;
  }

  /** Whether four lon/lat corners all lie beyond the same side of the area. */
  private boolean beyondArea(double[] ll, int p, int q, int r, int s) {
    return ll[p] < area.minX() && ll[q] < area.minX() && ll[r] < area.minX() && ll[s] < area.minX()
        || ll[p] > area.maxX() && ll[q] > area.maxX() && ll[r] > area.maxX() && ll[s] > area.maxX()
        || ll[p + 1] < area.minY() && ll[q + 1] < area.minY() && ll[r + 1] < area.minY() && ll[s + 1] < area.minY()
        || ll[p + 1] > area.maxY() && ll[q + 1] > area.maxY() && ll[r + 1] > area.maxY() && ll[s + 1] > area.maxY();
  }

  /** The target positions of row {@code j}'s pixel centres into {@code x} and {@code y} (the map's width each). */
  void row(int j, double[] x, double[] y) {
    int ky = j / STEP;
    double ty = (j % STEP) / (double) STEP;
    for (int k = 0; k < nx; k++) {
      int a = 2 * (ky * nx + k);
      int b = a + 2 * nx;
      rowX[k] = lattice[a] + (lattice[b] - lattice[a]) * ty;
      rowY[k] = lattice[a + 1] + (lattice[b + 1] - lattice[a + 1]) * ty;
    }
    int exacts = 0;
    int squareRow = ky * (nx - 1);
    for (int i = 0; i < width; i++) {
      int kx = i / STEP;
      switch (squares[squareRow + kx]) {
        case INTERPOLATE -> {
          double tx = (i % STEP) / (double) STEP;
          x[i] = rowX[kx] + (rowX[kx + 1] - rowX[kx]) * tx;
          y[i] = rowY[kx] + (rowY[kx + 1] - rowY[kx]) * tx;
        }
        case EXACT -> {
          exact[2 * exacts] = i + 0.5;
          exact[2 * exacts + 1] = j + 0.5;
          exactAt[exacts++] = i;
        }
        default -> {
          x[i] = Double.NaN;
          y[i] = Double.NaN;
        }
      }
    }
    if (exacts > 0) {
      vt.toLonLat(exact, exacts);
      for (int e = 0; e < exacts; e++) {
        if (!area.contains(exact[2 * e], exact[2 * e + 1])) {
          // beyond the area: a far-off place the projection might fold onto the grid
          exact[2 * e] = Double.NaN;
          exact[2 * e + 1] = Double.NaN;
        }
      }
      toTarget.apply(exact, exacts);
      for (int e = 0; e < exacts; e++) {
        x[exactAt[e]] = exact[2 * e];
        y[exactAt[e]] = exact[2 * e + 1];
      }
    }
  }
}
