package pl.kmzb.analytics;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A result computed once per data version: the version (a small value read from the store) is
 * looked at no more than once per {@code poll}, and the result recomputed, when it is asked for, only
 * if the version moved; between two looks the last result is answered. {@link #current} numbers the
 * computations; {@link #stamp} is the version last seen, for image caches: it moves when the data
 * does, without computing anything (a cache of many layers asks it on every request).
 *
 * @param <T> the computed result
 */
final class PerDataVersion<T> {
  /** A result and the number of its computation (0: the empty result, before any). */
  record Numbered<T>(long number, T value) {}

  private final long pollNanos;
  private final Supplier<Object> version;
  private final Supplier<T> compute;
  /** Guards the look at the version only, so a look never waits for a computation. */
  private final Object lookLock = new Object();
  private Object latest;
  private long lookedAt;
  private Numbered<T> result;
  private Object computedFor;

  PerDataVersion(Duration poll, Supplier<Object> version, Supplier<T> compute, T empty) {
    this.pollNanos = poll.toNanos();
    this.version = version;
    this.compute = compute;
    this.result = new Numbered<>(0, empty);
  }

  /** The data version, read from the store at most once per poll interval. */
  private Object look() {
    synchronized (lookLock) {
      long now = System.nanoTime();
      if (latest == null || now - lookedAt >= pollNanos) {
        lookedAt = now;
        latest = Objects.requireNonNull(version.get());
      }
      return latest;
    }
  }

  /** A number that moves when the data version moves. */
  long stamp() {
    return look().hashCode();
  }

  synchronized Numbered<T> current() {
    // Read before computing: a change during the computation moves the version again, and the next
    // look computes once more.
    Object v = look();
    if (!v.equals(computedFor)) {
      result = new Numbered<>(result.number() + 1, compute.get());
      computedFor = v;
    }
    return result;
  }
}
