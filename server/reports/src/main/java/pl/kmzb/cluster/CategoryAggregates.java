package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
