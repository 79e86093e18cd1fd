package pl.kmzb.cluster;

import pl.kmzb.tiles.Morton;

/**
 * Sums the entries of a tile window into its grid cells kept apart by category, in one pass, so
 * the cells of several filters that differ only in their categories (the layers of a WMS group:
 * one per category group, one per category, the clusters) come from one scan instead of one scan
 * each. Each filter's cell is then the sum of its categories' parts ({@link #cell}): the same
 * counts, coordinate sums, Morton range and single report a scan with that filter alone finds.
 */
final class CategoryCellScan implements PointStore.RunVisitor {
  /** One grid cell's totals per category (arrays indexed by category; statuses by category × status). */
  static final class Parts {
    final long code;
    final int[] count;
    final long[] sumX;
    final long[] sumY;
    final long[] minMorton;
    final long[] maxMorton;
    final long[] lastId;
    final long[] lastTime;
    final int[] lastStatus;
    final int[] statuses;

    Parts(long code, int categoryCount, int statusCount) {
      this.code = code;
      count = new int[categoryCount];
      sumX = new long[categoryCount];
      sumY = new long[categoryCount];
      minMorton = new long[categoryCount];
      maxMorton = new long[categoryCount];
      lastId = new long[categoryCount];
      lastTime = new long[categoryCount];
      lastStatus = new int[categoryCount];
      statuses = new int[categoryCount * statusCount];
    }
  }

  private final Parts[] grid;
  private final int gx0;
  private final int gy0;
  private final int shift;
  private final int codeShift;
  private final int categoryCount;
  private final int statusCount;
  private final IndexFilter filter;
  private final boolean[] attributes;
  private final boolean[] areaMatch;
  private final boolean general;
  private final boolean timeFree;

  /** As {@link CellScan}; {@code filter}'s category mask is the union of the categories wanted. */
  CategoryCellScan(Parts[] grid, int level, int gx0, int gy0, IndexFilter filter, boolean[] areaMatch,
      int categoryCount, int statusCount) {
    this.grid = grid;
    this.gx0 = gx0;
    this.gy0 = gy0;
    this.shift = Morton.LEVELS - level;
    this.codeShift = 2 * shift;
    this.categoryCount = categoryCount;
    this.statusCount = statusCount;
    this.filter = filter;
    this.attributes = filter.attributeTable();
    this.areaMatch = areaMatch;
    this.general = areaMatch != null || filter.bbox() != null;
    this.timeFree = filter.fromNanos() == Long.MIN_VALUE && filter.toNanos() == Long.MAX_VALUE;
  }

  @Override
  public void visit(PointChunk c, int from, int to) {
    long[] morton = c.morton;
    int i = from;
    while (i < to) {
      long code = morton[i] >>> codeShift;
      int end = i + 1;
      while (end < to && morton[end] >>> codeShift == code) {
        end++;
      }
      addRun(c, i, end);
      i = end;
    }
  }

  /** Adds the passing entries of [from, to), which all lie in one cell, each to its category's part. */
  private void addRun(PointChunk c, int from, int to) {
    Parts parts = null;
    long fromNanos = filter.fromNanos();
    long toNanos = filter.toNanos();
    for (int i = from; i < to; i++) {
      int category = c.category[i];
      int status = c.status[i];
      if (!attributes[IndexFilter.attributeKey(category, status, c.source[i])]
          || (!timeFree && (c.time[i] < fromNanos || c.time[i] >= toNanos))
          || (general && !filter.test(c, i, areaMatch))) {
        continue;
      }
      if (parts == null) {
        parts = partsOf(c.x[i], c.y[i]);
      }
      long m = c.morton[i];
      if (parts.count[category]++ == 0) {
        parts.minMorton[category] = m;
        parts.maxMorton[category] = m;
      } else {
        parts.minMorton[category] = Math.min(parts.minMorton[category], m);
        parts.maxMorton[category] = Math.max(parts.maxMorton[category], m);
      }
      parts.sumX[category] += c.x[i];
      parts.sumY[category] += c.y[i];
      parts.statuses[category * statusCount + status]++;
      parts.lastId[category] = c.id[i];
      parts.lastStatus[category] = status;
      parts.lastTime[category] = c.time[i];
    }
  }

  private Parts partsOf(int x, int y) {
    int gi = (x >>> shift) - gx0;
    int gj = (y >>> shift) - gy0;
    int k = gj * ClusterGrid.SPAN + gi;
    Parts p = grid[k];
    if (p == null) {
      p = new Parts(Morton.encode(gx0 + gi, gy0 + gj), categoryCount, statusCount);
      grid[k] = p;
    }
    return p;
  }

  /**
   * The cell of the categories in {@code mask}: the sum of their parts, or null when none of them
   * has a report here. When the sum is one report, that report is the one part holding it.
   */
  static Cell cell(Parts p, long mask, int categoryCount, int statusCount) {
    if (p == null) {
      return null;
    }
    Cell cell = null;
    for (int k = 0; k < categoryCount; k++) {
      if ((mask >>> k & 1) == 0 || p.count[k] == 0) {
        continue;
      }
      if (cell == null) {
        cell = new Cell(p.code, categoryCount, statusCount);
      }
      cell.count += p.count[k];
      cell.sumX += p.sumX[k];
      cell.sumY += p.sumY[k];
      cell.minMorton = Math.min(cell.minMorton, p.minMorton[k]);
      cell.maxMorton = Math.max(cell.maxMorton, p.maxMorton[k]);
      cell.categories[k] = p.count[k];
      for (int s = 0; s < statusCount; s++) {
        cell.statuses[s] += p.statuses[k * statusCount + s];
      }
      cell.lastId = p.lastId[k];
      cell.lastCategory = k;
      cell.lastStatus = p.lastStatus[k];
      cell.lastTime = p.lastTime[k];
    }
    return cell;
  }
}
