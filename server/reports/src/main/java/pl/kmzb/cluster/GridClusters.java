package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.List;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.TileMatrix;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * Clusters in the tiles of any {@link MatrixSet} (Geoportal's EPSG:2180 set, whose levels are not a
 * quadtree, and WorldCRS84Quad), exact and border-consistent like the index's own Web Mercator tiles:
 * each level is cut into a grid of cells {@link #CELLS} to a tile side, aligned to the level's tile
 * grid, and a report belongs to the one cell its position falls in, numbered from the matrix's corner
 * ({@code floor((E - cornerE) / cellSpan)}, one formula for every tile), so a cell lies in exactly one
 * tile and no report is counted by two tiles or lost between them.
 *
 * <p>A report's position is its index position (the public one, at the index's world-unit precision:
 * the centre of its 2^31 Web Mercator unit, under 2 cm) in the set's CRS. The tile's envelope in world
 * units comes from the index ({@link ClusterIndex#forEachIn}), the entries are transformed in batches
 * of {@link #BATCH}; memory is the batch and the tile's cells, whatever the number of reports. The cost
 * is a range scan and a projection per report in the tile, except for the unfiltered tiles of the
 * coarse levels the index aggregates ({@link GridAggregates}: EPSG:2180 levels 0–8, WorldCRS84Quad
 * levels 0–10), which are looked up. Positions are summed in whole quanta ({@link #quantum}) on both paths, so a cell's mean is the
 * same number whichever path computed it and in whatever order its reports came.
 */
public final class GridClusters {
  /** Cells per tile side (as {@link ClusterGrid#CELLS}). */
  public static final int CELLS = 16;
  static final int BATCH = 4096;

  /**
   * One non-empty cell: its position in the tile's grid (i across, j down), its report count, the mean
   * position of its reports in the set's CRS (east/north), counts per category and status ordinal, and
   * for a cell of one report that report's id, category, status and time (nanoseconds; else -1 and 0).
   */
  public record Cell(int i, int j, int count, double east, double north, int[] categories, int[] statuses, long id,
      int category, int status, long time) {}

  private GridClusters() {}

  /** The clusters of tile (col, row) of {@code m} in {@code set} for {@code filter}. */
  public static List<Cell> of(ClusterIndex index, IndexFilter filter, int categoryCount, int statusCount,
      CrsRegistry crs, MatrixSet set, TileMatrix m, long col, long row) {
    if (filter.isDefault()) {
      List<Cell> aggregated = index.gridTile(set, set.levelOf(m), col, row);
      if (aggregated != null) {
        return aggregated;
      }
    }
    return scan(index, filter, categoryCount, statusCount, crs, set, m, col, row);
  }

  /** The clusters of a tile from the point store: a range scan and a projection per report. */
  static List<Cell> scan(ClusterIndex index, IndexFilter filter, int categoryCount, int statusCount,
      CrsRegistry crs, MatrixSet set, TileMatrix m, long col, long row) {
    Bounds tile = m.tileBounds(col, row);
    CrsTransform toLonLat = crs.toLonLat(crs.require(set.crsCode()));
    CrsTransform fromLonLat = crs.fromLonLat(crs.require(set.crsCode()));
    Bounds ll = toLonLat.apply(tile);
    WebMercatorQuad w = WebMercatorQuad.INSTANCE;
    // one world unit of margin: the envelope is densified, and positions are unit centres; in longs,
    // as the world's last unit plus one overflows an int (WorldCRS84Quad's tiles at 180° E or 90° S
    // were empty: level 0's eastern tile, Poland's, among them)
    int x0 = (int) Math.max(0, w.worldX(ll.minX(), 0) - 1L);
    int x1 = (int) Math.min(Integer.MAX_VALUE, w.worldX(ll.maxX(), 0) + 1L);
    int y0 = (int) Math.max(0, w.worldY(0, ll.maxY()) - 1L);
    int y1 = (int) Math.min(Integer.MAX_VALUE, w.worldY(0, ll.minY()) + 1L);
    Accumulator acc = new Accumulator(m, col, row, categoryCount, statusCount, fromLonLat, quantum(crs, set));
    index.forEachIn(x0, y0, x1, y1, filter, acc);
    acc.flush();
    return acc.cells();
  }

  /** The global cell column of easting {@code east} at level {@code m}: the same for every tile. */
  public static long cellColumn(TileMatrix m, double east) {
    return (long) Math.floor((east - m.originEast()) / (m.tileSpanX() / CELLS));
  }

  /** The global cell row of northing {@code north} at level {@code m}, counted down from the corner. */
  public static long cellRow(TileMatrix m, double north) {
    return (long) Math.floor((m.originNorth() - north) / (m.tileSpanY() / CELLS));
  }

  /**
   * The unit positions are summed in: 10^-4 m in a projected CRS, 10^-9 degree in a geographic one
   * (far below a tile's 1/4096 at every level, and 5 million sums stay within a long).
   */
  public static double quantum(CrsRegistry crs, MatrixSet set) {
    return crs.require(set.crsCode()).geographic() ? 1e-9 : 1e-4;
  }

  /** A cell's mean coordinate from its sum in quanta: one formula for the scan and the aggregates. */
  static double mean(long sum, int count, double quantum) {
    return (double) sum / count * quantum;
  }

  /** Lon/lat of a world position: the centre of its unit, as every grid reads index positions. */
  public static double[] lonLat(int x, int y) {
    return new double[] {WebMercatorQuad.lon(x + 0.5), WebMercatorQuad.lat(y + 0.5)};
  }

  private static final class Accumulator implements ClusterIndex.EntryVisitor {
    private final TileMatrix m;
    private final long cx0;
    private final long cy0;
    private final int categoryCount;
    private final int statusCount;
    private final CrsTransform fromLonLat;
    private final double quantum;
    private final double[] xy = new double[2 * BATCH];
    private final long[] ids = new long[BATCH];
    private final long[] times = new long[BATCH];
    private final byte[] cats = new byte[BATCH];
    private final byte[] stats = new byte[BATCH];
    private int n;
    private final int[] count = new int[CELLS * CELLS];
    private final long[] sumE = new long[CELLS * CELLS];
    private final long[] sumN = new long[CELLS * CELLS];
    private final int[][] categories = new int[CELLS * CELLS][];
    private final int[][] statuses = new int[CELLS * CELLS][];
    private final long[] lastId = new long[CELLS * CELLS];
    private final int[] lastCategory = new int[CELLS * CELLS];
    private final int[] lastStatus = new int[CELLS * CELLS];
    private final long[] lastTime = new long[CELLS * CELLS];

    Accumulator(TileMatrix m, long col, long row, int categoryCount, int statusCount, CrsTransform fromLonLat,
        double quantum) {
      this.quantum = quantum;
      this.m = m;
      this.cx0 = col * CELLS;
      this.cy0 = row * CELLS;
      this.categoryCount = categoryCount;
      this.statusCount = statusCount;
      this.fromLonLat = fromLonLat;
    }

    @Override
    public void visit(long id, int x, int y, int category, int status, long time) {
      double[] p = lonLat(x, y);
      xy[2 * n] = p[0];
      xy[2 * n + 1] = p[1];
      ids[n] = id;
      times[n] = time;
      cats[n] = (byte) category;
      stats[n] = (byte) status;
      if (++n == BATCH) {
        flush();
      }
    }

    void flush() {
      fromLonLat.apply(xy, 0, n);
      for (int k = 0; k < n; k++) {
        double e = xy[2 * k];
        double no = xy[2 * k + 1];
        long i = cellColumn(m, e) - cx0;
        long j = cellRow(m, no) - cy0;
        if (i < 0 || j < 0 || i >= CELLS || j >= CELLS) {
          continue;
        }
        int c = (int) (j * CELLS + i);
        if (count[c]++ == 0) {
          categories[c] = new int[categoryCount];
          statuses[c] = new int[statusCount];
        }
        sumE[c] += Math.round(e / quantum);
        sumN[c] += Math.round(no / quantum);
        categories[c][cats[k]]++;
        statuses[c][stats[k]]++;
        lastId[c] = ids[k];
        lastCategory[c] = cats[k];
        lastStatus[c] = stats[k];
        lastTime[c] = times[k];
      }
      n = 0;
    }

    List<Cell> cells() {
      List<Cell> out = new ArrayList<>();
      for (int c = 0; c < count.length; c++) {
        if (count[c] == 0) {
          continue;
        }
        boolean single = count[c] == 1;
        out.add(new Cell(c % CELLS, c / CELLS, count[c], mean(sumE[c], count[c], quantum),
            mean(sumN[c], count[c], quantum), categories[c],
            statuses[c], single ? lastId[c] : -1, single ? lastCategory[c] : -1, single ? lastStatus[c] : -1,
            single ? lastTime[c] : 0));
      }
      return out;
    }
  }
}
