package pl.kmzb.crs;

/** Between the lon/lat CRSs (CRS:84, EPSG:4326, EPSG:4258): internally they are all x = lon, y = lat. */
record IdentityTransform(Crs source, Crs target) implements CrsTransform {
  private static final Bounds WORLD = new Bounds(-180, -90, 180, 90);

  @Override
  public boolean isIdentity() {
    return true;
  }

  @Override
  public void apply(double[] xy, int offset, int points) {
    // nothing moves
  }

  @Override
  public Bounds domain() {
    return WORLD;
  }
}
