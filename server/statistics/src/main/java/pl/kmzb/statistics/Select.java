package pl.kmzb.statistics;

import java.util.concurrent.ThreadLocalRandom;

/** Quickselect: the k-th smallest of an int array's first n values, partitioning in place. */
final class Select {
  private Select() {}

  /** Returns the k-th smallest (0-based); afterwards a[0..k) ≤ a[k] ≤ a[k+1..n). */
  static int kth(int[] a, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      int pivot = a[lo + ThreadLocalRandom.current().nextInt(hi - lo + 1)];
      // Three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot; many equal
      // durations (whole hours, imports) stay linear.
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        if (a[i] < pivot) {
          swap(a, lt++, i++);
        } else if (a[i] > pivot) {
          swap(a, i, gt--);
        } else {
          i++;
        }
      }
      if (k < lt) {
        hi = lt - 1;
      } else if (k > gt) {
        lo = gt + 1;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
