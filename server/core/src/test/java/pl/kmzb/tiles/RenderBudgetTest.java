package pl.kmzb.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import pl.kmzb.http.ApiException;

class RenderBudgetTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);

  /** A render that takes {@code ms} on the fake clock. */
  <T> java.util.function.Supplier<String> taking(long ms) {
    return () -> {
      now.addAndGet(ms * 1_000_000L);
      return "tile";
    };
  }

  static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void aClientInDebtGets429WithTheSecondsUntilItIsOutOfDebtAndOthersCarryOn() throws Exception {
    RenderBudget b = new RenderBudget(250, 300, 4, now::get);
    InetAddress flooder = ip("192.0.2.10");
    // 300 - 150 = 150; +37.5 (refilled while rendering) - 150 = 37.5; +37.5 - 150 = -75.
    for (int i = 0; i < 3; i++) {
      assertEquals("tile", b.spend(flooder, taking(150)), "within the burst: render " + i);
    }
    ApiException e = assertThrows(ApiException.class, () -> b.spend(flooder, taking(150)));
    assertEquals(429, e.status());
    assertEquals("1", e.headers().get("Retry-After"), "37.5 ms of debt at 250 ms/s: under a second");
    assertEquals("tile", b.spend(ip("192.0.2.11"), taking(100)), "another address has its own budget");
    now.addAndGet(400_000_000L);
    assertEquals("tile", b.spend(flooder, taking(100)), "paid back after 0.4 s at 250 ms/s");
  }

  @Test
  void retryAfterGrowsWithTheDebt() throws Exception {
    RenderBudget b = new RenderBudget(100, 100, 4, now::get);
    InetAddress c = ip("192.0.2.20");
    b.spend(c, taking(2_600));
    ApiException e = assertThrows(ApiException.class, () -> b.spend(c, taking(1)));
    assertEquals("23", e.headers().get("Retry-After"), "100 - 2600 + 260 refilled meanwhile: 2.24 s of debt at 100 ms/s");
  }

  @Test
  void anIpv6Slash64IsOneClient() throws Exception {
    RenderBudget b = new RenderBudget(100, 100, 4, now::get);
    b.spend(ip("2001:db8:1:2::1"), taking(500));
    assertEquals(429, assertThrows(ApiException.class, () -> b.spend(ip("2001:db8:1:2:ffff::9"), taking(1))).status());
    assertEquals("tile", b.spend(ip("2001:db8:1:3::1"), taking(1)), "the next /64 is another household");
  }

  /**
   * The balance is charged after a render, so a client's requests that arrive while its renders
   * run would all pass the debt check; the pending bound refuses them at once instead of letting
   * them wait for a slot on request threads.
   */
  @Test
  void aClientWithItsMostRendersPendingGets429AtOnceAndOthersDoNot() throws Exception {
    RenderBudget b = new RenderBudget(1_000_000, 1_000_000, 4, 1, System::nanoTime);
    InetAddress flooder = ip("192.0.2.40");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> slow = pool.submit(() -> b.spend(flooder, () -> {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return "slow";
      }));
      started.await();
      long t0 = System.nanoTime();
      ApiException e = assertThrows(ApiException.class, () -> b.spend(flooder, () -> "second"));
      assertEquals(429, e.status());
      assertEquals("1", e.headers().get("Retry-After"));
      assertTrue(e.getMessage().contains("1 filtered tiles rendering or waiting"), e.getMessage());
      assertTrue(System.nanoTime() - t0 < 500_000_000L, "refused at once, not after waiting for a slot");
      assertEquals(429, assertThrows(ApiException.class, () -> b.refuseIfInDebt(flooder)).status(),
          "the network thread's check refuses it too");
      assertEquals("other", b.spend(ip("192.0.2.41"), () -> "other"), "another client renders meanwhile");
      release.countDown();
      assertEquals("slow", slow.get());
      assertEquals("again", b.spend(flooder, () -> "again"), "a finished render is no longer pending");
      assertThrows(IllegalStateException.class, () -> b.spend(flooder, () -> {
        throw new IllegalStateException("render failed");
      }));
      assertEquals("after", b.spend(flooder, () -> "after"), "nor is a failed one");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void atMostConcurrencyRendersRunAtOnceAndTheRestGet503() throws Exception {
    RenderBudget b = new RenderBudget(1_000_000, 1_000_000, 1, System::nanoTime);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> slow = pool.submit(() -> b.spend(ip("192.0.2.30"), () -> {
        started.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return "slow";
      }));
      started.await();
      long t0 = System.nanoTime();
      ApiException e = assertThrows(ApiException.class, () -> b.spend(ip("192.0.2.31"), () -> "fast"));
      assertEquals(503, e.status());
      assertEquals("1", e.headers().get("Retry-After"));
      assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "gives up after about a second");
      release.countDown();
      assertEquals("slow", slow.get());
      assertEquals("fast", b.spend(ip("192.0.2.31"), () -> "fast"), "the slot is free again");
    } finally {
      pool.shutdownNow();
    }
  }
}
