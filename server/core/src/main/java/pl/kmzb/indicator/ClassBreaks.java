package pl.kmzb.indicator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The class breaks of a choropleth: {@code b0 <= b1 <= ... <= bk}, where {@code b0} is the smallest
 * value and {@code bk} the largest. Class 0 holds the values in {@code [b0, b1]}, class i > 0 those in
 * {@code (bi, bi+1]}. Upper bounds that would repeat are merged, so there may be fewer classes than
 * asked for when the values have fewer distinct numbers ({@code b1} may equal {@code b0}: a first
 * class of the smallest value alone); one distinct value gives one class {@code [v, v]}, no values
 * no class.
 *
 * <ul>
 *   <li>quantile: {@code bi} is the value of nearest rank {@code ceil(i·n/k)} among the sorted values;
 *   <li>equal: {@code bi = min + i·(max − min)/k};
 *   <li>jenks: Fisher's exact dynamic programme over the sorted values, the split that minimises the
 *       sum of squared deviations from the class means; {@code bi} is the largest value of class i−1.
 *       O(k·n²) time, O(k·n) memory: about 56 M steps for 2,500 municipalities and k = 9.
 * </ul>
 */
public record ClassBreaks(ClassMethod method, List<Double> breaks) {
  public static final int MIN_CLASSES = 3;
  public static final int MAX_CLASSES = 9;
  /** Jenks is quadratic; a level of Poland has at most ~2,500 areas. */
  public static final int MAX_VALUES = 10_000;

  public ClassBreaks {
    breaks = List.copyOf(breaks);
  }

  /** The number of classes (0 when there were no values). */
  public int classes() {
    return Math.max(0, breaks.size() - 1);
  }

  /** The class of {@code v}, 0-based; values outside the range go to the first or the last class. */
  public int classOf(double v) {
    for (int i = 1; i < breaks.size() - 1; i++) {
      if (v <= breaks.get(i)) {
        return i - 1;
      }
    }
    return classes() - 1;
  }

  public static ClassBreaks of(ClassMethod method, double[] values, int k) {
    if (k < MIN_CLASSES || k > MAX_CLASSES) {
      throw new IllegalArgumentException("classes must be from " + MIN_CLASSES + " to " + MAX_CLASSES + ", not " + k);
    }
    if (values.length > MAX_VALUES) {
      throw new IllegalArgumentException("at most " + MAX_VALUES + " values can be classified, not " + values.length);
    }
    double[] x = values.clone();
    Arrays.sort(x);
    int n = x.length;
    if (n == 0) {
      return new ClassBreaks(method, List.of());
    }
    if (x[0] == x[n - 1]) {
      return new ClassBreaks(method, List.of(x[0], x[0]));
    }
    double[] b = switch (method) {
      case QUANTILE -> quantile(x, k);
      case EQUAL -> equal(x, k);
      case JENKS -> jenks(x, k);
    };
    // Merge repeated upper bounds; b1 may equal b0: then class 0 is the smallest value alone.
    List<Double> out = new ArrayList<>();
    out.add(b[0]);
    out.add(b[1]);
    for (int i = 2; i < b.length; i++) {
      if (b[i] != out.get(out.size() - 1)) {
        out.add(b[i]);
      }
    }
    return new ClassBreaks(method, out);
  }

  private static double[] quantile(double[] x, int k) {
    int n = x.length;
    double[] b = new double[k + 1];
    b[0] = x[0];
    for (int i = 1; i < k; i++) {
      int rank = (i * n + k - 1) / k; // ceil(i·n/k), 1-based
      b[i] = x[Math.max(rank, 1) - 1];
    }
    b[k] = x[n - 1];
    return b;
  }

  private static double[] equal(double[] x, int k) {
    double min = x[0];
    double max = x[x.length - 1];
    double[] b = new double[k + 1];
    for (int i = 0; i < k; i++) {
      b[i] = min + i * (max - min) / k;
    }
    b[k] = max; // exactly, not min + k·width with its rounding
    return b;
  }

  private static double[] jenks(double[] x, int k) {
    int n = x.length;
    int distinct = 1;
    for (int i = 1; i < n; i++) {
      if (x[i] != x[i - 1]) {
        distinct++;
      }
    }
    int classes = Math.min(k, distinct);
    // Prefix sums for the squared deviation of any run x[i..j] in O(1).
    double[] s = new double[n + 1];
    double[] s2 = new double[n + 1];
    for (int i = 0; i < n; i++) {
      s[i + 1] = s[i] + x[i];
      s2[i + 1] = s2[i] + x[i] * x[i];
    }
    // cost[c][j]: least total deviation of x[0..j-1] in c+1 classes; start[c][j]: first index of the last class.
    double[][] cost = new double[classes][n + 1];
    int[][] start = new int[classes][n + 1];
    for (int j = 1; j <= n; j++) {
      cost[0][j] = ssd(s, s2, 0, j);
    }
    for (int c = 1; c < classes; c++) {
      for (int j = c + 1; j <= n; j++) {
        double best = Double.POSITIVE_INFINITY;
        int bestStart = c;
        for (int i = c; i < j; i++) {
          double candidate = cost[c - 1][i] + ssd(s, s2, i, j);
          if (candidate < best) {
            best = candidate;
            bestStart = i;
          }
        }
        cost[c][j] = best;
        start[c][j] = bestStart;
      }
    }
    double[] b = new double[classes + 1];
    b[0] = x[0];
    int end = n;
    for (int c = classes - 1; c >= 0; c--) {
      b[c + 1] = x[end - 1];
      end = c == 0 ? 0 : start[c][end];
    }
    return b;
  }

  /** The sum of squared deviations from their mean of x[from..to-1]. */
  private static double ssd(double[] s, double[] s2, int from, int to) {
    double sum = s[to] - s[from];
    double d = s2[to] - s2[from] - sum * sum / (to - from);
    return Math.max(d, 0);
  }
}
