package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
