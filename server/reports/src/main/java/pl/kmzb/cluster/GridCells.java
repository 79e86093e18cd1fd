package pl.kmzb.cluster;

import java.io.IOException;
import java.util.Arrays;
import pl.kmzb.snapshot.SnapshotException;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotOutput;

/**
 * The cells of one aggregated grid level ({@link GridAggregates}), column by column: each cell is a
 * slot in primitive arrays (count, summed positions in quanta, summed ids and times, counts per
 * category and per status), found by its key through a {@link LongLongMap}. No object per cell: a
 * cell costs about 200–240 bytes instead of five objects (310 bytes) for the collector to trace and
 * copy, and a snapshot reads a level back as a few bulk array reads.
 *
 * <p>Slots of cells that empty are reused. Not thread-safe: {@link ClusterIndex} guards it.
 */
final class GridCells {
  private static final long ABSENT = -1;

  private final int categories;
  private final int statuses;
  private LongLongMap slots = new LongLongMap(16);
  private long[] keys = new long[16];
  int[] count = new int[16];
  long[] sumE = new long[16];
  long[] sumN = new long[16];
  long[] sumId = new long[16];
  long[] sumTime = new long[16];
  /** Slot s's category counts are [s × categories, (s + 1) × categories). */
  int[] categoryCounts;
  int[] statusCounts;
  /** Slots handed out so far; those of emptied cells are on {@link #free}. */
  private int used;
  private int[] free = new int[16];
  private int freeCount;

  GridCells(int categories, int statuses) {
    this.categories = categories;
    this.statuses = statuses;
    this.categoryCounts = new int[16 * categories];
    this.statusCounts = new int[16 * statuses];
  }

  int size() {
    return slots.size();
  }

  int categories() {
    return categories;
  }

  int statuses() {
    return statuses;
  }

  /** The slot of the cell with {@code key}, or -1. */
  int find(long key) {
    return (int) slots.get(key, ABSENT);
  }

  /** The slot of the cell with {@code key}, made (empty) if there is none. */
  int findOrAdd(long key) {
    int s = find(key);
    if (s >= 0) {
      return s;
    }
    s = freeCount > 0 ? free[--freeCount] : next();
    keys[s] = key;
    slots.put(key, s);
    return s;
  }

  /** Adds ({@code sign} 1) or takes away (-1) one report; a cell that counts none is removed. */
  void change(int s, long qe, long qn, long id, long time, int category, int status, int sign) {
    count[s] += sign;
    sumE[s] += sign * qe;
    sumN[s] += sign * qn;
    sumId[s] += sign * id;
    sumTime[s] += sign * time;
    categoryCounts[s * categories + category] += sign;
    statusCounts[s * statuses + status] += sign;
    if (count[s] == 0) {
      release(s);
    }
  }

  int[] categoryCounts(int s) {
    return Arrays.copyOfRange(categoryCounts, s * categories, (s + 1) * categories);
  }

  int[] statusCounts(int s) {
    return Arrays.copyOfRange(statusCounts, s * statuses, (s + 1) * statuses);
  }

  private void release(int s) {
    slots.remove(keys[s], ABSENT);
    sumE[s] = 0;
    sumN[s] = 0;
    sumId[s] = 0;
    sumTime[s] = 0;
    Arrays.fill(categoryCounts, s * categories, (s + 1) * categories, 0);
    Arrays.fill(statusCounts, s * statuses, (s + 1) * statuses, 0);
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = s;
  }

  private int next() {
    if (used == keys.length) {
      int n = used + (used >> 1);
      keys = Arrays.copyOf(keys, n);
      count = Arrays.copyOf(count, n);
      sumE = Arrays.copyOf(sumE, n);
      sumN = Arrays.copyOf(sumN, n);
      sumId = Arrays.copyOf(sumId, n);
      sumTime = Arrays.copyOf(sumTime, n);
      categoryCounts = Arrays.copyOf(categoryCounts, n * categories);
      statusCounts = Arrays.copyOf(statusCounts, n * statuses);
    }
    return used++;
  }

  /** Writes the cells (not the free slots): their number, then each column. */
  void write(SnapshotOutput out) throws IOException {
    int n = size();
    if (freeCount == 0) { // slots 0..n-1 are the cells, as after a bulk load or a restore: as they are
      out.putInt(n);
      out.putLongs(keys, 0, n);
      out.putInts(count, 0, n);
      out.putLongs(sumE, 0, n);
      out.putLongs(sumN, 0, n);
      out.putLongs(sumId, 0, n);
      out.putLongs(sumTime, 0, n);
      out.putInts(categoryCounts, 0, n * categories);
      out.putInts(statusCounts, 0, n * statuses);
      return;
    }
    GridCells packed = new GridCells(categories, statuses);
    for (int s = 0; s < used; s++) {
      if (count[s] == 0) {
        continue; // a free slot
      }
      int p = packed.findOrAdd(keys[s]);
      packed.count[p] = count[s];
      packed.sumE[p] = sumE[s];
      packed.sumN[p] = sumN[s];
      packed.sumId[p] = sumId[s];
      packed.sumTime[p] = sumTime[s];
      System.arraycopy(categoryCounts, s * categories, packed.categoryCounts, p * categories, categories);
      System.arraycopy(statusCounts, s * statuses, packed.statusCounts, p * statuses, statuses);
    }
    packed.write(out);
  }

  /**
   * Reads what {@link #write} wrote, refusing a key that repeats; what the cells count is checked
   * later ({@link #check}).
   *
   * @param maxCells the most cells the level may hold (bounds the allocation)
   */
  static GridCells read(SnapshotInput in, int categories, int statuses, long maxCells, String where)
      throws IOException {
    int n = in.getInt();
    long bytes = (long) n * (8 + 4 + 4 * 8 + 4L * categories + 4L * statuses);
    if (n < 0 || n > maxCells || bytes > in.remaining()) {
      throw new SnapshotException(n + " cells at " + where + " in " + in.remaining() + " bytes");
    }
    GridCells c = new GridCells(categories, statuses);
    int capacity = Math.max(16, n);
    c.keys = new long[capacity];
    c.count = new int[capacity];
    c.sumE = new long[capacity];
    c.sumN = new long[capacity];
    c.sumId = new long[capacity];
    c.sumTime = new long[capacity];
    c.categoryCounts = new int[capacity * categories];
    c.statusCounts = new int[capacity * statuses];
    in.getLongs(c.keys, n);
    in.getInts(c.count, n);
    in.getLongs(c.sumE, n);
    in.getLongs(c.sumN, n);
    in.getLongs(c.sumId, n);
    in.getLongs(c.sumTime, n);
    in.getInts(c.categoryCounts, n * categories);
    in.getInts(c.statusCounts, n * statuses);
    c.used = n;
    c.slots = LongLongMap.positionsOf(c.keys, n);
    if (c.slots.size() != n) {
      throw new SnapshotException("a cell twice at " + where);
    }
    return c;
  }

  /**
   * What is wrong with the cells, or null: a cell that counts nobody, or whose category or status
   * counts do not add up to its count. Run on restored cells once the server is ready
   * ({@link ClusterIndex#check}): a snapshot whose checksum holds was written from cells that were right.
   */
  String check(String where) {
    for (int s = 0; s < used; s++) {
      if (slots.get(keys[s], ABSENT) != s) {
        continue; // a free slot
      }
      if (count[s] <= 0 || sum(categoryCounts, s * categories, categories) != count[s]
          || sum(statusCounts, s * statuses, statuses) != count[s]) {
        return "an inconsistent cell at " + where;
      }
    }
    return null;
  }

  /** Every cell as text, ordered by key: what tests compare between two ways of building a level. */
  java.util.List<String> describe() {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int s = 0; s < used; s++) {
      if (count[s] > 0) {
        out.add(keys[s] + ":" + count[s] + "," + sumE[s] + "," + sumN[s] + "," + sumId[s] + "," + sumTime[s]
            + Arrays.toString(categoryCounts(s)) + Arrays.toString(statusCounts(s)));
      }
    }
    out.sort(null);
    return out;
  }

  /** The reports counted, over every cell. */
  long total() {
    long t = 0;
    for (int s = 0; s < used; s++) {
      t += count[s];
    }
    return t;
  }

  private static long sum(int[] a, int from, int n) {
    long s = 0;
    for (int i = from; i < from + n; i++) {
      if (a[i] < 0) {
        return -1;
      }
      s += a[i];
    }
    return s;
  }
}
