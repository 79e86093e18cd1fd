package pl.kmzb.http;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server still waits for before it is ready (store open, demo data loaded, index built).
 * {@code GET /health} answers 503 until nothing is pending, so load balancers and tests wait.
 */
public final class Readiness {
  private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();
  private final Map<String, Supplier<Object>> details = new ConcurrentHashMap<>();
  private final Set<String> background = ConcurrentHashMap.newKeySet();
  /** The threads of {@link #afterReady} still running, for {@link #stopBackground}. */
  private final Set<Thread> workers = ConcurrentHashMap.newKeySet();

  /** Marks {@code component} as not ready yet; call {@link #ready} when it is. */
  public void waitFor(String component) {
    pending.add(component);
  }

  public void ready(String component) {
    pending.remove(component);
    settled();
  }

  /** The component can never become ready; health reports it until the process is restarted. */
  public void failed(String component, String why) {
    pending.remove(component);
    failed.add(component + ": " + why);
    settled();
  }

  /**
   * Waits until nothing is pending any more (ready, or failed for good). For background work that
   * is useful but not needed to serve, such as warming caches: started at once, it would compete
   * with the loading that readiness waits for (on two cores a restart took seconds longer).
   */
  public void awaitSettled() throws InterruptedException {
    synchronized (pending) {
      while (!pending.isEmpty()) {
        pending.wait();
      }
    }
  }

  private void settled() {
    synchronized (pending) {
      pending.notifyAll();
    }
  }

  /**
   * Marks start-up work that runs beside serving (warming caches, first computations) as running
   * until {@link #backgroundDone}: readiness does not wait for it, but administrators see it in
   * {@code /health} ({@code background}), and benchmarks wait for it before measuring.
   */
  public void backgroundStarted(String job) {
    background.add(job);
  }

  public void backgroundDone(String job) {
    background.remove(job);
  }

  /** Background work; an interruption is the server stopping. */
  @FunctionalInterface
  public interface BackgroundWork {
    void run() throws InterruptedException;
  }

  /**
   * Runs {@code work} once nothing is pending ({@link #awaitSettled}), on a daemon thread named
   * {@code job} at the lowest priority, listed in {@link #background()} from now until it ends,
   * however it ends. A failure the work does not handle is logged. Interrupt the returned thread to
   * stop it.
   */
  public Thread afterReady(String job, BackgroundWork work) {
    backgroundStarted(job);
    Thread t = new Thread(() -> {
      try {
        awaitSettled();
        work.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          LOG.info("background work {} stopped: the server is stopping", job);
        } else {
          LOG.warn("background work {} failed", job, e);
        }
      } finally {
        workers.remove(Thread.currentThread());
        backgroundDone(job);
      }
    }, job);
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    workers.add(t);
    t.start();
    return t;
  }

  /**
   * Interrupts the background work still running and waits up to {@code wait} for it to end; called
   * when the server stops, before the store closes, so that no work reads from a closed pool (a
   * store scan ends at its next rows when its thread is interrupted). Returns the jobs still running.
   */
  public List<String> stopBackground(java.time.Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    List<Thread> running = List.copyOf(workers);
    running.forEach(Thread::interrupt);
    for (Thread t : running) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return running.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
  }

  public List<String> background() {
    return background.stream().sorted().toList();
  }

  public boolean isReady() {
    return pending.isEmpty() && failed.isEmpty();
  }

  public List<String> pending() {
    return pending.stream().sorted().toList();
  }

  /** A figure administrators see in {@code /health} (e.g. rows the index skipped), read when asked. */
  public void detail(String name, Supplier<Object> value) {
    details.put(name, value);
  }

  public Map<String, Object> details() {
    Map<String, Object> out = new TreeMap<>();
    details.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public List<String> failures() {
    return failed.stream().sorted().toList();
  }
}
