package pl.kmzb.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotOutput;
import pl.kmzb.tiles.Morton;

/**
 * The clusters of the unfiltered public map for the low zooms, kept up to date entry by entry. At
 * these zooms a tile covers most of the country, so scanning its points for every cold request
 * would cost milliseconds; with the cells at hand a tile is a few hundred map lookups. An insert
 * or removal touches exactly one cell per aggregated zoom.
 */
final class CellAggregates {
  private final int maxZoom;
  private final int categoryCount;
  private final int statusCount;
  private final List<Map<Long, Cell>> levels = new ArrayList<>();

  CellAggregates(int maxZoom, int categoryCount, int statusCount) {
    this.maxZoom = maxZoom;
    this.categoryCount = categoryCount;
    this.statusCount = statusCount;
    for (int z = 0; z <= maxZoom; z++) {
      levels.add(new HashMap<>());
    }
  }

  int maxZoom() {
    return maxZoom;
  }

  /** The cell at {@code zoom} with Morton code {@code code} at its grid level, or null if empty. */
  Cell get(int zoom, long code) {
    return levels.get(zoom).get(code);
  }

  int cellCount() {
    return levels.stream().mapToInt(Map::size).sum();
  }

  /** Builds every level from entries in Morton order: the finest level from the entries, each coarser one from its children. */
  void bulkLoad(PointStore store) {
    levels.forEach(Map::clear);
    int finest = ClusterGrid.level(maxZoom);
    List<Cell> finestCells = new ArrayList<>();
    int shift = 2 * (Morton.LEVELS - finest);
    store.forEach(0, Long.MAX_VALUE, (chunk, from, to) -> {
      Cell current = finestCells.isEmpty() ? null : finestCells.get(finestCells.size() - 1);
      for (int i = from; i < to; i++) {
        long code = chunk.morton[i] >>> shift;
        if (current == null || current.code != code) {
          current = new Cell(code, categoryCount, statusCount);
          finestCells.add(current);
        }
        current.add(chunk.morton[i], chunk.id[i], chunk.x[i], chunk.y[i], chunk.category[i], chunk.status[i],
            chunk.time[i]);
      }
    });
    List<Cell> cells = finestCells;
    for (int z = maxZoom; z >= 0; z--) {
      Map<Long, Cell> level = levels.get(z);
      for (Cell c : cells) {
        level.put(c.code, c);
      }
      if (z > 0) {
        cells = parents(cells);
      }
    }
  }

  /**
   * Writes every level's cells as columns (a snapshot's), so a restart reads them back instead of
   * adding each of millions of entries to a cell per zoom again.
   */
  void write(SnapshotOutput out) throws IOException {
    out.putInt(maxZoom);
    for (Map<Long, Cell> level : levels) {
      int n = level.size();
      long[] longs = new long[n];
      int[] ints = new int[n];
      List<Cell> cells = new ArrayList<>(level.values());
      out.putInt(n);
      putLongs(out, cells, longs, c -> c.code);
      putInts(out, cells, ints, c -> c.count);
      putLongs(out, cells, longs, c -> c.sumX);
      putLongs(out, cells, longs, c -> c.sumY);
      putLongs(out, cells, longs, c -> c.minMorton);
      putLongs(out, cells, longs, c -> c.maxMorton);
      putLongs(out, cells, longs, c -> c.lastId);
      putInts(out, cells, ints, c -> c.lastCategory);
      putInts(out, cells, ints, c -> c.lastStatus);
      putLongs(out, cells, longs, c -> c.lastTime);
      for (Cell c : cells) {
        out.putInts(c.categories, 0, categoryCount);
      }
      for (Cell c : cells) {
        out.putInts(c.statuses, 0, statusCount);
      }
    }
  }

  /**
   * Replaces every level with what {@link #write} wrote, at most {@code maxCells} cells a level
   * (bounds the allocation); whether the cells are those of the index's entries is checked once
   * the server is ready ({@link #difference}).
   */
  void read(SnapshotInput in, int maxCells) throws IOException {
    int zoom = in.getInt();
    if (zoom != maxZoom) {
      throw new SnapshotException("cell aggregates to zoom " + zoom + ", this index keeps them to " + maxZoom);
    }
    for (int z = 0; z <= maxZoom; z++) {
      int n = in.getInt();
      if (n < 0 || n > maxCells || (long) n * (60L + 4L * (categoryCount + statusCount)) > in.remaining()) {
        throw new SnapshotException(n + " cells at zoom " + z + " in " + in.remaining() + " bytes");
      }
      long[] code = longs(in, n);
      int[] count = ints(in, n);
      long[] sumX = longs(in, n);
      long[] sumY = longs(in, n);
      long[] minMorton = longs(in, n);
      long[] maxMorton = longs(in, n);
      long[] lastId = longs(in, n);
      int[] lastCategory = ints(in, n);
      int[] lastStatus = ints(in, n);
      long[] lastTime = longs(in, n);
      int[] categories = ints(in, n * categoryCount);
      int[] statuses = ints(in, n * statusCount);
      Map<Long, Cell> level = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
      for (int i = 0; i < n; i++) {
        Cell c = new Cell(code[i], categoryCount, statusCount);
        c.count = count[i];
        c.sumX = sumX[i];
        c.sumY = sumY[i];
        c.minMorton = minMorton[i];
        c.maxMorton = maxMorton[i];
        c.lastId = lastId[i];
        c.lastCategory = lastCategory[i];
        c.lastStatus = lastStatus[i];
        c.lastTime = lastTime[i];
        System.arraycopy(categories, i * categoryCount, c.categories, 0, categoryCount);
        System.arraycopy(statuses, i * statusCount, c.statuses, 0, statusCount);
        if (level.put(c.code, c) != null) {
          throw new SnapshotException("a cell twice at zoom " + z);
        }
      }
      levels.set(z, level);
    }
  }

  /**
   * How these cells differ from {@code other}'s (the same entries' cells built afresh), or null:
   * every level the same codes with the same counts, sums, extreme codes and counts per category
   * and status, and a single report's details where a cell holds one (for more, they are the last
   * report added, which differs between a bulk build and changes made one by one).
   */
  String difference(CellAggregates other) {
    for (int z = 0; z <= maxZoom; z++) {
      Map<Long, Cell> mine = levels.get(z);
      Map<Long, Cell> theirs = other.levels.get(z);
      if (mine.size() != theirs.size()) {
        return "zoom " + z + " has " + mine.size() + " cells, its entries make " + theirs.size();
      }
      for (Cell a : mine.values()) {
        Cell b = theirs.get(a.code);
        if (b == null || a.count != b.count || a.sumX != b.sumX || a.sumY != b.sumY || a.minMorton != b.minMorton
            || a.maxMorton != b.maxMorton || !java.util.Arrays.equals(a.categories, b.categories)
            || !java.util.Arrays.equals(a.statuses, b.statuses) || a.count == 1 && (a.lastId != b.lastId
            || a.lastCategory != b.lastCategory || a.lastStatus != b.lastStatus || a.lastTime != b.lastTime)) {
          return "the cell " + a.code + " at zoom " + z + " is not its entries'";
        }
      }
    }
    return null;
  }

  private interface LongField {
    long of(Cell c);
  }

  private interface IntField {
    int of(Cell c);
  }

  private static void putLongs(SnapshotOutput out, List<Cell> cells, long[] buf, LongField f) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      buf[i] = f.of(cells.get(i));
    }
    out.putLongs(buf, 0, cells.size());
  }

  private static void putInts(SnapshotOutput out, List<Cell> cells, int[] buf, IntField f) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      buf[i] = f.of(cells.get(i));
    }
    out.putInts(buf, 0, cells.size());
  }

  static long[] longs(SnapshotInput in, int n) throws IOException {
    long[] a = new long[n];
    in.getLongs(a, n);
    return a;
  }

  static int[] ints(SnapshotInput in, int n) throws IOException {
    int[] a = new int[n];
    in.getInts(a, n);
    return a;
  }

  private List<Cell> parents(List<Cell> children) {
    List<Cell> out = new ArrayList<>();
    Cell current = null;
    for (Cell child : children) {
      long code = child.code >>> 2;
      if (current == null || current.code != code) {
        current = new Cell(code, categoryCount, statusCount);
        out.add(current);
      }
      current.merge(child);
    }
    return out;
  }

  /** Adds an entry to its cell at every aggregated zoom; returns the number of cells touched. */
  int add(IndexEntry e) {
    long m = e.morton();
    for (int z = 0; z <= maxZoom; z++) {
      long code = Morton.cellOf(m, ClusterGrid.level(z));
      levels.get(z).computeIfAbsent(code, c -> new Cell(c, categoryCount, statusCount))
          .add(m, e.id(), e.x(), e.y(), e.category(), e.status(), e.time());
    }
    return maxZoom + 1;
  }

  /**
   * Takes an entry out of its cells, after it has left {@code store}; a cell whose extreme code or
   * single report it was asks the store for the new one (a range lookup, not a scan).
   */
  int remove(IndexEntry e, PointStore store) {
    long m = e.morton();
    for (int z = 0; z <= maxZoom; z++) {
      int level = ClusterGrid.level(z);
      long code = Morton.cellOf(m, level);
      Map<Long, Cell> cells = levels.get(z);
      Cell c = cells.get(code);
      if (c == null) {
        throw new IllegalStateException("report " + e.id() + " is not in the aggregates of zoom " + z);
      }
      if (c.count == 1) {
        cells.remove(code);
        continue;
      }
      c.count--;
      c.sumX -= e.x();
      c.sumY -= e.y();
      c.categories[e.category()]--;
      c.statuses[e.status()]--;
      long lo = Morton.cellStart(level, Morton.x(code), Morton.y(code));
      long hi = lo + Morton.cellSpan(level);
      if (m == c.minMorton) {
        c.minMorton = store.firstMorton(lo, hi);
      }
      if (m == c.maxMorton) {
        c.maxMorton = store.lastMorton(lo, hi);
      }
      if (c.count == 1) {
        IndexEntry only = store.firstEntry(lo, hi);
        c.lastId = only.id();
        c.lastCategory = only.category();
        c.lastStatus = only.status();
        c.lastTime = only.time();
      }
    }
    return maxZoom + 1;
  }
}
