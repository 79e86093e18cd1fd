package pl.kmzb.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pl.kmzb.http.ApiException;

class LowPriorityThreadsTest {
  /** The nice value of the calling thread, from /proc (field 19 of its stat line). */
  static int niceOfCurrentThread() throws Exception {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(rest[16]);
  }

  @Test
  void poolThreadsRunAtTheLowerPriorityAndOthersAreUntouched() throws Exception {
    int before = niceOfCurrentThread();
    ExecutorService pool = LowPriorityThreads.pool("test-render", 2, 10);
    try {
      assertEquals(Math.max(before, 10), (int) pool.submit(LowPriorityThreadsTest::niceOfCurrentThread).get(),
          "a render thread reniced itself");
      assertEquals(before, niceOfCurrentThread(), "only the render thread, not the process");
      assertTrue(pool.submit(() -> Thread.currentThread().getName()).get().startsWith("test-render-"));
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void rendersRunOnTheRenderThreadsAndAreChargedThere() throws Exception {
    ExecutorService pool = LowPriorityThreads.pool("budget-render", 1, 10);
    try {
      long[] fakeCpu = {0};
      // The render clock advances only on render threads: time spent elsewhere is not charged.
      RenderBudget b = new RenderBudget(100, 100, 1, System::nanoTime,
          () -> Thread.currentThread().getName().startsWith("budget-render") ? fakeCpu[0] : -1, pool);
      InetAddress client = InetAddress.getByName("192.0.2.40");
      String thread = b.spend(client, () -> {
        fakeCpu[0] += 400_000_000L;
        return Thread.currentThread().getName();
      });
      assertTrue(thread.startsWith("budget-render-"), "rendered on " + thread);
      assertEquals(429, assertThrows(ApiException.class, () -> b.spend(client, () -> "again")).status(),
          "400 ms charged against a 100 ms burst");
      IllegalStateException thrown = assertThrows(IllegalStateException.class,
          () -> b.spend(InetAddress.getByName("192.0.2.41"), () -> {
            throw new IllegalStateException("render failed");
          }));
      assertEquals("render failed", thrown.getMessage(), "a render's own exception reaches the caller");
      assertNotEquals(-1, fakeCpu[0]);
    } finally {
      pool.shutdownNow();
    }
  }
}
