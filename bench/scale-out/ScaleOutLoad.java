import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The load and the measurement of bench/scale-out.sh, run with the server jar on the class path
 * (java -cp kmzb-server.jar bench/scale-out/ScaleOutLoad.java PROXY RATE SECONDS PRIMARY_JDBC NAME=URL...).
 *
 * <p>Posts RATE anonymous reports a second through the proxy for SECONDS. Meanwhile one poller per
 * server reads its z0 threats tile every POLL_MS (25 ms) and records when the tile's report count (clusters'
 * {@code count}, single reports 1) changes, and the primary's {@code pg_stat_replication} is sampled
 * for the replica's replay lag. Nothing else writes, so a server shows the k-th acknowledged report
 * once its count has grown by k: the k-th acknowledgement's latency is the first poll with that
 * count minus the acknowledgement time (a report committed but not yet acknowledged can only make
 * the figure smaller by the requests in flight, at most RATE x the POST time). At the end every
 * server's count must equal its start count plus the bench reports the database holds (at least the
 * acknowledged ones; a POST the client gave up on may have committed): exact, not about.
 *
 * <p>Servers named {@code late:NAME=URL} are started by the script while the load runs; only their
 * final count is checked. With {@code SPIKE_REPLICA_JDBC} and {@code SPIKE_MS} in the environment,
 * the replica's replay is paused for SPIKE_MS half-way through the load (a lag spike).
 */
public final class ScaleOutLoad {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final double[][] CITIES = {{21.012, 52.230}, {19.945, 50.065}, {16.925, 52.407}, {19.456, 51.760},
      {17.038, 51.108}, {18.646, 54.352}, {22.568, 51.246}, {23.169, 53.133}};

  /**
   * Pause between a poller's tile requests. Every write changes the z0 tile, so each poll after one
   * re-renders it: the pollers themselves load the servers, the more the shorter the pause.
   */
  static final long POLL_MS = Long.parseLong(System.getenv().getOrDefault("POLL_MS", "25"));

  record Sample(long nanos, long count) {}

  public static void main(String[] args) throws Exception {
    String proxy = args[0];
    int rate = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    String primaryJdbc = args[3];
    Map<String, String> servers = new java.util.LinkedHashMap<>();
    Map<String, String> late = new java.util.LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      (kv[0].startsWith("late:") ? late : servers).put(kv[0], kv[1]);
    }
    String spikeJdbc = System.getenv("SPIKE_REPLICA_JDBC");
    long spikeMs = Long.parseLong(System.getenv().getOrDefault("SPIKE_MS", "0"));
    Map<String, Long> start = new java.util.LinkedHashMap<>();
    for (var s : servers.entrySet()) {
      start.put(s.getKey(), count(s.getValue()));
    }
    System.out.println("start counts " + start);

    Map<String, List<Sample>> samples = new java.util.LinkedHashMap<>();
    List<Thread> pollers = new ArrayList<>();
    AtomicInteger stop = new AtomicInteger();
    for (var s : servers.entrySet()) {
      List<Sample> list = new CopyOnWriteArrayList<>();
      samples.put(s.getKey(), list);
      Thread t = new Thread(() -> poll(s.getValue(), start.get(s.getKey()), list, stop), "poll-" + s.getKey());
      t.start();
      pollers.add(t);
    }
    List<Long> lagMicros = Collections.synchronizedList(new ArrayList<>());
    Thread lag = new Thread(() -> sampleLag(primaryJdbc, lagMicros, stop), "replica-lag");
    lag.start();

    ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    SplittableRandom random = new SplittableRandom(20261205);
    long periodMicros = 1_000_000L / rate;
    int total = rate * seconds;
    long t0 = System.nanoTime();
    pace.scheduleAtFixedRate(() -> {
      if (sent.get() >= total) {
        return;
      }
      sent.incrementAndGet();
      double[] c = CITIES[random.nextInt(CITIES.length)];
      String body = "{\"category\":\"illegal_parking\",\"lon\":" + (c[0] + random.nextDouble(-0.05, 0.05))
          + ",\"lat\":" + (c[1] + random.nextDouble(-0.03, 0.03)) + ",\"description\":\"scale-out bench\"}";
      HTTP.sendAsync(HttpRequest.newBuilder(URI.create(proxy + "/api/reports")).timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/json")
          // A citizen of their own (TEST-NET-free private range): see the proxy configuration.
          .header("X-Forwarded-For", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            if (e == null && r.statusCode() == 201) {
              acks.add(System.nanoTime());
            } else {
              if (failed.incrementAndGet() <= 5) {
                System.out.println("write failed: " + (e != null ? e : r.statusCode() + " " + r.body()));
              }
            }
          });
    }, 0, periodMicros, TimeUnit.MICROSECONDS);
    if (spikeJdbc != null && spikeMs > 0) {
      // A lag spike half-way: the replica stops replaying for spikeMs, then catches up.
      Thread.sleep(seconds * 500L);
      try (Connection c = DriverManager.getConnection(spikeJdbc); Statement s = c.createStatement()) {
        s.execute("SELECT pg_wal_replay_pause()");
        System.out.println("replica replay paused for " + spikeMs + " ms");
        Thread.sleep(spikeMs);
        s.execute("SELECT pg_wal_replay_resume()");
      }
    }
    while (acks.size() + failed.get() < total && System.nanoTime() - t0 < (seconds + 60) * 1_000_000_000L) {
      Thread.sleep(50);
    }
    pace.shutdownNow();
    long loadNanos = System.nanoTime() - t0;
    List<Long> ackTimes = new ArrayList<>(acks);
    Collections.sort(ackTimes);
    int acked = ackTimes.size();
    System.out.printf("writes: %d acknowledged, %d failed, %.1f/s over %.1f s%n", acked, failed.get(),
        acked / (loadNanos / 1e9), loadNanos / 1e9);
    // Let every server converge (or give up after 30 s), then stop polling.
    long deadline = System.nanoTime() + 30_000_000_000L;
    for (var s : servers.entrySet()) {
      while (last(samples.get(s.getKey())) < start.get(s.getKey()) + acked && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    stop.set(1);
    for (Thread t : pollers) {
      t.join();
    }
    lag.join();

    // A POST the client gave up on (timeout) may still have committed: the truth is the database's.
    long stored = storedBenchReports(primaryJdbc);
    System.out.printf("stored bench reports: %d (acknowledged %d, sent %d)%n", stored, acked, sent.get());
    boolean exact = stored >= acked && stored <= sent.get();
    for (var s : servers.entrySet()) {
      long end = count(s.getValue());
      long expected = start.get(s.getKey()) + stored;
      exact &= end == expected;
      List<Long> latencies = latencies(ackTimes, samples.get(s.getKey()), start.get(s.getKey()));
      System.out.printf("%-10s visible after ack: p50 %s ms, p99 %s ms, max %s ms (%d of %d seen); count %d,"
          + " expected %d: %s%n", s.getKey(), pct(latencies, 50), pct(latencies, 99), pct(latencies, 100),
          latencies.size(), acked, end, expected, end == expected ? "exact" : "WRONG");
    }
    long expectedEnd = start.values().iterator().next() + stored;
    for (var s : late.entrySet()) {
      // Started while the writes went on: it must converge to the same count without a restart.
      long lateDeadline = System.nanoTime() + 180_000_000_000L;
      long c = -1;
      while (System.nanoTime() < lateDeadline) {
        try {
          if ((c = count(s.getValue())) == expectedEnd) {
            break;
          }
        } catch (Exception e) {
          c = -1; // not listening or not ready yet
        }
        Thread.sleep(100);
      }
      exact &= c == expectedEnd;
      System.out.printf("%-10s started during the load: count %d, expected %d: %s%n", s.getKey(), c, expectedEnd,
          c == expectedEnd ? "exact" : "WRONG");
    }
    List<Long> lags = new ArrayList<>(lagMicros);
    Collections.sort(lags);
    System.out.printf("replica replay lag (pg_stat_replication.replay_lag, %d samples): p50 %.1f ms, p99 %.1f ms,"
        + " max %.1f ms%n", lags.size(), pctD(lags, 50) / 1000.0, pctD(lags, 99) / 1000.0, pctD(lags, 100) / 1000.0);
    System.exit(exact && failed.get() == 0 ? 0 : 1);
  }

  static long last(List<Sample> s) {
    return s.isEmpty() ? Long.MIN_VALUE : s.get(s.size() - 1).count();
  }

  static List<Long> latencies(List<Long> ackTimes, List<Sample> samples, long base) {
    List<Long> out = new ArrayList<>();
    int j = 0;
    for (int k = 0; k < ackTimes.size(); k++) {
      long needed = base + k + 1;
      while (j < samples.size() && samples.get(j).count() < needed) {
        j++;
      }
      if (j == samples.size()) {
        break;
      }
      out.add(Math.max(0, samples.get(j).nanos() - ackTimes.get(k)) / 1_000_000);
    }
    Collections.sort(out);
    return out;
  }

  static String pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return "-";
    }
    return Long.toString(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
  }

  static double pctD(List<Long> sorted, int p) {
    return sorted.isEmpty() ? Double.NaN
        : sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
  }

  static void poll(String url, long base, List<Sample> out, AtomicInteger stop) {
    long lastCount = base;
    while (stop.get() == 0) {
      try {
        long c = count(url);
        long now = System.nanoTime();
        if (c != lastCount) {
          out.add(new Sample(now, c));
          lastCount = c;
        }
        Thread.sleep(POLL_MS);
      } catch (Exception e) {
        System.out.println("poll " + url + ": " + e);
      }
    }
  }

  static long storedBenchReports(String jdbc) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM report WHERE description = 'scale-out bench'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void sampleLag(String jdbc, List<Long> out, AtomicInteger stop) {
    try (Connection c = DriverManager.getConnection(jdbc)) {
      while (stop.get() == 0) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(extract(epoch FROM"
            + " replay_lag) * 1e6, 0)::bigint FROM pg_stat_replication")) {
          while (rs.next()) {
            out.add(rs.getLong(1));
          }
        }
        Thread.sleep(100);
      }
    } catch (Exception e) {
      System.out.println("replica lag: " + e);
    }
  }

  /** The number of reports the z0 threats tile of a server shows. */
  static long count(String server) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(server + "/tiles/threats/0/0/0.mvt"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 204) {
      return 0;
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException(server + ": " + r.statusCode());
    }
    long n = 0;
    for (JtsLayer l : MvtReader.loadMvt(new ByteArrayInputStream(r.body()), new GeometryFactory(),
        new TagKeyValueMapConverter()).getLayers()) {
      for (Geometry g : l.getGeometries()) {
        Object count = ((Map<?, ?>) g.getUserData()).get("count");
        n += count == null ? 1 : ((Number) count).longValue();
      }
    }
    return n;
  }
}
