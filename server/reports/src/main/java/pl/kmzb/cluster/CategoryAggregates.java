package pl.kmzb.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotOutput;
import pl.kmzb.tiles.Morton;

/**
 * The clusters of the public map kept apart by category for the coarsest zooms, kept up to date
 * entry by entry, so a layer of one category or category group (and the group {@code threats},
 * which draws all of them) is a few hundred lookups at national scale instead of a scan of every
 * report: what {@link CellAggregates} does for the unfiltered map. Each cell holds, per category,
 * what a scan of that category alone would sum ({@link CategoryCellScan.Parts}); a filter's cell is
 * the sum of its categories' parts ({@link CategoryCellScan#cell}).
 *
 * <p>Kept only to a coarse zoom ({@link #DEEPEST}, at most the unfiltered aggregates' zoom): a
 * cell costs a few bytes per category, and from there on a tile holds few enough reports that a
 * scan is cheap. An insert touches one cell per zoom. A removal too, except when a category's
 * lowest or highest Morton code or its single report in a cell must be found again: then the cell
 * at the deepest zoom reads its own range of the point store (a cell of about 10 km), and each
 * coarser cell takes them from its four children.
 */
final class CategoryAggregates {
  /**
   * The deepest zoom kept: a national 1024 px map reads zoom 6, a 2048 px one zoom 7, a 1024 px map
   * of 250 km (a voivodeship or two, the slowest view of the group {@code threats} at 7) zoom 8. At
   * 5 M synthetic reports zooms 0-8 hold 15,783 cells of some 2.3 KB (25 categories): ~37 MB; zoom 9 would
   * be four times that for views a quarter as large, which a scan draws in time.
   */
  static final int DEEPEST = 8;

  private final int maxZoom;
  private final int categoryCount;
  private final int statusCount;
  private final List<Map<Long, CategoryCellScan.Parts>> levels = new ArrayList<>();

  CategoryAggregates(int maxZoom, int categoryCount, int statusCount) {
    this.maxZoom = Math.min(DEEPEST, maxZoom);
    this.categoryCount = categoryCount;
    this.statusCount = statusCount;
    for (int z = 0; z <= this.maxZoom; z++) {
      levels.add(new HashMap<>());
    }
  }

  int maxZoom() {
    return maxZoom;
  }

  /** The cell at {@code zoom} with Morton code {@code code} at its grid level, or null if empty. */
  CategoryCellScan.Parts get(int zoom, long code) {
    return levels.get(zoom).get(code);
  }

  int cellCount() {
    return levels.stream().mapToInt(Map::size).sum();
  }

  /** Builds every level from the store: the deepest from its entries (in Morton order), each coarser one from its children. */
  void bulkLoad(PointStore store) {
    levels.forEach(Map::clear);
    int deepest = ClusterGrid.level(maxZoom);
    int shift = 2 * (Morton.LEVELS - deepest);
    List<CategoryCellScan.Parts> cells = new ArrayList<>();
    store.forEach(0, Long.MAX_VALUE, (chunk, from, to) -> {
      CategoryCellScan.Parts current = cells.isEmpty() ? null : cells.get(cells.size() - 1);
      for (int i = from; i < to; i++) {
        long code = chunk.morton[i] >>> shift;
        if (current == null || current.code != code) {
          current = new CategoryCellScan.Parts(code, categoryCount, statusCount);
          cells.add(current);
        }
        add(current, chunk.morton[i], chunk.id[i], chunk.x[i], chunk.y[i], chunk.category[i], chunk.status[i],
            chunk.time[i]);
      }
    });
    List<CategoryCellScan.Parts> level = cells;
    for (int z = maxZoom; z >= 0; z--) {
      Map<Long, CategoryCellScan.Parts> map = levels.get(z);
      for (CategoryCellScan.Parts p : level) {
        map.put(p.code, p);
      }
      if (z > 0) {
        level = parents(level);
      }
    }
  }

  /** Writes every level's cells as columns (a snapshot's), as {@link CellAggregates#write} does. */
  void write(SnapshotOutput out) throws IOException {
    out.putInt(maxZoom);
    for (Map<Long, CategoryCellScan.Parts> level : levels) {
      List<CategoryCellScan.Parts> parts = new ArrayList<>(level.values());
      int n = parts.size();
      out.putInt(n);
      long[] codes = new long[n];
      for (int i = 0; i < n; i++) {
        codes[i] = parts.get(i).code;
      }
      out.putLongs(codes, 0, n);
      for (CategoryCellScan.Parts p : parts) {
        out.putInts(p.count, 0, categoryCount);
      }
      for (CategoryCellScan.Parts p : parts) {
        out.putInts(p.lastStatus, 0, categoryCount);
      }
      for (CategoryCellScan.Parts p : parts) {
        out.putInts(p.statuses, 0, categoryCount * statusCount);
      }
      for (int f = 0; f < LONG_FIELDS; f++) {
        for (CategoryCellScan.Parts p : parts) {
          out.putLongs(longField(p, f), 0, categoryCount);
        }
      }
    }
  }

  /** sumX, sumY, minMorton, maxMorton, lastId, lastTime: the per-category columns of longs. */
  private static final int LONG_FIELDS = 6;

  private static long[] longField(CategoryCellScan.Parts p, int f) {
    return switch (f) {
      case 0 -> p.sumX;
      case 1 -> p.sumY;
      case 2 -> p.minMorton;
      case 3 -> p.maxMorton;
      case 4 -> p.lastId;
      default -> p.lastTime;
    };
  }

  /**
   * Replaces every level with what {@link #write} wrote, at most {@code maxCells} cells a level;
   * whether they are the entries' is checked once the server is ready ({@link #difference}).
   */
  void read(SnapshotInput in, int maxCells) throws IOException {
    int zoom = in.getInt();
    if (zoom != maxZoom) {
      throw new SnapshotException("category aggregates to zoom " + zoom + ", this index keeps them to " + maxZoom);
    }
    int k = categoryCount;
    for (int z = 0; z <= maxZoom; z++) {
      int n = in.getInt();
      if (n < 0 || n > maxCells || (long) n * (8 + k * (8L + 8L * LONG_FIELDS + 4L * statusCount)) > in.remaining()) {
        throw new SnapshotException(n + " category cells at zoom " + z + " in " + in.remaining() + " bytes");
      }
      long[] codes = CellAggregates.longs(in, n);
      List<CategoryCellScan.Parts> parts = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        parts.add(new CategoryCellScan.Parts(codes[i], k, statusCount));
      }
      int[] ints = CellAggregates.ints(in, n * k);
      for (int i = 0; i < n; i++) {
        System.arraycopy(ints, i * k, parts.get(i).count, 0, k);
      }
      ints = CellAggregates.ints(in, n * k);
      for (int i = 0; i < n; i++) {
        System.arraycopy(ints, i * k, parts.get(i).lastStatus, 0, k);
      }
      ints = CellAggregates.ints(in, n * k * statusCount);
      for (int i = 0; i < n; i++) {
        System.arraycopy(ints, i * k * statusCount, parts.get(i).statuses, 0, k * statusCount);
      }
      for (int f = 0; f < LONG_FIELDS; f++) {
        long[] longs = CellAggregates.longs(in, n * k);
        for (int i = 0; i < n; i++) {
          System.arraycopy(longs, i * k, longField(parts.get(i), f), 0, k);
        }
      }
      Map<Long, CategoryCellScan.Parts> level = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
      for (CategoryCellScan.Parts p : parts) {
        if (level.put(p.code, p) != null) {
          throw new SnapshotException("a category cell twice at zoom " + z);
        }
      }
      levels.set(z, level);
    }
  }

  /**
   * How these cells differ from {@code other}'s (the same entries' cells built afresh), or null:
   * per category the same counts, sums and counts per status, the same extreme codes where it has
   * reports, and its single report's details where it has one.
   */
  String difference(CategoryAggregates other) {
    for (int z = 0; z <= maxZoom; z++) {
      Map<Long, CategoryCellScan.Parts> mine = levels.get(z);
      Map<Long, CategoryCellScan.Parts> theirs = other.levels.get(z);
      if (mine.size() != theirs.size()) {
        return "category zoom " + z + " has " + mine.size() + " cells, its entries make " + theirs.size();
      }
      for (CategoryCellScan.Parts a : mine.values()) {
        CategoryCellScan.Parts b = theirs.get(a.code);
        if (b == null || !Arrays.equals(a.count, b.count) || !Arrays.equals(a.sumX, b.sumX)
            || !Arrays.equals(a.sumY, b.sumY) || !Arrays.equals(a.statuses, b.statuses)) {
          return "the category cell " + a.code + " at zoom " + z + " is not its entries'";
        }
        for (int k = 0; k < categoryCount; k++) {
          if (a.count[k] > 0 && (a.minMorton[k] != b.minMorton[k] || a.maxMorton[k] != b.maxMorton[k])
              || a.count[k] == 1 && (a.lastId[k] != b.lastId[k] || a.lastStatus[k] != b.lastStatus[k]
              || a.lastTime[k] != b.lastTime[k])) {
            return "category " + k + " of the cell " + a.code + " at zoom " + z + " is not its entries'";
          }
        }
      }
    }
    return null;
  }

  private List<CategoryCellScan.Parts> parents(List<CategoryCellScan.Parts> children) {
    List<CategoryCellScan.Parts> out = new ArrayList<>();
    CategoryCellScan.Parts current = null;
    for (CategoryCellScan.Parts child : children) {
      long code = child.code >>> 2;
      if (current == null || current.code != code) {
        current = new CategoryCellScan.Parts(code, categoryCount, statusCount);
        out.add(current);
      }
      for (int k = 0; k < categoryCount; k++) {
        if (child.count[k] > 0) {
          mergeCategory(current, child, k);
        }
      }
    }
    return out;
  }

  /** Adds an entry to its cell at every zoom kept. */
  void add(IndexEntry e) {
    long m = e.morton();
    for (int z = 0; z <= maxZoom; z++) {
      long code = Morton.cellOf(m, ClusterGrid.level(z));
      CategoryCellScan.Parts p = levels.get(z).computeIfAbsent(code,
          c -> new CategoryCellScan.Parts(c, categoryCount, statusCount));
      add(p, m, e.id(), e.x(), e.y(), e.category(), e.status(), e.time());
    }
  }

  /** Takes an entry out of its cells, after it has left {@code store}: deepest zoom first, so coarser cells can ask their children. */
  void remove(IndexEntry e, PointStore store) {
    long m = e.morton();
    int k = e.category();
    for (int z = maxZoom; z >= 0; z--) {
      int level = ClusterGrid.level(z);
      long code = Morton.cellOf(m, level);
      Map<Long, CategoryCellScan.Parts> cells = levels.get(z);
      CategoryCellScan.Parts p = cells.get(code);
      if (p == null || p.count[k] == 0) {
        throw new IllegalStateException("report " + e.id() + " is not in the category aggregates of zoom " + z);
      }
      p.count[k]--;
      p.sumX[k] -= e.x();
      p.sumY[k] -= e.y();
      p.statuses[k * statusCount + e.status()]--;
      if (p.count[k] == 0) {
        if (isEmpty(p)) {
          cells.remove(code);
        }
        continue;
      }
      if (m == p.minMorton[k] || m == p.maxMorton[k] || p.count[k] == 1) {
        if (z == maxZoom) {
          rescan(p, k, level, store);
        } else {
          fromChildren(p, k, z);
        }
      }
    }
  }

  /** Finds category {@code k}'s lowest and highest code, and its last report, in the cell's own range of the store. */
  private void rescan(CategoryCellScan.Parts p, int k, int level, PointStore store) {
    long lo = Morton.cellStart(level, Morton.x(p.code), Morton.y(p.code));
    p.minMorton[k] = Long.MAX_VALUE;
    p.maxMorton[k] = Long.MIN_VALUE;
    store.forEach(lo, lo + Morton.cellSpan(level), (c, from, to) -> {
      for (int i = from; i < to; i++) {
        if (c.category[i] == k) {
          p.minMorton[k] = Math.min(p.minMorton[k], c.morton[i]);
          p.maxMorton[k] = Math.max(p.maxMorton[k], c.morton[i]);
          p.lastId[k] = c.id[i];
          p.lastStatus[k] = c.status[i];
          p.lastTime[k] = c.time[i];
        }
      }
    });
  }

  /** Category {@code k}'s extremes and last report from the four child cells at zoom z + 1 (already current). */
  private void fromChildren(CategoryCellScan.Parts p, int k, int z) {
    p.minMorton[k] = Long.MAX_VALUE;
    p.maxMorton[k] = Long.MIN_VALUE;
    Map<Long, CategoryCellScan.Parts> children = levels.get(z + 1);
    for (int q = 0; q < 4; q++) {
      CategoryCellScan.Parts c = children.get(p.code << 2 | q);
      if (c != null && c.count[k] > 0) {
        p.minMorton[k] = Math.min(p.minMorton[k], c.minMorton[k]);
        p.maxMorton[k] = Math.max(p.maxMorton[k], c.maxMorton[k]);
        p.lastId[k] = c.lastId[k];
        p.lastStatus[k] = c.lastStatus[k];
        p.lastTime[k] = c.lastTime[k];
      }
    }
  }

  private boolean isEmpty(CategoryCellScan.Parts p) {
    for (int k = 0; k < categoryCount; k++) {
      if (p.count[k] > 0) {
        return false;
      }
    }
    return true;
  }

  private void add(CategoryCellScan.Parts p, long m, long id, int x, int y, int k, int status, long time) {
    if (p.count[k]++ == 0) {
      p.minMorton[k] = m;
      p.maxMorton[k] = m;
    } else {
      p.minMorton[k] = Math.min(p.minMorton[k], m);
      p.maxMorton[k] = Math.max(p.maxMorton[k], m);
    }
    p.sumX[k] += x;
    p.sumY[k] += y;
    p.statuses[k * statusCount + status]++;
    p.lastId[k] = id;
    p.lastStatus[k] = status;
    p.lastTime[k] = time;
  }

  private void mergeCategory(CategoryCellScan.Parts into, CategoryCellScan.Parts child, int k) {
    if (into.count[k] == 0) {
      into.minMorton[k] = child.minMorton[k];
      into.maxMorton[k] = child.maxMorton[k];
    } else {
      into.minMorton[k] = Math.min(into.minMorton[k], child.minMorton[k]);
      into.maxMorton[k] = Math.max(into.maxMorton[k], child.maxMorton[k]);
    }
    into.count[k] += child.count[k];
    into.sumX[k] += child.sumX[k];
    into.sumY[k] += child.sumY[k];
    for (int s = 0; s < statusCount; s++) {
      into.statuses[k * statusCount + s] += child.statuses[k * statusCount + s];
    }
    into.lastId[k] = child.lastId[k];
    into.lastStatus[k] = child.lastStatus[k];
    into.lastTime[k] = child.lastTime[k];
  }
}
