package pl.kmzb.tiles;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threads that yield the processors to everything else: each lowers its own scheduling priority
 * (Linux nice) when it starts. Filtered renders run here, so a client flooding the server with
 * distinct filters competes for the processors at a fraction of the weight of the requests it
 * would otherwise delay: at nice 10 the kernel gives such a thread about a tenth of the share of a
 * normal one when both want a processor, and a woken request thread preempts it at once. Java
 * offers no such control (thread priorities are ignored on Linux unless the JVM is started with
 * -XX:ThreadPriorityPolicy=1), so the thread asks the kernel through {@code renice} on its own
 * thread id, which Linux applies to that thread alone. Lowering one's priority needs no privilege.
 * Where that fails (not Linux, no renice) the threads run at normal priority and say so once.
 */
public final class LowPriorityThreads {
  private static final Logger LOG = LoggerFactory.getLogger(LowPriorityThreads.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private LowPriorityThreads() {}

  /** A fixed pool of {@code count} daemon threads named {@code name-N}, each at {@code nice} (0: unchanged). */
  public static ExecutorService pool(String name, int count, int nice) {
    AtomicInteger n = new AtomicInteger();
    AtomicInteger warned = new AtomicInteger();
    return Executors.newFixedThreadPool(count, task -> {
      Thread t = new Thread(() -> {
        if (nice > 0) {
          String failure = lowerCurrentThread(nice);
          if (failure != null && warned.getAndIncrement() == 0) {
            LOG.warn("{} threads run at normal priority: {}", name, failure);
          }
        }
        task.run();
      }, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Lowers the calling thread's priority to nice {@code nice} (never raises it: a server started at a
   * lower priority stays there); null when done, else why not. Linux only: {@code /proc/thread-self}
   * names the thread's id and its stat line the current nice value.
   */
  static String lowerCurrentThread(int nice) {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      if (Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]) >= nice) {
        return null;
      }
      String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
      Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "renice did not finish";
      }
      return p.exitValue() == 0 ? null : "renice exited with " + p.exitValue();
    } catch (IOException | RuntimeException e) {
      return "cannot renice this thread (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /**
   * The calling thread's processor time in nanoseconds, or wall time where the JVM cannot tell: what
   * a render costs the others, whatever its priority made it wait.
   */
  public static LongSupplier cpuClock() {
    if (THREADS.isCurrentThreadCpuTimeSupported()) {
      if (!THREADS.isThreadCpuTimeEnabled()) {
        THREADS.setThreadCpuTimeEnabled(true);
      }
      return THREADS::getCurrentThreadCpuTime;
    }
    return System::nanoTime;
  }
}
