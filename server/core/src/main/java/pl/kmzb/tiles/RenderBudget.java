package pl.kmzb.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.ClientAddress;

/**
 * What clients may spend on filtered tiles that no cache holds. Every distinct filter is a new
 * tile to render, and at low zooms a render scans every public report (tens of milliseconds on
 * millions), so without a bound one client sending distinct filters would keep the processors busy
 * and every other client's tiles waiting. Two bounds, both on renders only (a cached tile, and any
 * unfiltered tile, costs nothing here):
 *
 * <ul>
 *   <li>per client (an IPv4 address, or an IPv6 /64: one household's prefix), a token bucket of
 *       render time: {@code ratePerSecond} milliseconds per second, up to {@code burst}; a client
 *       in debt gets 429 with the seconds until it is out of debt;
 *   <li>per client, at most {@code pendingPerClient} such renders running or waiting for a slot;
 *       beyond, 429 at once. The balance is charged only after a render, so without this bound
 *       every request arriving while a client's burst lasts passes the debt check and waits for a
 *       slot, each holding a request thread: a flood of 200 a second could overspend the burst by
 *       as many renders as arrive during it (docs/notes/perf-flood.md). A browser asks a host for
 *       at most six tiles at once over HTTP/1.1, which the default of {@value #PENDING_PER_CLIENT}
 *       leaves alone (tiles.filtered-render-pending-per-client);
 *   <li>over all clients, at most {@code concurrency} such renders at once; a render that cannot
 *       start within a second gets 503, so unfiltered tiles always find a free processor.
 * </ul>
 *
 * The time charged is the render's real duration, measured after it, so cheap filters (high
 * zooms, small areas) cost little and expensive ones much.
 */
public final class RenderBudget {
  private static final long WAIT_MS = 1_000;
  /** Filtered renders one client may have running or waiting at once, by default (the setting's default). */
  public static final int PENDING_PER_CLIENT = 16;

  private final long rateNanosPerSecond;
  private final long burstNanos;
  private final Semaphore renders;
  private final int pendingPerClient;
  private final LongSupplier clock;
  private final Cache<InetAddress, Bucket> buckets;

  public RenderBudget(long ratePerSecondMs, long burstMs, int concurrency, LongSupplier nanoClock) {
    this(ratePerSecondMs, burstMs, concurrency, PENDING_PER_CLIENT, nanoClock);
  }

  public RenderBudget(long ratePerSecondMs, long burstMs, int concurrency, int pendingPerClient,
      LongSupplier nanoClock) {
    this.pendingPerClient = pendingPerClient;
    this.rateNanosPerSecond = ratePerSecondMs * 1_000_000L;
    this.burstNanos = burstMs * 1_000_000L;
    this.renders = new Semaphore(concurrency);
    this.clock = nanoClock;
    // Buckets idle long enough to be full again carry no information: let them go.
    long refillSeconds = Math.max(1, burstNanos / Math.max(1, rateNanosPerSecond) + 1);
    this.buckets = Caffeine.newBuilder().maximumSize(200_000)
        .expireAfterAccess(Duration.ofSeconds(refillSeconds)).build();
  }

  /** With {@code concurrency} 0 meaning half the processors, at least one. */
  public static RenderBudget of(long ratePerSecondMs, long burstMs, int concurrency, int pendingPerClient) {
    int n = concurrency > 0 ? concurrency : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    return new RenderBudget(ratePerSecondMs, burstMs, n, pendingPerClient, System::nanoTime);
  }

  /** The key a client is counted under: its IPv4 address, or the /64 of its IPv6 address. */
  static InetAddress clientKey(InetAddress address) {
    return ClientAddress.group(address, 64).network();
  }

  /**
   * Runs {@code render} for {@code client} if its budget allows, and charges what it took.
   *
   * @throws ApiException 429 when the client is in debt or has {@code pendingPerClient} renders
   *     pending, 503 when no render slot frees within a second
   */
  public <T> T spend(InetAddress client, Supplier<T> render) {
    Bucket bucket = refuseIfInDebt(client);
    if (!bucket.enter(pendingPerClient)) {
      throw tooManyPending();
    }
    try {
      return renderInSlot(bucket, render);
    } finally {
      bucket.leave();
    }
  }

  private <T> T renderInSlot(Bucket bucket, Supplier<T> render) {
    boolean started = false;
    try {
      started = renders.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!started) {
      throw new ApiException(503, "Service Unavailable", "every slot for rendering filtered tiles is busy;"
          + " retry in 1 s (unfiltered and cached tiles are not limited)").withHeader("Retry-After", "1");
    }
    long t0 = clock.getAsLong();
    try {
      return render.get();
    } finally {
      renders.release();
      bucket.charge(clock.getAsLong() - t0);
    }
  }

  private ApiException tooManyPending() {
    return new ApiException(429, "Too Many Requests", "this client already has " + pendingPerClient
        + " filtered tiles rendering or waiting to; retry in 1 s (unfiltered and cached tiles are not limited)")
        .withHeader("Retry-After", "1");
  }

  /**
   * Throws 429 if {@code client} is in debt or has its most renders pending; cheap enough for the
   * network thread, so a refused request never waits for, or occupies, a request thread. (The
   * pending count is checked again, and taken, in {@link #spend}.)
   */
  public Bucket refuseIfInDebt(InetAddress client) {
    Bucket bucket = buckets.get(clientKey(client), k -> new Bucket(burstNanos, clock.getAsLong()));
    long debt = bucket.debt(clock.getAsLong(), rateNanosPerSecond, burstNanos);
    if (debt > 0) {
      long seconds = Math.max(1, (debt * 1_000_000_000L / rateNanosPerSecond + 999_999_999L) / 1_000_000_000L);
      throw new ApiException(429, "Too Many Requests", "this client has used its render time for filtered tiles"
          + " no cache holds; retry in " + seconds + " s (unfiltered and cached tiles are not limited)")
          .withHeader("Retry-After", Long.toString(seconds));
    }
    if (bucket.pending() >= pendingPerClient) {
      throw tooManyPending();
    }
    return bucket;
  }

  /** A client's balance in nanoseconds of render time, refilled lazily on each look. */
  public static final class Bucket {
    private long balance;
    private long at;
    private int pending;

    Bucket(long balance, long at) {
      this.balance = balance;
      this.at = at;
    }

    /** How far below zero the balance is now (0 when the client may render). */
    synchronized long debt(long now, long ratePerSecond, long burst) {
      long elapsed = Math.max(0, now - at);
      at = now;
      long refill = elapsed >= 1_000_000_000L * 3600 ? burst : elapsed * ratePerSecond / 1_000_000_000L;
      balance = Math.min(burst, balance + refill);
      return balance >= 0 ? 0 : -balance;
    }

    synchronized void charge(long nanos) {
      balance -= nanos;
    }

    /** Counts one more pending render, unless {@code max} are pending already. */
    synchronized boolean enter(int max) {
      if (pending >= max) {
        return false;
      }
      pending++;
      return true;
    }

    synchronized void leave() {
      pending--;
    }

    synchronized int pending() {
      return pending;
    }
  }
}
