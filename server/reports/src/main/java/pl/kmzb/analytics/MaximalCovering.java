package pl.kmzb.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The maximal covering location problem (Church and ReVelle 1974), solved greedily: of the candidate
 * sites, take the one within {@code radius} of the most threats not yet covered, mark those covered,
 * and repeat. Coverage is a monotone submodular function of the chosen set, so the first k picks
 * cover at least 1 − (1 − 1/k)^k > 1 − 1/e ≈ 63.2 % of what the best possible k sites would cover
 * (Nemhauser, Wolsey and Fisher 1978); in practice greedy is usually within a few per cent.
 *
 * <p>Gains are evaluated lazily (a site's gain can only fall as others are picked, so a stale gain
 * is an upper bound and only the top of the queue is recomputed), which picks exactly what the plain
 * greedy picks, ties going to the earlier candidate. Threats are found through a hash of radius-sized
 * cells: 8 bytes a threat and each candidate's list of the threats it reaches.
 */
public final class MaximalCovering {
  /** One pick: the candidate, what it adds, and the running total (share of the threats given). */
  public record Pick(int rank, Candidate candidate, int gain, int cumulative, double cumulativeShare) {}

  /** The ranking and what it was ranked over. */
  public record Ranking(List<Pick> picks, int threats, int candidates, double radius) {}

  private MaximalCovering() {}

  /**
   * @param xs the threats' x (EPSG:2180 metres), {@code count} of them
   * @param ys their y
   */
  public static Ranking rank(double[] xs, double[] ys, int count, List<Candidate> candidates, double radius, int picks) {
    ThreatCells cells = new ThreatCells(xs, ys, count, radius);
    int[][] reach = new int[candidates.size()][];
    for (int c = 0; c < candidates.size(); c++) {
      reach[c] = cells.within(candidates.get(c).x(), candidates.get(c).y(), radius);
    }
    boolean[] covered = new boolean[count];
    // entries: {stale gain, candidate index}; highest gain first, then the earlier candidate
    PriorityQueue<int[]> queue = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0])
        : Integer.compare(a[1], b[1]));
    for (int c = 0; c < reach.length; c++) {
      if (reach[c].length > 0) {
        queue.add(new int[] {reach[c].length, c});
      }
    }
    List<Pick> out = new ArrayList<>();
    int total = 0;
    while (out.size() < picks && !queue.isEmpty()) {
      int[] top = queue.poll();
      int gain = 0;
      for (int t : reach[top[1]]) {
        if (!covered[t]) {
          gain++;
        }
      }
      if (gain == 0) {
        continue;
      }
      int[] next = queue.peek();
      if (next != null && (gain < next[0] || (gain == next[0] && next[1] < top[1]))) {
        top[0] = gain;
        queue.add(top);
        continue;
      }
      for (int t : reach[top[1]]) {
        covered[t] = true;
      }
      total += gain;
      out.add(new Pick(out.size() + 1, candidates.get(top[1]), gain, total, count == 0 ? 0 : (double) total / count));
    }
    return new Ranking(out, count, candidates.size(), radius);
  }

  /** True if any threat lies within {@code radius} of (x, y): grid candidates that could cover nothing are left out. */
  static boolean reachesAny(ThreatCells cells, double x, double y, double radius) {
    return cells.within(x, y, radius).length > 0;
  }

  /** Threats hashed by radius-sized cells: sorted (cell key, index) pairs, found by binary search. */
  static final class ThreatCells {
    private final double[] xs;
    private final double[] ys;
    private final double size;
    private final long[] sorted;

    ThreatCells(double[] xs, double[] ys, int count, double size) {
      this.xs = xs;
      this.ys = ys;
      this.size = size;
      this.sorted = new long[count];
      for (int i = 0; i < count; i++) {
        sorted[i] = key(cell(xs[i]), cell(ys[i])) << 32 | i;
      }
      Arrays.sort(sorted);
    }

    private int cell(double v) {
      return (int) Math.floor(v / size);
    }

    /** The two cell numbers in one 32-bit key (EPSG:2180 over Poland needs far fewer than 16 bits each). */
    private static long key(int cx, int cy) {
      return ((long) (cx + 32768) & 0xFFFF) << 16 | ((long) (cy + 32768) & 0xFFFF);
    }

    int[] within(double x, double y, double radius) {
      int cx = cell(x);
      int cy = cell(y);
      double r2 = radius * radius;
      int[] found = new int[16];
      int n = 0;
      for (int dx = -1; dx <= 1; dx++) {
        for (int dy = -1; dy <= 1; dy++) {
          long k = key(cx + dx, cy + dy);
          int i = lowerBound(k << 32);
          for (; i < sorted.length && sorted[i] >>> 32 == k; i++) {
            int t = (int) sorted[i];
            double ex = xs[t] - x;
            double ey = ys[t] - y;
            if (ex * ex + ey * ey <= r2) {
              if (n == found.length) {
                found = Arrays.copyOf(found, n * 2);
              }
              found[n++] = t;
            }
          }
        }
      }
      return Arrays.copyOf(found, n);
    }

    private int lowerBound(long v) {
      int lo = 0;
      int hi = sorted.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted[mid] < v) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
