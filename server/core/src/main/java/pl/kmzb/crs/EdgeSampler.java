package pl.kmzb.crs;

/** Samples the outline of a rectangle to bound its image under a transform. */
final class EdgeSampler {
  private EdgeSampler() {}

  static Bounds image(CrsTransform t, Bounds b) {
    int n = CrsTransform.EDGE_SEGMENTS;
    int perEdge = 2 * n; // samples at every half segment: even = ends of segments, odd = their middles
    double[] xy = new double[2 * 4 * perEdge];
    int k = 0;
    for (int i = 0; i < perEdge; i++) {
      double f = (double) i / perEdge;
      k = put(xy, k, b.minX() + f * b.width(), b.minY());
      k = put(xy, k, b.maxX(), b.minY() + f * b.height());
      k = put(xy, k, b.maxX() - f * b.width(), b.maxY());
      k = put(xy, k, b.minX(), b.maxY() - f * b.height());
    }
    t.apply(xy, 0, xy.length / 2);
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int p = 0; p < xy.length; p += 2) {
      if (Double.isFinite(xy[p]) && Double.isFinite(xy[p + 1])) {
        minX = Math.min(minX, xy[p]);
        maxX = Math.max(maxX, xy[p]);
        minY = Math.min(minY, xy[p + 1]);
        maxY = Math.max(maxY, xy[p + 1]);
      }
    }
    if (minX > maxX) {
      throw new IllegalArgumentException("bounds " + b + " have no image in " + t.target().code());
    }
    double pad = largestBulge(xy);
    return new Bounds(minX - pad, minY - pad, maxX + pad, maxY + pad);
  }

  private static int put(double[] xy, int k, double x, double y) {
    xy[k] = x;
    xy[k + 1] = y;
    return k + 2;
  }

  /**
   * How far a transformed segment's middle lies off the chord between its transformed ends, at most:
   * a smooth curve strays beyond its sampled ends by about that much. Measured across the chord, not
   * along it: an edge that stays straight but is traversed unevenly (a meridian in Web Mercator)
   * does not bulge.
   */
  private static double largestBulge(double[] xy) {
    int points = xy.length / 2;
    double bulge = 0;
    // Points were written four edges interleaved: point index = 4 * step + edge.
    int perEdge = points / 4;
    for (int edge = 0; edge < 4; edge++) {
      for (int step = 1; step < perEdge; step += 2) {
        int a = 4 * (step - 1) + edge;
        int m = 4 * step + edge;
        int c = step + 1 < perEdge ? 4 * (step + 1) + edge : (edge + 1) % 4;
        bulge = Math.max(bulge, offChord(xy, a, m, c));
      }
    }
    return bulge;
  }

  private static double offChord(double[] xy, int a, int m, int c) {
    double ax = xy[2 * a];
    double ay = xy[2 * a + 1];
    double cx = xy[2 * c] - ax;
    double cy = xy[2 * c + 1] - ay;
    double mx = xy[2 * m] - ax;
    double my = xy[2 * m + 1] - ay;
    double length = Math.hypot(cx, cy);
    double d = length == 0 ? Math.hypot(mx, my) : Math.abs(cx * my - cy * mx) / length;
    return Double.isFinite(d) ? d : 0;
  }
}
