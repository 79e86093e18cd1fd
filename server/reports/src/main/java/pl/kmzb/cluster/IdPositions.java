package pl.kmzb.cluster;

import java.util.Arrays;

/**
 * Where each report of an index sits: id → Morton code. Report ids are a database sequence, so
 * most of an index's ids fill a range densely: those live in one array indexed by {@code id - base}
 * (8 bytes a report, written in one pass at a load), the rest (ids below the range, far beyond it,
 * or all of them when the ids are sparse) in a {@link LongLongMap}. A hash map alone, sized for
 * millions of entries, takes 32–54 bytes a report and a cache miss for each of the millions of puts
 * of a load or a restart; the array takes none of that. New reports get ids just above the range,
 * which grows to take them while it stays at least a quarter full.
 *
 * <p>Values must not be negative (Morton codes are not). Not thread-safe: {@link ClusterIndex}
 * guards it with its lock.
 */
final class IdPositions {
  private static final long ABSENT = -1;
  /** The smallest range worth an array, and the least it grows by. */
  private static final int MIN_RANGE = 1024;
  /** At most one array slot in this many may be empty when the range is chosen or grown. */
  private static final int SPARSENESS = 4;
  private static final int MAX_RANGE = Integer.MAX_VALUE - 16;

  private long base;
  private long[] dense = new long[0];
  private int denseCount;
  private LongLongMap others;

  /** An empty map expecting about {@code expected} entries, the first of them deciding the range. */
  IdPositions(int expected) {
    others = new LongLongMap(Math.min(expected, MIN_RANGE));
  }

  /**
   * An empty map for {@code n} unique ids from {@code min} to {@code max} (empty when
   * {@code min > max}), which get the array when they fill at least a quarter of it (with room for
   * new ids above); the caller puts the entries.
   */
  static IdPositions forIds(long min, long max, int n) {
    IdPositions p = new IdPositions(16);
    long span = min > max ? 0 : max - min + 1;
    if (n > 0 && span > 0 && span <= MAX_RANGE && span <= (long) n * SPARSENESS) {
      p.base = min;
      p.dense = newRange((int) Math.min(MAX_RANGE, span + Math.max(MIN_RANGE, span >> 3)));
    } else {
      p.others = new LongLongMap(n);
    }
    return p;
  }

  /**
   * The positions of every entry of {@code store}, whose ids must be unique (an
   * {@link IllegalArgumentException} otherwise). The store lists them in Morton order, so their ids
   * land all over the array: each is stored without first reading its slot (a cache miss each that a
   * load of millions cannot hide, where stores overlap), and duplicates show in one sequential count
   * of the filled slots afterwards.
   */
  static IdPositions of(PointStore store) {
    long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
    store.forEach(0, Long.MAX_VALUE, (chunk, from, to) -> {
      for (int i = from; i < to; i++) {
        range[0] = Math.min(range[0], chunk.id[i]);
        range[1] = Math.max(range[1], chunk.id[i]);
      }
    });
    int n = store.size();
    IdPositions p = forIds(range[0], range[1], n);
    if (p.dense.length > 0) {
      long[] dense = p.dense;
      long base = p.base;
      store.forEach(0, Long.MAX_VALUE, (chunk, from, to) -> {
        for (int i = from; i < to; i++) {
          dense[(int) (chunk.id[i] - base)] = chunk.morton[i];
        }
      });
      int filled = 0;
      for (long v : dense) {
        if (v != ABSENT) {
          filled++;
        }
      }
      p.denseCount = filled;
    } else {
      store.forEach(0, Long.MAX_VALUE, (chunk, from, to) -> {
        for (int i = from; i < to; i++) {
          p.others.put(chunk.id[i], chunk.morton[i]);
        }
      });
    }
    if (p.size() != n) {
      throw new IllegalArgumentException("duplicate report ids in a bulk build");
    }
    return p;
  }

  int size() {
    return denseCount + others.size();
  }

  /** The value for {@code id}, or {@code missing}. */
  long get(long id, long missing) {
    int at = slot(id);
    if (at >= 0 && dense[at] != ABSENT) {
      return dense[at];
    }
    return others.size() == 0 ? missing : others.get(id, missing);
  }

  void put(long id, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("negative position " + value);
    }
    int at = slot(id);
    if (at < 0 && id >= base) {
      at = extendTo(id);
    }
    if (at < 0) {
      others.put(id, value);
      return;
    }
    if (dense[at] == ABSENT) {
      // An id the map took before the range grew over it moves into the array: one place per id.
      if (others.size() > 0) {
        others.remove(id, ABSENT);
      }
      denseCount++;
    }
    dense[at] = value;
  }

  /** Removes {@code id}; returns its value or {@code missing}. */
  long remove(long id, long missing) {
    int at = slot(id);
    if (at >= 0 && dense[at] != ABSENT) {
      long v = dense[at];
      dense[at] = ABSENT;
      denseCount--;
      return v;
    }
    return others.size() == 0 ? missing : others.remove(id, missing);
  }

  /** The array slot of {@code id}, or -1 when it lies outside the range (the subtraction may overflow). */
  private int slot(long id) {
    long at = id - base;
    return id >= base && at >= 0 && at < dense.length ? (int) at : -1;
  }

  /**
   * Grows the range to take {@code id} (above it) when the grown array would still be a quarter
   * full, or starts one at {@code id} when the map is empty; returns its slot, or -1 when {@code id}
   * is to go to the map.
   */
  private int extendTo(long id) {
    if (dense.length == 0) {
      if (size() > 0 || id == Long.MIN_VALUE) {
        return -1;
      }
      base = id;
      dense = newRange(MIN_RANGE);
      return 0;
    }
    long need = id - base + 1;
    long grown = Math.max(need, (long) dense.length + Math.max(MIN_RANGE, dense.length >> 1));
    if (need <= 0 || grown > MAX_RANGE || (denseCount + 1L) * SPARSENESS < grown) {
      return -1;
    }
    int old = dense.length;
    dense = Arrays.copyOf(dense, (int) grown);
    Arrays.fill(dense, old, dense.length, ABSENT);
    return slot(id);
  }

  private static long[] newRange(int length) {
    long[] a = new long[length];
    Arrays.fill(a, ABSENT);
    return a;
  }

  /** Slots of the array (for the memory figures and tests). */
  int rangeLength() {
    return dense.length;
  }
}
