package pl.kmzb.crs;

import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.Projection;

/**
 * WGS 84 lon/lat to a projected CRS or back, through proj4j's projection alone: no datum step,
 * because every published CRS is on WGS 84 or ETRS89, which we take as equal (they differ by well
 * under a metre in Poland, below what reports locate). proj4j's projections keep no state while
 * projecting, so one instance is shared by every thread; the scratch coordinates are per call.
 */
final class ProjectedTransform implements CrsTransform {
  private final Crs source;
  private final Crs target;
  private final Projection projection;
  private final boolean forward;
  private final Bounds domain;

  ProjectedTransform(Crs source, Crs target, Projection projection, boolean forward, Bounds domain) {
    this.source = source;
    this.target = target;
    this.projection = projection;
    this.forward = forward;
    this.domain = domain;
  }

  @Override
  public Crs source() {
    return source;
  }

  @Override
  public Crs target() {
    return target;
  }

  @Override
  public boolean isIdentity() {
    return false;
  }

  @Override
  public Bounds domain() {
    return domain;
  }

  @Override
  public void apply(double[] xy, int offset, int points) {
    ProjCoordinate in = new ProjCoordinate();
    ProjCoordinate out = new ProjCoordinate();
    int end = offset + 2 * points;
    for (int i = offset; i < end; i += 2) {
      in.x = xy[i];
      in.y = xy[i + 1];
      try {
        if (forward) {
          projection.project(in, out);
        } else {
          projection.inverseProject(in, out);
        }
        xy[i] = out.x;
        xy[i + 1] = out.y;
      } catch (RuntimeException outsideDomain) {
        xy[i] = Double.NaN;
        xy[i + 1] = Double.NaN;
      }
    }
  }

  @Override
  public String toString() {
    return source.code() + " → " + target.code();
  }
}
