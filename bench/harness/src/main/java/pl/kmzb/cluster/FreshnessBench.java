package pl.kmzb.cluster;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * Freshness and cold tiles under write load, over HTTP against running servers (the Java side of
 * bench/tiles-benchmark.sh):
 *
 * <ul>
 *   <li>{@code http-cold READ_URL SAMPLE}: requests every sample tile once (the server must be
 *       freshly started, so each is computed) and prints percentiles per zoom;
 *   <li>{@code fresh WRITE_URL READ_URL ADMIN_PASSWORD RATE SECONDS [SAMPLE]}: posts RATE reports a
 *       second through the officer API of WRITE_URL for SECONDS; meanwhile a probe posts one
 *       {@value #PROBE} report at a time and polls the threats tiles containing it at every zoom
 *       on READ_URL until each shows it. With SAMPLE it also requests every sample tile once on
 *       READ_URL under the load (cold if READ_URL was freshly started).
 * </ul>
 *
 * <p>Visibility is decided exactly: the load never uses the probe's category, so a tile shows
 * the probe exactly when its count of that category (cluster {@code cat_} properties plus
 * single features) has grown by one since just before the probe was written.
 */
public final class FreshnessBench {
  static final String PROBE = "stray_dogs";
  static final String[] LOAD_CATEGORIES = {"illegal_parking", "speeding", "vandalism", "public_drinking"};
  static final int ZOOMS = 17;
  static final Duration GIVE_UP = Duration.ofSeconds(5);
  static final int POLL_PAUSE_MS = 5;
  static final int WARM_UP_MS = 15_000;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  public static void main(String[] args) throws Exception {
    FreshnessBench b = new FreshnessBench();
    switch (args[0]) {
      case "http-cold" -> b.printPercentiles("http_cold_idle", b.coldPass(args[1], readSample(Path.of(args[2]))));
      case "fresh" -> b.fresh(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]),
          args.length > 6 ? readSample(Path.of(args[6])) : List.of());
      default -> throw new IllegalArgumentException("modes: http-cold, fresh");
    }
  }

  static List<TileCoord> readSample(Path file) throws IOException {
    List<TileCoord> tiles = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] p = line.strip().split("/");
      if (p.length == 3) {
        tiles.add(new TileCoord(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])));
      }
    }
    return tiles;
  }

  /**
   * Each sample tile once, in order; milliseconds per zoom. A first pass with another filter (its
   * own cache entries) warms the server's JIT, so the measured pass is cold in the cache only.
   */
  Map<Integer, List<Long>> coldPass(String base, List<TileCoord> tiles) throws Exception {
    for (TileCoord t : tiles) {
      getTile(base, t, "?source=citizen").get();
    }
    Map<Integer, List<Long>> byZoom = new TreeMap<>();
    for (TileCoord t : tiles) {
      long t0 = System.nanoTime();
      HttpResponse<byte[]> r = getTile(base, t, "").get();
      if (r.statusCode() != 200 && r.statusCode() != 204) {
        throw new IllegalStateException("tile " + t + ": HTTP " + r.statusCode());
      }
      byZoom.computeIfAbsent(t.z(), z -> new ArrayList<>()).add(System.nanoTime() - t0);
    }
    return byZoom;
  }

  void fresh(String writeUrl, String readUrl, String adminPassword, int rate, int seconds, List<TileCoord> sample)
      throws Exception {
    String token = login(writeUrl, adminPassword);
    Load load = new Load(writeUrl, token, rate);
    load.start();
    // A freshly started server compiles its write path under the load first; only the settled
    // state is measured.
    Thread.sleep(WARM_UP_MS);
    load.resetCounters();
    CompletableFuture<Map<Integer, List<Long>>> cold = sample.isEmpty() ? CompletableFuture.completedFuture(Map.of())
        : CompletableFuture.supplyAsync(() -> {
          try {
            return coldPass(readUrl, sample);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    Map<Integer, List<Long>> fresh = new TreeMap<>();
    List<Long> worst = new ArrayList<>();
    int missed = 0;
    SplittableRandom random = new SplittableRandom(7);
    while (System.nanoTime() < end) {
      long[] perZoom = probe(writeUrl, readUrl, token, random);
      long max = 0;
      for (int z = 0; z < ZOOMS; z++) {
        if (perZoom[z] < 0) {
          missed++;
          max = Long.MAX_VALUE;
        } else {
          fresh.computeIfAbsent(z, k -> new ArrayList<>()).add(perZoom[z]);
          max = Math.max(max, perZoom[z]);
        }
      }
      if (max != Long.MAX_VALUE) {
        worst.add(max);
      }
      Thread.sleep(100);
    }
    Map<Integer, List<Long>> coldTimes = cold.get();
    load.stop();
    load.print(seconds);
    System.out.printf("probes=%d missed_zoom_probes=%d (not visible within %d s)%n", worst.size(), missed,
        GIVE_UP.toSeconds());
    printPercentiles("fresh", fresh);
    printPercentiles("fresh_all_zooms", Map.of(-1, worst));
    if (!coldTimes.isEmpty()) {
      printPercentiles("http_cold_loaded", coldTimes);
    }
  }

  /**
   * Writes one probe report and returns, per zoom, the nanoseconds from the write's answer to the
   * first tile answer that shows it (-1 if none did within {@link #GIVE_UP}).
   */
  long[] probe(String writeUrl, String readUrl, String token, SplittableRandom random) throws Exception {
    double lon = 16.5 + random.nextDouble() * 6.0;
    double lat = 51.0 + random.nextDouble() * 2.5;
    TileCoord[] tiles = new TileCoord[ZOOMS];
    long[] before = new long[ZOOMS];
    int wx = WebMercatorQuad.INSTANCE.worldX(lon, lat);
    int wy = WebMercatorQuad.INSTANCE.worldY(lon, lat);
    for (int z = 0; z < ZOOMS; z++) {
      tiles[z] = new TileCoord(z, wx >>> (31 - z), wy >>> (31 - z));
      before[z] = probeCount(getTile(readUrl, tiles[z]).get());
    }
    HttpResponse<String> w = http.send(reportRequest(writeUrl, token, PROBE, lon, lat), HttpResponse.BodyHandlers.ofString());
    long acked = System.nanoTime();
    if (w.statusCode() != 201) {
      throw new IllegalStateException("probe write: HTTP " + w.statusCode() + " " + w.body());
    }
    long[] seen = new long[ZOOMS];
    java.util.Arrays.fill(seen, -1);
    int left = ZOOMS;
    for (int pass = 0; left > 0 && System.nanoTime() - acked < GIVE_UP.toNanos(); pass++) {
      if (pass > 0) {
        Thread.sleep(POLL_PAUSE_MS); // a client polling hard, not a busy loop stealing the server's cores
      }
      List<CompletableFuture<HttpResponse<byte[]>>> round = new ArrayList<>();
      for (int z = 0; z < ZOOMS; z++) {
        round.add(seen[z] < 0 ? getTile(readUrl, tiles[z]) : null);
      }
      for (int z = 0; z < ZOOMS; z++) {
        if (round.get(z) != null && probeCount(round.get(z).get()) > before[z]) {
          seen[z] = System.nanoTime() - acked;
          left--;
        }
      }
    }
    return seen;
  }

  /** The number of probe-category reports a tile shows (clusters and single features). */
  static long probeCount(HttpResponse<byte[]> r) throws IOException {
    if (r.statusCode() == 204) {
      return 0;
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException("tile: HTTP " + r.statusCode());
    }
    byte[] raw = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
    JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(raw), new GeometryFactory(), new TagKeyValueMapConverter());
    long n = 0;
    for (JtsLayer l : mvt.getLayers()) {
      for (Geometry g : l.getGeometries()) {
        Map<?, ?> p = (Map<?, ?>) g.getUserData();
        if (p.get("cat_" + PROBE) instanceof Number c) {
          n += c.longValue();
        } else if (PROBE.equals(p.get("category"))) {
          n++;
        }
      }
    }
    return n;
  }

  CompletableFuture<HttpResponse<byte[]>> getTile(String base, TileCoord t) {
    return getTile(base, t, "");
  }

  CompletableFuture<HttpResponse<byte[]>> getTile(String base, TileCoord t, String query) {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/tiles/threats/" + t + ".mvt" + query))
        .header("Accept-Encoding", "gzip").build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpRequest reportRequest(String base, String token, String category, double lon, double lat) {
    String body = String.format(java.util.Locale.ROOT,
        "{\"category\":\"%s\",\"lon\":%.6f,\"lat\":%.6f,\"occurredOn\":\"%s\",\"timeOfDay\":\"morning\","
            + "\"description\":\"benchmark\"}", category, lon, lat, LocalDate.now(java.time.ZoneOffset.UTC));
    return HttpRequest.newBuilder(URI.create(base + "/api/reports")).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  String login(String base, String password) throws Exception {
    String body = "{\"username\":\"admin\",\"password\":\"" + password + "\"}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("login: HTTP " + r.statusCode() + " " + r.body());
    }
    String t = r.body().replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    return t.strip();
  }

  /** RATE officer reports a second, sent on a fixed schedule whatever the answers take. */
  final class Load {
    private final String base;
    private final String token;
    private final int rate;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SplittableRandom random = new SplittableRandom(11);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> failures =
        new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long started;
    private volatile long stopped;

    Load(String base, String token, int rate) {
      this.base = base;
      this.token = token;
      this.rate = rate;
    }

    void start() {
      started = System.nanoTime();
      timer.scheduleAtFixedRate(this::send, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
    }

    private void send() {
      double lon = 16.5 + random.nextDouble() * 6.0;
      double lat = 51.0 + random.nextDouble() * 2.5;
      String category = LOAD_CATEGORIES[(int) (sent.incrementAndGet() % LOAD_CATEGORIES.length)];
      long t0 = System.nanoTime();
      http.sendAsync(reportRequest(base, token, category, lon, lat), HttpResponse.BodyHandlers.discarding())
          .whenComplete((r, e) -> {
            if (e == null && r.statusCode() == 201) {
              ok.incrementAndGet();
              latencies.add(System.nanoTime() - t0);
            } else {
              failed.incrementAndGet();
              failures.merge(e != null ? e.getClass().getSimpleName() : "HTTP " + r.statusCode(), 1, Integer::sum);
            }
          });
    }

    void resetCounters() {
      ok.set(0);
      failed.set(0);
      failures.clear();
      latencies.clear();
      started = System.nanoTime();
    }

    void stop() throws InterruptedException {
      stopped = System.nanoTime();
      timer.shutdown();
      timer.awaitTermination(5, TimeUnit.SECONDS);
      Thread.sleep(1000); // answers still in flight
    }

    void print(int seconds) {
      double elapsed = (stopped - started) / 1e9;
      System.out.printf("load_ok=%d load_failed=%d %s load_rate_per_s=%.1f write_p50_ms=%.2f write_p99_ms=%.2f%n",
          ok.get(), failed.get(), failures, ok.get() / elapsed, TileBench.pct(new ArrayList<>(latencies), 50),
          TileBench.pct(new ArrayList<>(latencies), 99));
    }
  }

  void printPercentiles(String tag, Map<Integer, List<Long>> byZoom) {
    List<Long> all = new ArrayList<>();
    byZoom.forEach((z, ns) -> {
      all.addAll(ns);
      if (z >= 0) {
        System.out.printf("%s_z%d_p50_ms=%.2f %s_z%d_p99_ms=%.2f n=%d%n", tag, z, TileBench.pct(ns, 50), tag, z,
            TileBench.pct(ns, 99), ns.size());
      }
    });
    if (!all.isEmpty()) {
      System.out.printf("%s_all_p50_ms=%.2f %s_all_p99_ms=%.2f %s_all_max_ms=%.2f n=%d%n", tag, TileBench.pct(all, 50),
          tag, TileBench.pct(all, 99), tag, TileBench.pct(all, 100), all.size());
    }
  }
}
