package pl.kmzb.tiles;

/** A tile of a quadtree tile matrix set: zoom (matrix), column x and row y counted from the top left. */
public record TileCoord(int z, int x, int y) {
  /** The deepest zoom of OGC's registered quad sets; also keeps {@link #packed()} unique. */
  public static final int MAX_ZOOM = 24;

  public TileCoord {
    if (z < 0 || z > MAX_ZOOM) {
      throw new IllegalArgumentException("zoom " + z + " is outside 0-" + MAX_ZOOM);
    }
    long size = 1L << z;
    if (x < 0 || x >= size || y < 0 || y >= size) {
      throw new IllegalArgumentException("tile " + z + "/" + x + "/" + y + " is outside the " + size + "x" + size
          + " matrix of zoom " + z);
    }
  }

  /** The first Morton code of the world coordinates this tile covers. */
  public long mortonStart() {
    return Morton.cellStart(z, x, y);
  }

  /** One past the last Morton code this tile covers. */
  public long mortonEnd() {
    return mortonStart() + Morton.cellSpan(z);
  }

  /** World coordinate of the tile's west edge. */
  public int worldMinX() {
    return x << (Morton.LEVELS - z);
  }

  /** World coordinate of the tile's north edge (y grows southwards). */
  public int worldMinY() {
    return y << (Morton.LEVELS - z);
  }

  /** A unique number for this tile, for caches and stamp maps. */
  public long packed() {
    return ((long) z << 58) | Morton.encode(x, y);
  }

  @Override
  public String toString() {
    return z + "/" + x + "/" + y;
  }
}
