package pl.kmzb.cluster;

import java.util.Arrays;

/**
 * An open-addressing map from long to long (linear probing, backward-shift deletion): where each
 * report sits in the index, and when each tile last changed. A boxed HashMap would take about five
 * times the memory for millions of entries; fastutil, which has this, is not on the registry this
 * project can reach in the small "core" build, and the whole library is 23 MB.
 *
 * <p>Not thread-safe: {@link ClusterIndex} guards it with its lock.
 */
final class LongLongMap {
  private static final long EMPTY = Long.MIN_VALUE;

  private long[] keys;
  private long[] values;
  private int size;
  private int mask;

  LongLongMap(int expected) {
    int capacity = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
    allocate(capacity);
  }

  /**
   * A map from each of {@code keys[0..n)} to its position in the array (a key that repeats keeps its
   * last position: the caller compares {@link #size} with {@code n}). Filled in the order of the
   * keys' home slots (a counting sort on their high bits), so the table is written front to back
   * rather than at a random place per key: a cache miss each that a restart's hundreds of thousands
   * of grid cells would otherwise pay.
   */
  static LongLongMap positionsOf(long[] keys, int n) {
    LongLongMap map = new LongLongMap(n);
    int bucketBits = Math.min(16, Integer.numberOfTrailingZeros(map.keys.length));
    int shift = Integer.numberOfTrailingZeros(map.keys.length) - bucketBits;
    int[] start = new int[(1 << bucketBits) + 1];
    int[] home = new int[n];
    for (int i = 0; i < n; i++) {
      home[i] = map.slot(keys[i]);
      start[(home[i] >>> shift) + 1]++;
    }
    for (int b = 1; b < start.length; b++) {
      start[b] += start[b - 1];
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[start[home[i] >>> shift]++] = i;
    }
    for (int i : order) {
      map.put(keys[i], i);
    }
    return map;
  }

  int size() {
    return size;
  }

  /** The value for {@code key}, or {@code missing}. {@code Long.MIN_VALUE} may not be a key. */
  long get(long key, long missing) {
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        return values[i];
      } else if (k == EMPTY) {
        return missing;
      }
    }
  }

  void put(long key, long value) {
    if (key == EMPTY) {
      throw new IllegalArgumentException("key " + key + " is reserved");
    }
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == key) {
        values[i] = value;
        return;
      } else if (k == EMPTY) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
          grow();
        }
        return;
      }
    }
  }

  /** Removes {@code key}; returns its value or {@code missing}. */
  long remove(long key, long missing) {
    for (int i = slot(key); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == EMPTY) {
        return missing;
      } else if (k == key) {
        long old = values[i];
        shiftBack(i);
        size--;
        return old;
      }
    }
  }

  void clear() {
    Arrays.fill(keys, EMPTY);
    size = 0;
  }

  /** Closes the gap at {@code gap} by moving later entries of the probe run back, so lookups stay correct. */
  private void shiftBack(int gap) {
    int i = gap;
    while (true) {
      i = (i + 1) & mask;
      long k = keys[i];
      if (k == EMPTY) {
        keys[gap] = EMPTY;
        return;
      }
      int home = slot(k);
      // Move k into the gap unless its home lies cyclically in (gap, i].
      boolean homeBetween = gap <= i ? (home > gap && home <= i) : (home > gap || home <= i);
      if (!homeBetween) {
        keys[gap] = k;
        values[gap] = values[i];
        gap = i;
      }
    }
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldValues = values;
    allocate(keys.length * 2);
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private void allocate(int capacity) {
    keys = new long[capacity];
    values = new long[capacity];
    Arrays.fill(keys, EMPTY);
    mask = capacity - 1;
  }
}
