package pl.kmzb.analytics;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.cluster.IndexFollower;
import pl.kmzb.plugin.PluginContext;

/**
 * A result computed once per data version, off the request path: the version is looked at no more
 * than once per {@code poll}; when it moved, one computation starts in the background and requests
 * keep the last result until it is in (only the very first result is waited for). A failed
 * computation is logged and tried again after {@code poll}, not by every request.
 *
 * <p>Image caches take {@link #computed()}, the number of the result in hand, so an image is never
 * kept under a number whose result it does not show; a cache that holds tiles of this layer only
 * takes {@link #refresh()}, which also starts the computation a moved version needs.
 *
 * @param <T> the computed result
 */
final class PerDataVersion<T> {
  private static final Logger LOG = LoggerFactory.getLogger(PerDataVersion.class);

  /** A result and the number of its computation (0: the empty result, before any). */
  record Numbered<T>(long number, T value) {}

  private final String name;
  private final long pollNanos;
  private final Supplier<Object> version;
  private final Supplier<T> compute;
  /** One looker at a time; the others answer with the version last seen rather than wait. */
  private final ReentrantLock lookLock = new ReentrantLock();
  private volatile Object latest;
  private volatile long lookedAt;
  private volatile Numbered<T> result;
  /** Guarded by this: the version of {@link #result}, whether a computation runs, when one last failed. */
  private Object computedFor;
  private boolean computing;
  private long failedAt;
  private boolean failed;

  PerDataVersion(String name, Duration poll, Supplier<Object> version, Supplier<T> compute, T empty) {
    this.name = name;
    this.pollNanos = poll.toNanos();
    this.version = version;
    this.compute = compute;
    this.result = new Numbered<>(0, empty);
  }

  /**
   * The sequence number of the last change the server's cluster index applied (read from memory),
   * or the store's when the index is not there: what the reports' version is read from, so that a
   * look never waits for the database.
   */
  static LongSupplier changeSeq(PluginContext context) {
    return context.shared().find(IndexFollower.class)
        .<LongSupplier>map(f -> f::appliedSeq)
        .orElse(context.store()::lastChangeSeq);
  }

  /** The data version, looked at no more than once per poll interval. */
  private Object look() {
    Object seen = latest;
    if (seen != null && (System.nanoTime() - lookedAt < pollNanos || !lookLock.tryLock())) {
      return seen;
    }
    if (seen == null) {
      lookLock.lock();
    }
    try {
      if (latest == null || System.nanoTime() - lookedAt >= pollNanos) {
        lookedAt = System.nanoTime();  // before the look: a failing one is not tried again until the next poll
        latest = Objects.requireNonNull(version.get());
      }
      return latest;
    } catch (RuntimeException e) {
      if (latest != null) {
        LOG.warn("analytics layer {}: its data version could not be read ({}); the last one stays", name, e.toString());
        return latest;
      }
      throw e;
    } finally {
      lookLock.unlock();
    }
  }

  /** The number of the result in hand; it moves when a new result is in. Computes and looks at nothing. */
  long computed() {
    return result.number();
  }

  /** Looks at the data version (starting the computation it needs, in the background); then {@link #computed()}. */
  long refresh() {
    startIfMoved(look());
    return computed();
  }

  /** The result in hand; the first is computed here, later ones in the background when the version moved. */
  Numbered<T> current() {
    Object v = look();
    if (result.number() == 0) {
      synchronized (this) {
        if (result.number() == 0) {
          result = new Numbered<>(1, compute.get());
          computedFor = v;
        }
      }
      return result;
    }
    startIfMoved(v);
    return result;
  }

  private void startIfMoved(Object v) {
    synchronized (this) {
      if (computing || result.number() == 0 || v.equals(computedFor)
          || (failed && System.nanoTime() - failedAt < pollNanos)) {
        return;
      }
      computing = true;
    }
    Thread t = new Thread(() -> computeFor(v), "kmzb-analytics-layer-" + name);
    t.setDaemon(true);
    t.start();
  }

  private void computeFor(Object v) {
    try {
      T value = compute.get();
      synchronized (this) {
        result = new Numbered<>(result.number() + 1, value);
        computedFor = v;
        failed = false;
      }
    } catch (RuntimeException e) {
      LOG.warn("analytics layer {}: computing it again failed ({}); the last result stays, next try in {} s", name,
          e.toString(), pollNanos / 1_000_000_000L);
      synchronized (this) {
        failed = true;
        failedAt = System.nanoTime();
      }
    } finally {
      synchronized (this) {
        computing = false;
      }
    }
  }
}
