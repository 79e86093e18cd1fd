package pl.kmzb.cluster;

import java.util.Arrays;

/**
 * A run of index entries sorted by (Morton code, id), stored column by column so tile scans read
 * primitive arrays. Arrays grow on demand up to {@link #CAPACITY}; a full chunk splits in two, so
 * inserting or removing one entry moves at most {@code CAPACITY} elements per column.
 */
final class PointChunk {
  static final int CAPACITY = 4096;

  long[] morton;
  long[] id;
  int[] x;
  int[] y;
  long[] time;
  byte[] category;
  byte[] status;
  byte[] source;
  short[] area;
  int size;

  PointChunk(int capacity) {
    morton = new long[capacity];
    id = new long[capacity];
    x = new int[capacity];
    y = new int[capacity];
    time = new long[capacity];
    category = new byte[capacity];
    status = new byte[capacity];
    source = new byte[capacity];
    area = new short[capacity];
  }

  /** The first index whose (morton, id) is not below the given key. */
  int lowerBound(long m, long i) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (morton[mid] < m || (morton[mid] == m && id[mid] < i)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index whose Morton code is at least {@code m}. */
  int lowerBound(long m) {
    return lowerBound(m, Long.MIN_VALUE);
  }

  boolean isFull() {
    return size == CAPACITY;
  }

  void insertAt(int i, IndexEntry e) {
    if (size == morton.length) {
      grow(Math.min(CAPACITY, Math.max(16, size + (size >> 1))));
    }
    int tail = size - i;
    System.arraycopy(morton, i, morton, i + 1, tail);
    System.arraycopy(id, i, id, i + 1, tail);
    System.arraycopy(x, i, x, i + 1, tail);
    System.arraycopy(y, i, y, i + 1, tail);
    System.arraycopy(time, i, time, i + 1, tail);
    System.arraycopy(category, i, category, i + 1, tail);
    System.arraycopy(status, i, status, i + 1, tail);
    System.arraycopy(source, i, source, i + 1, tail);
    System.arraycopy(area, i, area, i + 1, tail);
    set(i, e);
    size++;
  }

  void set(int i, IndexEntry e) {
    morton[i] = e.morton();
    id[i] = e.id();
    x[i] = e.x();
    y[i] = e.y();
    time[i] = e.time();
    category[i] = (byte) e.category();
    status[i] = (byte) e.status();
    source[i] = (byte) e.source();
    area[i] = (short) e.area();
  }

  void removeAt(int i) {
    int tail = size - i - 1;
    System.arraycopy(morton, i + 1, morton, i, tail);
    System.arraycopy(id, i + 1, id, i, tail);
    System.arraycopy(x, i + 1, x, i, tail);
    System.arraycopy(y, i + 1, y, i, tail);
    System.arraycopy(time, i + 1, time, i, tail);
    System.arraycopy(category, i + 1, category, i, tail);
    System.arraycopy(status, i + 1, status, i, tail);
    System.arraycopy(source, i + 1, source, i, tail);
    System.arraycopy(area, i + 1, area, i, tail);
    size--;
  }

  /** Moves the upper half into a new chunk and returns it. */
  PointChunk splitUpper() {
    int keep = size / 2;
    int move = size - keep;
    PointChunk upper = new PointChunk(CAPACITY);
    System.arraycopy(morton, keep, upper.morton, 0, move);
    System.arraycopy(id, keep, upper.id, 0, move);
    System.arraycopy(x, keep, upper.x, 0, move);
    System.arraycopy(y, keep, upper.y, 0, move);
    System.arraycopy(time, keep, upper.time, 0, move);
    System.arraycopy(category, keep, upper.category, 0, move);
    System.arraycopy(status, keep, upper.status, 0, move);
    System.arraycopy(source, keep, upper.source, 0, move);
    System.arraycopy(area, keep, upper.area, 0, move);
    upper.size = move;
    size = keep;
    return upper;
  }

  IndexEntry entry(int i) {
    return new IndexEntry(id[i], x[i], y[i], category[i], status[i], source[i], time[i], area[i]);
  }

  private void grow(int capacity) {
    morton = Arrays.copyOf(morton, capacity);
    id = Arrays.copyOf(id, capacity);
    x = Arrays.copyOf(x, capacity);
    y = Arrays.copyOf(y, capacity);
    time = Arrays.copyOf(time, capacity);
    category = Arrays.copyOf(category, capacity);
    status = Arrays.copyOf(status, capacity);
    source = Arrays.copyOf(source, capacity);
    area = Arrays.copyOf(area, capacity);
  }
}
