package pl.kmzb.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A fixed discrete distribution: items drawn in proportion to their weights. Items keep the order
 * they were given in, so a draw depends only on the random stream, never on hash order.
 */
final class Weighted<T> {
  private final List<T> items;
  private final double[] cumulative;

  private Weighted(List<T> items, double[] cumulative) {
    this.items = items;
    this.cumulative = cumulative;
  }

  static <T> Weighted<T> of(List<T> items, double[] weights) {
    if (items.isEmpty() || items.size() != weights.length) {
      throw new IllegalArgumentException("need one weight per item, and at least one item");
    }
    double[] cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
        throw new IllegalArgumentException("weight of " + items.get(i) + " must be a finite number >= 0");
      }
      sum += weights[i];
      cumulative[i] = sum;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
    return new Weighted<>(List.copyOf(items), cumulative);
  }

  T pick(SplittableRandom random) {
    return items.get(index(random));
  }

  int index(SplittableRandom random) {
    double u = random.nextDouble() * cumulative[cumulative.length - 1];
    // The first item whose cumulative weight exceeds u; an item of weight 0 is never it.
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  List<T> items() {
    return items;
  }

  /** Share of item {@code i} in the distribution, between 0 and 1. */
  double share(int i) {
    return (cumulative[i] - (i == 0 ? 0 : cumulative[i - 1])) / cumulative[cumulative.length - 1];
  }
}
