package pl.kmzb.cluster;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * Cache flooding, over HTTP against a running server (the Java side of bench/flood-benchmark.sh):
 * {@code flood URL SECONDS FLOOD_RATE}. Other clients (4 threads, each its own address through
 * X-Forwarded-For, the server trusting 127.0.0.1 as its proxy) request default tiles of the map as
 * people use it: the tiles of zooms 5-9 over Poland (cached after a warm-up) and random tiles of
 * zooms 11-14 over the demo cities (many rendered for the first time). Their latency is measured
 * idle for SECONDS, then for SECONDS while one more client sends FLOOD_RATE requests a second for
 * the zoom 0-3 tiles that hold Poland, each with a filter never used before ({@code from=} a random
 * instant): every one a new cache key, and at these zooms a scan of (nearly) every public report.
 */
public final class FloodBench {
  static final int OTHERS = 4;
  static final int THINK_MS = 10;

  /** The other clients' HTTP client. */
  private final HttpClient http = client();
  /**
   * The flooding (or steady) client's own HTTP client, as on a machine of its own: a shared
   * client would put its 200 responses a second on the same selector thread as the measured
   * clients' responses, so the harness, not the server, would delay them. "shared" as the fifth
   * argument restores the old set-up, for comparison.
   */
  private final HttpClient streamHttp;
  private final String url;

  FloodBench(String url, boolean sharedClient) {
    this.url = url;
    this.streamHttp = sharedClient ? http : client();
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static void main(String[] args) throws Exception {
    if (!args[0].equals("flood")) {
      throw new IllegalArgumentException("mode: flood URL SECONDS FLOOD_RATE [ROUNDS] [own|shared]");
    }
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    boolean shared = args.length > 5 && args[5].equals("shared");
    new FloodBench(args[1], shared).run(Integer.parseInt(args[2]), Integer.parseInt(args[3]), rounds);
  }

  /** The tiles of zooms 5-9 over Poland: the map as opened, cached after the warm-up. */
  static List<TileCoord> hotTiles() {
    return tilesOverPoland(5, 9);
  }

  /** The tiles of zooms 0-3 that hold Poland: each filtered one a scan of (nearly) every report. */
  static List<TileCoord> lowZoomTilesOverPoland() {
    return tilesOverPoland(0, 3);
  }

  static List<TileCoord> tilesOverPoland(int minZoom, int maxZoom) {
    List<TileCoord> out = new ArrayList<>();
    WebMercatorQuad w = WebMercatorQuad.INSTANCE;
    for (int z = minZoom; z <= maxZoom; z++) {
      int s = 31 - z;
      for (int x = w.worldX(14.1, 0) >>> s; x <= w.worldX(24.2, 0) >>> s; x++) {
        for (int y = w.worldY(0, 54.9) >>> s; y <= w.worldY(0, 49.0) >>> s; y++) {
          out.add(new TileCoord(z, x, y));
        }
      }
    }
    return out;
  }

  static final double[][] CITIES = {{21.01, 52.23}, {19.94, 50.06}, {16.93, 52.41}, {18.64, 54.35}, {17.03, 51.11},
      {19.46, 51.76}, {22.57, 51.25}, {18.00, 53.12}};

  static TileCoord cityTile(SplittableRandom rnd) {
    double[] c = CITIES[rnd.nextInt(CITIES.length)];
    int z = 11 + rnd.nextInt(4);
    double lon = c[0] + (rnd.nextDouble() - 0.5) * 0.3;
    double lat = c[1] + (rnd.nextDouble() - 0.5) * 0.2;
    WebMercatorQuad w = WebMercatorQuad.INSTANCE;
    return new TileCoord(z, w.worldX(lon, lat) >>> (31 - z), w.worldY(lon, lat) >>> (31 - z));
  }

  long get(String path, String client) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(url + path)).header("X-Forwarded-For", client)
        .header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(30)).build();
    return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /** When each latency of the last {@link #others} phase was measured: ns since the phase began, unsorted. */
  private volatile long[][] lastTimeline = new long[0][];

  /** Latencies (ns) of the other clients over {@code seconds}, with or without the flood. */
  long[] others(List<TileCoord> hot, int seconds, long seed) throws Exception {
    List<Long> all = java.util.Collections.synchronizedList(new ArrayList<>());
    List<long[]> timeline = java.util.Collections.synchronizedList(new ArrayList<>());
    long begin = System.nanoTime();
    Map<Long, AtomicLong> statuses = new ConcurrentHashMap<>();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < OTHERS; t++) {
      SplittableRandom rnd = new SplittableRandom(seed * 31 + t);
      String client = "198.51.100." + (10 + t);
      Thread th = new Thread(() -> {
        try {
          while (System.nanoTime() < end) {
            TileCoord tile = rnd.nextInt(10) < 7 ? hot.get(rnd.nextInt(hot.size())) : cityTile(rnd);
            long t0 = System.nanoTime();
            long status = get("/tiles/threats/" + tile + ".mvt", client);
            long latency = System.nanoTime() - t0;
            all.add(latency);
            timeline.add(new long[] {t0 - begin, latency});
            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            Thread.sleep(THINK_MS);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    System.out.println("  other clients' statuses " + new TreeMap<>(statuses));
    lastTimeline = timeline.toArray(new long[0][]);
    return all.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /**
   * The measured phases idle, steady and flood are repeated {@code rounds} times, interleaved, and
   * each phase's latencies are pooled over its rounds: on a machine whose background load drifts
   * (other users, other benchmarks), one phase of each kind in a row compares different moments,
   * and the p99 of one 20 s phase (about 75 samples above it) moves by a third from run to run.
   */
  void run(int seconds, int floodRate, int rounds) throws Exception {
    List<TileCoord> hot = hotTiles();
    List<TileCoord> lowZoom = lowZoomTilesOverPoland();
    System.out.println("warm-up: " + hot.size() + " tiles of zooms 5-9 over Poland, " + seconds + " s of the mix, "
        + seconds + " s of it under the flood (JIT), then " + seconds + " s more idle");
    for (TileCoord t : hot) {
      get("/tiles/threats/" + t + ".mvt", "198.51.100.1");
    }
    others(hot, seconds, 1);
    stream(floodRate, () -> floodPath(lowZoom), () -> others(hot, seconds, 4));
    others(hot, seconds, 5);
    // The control: as many requests a second from one more client, but for cached default tiles, so
    // what the flood adds beyond the same stream of cheap requests (on 2 cores shared with this
    // load generator) can be told apart.
    SplittableRandom pick = new SplittableRandom(11);
    List<long[]> idle = new ArrayList<>();
    List<long[]> steady = new ArrayList<>();
    List<long[]> flooded = new ArrayList<>();
    List<long[]> sustained = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      long seed = 100L * round;
      idle.add(others(hot, seconds, seed + 2));
      print("idle (round " + round + ")", idle.get(round - 1));
      Map<Long, Long> steadyStatuses = stream(floodRate,
          () -> "/tiles/threats/" + hot.get(pick.nextInt(hot.size())) + ".mvt", () -> steady.add(others(hot, seconds, seed + 6)));
      print("steady (round " + round + ")", steady.get(round - 1));
      System.out.printf("steady client: %d/s cached default tiles, statuses %s%n", floodRate, steadyStatuses);
      Map<Long, Long> floodStatuses = stream(floodRate, () -> floodPath(lowZoom),
          () -> flooded.add(others(hot, seconds, seed + 3)));
      print("flood (round " + round + ")", flooded.get(round - 1));
      printTimeline(seconds, pct(idle.get(round - 1), 99));
      sustained.add(Arrays.stream(lastTimeline).filter(sample -> sample[0] >= BURST_SECONDS * 1_000_000_000L)
          .mapToLong(sample -> sample[1]).sorted().toArray());
      System.out.printf("flooder: %d/s distinct filters at zooms 0-3, statuses %s (-1: no answer)%n", floodRate,
          floodStatuses);
      long[] ri = idle.get(round - 1);
      long[] rs = steady.get(round - 1);
      long[] rf = flooded.get(round - 1);
      System.out.printf("round %d: ratio p99 flood/idle %.2f, flood/steady %.2f, steady/idle %.2f%n", round,
          pct(rf, 99) / pct(ri, 99), pct(rf, 99) / pct(rs, 99), pct(rs, 99) / pct(ri, 99));
    }
    long[] i = pooled(idle);
    long[] s = pooled(steady);
    long[] f = pooled(flooded);
    if (rounds > 1) {
      print("idle, " + rounds + " rounds pooled", i);
      print("steady, " + rounds + " rounds pooled", s);
      print("flood, " + rounds + " rounds pooled", f);
    }
    System.out.printf("ratio p99 flood/idle: %.2f, flood/steady: %.2f, steady/idle: %.2f; p50 flood/idle: %.2f%n",
        pct(f, 99) / pct(i, 99), pct(f, 99) / pct(s, 99), pct(s, 99) / pct(i, 99), pct(f, 50) / pct(i, 50));
    // The flooder's bucket is full when each flood phase starts (the phases before it are longer
    // than the bucket takes to refill), so the first second holds the budget's whole burst of renders
    // back to back: in a 20 s phase as much render time as the other 19 s together, while a flood
    // that goes on for minutes has its burst once. Shown apart, never instead of the figures above.
    long[] u = pooled(sustained);
    print("flood after its first " + BURST_SECONDS + " s, pooled", u);
    System.out.printf("ratio p99 flood after its first %d s/idle: %.2f%n", BURST_SECONDS, pct(u, 99) / pct(i, 99));
  }

  /** How much of each flood phase's start holds the burst, for the figure without it. */
  static final int BURST_SECONDS = 2;

  static long[] pooled(List<long[]> phases) {
    return phases.stream().flatMapToLong(Arrays::stream).sorted().toArray();
  }

  /**
   * Where in the last phase its slow answers fell: per second, the answers slower than {@code
   * thresholdMs} (the idle phase's p99), and the flooder's rendered (200) answers. A p99 notices
   * anything touching 1 % of the answers, so a burst of renders in one second of a 20 s phase can
   * decide it alone.
   */
  private void printTimeline(int seconds, double thresholdMs) {
    long[] slow = new long[seconds + 1];
    for (long[] sample : lastTimeline) {
      if (sample[1] / 1e6 > thresholdMs) {
        slow[(int) Math.min(seconds, sample[0] / 1_000_000_000L)]++;
      }
    }
    System.out.printf("  answers slower than idle p99 (%.2f ms) per second: %s%n", thresholdMs, Arrays.toString(slow));
    long[] rendered = new long[seconds + 1];
    for (int s = 0; s <= seconds; s++) {
      rendered[s] = lastRenders.get(s);
    }
    System.out.printf("  the flooder's rendered tiles (200) per second: %s%n", Arrays.toString(rendered));
  }

  /** The stream client's 200 answers by the second of the last stream they arrived in. */
  private volatile java.util.concurrent.atomic.AtomicLongArray lastRenders = new java.util.concurrent.atomic.AtomicLongArray(1);

  private final SplittableRandom floodRandom = new SplittableRandom(7);
  private static final Instant BASE = Instant.parse("2016-01-01T00:00:00Z");

  /** A zoom 0-3 tile over Poland with a filter never used before. */
  private String floodPath(List<TileCoord> lowZoom) {
    TileCoord t = lowZoom.get(floodRandom.nextInt(lowZoom.size()));
    return "/tiles/threats/" + t + ".mvt?from=" + BASE.plusMillis(floodRandom.nextLong(300_000_000_000L));
  }

  interface Phase {
    void run() throws Exception;
  }

  /** Sends {@code rate} requests a second from client 203.0.113.9 while {@code during} runs; their statuses. */
  private Map<Long, Long> stream(int rate, java.util.function.Supplier<String> path, Phase during) throws Exception {
    Map<Long, AtomicLong> statuses = new ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicLongArray renders = new java.util.concurrent.atomic.AtomicLongArray(3_600);
    lastRenders = renders;
    long begin = System.nanoTime();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    timer.scheduleAtFixedRate(() -> streamHttp.sendAsync(HttpRequest.newBuilder(URI.create(url + path.get()))
        .header("X-Forwarded-For", "203.0.113.9").header("Accept-Encoding", "gzip").timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.discarding())
        .whenComplete((r, e) -> {
          long status = e == null ? (long) r.statusCode() : -1L;
          statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
          if (status == 200) {
            renders.incrementAndGet((int) Math.min(3_599, (System.nanoTime() - begin) / 1_000_000_000L));
          }
        }), 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
    try {
      during.run();
    } finally {
      timer.shutdownNow();
    }
    Thread.sleep(2_000);
    Map<Long, Long> out = new TreeMap<>();
    statuses.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  static double pct(long[] sorted, double p) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
  }

  static void print(String phase, long[] sorted) {
    System.out.printf("%s: %d default tiles, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", phase,
        sorted.length, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    if (Arrays.stream(sorted).count() == 0) {
      throw new IllegalStateException("no requests");
    }
  }
}
