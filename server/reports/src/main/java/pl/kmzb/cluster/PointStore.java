package pl.kmzb.cluster;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every indexed entry in (Morton code, id) order, as a sorted map of {@link PointChunk}s keyed by
 * the lowest key each may hold. Any quadtree cell is one contiguous range of codes, so a tile or a
 * cluster cell is read as a few runs of primitive arrays; inserting or removing one entry costs a
 * map lookup and at most one chunk's worth of array copying, whatever the number of entries.
 */
final class PointStore {
  /** Chunks filled to this size by a bulk load leave room for later inserts. */
  static final int BULK_FILL = PointChunk.CAPACITY * 3 / 4;

  /** Lower bound of a chunk's keys; the first chunk's is the smallest possible key. */
  record Bound(long morton, long id) implements Comparable<Bound> {
    static final Bound MIN = new Bound(Long.MIN_VALUE, Long.MIN_VALUE);

    @Override
    public int compareTo(Bound o) {
      int c = Long.compare(morton, o.morton);
      return c != 0 ? c : Long.compare(id, o.id);
    }
  }

  /** Receives the entries of one chunk with index in [from, to). */
  interface RunVisitor {
    void visit(PointChunk chunk, int from, int to);
  }

  private final TreeMap<Bound, PointChunk> chunks = new TreeMap<>();
  private int size;

  PointStore() {
    chunks.put(Bound.MIN, new PointChunk(16));
  }

  int size() {
    return size;
  }

  int chunkCount() {
    return chunks.size();
  }

  /** Loads an empty store with {@code cols} in the order {@code order}, {@link #BULK_FILL} per chunk. */
  void bulkLoad(EntryColumns cols, long[] morton, int[] order) {
    if (size != 0) {
      throw new IllegalStateException("bulk load needs an empty store");
    }
    chunks.clear();
    int n = order.length;
    for (int start = 0; start < n || start == 0; start += BULK_FILL) {
      int len = Math.min(BULK_FILL, n - start);
      PointChunk chunk = new PointChunk(Math.max(16, len));
      for (int j = 0; j < len; j++) {
        int i = order[start + j];
        chunk.morton[j] = morton[i];
        chunk.id[j] = cols.id[i];
        chunk.x[j] = cols.x[i];
        chunk.y[j] = cols.y[i];
        chunk.time[j] = cols.time[i];
        chunk.category[j] = cols.category[i];
        chunk.status[j] = cols.status[i];
        chunk.source[j] = cols.source[i];
        chunk.area[j] = cols.area[i];
      }
      chunk.size = len;
      chunks.put(start == 0 ? Bound.MIN : new Bound(chunk.morton[0], chunk.id[0]), chunk);
      if (n == 0) {
        break;
      }
    }
    size = n;
  }

  /**
   * Loads an empty store with {@code filled}: chunks of entries in ascending (Morton code, id)
   * order across them, each non-empty (a snapshot's, read straight into chunks).
   */
  void bulkLoad(List<PointChunk> filled) {
    if (size != 0) {
      throw new IllegalStateException("bulk load needs an empty store");
    }
    if (filled.isEmpty()) {
      return;
    }
    chunks.clear();
    int n = 0;
    for (PointChunk chunk : filled) {
      chunks.put(n == 0 ? Bound.MIN : new Bound(chunk.morton[0], chunk.id[0]), chunk);
      n += chunk.size;
    }
    size = n;
  }

  /**
   * Inserts an entry; returns how many array elements per column were moved (the bounded cost of
   * an update).
   */
  int insert(IndexEntry e) {
    long m = e.morton();
    Map.Entry<Bound, PointChunk> slot = chunks.floorEntry(new Bound(m, e.id()));
    PointChunk chunk = slot.getValue();
    int at = chunk.lowerBound(m, e.id());
    if (at < chunk.size && chunk.morton[at] == m && chunk.id[at] == e.id()) {
      throw new IllegalStateException("report " + e.id() + " is already indexed");
    }
    int moved = chunk.size - at;
    chunk.insertAt(at, e);
    size++;
    if (chunk.isFull()) {
      PointChunk upper = chunk.splitUpper();
      chunks.put(new Bound(upper.morton[0], upper.id[0]), upper);
      moved += upper.size;
    }
    return moved;
  }

  /** The entry with this key, or null. */
  IndexEntry get(long m, long id) {
    PointChunk chunk = chunks.floorEntry(new Bound(m, id)).getValue();
    int at = chunk.lowerBound(m, id);
    return at < chunk.size && chunk.morton[at] == m && chunk.id[at] == id ? chunk.entry(at) : null;
  }

  /** Removes the entry with this key; returns the number of elements moved, or -1 if absent. */
  int remove(long m, long id) {
    Map.Entry<Bound, PointChunk> slot = chunks.floorEntry(new Bound(m, id));
    PointChunk chunk = slot.getValue();
    int at = chunk.lowerBound(m, id);
    if (at >= chunk.size || chunk.morton[at] != m || chunk.id[at] != id) {
      return -1;
    }
    int moved = chunk.size - at - 1;
    chunk.removeAt(at);
    size--;
    if (chunk.size == 0 && !slot.getKey().equals(Bound.MIN)) {
      // The previous chunk's range now reaches up to the next bound.
      chunks.remove(slot.getKey());
    }
    return moved;
  }

  /** Calls {@code visitor} with every run of entries whose Morton code lies in [lo, hi). */
  void forEach(long lo, long hi, RunVisitor visitor) {
    Bound start = chunks.floorKey(new Bound(lo, Long.MIN_VALUE));
    for (PointChunk chunk : chunks.tailMap(start, true).values()) {
      int from = chunk.lowerBound(lo);
      int to = chunk.lowerBound(hi);
      if (from < to) {
        visitor.visit(chunk, from, to);
      }
      if (to < chunk.size) {
        return;
      }
    }
  }

  /** The smallest Morton code in [lo, hi), or -1. */
  long firstMorton(long lo, long hi) {
    IndexEntry e = firstEntry(lo, hi);
    return e == null ? -1 : e.morton();
  }

  /** The entry with the smallest key in [lo, hi), or null. */
  IndexEntry firstEntry(long lo, long hi) {
    Bound start = chunks.floorKey(new Bound(lo, Long.MIN_VALUE));
    for (PointChunk chunk : chunks.tailMap(start, true).values()) {
      int i = chunk.lowerBound(lo);
      if (i < chunk.size) {
        return chunk.morton[i] < hi ? chunk.entry(i) : null;
      }
    }
    return null;
  }

  /** The largest Morton code in [lo, hi), or -1. */
  long lastMorton(long lo, long hi) {
    Bound end = chunks.floorKey(new Bound(hi, Long.MIN_VALUE));
    for (PointChunk chunk : chunks.headMap(end, true).descendingMap().values()) {
      int i = chunk.lowerBound(hi) - 1;
      if (i >= 0) {
        return chunk.morton[i] >= lo ? chunk.morton[i] : -1;
      }
    }
    return -1;
  }
}
