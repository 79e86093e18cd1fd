package pl.kmzb.cluster;

/**
 * What one grid cell holds for one filter: how many reports, the sums of their world coordinates
 * (the weighted centre is sum / count, exact in integers whatever the order of arrival), the
 * lowest and highest Morton code (their common prefix says at which zoom the cell splits), counts
 * per category and per status, and for a cell of one report that report.
 */
final class Cell {
  final long code;
  int count;
  long sumX;
  long sumY;
  long minMorton = Long.MAX_VALUE;
  long maxMorton = Long.MIN_VALUE;
  final int[] categories;
  final int[] statuses;
  /** The last report added; it is the cell's only report when count is 1. */
  long lastId;
  int lastCategory;
  int lastStatus;
  long lastTime;

  Cell(long code, int categoryCount, int statusCount) {
    this.code = code;
    this.categories = new int[categoryCount];
    this.statuses = new int[statusCount];
  }

  void add(long morton, long id, int x, int y, int category, int status, long time) {
    count++;
    sumX += x;
    sumY += y;
    if (morton < minMorton) {
      minMorton = morton;
    }
    if (morton > maxMorton) {
      maxMorton = morton;
    }
    categories[category]++;
    statuses[status]++;
    lastId = id;
    lastCategory = category;
    lastStatus = status;
    lastTime = time;
  }

  /** Adds another cell's totals (a child cell into its parent). */
  void merge(Cell other) {
    count += other.count;
    sumX += other.sumX;
    sumY += other.sumY;
    minMorton = Math.min(minMorton, other.minMorton);
    maxMorton = Math.max(maxMorton, other.maxMorton);
    for (int i = 0; i < categories.length; i++) {
      categories[i] += other.categories[i];
    }
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] += other.statuses[i];
    }
    lastId = other.lastId;
    lastCategory = other.lastCategory;
    lastStatus = other.lastStatus;
    lastTime = other.lastTime;
  }

  int centreX() {
    return (int) Math.floorDiv(sumX, count);
  }

  int centreY() {
    return (int) Math.floorDiv(sumY, count);
  }
}
