package pl.kmzb.cluster;

import java.util.Arrays;

/**
 * The take-up deadlines of reports in status {@code new}, earliest first: a binary min-heap of
 * (deadline, id) in two primitive arrays (16 bytes a report), so the police index can stamp the
 * tiles of a report when it passes its deadline without scanning anything. Entries are never
 * removed when a report leaves {@code new}; the index checks each popped entry against the report's
 * current entry and ignores it if it no longer applies.
 */
final class DeadlineHeap {
  private long[] deadlines = new long[16];
  private long[] ids = new long[16];
  private int size;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  void push(long deadline, long id) {
    if (size == ids.length) {
      int n = size + (size >> 1);
      deadlines = Arrays.copyOf(deadlines, n);
      ids = Arrays.copyOf(ids, n);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (deadlines[parent] <= deadline) {
        break;
      }
      deadlines[i] = deadlines[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    deadlines[i] = deadline;
    ids[i] = id;
  }

  /** The earliest deadline; the heap must not be empty. */
  long peekDeadline() {
    return deadlines[0];
  }

  /** The id of the earliest deadline; the heap must not be empty. */
  long peekId() {
    return ids[0];
  }

  /** Removes the earliest entry. */
  void pop() {
    size--;
    long d = deadlines[size];
    long id = ids[size];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && deadlines[child + 1] < deadlines[child]) {
        child++;
      }
      if (deadlines[child] >= d) {
        break;
      }
      deadlines[i] = deadlines[child];
      ids[i] = ids[child];
      i = child;
    }
    if (size > 0) {
      deadlines[i] = d;
      ids[i] = id;
    }
  }
}
