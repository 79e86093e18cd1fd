package pl.kmzb.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.geo.Envelope;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotOutput;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.TileMatrix;

/**
 * The unfiltered public clusters of one matrix set's coarse levels (Geoportal's EPSG:2180 set, whose
 * levels are not the index's quadtree, and WorldCRS84Quad, whose tiles are not Web Mercator's), kept
 * up to date entry by entry as {@link CellAggregates} are for Web Mercator: a national tile is then
 * its 256 cells looked up, not a scan and a projection of every public report. One instance per set,
 * the same code for each: the set is a parameter ({@link ClusterIndex#GRID_SETS}).
 *
 * <p>Exactly the scan's answer ({@link GridClusters}): a report is projected once and put in the cell
 * of each aggregated level by the scan's own formula ({@link GridClusters#cellColumn}, {@link
 * GridClusters#cellRow}), so membership is the same even where levels do not nest (Geoportal steps by
 * 2.5 at some levels); positions are summed as whole multiples of the set's quantum ({@link
 * GridClusters#quantum}), so the mean is the same whatever the order of arrivals and removals; the id
 * and time of a cell's single report are the sums of its ids and times (exact modulo 2^64), and its
 * category and status the ones counted once. A removal therefore needs no look-up in the point store.
 *
 * <p>Levels aggregated: those whose cells are at least {@link #MIN_CELL} metres wide at the level's
 * nominal scale (scale denominator × 0.28 mm × pixels per cell, OGC's measure for projected and
 * geographic sets alike): EPSG:2180 levels 0–8 (cells of 271 km down to 846 m), WorldCRS84Quad levels
 * 0–10 (11.25° down to 0.011°: 1,252 km down to 1,223 m nominal; at 52° N 753 m × 1,223 m);
 * finer levels are cut from the point store by the scan.
 *
 * <p>Memory: one slot per non-empty cell per level ({@link GridCells}): with the catalogue's 25
 * categories 172 bytes of columns plus 32–64 bytes of key map, computed (a HashMap of objects measured
 * 310 bytes a cell: GridBench at 1 M demo reports, 611,630 public, 282,554 WorldCRS84Quad cells; at
 * 5 M demo reports, 3.06 M public, both sets hold 943,121 cells). Reports lie in Poland (submissions elsewhere are refused), so a level
 * holds at most the cells of its grid over Poland's envelope ({@link #maxCells}: 688,018 for
 * WorldCRS84Quad, 874,150 for EPSG:2180), whatever the number of reports.
 */
final class GridAggregates {
  /** The finest cell aggregated, in metres at the level's nominal scale. */
  static final double MIN_CELL = 800;

  private final MatrixSet set;
  private final int maxLevel;
  private final int categoryCount;
  private final int statusCount;
  private final double quantum;
  private final CrsTransform fromLonLat;
  private final List<TileMatrix> matrices = new ArrayList<>();
  private final List<GridCells> levels = new ArrayList<>();
  private final long maxCells;

  GridAggregates(MatrixSet set, int categoryCount, int statusCount) {
    CrsRegistry crs = CrsRegistry.standard();
    this.set = set;
    this.categoryCount = categoryCount;
    this.statusCount = statusCount;
    this.quantum = GridClusters.quantum(crs, set);
    this.fromLonLat = crs.fromLonLat(crs.require(set.crsCode()));
    int deepest = -1;
    for (int l = 0; l < set.matrices().size(); l++) {
      TileMatrix m = set.level(l);
      if (nominalCell(m) < MIN_CELL) {
        break;
      }
      deepest = l;
      matrices.add(m);
      levels.add(new GridCells(categoryCount, statusCount));
    }
    this.maxLevel = deepest;
    this.maxCells = cellsOver(crs.fromLonLat(crs.require(set.crsCode())).apply(Bounds.of(Envelope.POLAND)));
  }

  /** A cell's width in metres at the level's scale denominator (for EPSG:2180, its width in metres). */
  static double nominalCell(TileMatrix m) {
    return m.scaleDenominator() * TileMatrix.PIXEL_METRES * m.tileWidth() / GridClusters.CELLS;
  }

  private long cellsOver(Bounds b) {
    long n = 0;
    for (TileMatrix m : matrices) {
      long columns = GridClusters.cellColumn(m, b.maxX()) - GridClusters.cellColumn(m, b.minX()) + 1;
      long rows = GridClusters.cellRow(m, b.minY()) - GridClusters.cellRow(m, b.maxY()) + 1;
      n += columns * rows;
    }
    return n;
  }

  MatrixSet set() {
    return set;
  }

  /** The deepest level held (-1: none). */
  int maxLevel() {
    return maxLevel;
  }

  int cellCount() {
    return levels.stream().mapToInt(GridCells::size).sum();
  }

  /** Every level's cells as text (tests compare a restored index's with a freshly built one's). */
  List<String> describe() {
    List<String> out = new ArrayList<>();
    for (int l = 0; l <= maxLevel; l++) {
      for (String c : levels.get(l).describe()) {
        out.add(set.id() + "/" + l + "/" + c);
      }
    }
    return out;
  }

  /** The most cells the levels can hold with every report in Poland's envelope: the memory bound. */
  long maxCells() {
    return maxCells;
  }

  /** The key of cell (column, row): the pair packed ({@link LongLongMap} mixes it for its hash). */
  static long key(long column, long row) {
    return (column << 32) ^ (row & 0xffffffffL);
  }

  /** Builds every level from the store's entries, projected in batches. */
  void bulkLoad(PointStore store) {
    levels.replaceAll(l -> new GridCells(categoryCount, statusCount));
    double[] xy = new double[2 * GridClusters.BATCH];
    // The store runs in Morton order, so neighbours mostly share a cell: remember each level's last
    // cell and skip the map for them. Safe here: the load only adds.
    long[] lastKey = new long[maxLevel + 1];
    int[] lastCell = new int[maxLevel + 1];
    java.util.Arrays.fill(lastCell, -1);
    store.forEach(0, Long.MAX_VALUE, (chunk, from, to) -> {
      for (int start = from; start < to; start += GridClusters.BATCH) {
        int n = Math.min(GridClusters.BATCH, to - start);
        for (int k = 0; k < n; k++) {
          double[] p = GridClusters.lonLat(chunk.x[start + k], chunk.y[start + k]);
          xy[2 * k] = p[0];
          xy[2 * k + 1] = p[1];
        }
        fromLonLat.apply(xy, 0, n);
        for (int k = 0; k < n; k++) {
          int i = start + k;
          add(xy[2 * k], xy[2 * k + 1], chunk.id[i], chunk.category[i], chunk.status[i], chunk.time[i], lastKey,
              lastCell);
        }
      }
    });
  }

  /**
   * Writes every level's cells ({@link GridCells#write}), so a restart reads them back instead of
   * projecting every report again: the projection is most of a bulk load (seconds at 5 M reports).
   */
  void write(SnapshotOutput out) throws IOException {
    out.putString(set.id());
    out.putInt(maxLevel);
    for (GridCells level : levels) {
      level.write(out);
    }
  }

  /**
   * Replaces every level with what {@link #write} wrote, checking that the file is of this set and
   * these levels; what the cells count is checked once the server is ready ({@link #check}).
   */
  void read(SnapshotInput in, int entries) throws IOException {
    String id = in.getString(256);
    int deepest = in.getInt();
    if (!set.id().equals(id) || deepest != maxLevel) {
      throw new SnapshotException("grid aggregates of " + id + " to level " + deepest + ", this server keeps "
          + set.id() + " to level " + maxLevel);
    }
    List<GridCells> read = new ArrayList<>();
    for (int l = 0; l <= maxLevel; l++) {
      read.add(GridCells.read(in, categoryCount, statusCount, Math.min(entries, maxCells), set.id() + " level " + l));
    }
    for (int l = 0; l <= maxLevel; l++) {
      levels.set(l, read.get(l));
    }
  }

  /** What is wrong with the levels, or null: each must count each of the index's {@code entries} reports once. */
  String check(int entries) {
    for (int l = 0; l <= maxLevel; l++) {
      GridCells level = levels.get(l);
      String where = set.id() + " level " + l;
      String problem = level.check(where);
      if (problem != null) {
        return problem;
      }
      if (level.total() != entries) {
        return where + " counts " + level.total() + " reports of " + entries;
      }
    }
    return null;
  }

  private void add(double east, double north, long id, int category, int status, long time, long[] lastKey,
      int[] lastCell) {
    long qe = Math.round(east / quantum);
    long qn = Math.round(north / quantum);
    for (int l = 0; l <= maxLevel; l++) {
      TileMatrix m = matrices.get(l);
      long key = key(GridClusters.cellColumn(m, east), GridClusters.cellRow(m, north));
      GridCells cells = levels.get(l);
      int c = lastCell[l];
      if (c < 0 || lastKey[l] != key) {
        c = cells.findOrAdd(key);
        lastCell[l] = c;
        lastKey[l] = key;
      }
      cells.change(c, qe, qn, id, time, category, status, 1);
    }
  }

  void add(IndexEntry e) {
    double[] p = position(e);
    change(p[0], p[1], e.id(), e.category(), e.status(), e.time(), 1);
  }

  void remove(IndexEntry e) {
    double[] p = position(e);
    change(p[0], p[1], e.id(), e.category(), e.status(), e.time(), -1);
  }

  private double[] position(IndexEntry e) {
    double[] ll = GridClusters.lonLat(e.x(), e.y());
    return fromLonLat.apply(ll[0], ll[1]);
  }

  private void change(double east, double north, long id, int category, int status, long time, int sign) {
    long qe = Math.round(east / quantum);
    long qn = Math.round(north / quantum);
    for (int l = 0; l <= maxLevel; l++) {
      TileMatrix m = matrices.get(l);
      long key = key(GridClusters.cellColumn(m, east), GridClusters.cellRow(m, north));
      GridCells cells = levels.get(l);
      int c = sign < 0 ? cells.find(key) : cells.findOrAdd(key);
      if (c < 0) {
        throw new IllegalStateException("report " + id + " is not in the " + set.id() + " aggregates of level " + l);
      }
      cells.change(c, qe, qn, id, time, category, status, sign);
    }
  }

  /**
   * The cells of tile (col, row) at {@code level}, in the scan's order (rows down, then columns), or
   * null when the level is not aggregated.
   */
  List<GridClusters.Cell> tile(int level, long col, long row) {
    if (level > maxLevel) {
      return null;
    }
    GridCells cells = levels.get(level);
    List<GridClusters.Cell> out = new ArrayList<>();
    for (int j = 0; j < GridClusters.CELLS; j++) {
      for (int i = 0; i < GridClusters.CELLS; i++) {
        int c = cells.find(key(col * GridClusters.CELLS + i, row * GridClusters.CELLS + j));
        if (c >= 0) {
          out.add(cell(i, j, cells, c));
        }
      }
    }
    return out;
  }

  private GridClusters.Cell cell(int i, int j, GridCells cells, int c) {
    int count = cells.count[c];
    boolean single = count == 1;
    int[] categories = cells.categoryCounts(c);
    int[] statuses = cells.statusCounts(c);
    return new GridClusters.Cell(i, j, count, GridClusters.mean(cells.sumE[c], count, quantum),
        GridClusters.mean(cells.sumN[c], count, quantum), categories, statuses, single ? cells.sumId[c] : -1,
        single ? only(categories) : -1, single ? only(statuses) : -1, single ? cells.sumTime[c] : 0);
  }

  private static int only(int[] counts) {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 1) {
        return i;
      }
    }
    throw new IllegalStateException("a cell of one report counts none");
  }
}
