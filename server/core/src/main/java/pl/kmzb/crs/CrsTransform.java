package pl.kmzb.crs;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import pl.kmzb.geo.Envelope;

/**
 * A conversion between two of the published CRSs, always in the internal axis order (x = east,
 * y = north on both sides). Implementations are immutable and thread-safe: one instance serves every
 * request. Points outside the target's domain (a pole in Web Mercator) come out as NaN.
 */
public interface CrsTransform {
  /** Segments each edge of a rectangle is cut into before transforming it. */
  int EDGE_SEGMENTS = 32;

  Crs source();

  Crs target();

  /** Whether coordinates pass unchanged (between the lon/lat CRSs). */
  boolean isIdentity();

  /** Transforms {@code points} x/y pairs of {@code xy} in place, starting at index {@code offset}. */
  void apply(double[] xy, int offset, int points);

  /** One point, as a new {x, y} array. */
  default double[] apply(double x, double y) {
    double[] xy = {x, y};
    apply(xy, 0, 1);
    return xy;
  }

  /** The source CRS's part of the plane this transform is defined on (Web Mercator stops short of the poles). */
  Bounds domain();

  /**
   * A rectangle's image, covering it: every edge is sampled at {@link #EDGE_SEGMENTS} segments (a
   * straight edge comes out curved in another CRS, so its corners alone would cut the image short),
   * and the result is widened by the largest bulge measured between samples, which bounds how far the
   * curve strays beyond them. Parts outside {@link #domain()} are left out.
   */
  default Bounds apply(Bounds b) {
    if (isIdentity()) {
      return b;
    }
    Bounds d = domain();
    if (!b.intersects(d)) {
      throw new IllegalArgumentException("bounds " + b + " lie outside the domain of " + source().code()
          + " → " + target().code());
    }
    Bounds in = new Bounds(Math.max(b.minX(), d.minX()), Math.max(b.minY(), d.minY()),
        Math.min(b.maxX(), d.maxX()), Math.min(b.maxY(), d.maxY()));
    return EdgeSampler.image(this, in);
  }

  /** A lon/lat envelope's image (see {@link #apply(Bounds)}). */
  default Bounds apply(Envelope e) {
    return apply(Bounds.of(e));
  }

  /** A transformed copy of {@code g}; the original is left alone. */
  default Geometry apply(Geometry g) {
    Geometry copy = g.copy();
    if (isIdentity()) {
      return copy;
    }
    copy.apply(new CoordinateSequenceFilter() {
      @Override
      public void filter(CoordinateSequence seq, int i) {
        if (i != 0) {
          return; // the whole sequence went through at index 0, in one call
        }
        int n = seq.size();
        double[] xy = new double[2 * n];
        for (int k = 0; k < n; k++) {
          xy[2 * k] = seq.getX(k);
          xy[2 * k + 1] = seq.getY(k);
        }
        apply(xy, 0, n);
        for (int k = 0; k < n; k++) {
          seq.setOrdinate(k, CoordinateSequence.X, xy[2 * k]);
          seq.setOrdinate(k, CoordinateSequence.Y, xy[2 * k + 1]);
        }
      }

      @Override
      public boolean isDone() {
        return false;
      }

      @Override
      public boolean isGeometryChanged() {
        return true;
      }
    });
    return copy;
  }
}
