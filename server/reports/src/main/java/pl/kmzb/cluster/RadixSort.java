package pl.kmzb.cluster;

/**
 * Stable least-significant-digit radix sort of an index permutation by long keys: the bulk build
 * orders millions of reports by (Morton code, id) in a few linear passes, where a comparison sort
 * of boxed entries would take seconds. Digits that are the same in every key are skipped.
 */
final class RadixSort {
  private static final int BITS = 11;
  private static final int BUCKETS = 1 << BITS;

  private RadixSort() {}

  /** Indexes 0..n-1 ordered by (primary, secondary), both compared as signed longs ≥ 0. */
  static int[] order(long[] primary, long[] secondary, int n) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    if (ordered(primary, secondary, n)) {
      return perm; // a snapshot's entries come in the point store's order: one pass instead of a sort
    }
    if (!ascending(secondary, n)) {
      perm = sort(perm, secondary, n);
    }
    return sort(perm, primary, n);
  }

  private static boolean ordered(long[] primary, long[] secondary, int n) {
    for (int i = 1; i < n; i++) {
      if (primary[i] < primary[i - 1] || primary[i] == primary[i - 1] && secondary[i] < secondary[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private static boolean ascending(long[] key, int n) {
    for (int i = 1; i < n; i++) {
      if (key[i] < key[i - 1]) {
        return false;
      }
    }
    return true;
  }

  private static int[] sort(int[] perm, long[] key, int n) {
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = key[perm[i]];
    }
    long[] keyBuf = new long[n];
    int[] permBuf = new int[n];
    int[] count = new int[BUCKETS + 1];
    for (int shift = 0; shift < 64; shift += BITS) {
      java.util.Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(int) ((keys[i] >>> shift) & (BUCKETS - 1)) + 1]++;
      }
      if (allInOneBucket(count, n)) {
        continue;
      }
      for (int b = 0; b < BUCKETS; b++) {
        count[b + 1] += count[b];
      }
      for (int i = 0; i < n; i++) {
        int at = count[(int) ((keys[i] >>> shift) & (BUCKETS - 1))]++;
        keyBuf[at] = keys[i];
        permBuf[at] = perm[i];
      }
      long[] k = keys;
      keys = keyBuf;
      keyBuf = k;
      int[] p = perm;
      perm = permBuf;
      permBuf = p;
    }
    return perm;
  }

  private static boolean allInOneBucket(int[] count, int n) {
    for (int c : count) {
      if (c == n) {
        return true;
      }
    }
    return n == 0;
  }
}
