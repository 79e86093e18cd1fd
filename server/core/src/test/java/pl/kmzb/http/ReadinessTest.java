package pl.kmzb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  @Test
  void awaitSettledReturnsOnceNothingIsPendingReadyOrFailed() throws Exception {
    Readiness r = new Readiness();
    r.waitFor("cluster-index");
    r.waitFor("statistics");
    CountDownLatch settled = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      try {
        r.awaitSettled();
        settled.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    waiter.start();
    r.ready("cluster-index");
    assertFalse(settled.await(200, TimeUnit.MILLISECONDS), "statistics still pending");
    r.failed("statistics", "broken");
    assertTrue(settled.await(10, TimeUnit.SECONDS), "a failure settles too");
    assertFalse(r.isReady());
    r.awaitSettled(); // nothing pending: returns at once
  }

  @Test
  void backgroundWorkIsListedUntilDoneAndDoesNotHoldReadiness() {
    Readiness r = new Readiness();
    r.backgroundStarted("feature-ranks");
    r.backgroundStarted("analytics-layers");
    assertTrue(r.isReady());
    assertEquals(List.of("analytics-layers", "feature-ranks"), r.background());
    r.backgroundDone("feature-ranks");
    r.backgroundDone("analytics-layers");
    assertEquals(List.of(), r.background());
  }

  @Test
  void workAfterReadyStartsOnceSettledAndIsListedUntilItEndsEvenByFailing() throws Exception {
    Readiness r = new Readiness();
    r.waitFor("cluster-index");
    CountDownLatch ran = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread t = r.afterReady("analytics-layers", () -> {
      ran.countDown();
      release.await();
    });
    assertEquals(List.of("analytics-layers"), r.background(), "listed from the start");
    assertFalse(ran.await(200, TimeUnit.MILLISECONDS), "not while something is pending");
    r.ready("cluster-index");
    assertTrue(ran.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("analytics-layers"), r.background(), "listed while it runs");
    release.countDown();
    t.join(10_000);
    assertEquals(List.of(), r.background());

    Thread failing = r.afterReady("feature-ranks", () -> {
      throw new IllegalStateException("store gone");
    });
    failing.join(10_000);
    assertFalse(failing.isAlive());
    assertEquals(List.of(), r.background(), "a failure ends the job too");

    Thread stopped = r.afterReady("wmts-warm-up", () -> Thread.sleep(60_000));
    stopped.interrupt();
    stopped.join(10_000);
    assertFalse(stopped.isAlive(), "an interruption stops it");
    assertEquals(List.of(), r.background());
  }

  @Test
  void stopBackgroundInterruptsTheJobsAndNamesThoseThatDidNotEndInTime() throws Exception {
    Readiness r = new Readiness();
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    Thread sleeping = r.afterReady("analytics-layers", () -> {
      started.countDown();
      Thread.sleep(60_000);
    });
    Thread stubborn = r.afterReady("feature-ranks", () -> {
      started.countDown();
      while (true) {
        try {
          release.await();
          return;
        } catch (InterruptedException e) {
          // a job that ignores the interruption: stopBackground must not wait for it beyond its time
        }
      }
    });
    assertTrue(started.await(10, TimeUnit.SECONDS));
    long t0 = System.nanoTime();
    assertEquals(List.of("feature-ranks"), r.stopBackground(java.time.Duration.ofMillis(500)));
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "bounded by the wait");
    assertFalse(sleeping.isAlive(), "the interrupted job ended");
    assertTrue(stubborn.isAlive());
    release.countDown();
    stubborn.join(10_000);
    assertEquals(List.of(), r.background());
    assertEquals(List.of(), r.stopBackground(java.time.Duration.ofMillis(100)), "nothing left to stop");
  }
}
