package pl.kmzb.cluster;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each tile last changed, readable without any lock: a cached tile is answered on Jetty's
 * network thread, which must never wait behind a long filtered scan or a catch-up of thousands of
 * changes holding the index's lock.
 *
 * <p>One writer (the index, under its write lock) and any number of readers. The table is open
 * addressing with linear probing over {@link AtomicLongArray}s; an entry is never removed, only
 * raised, so a probe run never breaks under a reader. A new entry's value is written before its key
 * (both volatile), so a reader that finds the key finds its value. Growing and forgetting publish a
 * new table through a volatile field; a reader still probing the old one sees an earlier state,
 * which is the state before the write it overlaps with. Readers read the table, then
 * {@code allTiles}; the writer raises {@code allTiles} before it publishes an emptied table, so no
 * reader sees the empty table with the old {@code allTiles}.
 *
 * <p>Memory is bounded: past {@link #MAX_ENTRIES} tiles the table forgets them all and stamps every
 * tile instead (the stamp is an upper bound: a cached tile is then re-rendered once, never served
 * stale).
 */
final class TileStamps {
  /** About 16 MB of table at most (twice as many slots, two longs each). */
  static final int MAX_ENTRIES = 1 << 19;
  private static final long EMPTY = Long.MIN_VALUE;
  private static final int INITIAL_SLOTS = 1 << 10;

  private record Table(AtomicLongArray keys, AtomicLongArray values, int mask) {
    static Table of(int slots) {
      AtomicLongArray keys = new AtomicLongArray(slots);
      for (int i = 0; i < slots; i++) {
        keys.setPlain(i, EMPTY);
      }
      return new Table(keys, new AtomicLongArray(slots), slots - 1);
    }

    int slot(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      return (int) (h ^ (h >>> 32)) & mask;
    }
  }

  private volatile Table table = Table.of(INITIAL_SLOTS);
  private volatile long allTiles;
  /** Entries of the current table; only the writer reads or writes it. */
  private int size;

  /** The version of the last change to {@code tile} (packed), or of the last change to every tile. */
  long get(long tile) {
    Table t = table;
    long all = allTiles;
    for (int i = t.slot(tile); ; i = (i + 1) & t.mask) {
      long k = t.keys.get(i);
      if (k == tile) {
        return Math.max(all, t.values.get(i));
      } else if (k == EMPTY) {
        return all;
      }
    }
  }

  /** Writer only: {@code tile} (packed, not {@code Long.MIN_VALUE}) changed at {@code version}. */
  void mark(long tile, long version) {
    if (size >= MAX_ENTRIES) {
      markAll(version);
      return;
    }
    Table t = table;
    for (int i = t.slot(tile); ; i = (i + 1) & t.mask) {
      long k = t.keys.getPlain(i);
      if (k == tile) {
        t.values.set(i, version);
        return;
      } else if (k == EMPTY) {
        t.values.set(i, version);
        t.keys.set(i, tile);
        if (++size * 2 > t.keys.length()) {
          table = grown(t);
        }
        return;
      }
    }
  }

  /** Writer only: every tile changed at {@code version}; the single stamps are forgotten. */
  void markAll(long version) {
    allTiles = version;
    if (size > 0) {
      table = Table.of(INITIAL_SLOTS);
      size = 0;
    }
  }

  /** Tiles with a stamp of their own (for tests of the bound). */
  int size() {
    return size;
  }

  private static Table grown(Table old) {
    Table t = Table.of(old.keys.length() * 2);
    for (int i = 0; i < old.keys.length(); i++) {
      long k = old.keys.getPlain(i);
      if (k != EMPTY) {
        int j = t.slot(k);
        while (t.keys.getPlain(j) != EMPTY) {
          j = (j + 1) & t.mask;
        }
        t.values.setPlain(j, old.values.getPlain(i));
        t.keys.setPlain(j, k);
      }
    }
    return t;
  }
}
