package pl.kmzb.cluster;

/**
 * The fixed nested grid clusters are drawn from: at zoom z a tile is cut into 16 × 16 cells (the
 * quadtree cells of level z + 4, 256 of 4096 tile units, about 32 px on a 512 px tile). A cell
 * holds exactly the reports of its four child cells at zoom z + 1, so clusters nest, never move
 * with the request, and each report lies in exactly one cell per zoom. A tile also carries the ring
 * of cells around it (its buffer), so a cluster near an edge is drawn identically on both sides.
 */
final class ClusterGrid {
  /** log2 of the cells per tile side. */
  static final int CELL_BITS = 4;
  static final int CELLS = 1 << CELL_BITS;
  /** Cells per side of a tile with its one-cell buffer ring. */
  static final int SPAN = CELLS + 2;
  /** MVT extent of our tiles. */
  static final int EXTENT = 4096;
  /** Buffer in tile units: one cell. */
  static final int BUFFER = EXTENT / CELLS;

  private ClusterGrid() {}

  /** The quadtree level of the cells at zoom {@code z}. */
  static int level(int z) {
    return z + CELL_BITS;
  }
}
