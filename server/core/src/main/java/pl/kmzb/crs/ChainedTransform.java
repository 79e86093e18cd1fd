package pl.kmzb.crs;

/** Between two projected CRSs: through WGS 84 lon/lat. */
record ChainedTransform(CrsTransform first, CrsTransform second) implements CrsTransform {
  @Override
  public Crs source() {
    return first.source();
  }

  @Override
  public Crs target() {
    return second.target();
  }

  @Override
  public boolean isIdentity() {
    return first.isIdentity() && second.isIdentity();
  }

  @Override
  public void apply(double[] xy, int offset, int points) {
    first.apply(xy, offset, points);
    second.apply(xy, offset, points);
  }

  @Override
  public Bounds domain() {
    return first.domain();
  }
}
