package pl.kmzb.testing;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The scale-out measurement, shared by {@code bench/scale-out.sh} (processes) and
 * {@code pl.kmzb.app.ScaleOutContainersIT} (containers).
 *
 * <p>Posts {@code rate} anonymous reports a second through the proxy for {@code seconds}, each
 * with a client address of its own in X-Forwarded-For (one address would queue every insert on that
 * address's rate-limit lock, which no real load does). Meanwhile one poller per server reads its z0
 * threats tile every {@code pollMs} and records when the tile's report count (clusters'
 * {@code count}, single reports 1) changes, and the primary's {@code pg_stat_replication} is sampled
 * for the replica's replay lag. Nothing else writes, so a server shows the k-th acknowledged report
 * once its count has grown by k: the k-th acknowledgement's latency is the first poll with that
 * count minus the acknowledgement time (a report committed but not yet acknowledged can only make
 * the figure smaller by the requests in flight, at most rate x the POST time). At the end every
 * server's count must equal its start count plus the load's reports the database holds (at least
 * the acknowledged ones; a POST the client gave up on may have committed): exact, not about.
 *
 * <p>Half-way through the load, {@code halfway} runs (e.g. a server is started) and, with a replica
 * URL, the replica's replay is paused for {@code spikeMs} (a lag spike).
 */
public final class ScaleOutLoad {
  /** The description every report of the load carries: how the database's count finds them. */
  public static final String DESCRIPTION = "scale-out bench";
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private static final double[][] CITIES = {{21.012, 52.230}, {19.945, 50.065}, {16.925, 52.407}, {19.456, 51.760},
      {17.038, 51.108}, {18.646, 54.352}, {22.568, 51.246}, {23.169, 53.133}};
  /** pg_stat_replication is sampled this often. */
  private static final long LAG_SAMPLE_MS = 100;

  /**
   * @param servers name → base URL of each server polled directly (not through the proxy)
   * @param pollMs pause between a poller's tile requests: every write changes the z0 tile, so each
   *     poll after one re-renders it; the pollers themselves load the servers, the more the shorter
   * @param spikeReplicaJdbc the replica whose replay is paused half-way, or null for no spike
   */
  public record Options(URI proxy, int rate, int seconds, String primaryJdbc, Map<String, URI> servers,
      long pollMs, String spikeReplicaJdbc, long spikeMs, Runnable halfway) {}

  /** When a server's tile count changed. */
  record Sample(long nanos, long count) {}

  /** A replay-lag sample of pg_stat_replication. */
  public record LagSample(long nanos, long micros) {}

  /**
   * One server's figures. {@code latenciesMs}: from each acknowledgement until the server's tile
   * showed it, sorted; {@code beyondLagMs}: the same less the largest replay lag sampled while
   * that report was awaited (what the server adds to the replica's lag), sorted.
   */
  public record ServerResult(String name, long start, long end, long expected, int acknowledged,
      List<Long> latenciesMs, List<Long> beyondLagMs) {
    public boolean exact() {
      return end == expected;
    }

    public long p(int percent) {
      return percentile(latenciesMs, percent);
    }

    @Override
    public String toString() {
      return String.format("%-10s visible after ack: p50 %d ms, p99 %d ms, max %d ms (%d of %d seen); beyond the"
          + " replay lag p99 %d ms; count %d, expected %d: %s", name, p(50), p(99), p(100), latenciesMs.size(),
          acknowledged, percentile(beyondLagMs, 99), end, expected, exact() ? "exact" : "WRONG");
    }
  }

  /** What the load did and what every server showed. */
  public record Result(int sent, int acknowledged, int failed, double seconds, long stored,
      Map<String, ServerResult> servers, List<Long> lagMicros, Map<String, Integer> primaryWaits) {
    /** The count every server must show at the end: the first server's start plus what was stored. */
    public long expectedEnd() {
      return servers.values().iterator().next().expected();
    }

    public double lagMs(int percent) {
      return lagMicros.isEmpty() ? Double.NaN : percentile(lagMicros, percent) / 1000.0;
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(String.format("writes: %d acknowledged, %d failed, %.1f/s over %.1f s;"
          + " stored load reports: %d (sent %d)%n", acknowledged, failed, acknowledged / seconds, seconds, stored, sent));
      servers.values().forEach(r -> s.append(r).append('\n'));
      s.append(String.format("replica replay lag (pg_stat_replication.replay_lag, %d samples): p50 %.1f ms, p99 %.1f"
          + " ms, max %.1f ms", lagMicros.size(), lagMs(50), lagMs(99), lagMs(100)));
      // Where a stall on the primary comes from: its busy sessions by wait event, summed over the samples.
      s.append(String.format("%nprimary's active sessions by wait event (summed over the lag samples): %s", primaryWaits));
      return s.toString();
    }
  }

  private ScaleOutLoad() {}

  public static Result run(Options o) throws Exception {
    Map<String, Long> start = new LinkedHashMap<>();
    for (var s : o.servers().entrySet()) {
      start.put(s.getKey(), count(s.getValue()));
    }
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    List<Thread> pollers = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    for (var s : o.servers().entrySet()) {
      List<Sample> list = new CopyOnWriteArrayList<>();
      samples.put(s.getKey(), list);
      Thread t = new Thread(() -> poll(s.getValue(), start.get(s.getKey()), o.pollMs(), list, stop), "poll-" + s.getKey());
      t.start();
      pollers.add(t);
    }
    List<LagSample> lag = new CopyOnWriteArrayList<>();
    Map<String, Integer> waits = new java.util.concurrent.ConcurrentSkipListMap<>();
    Thread lagSampler = new Thread(() -> sampleLag(o.primaryJdbc(), lag, waits, stop), "replica-lag");
    lagSampler.start();

    ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger sent = new AtomicInteger();
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    SplittableRandom random = new SplittableRandom(20261205);
    int total = o.rate() * o.seconds();
    long t0 = System.nanoTime();
    pace.scheduleAtFixedRate(() -> post(o.proxy(), total, random, sent, acks, failed),
        0, 1_000_000L / o.rate(), TimeUnit.MICROSECONDS);
    Thread.sleep(o.seconds() * 500L);
    Thread halfway = new Thread(o.halfway() == null ? () -> { } : o.halfway(), "halfway");
    halfway.start();
    if (o.spikeReplicaJdbc() != null && o.spikeMs() > 0) {
      pauseReplay(o.spikeReplicaJdbc(), o.spikeMs());
    }
    while (acks.size() + failed.get() < total && System.nanoTime() - t0 < (o.seconds() + 60) * 1_000_000_000L) {
      Thread.sleep(50);
    }
    pace.shutdownNow();
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    List<Long> ackTimes = new ArrayList<>(acks);
    Collections.sort(ackTimes);
    int acked = ackTimes.size();
    // Let every server converge (or give up after 30 s), then stop polling.
    long deadline = System.nanoTime() + 30_000_000_000L;
    for (var s : o.servers().keySet()) {
      while (last(samples.get(s)) < start.get(s) + acked && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
    }
    stop.set(true);
    for (Thread t : pollers) {
      t.join();
    }
    lagSampler.join();
    halfway.join();

    // A POST the client gave up on (timeout) may still have committed: the truth is the database's.
    long stored = storedLoadReports(o.primaryJdbc());
    Map<String, ServerResult> results = new LinkedHashMap<>();
    for (var s : o.servers().entrySet()) {
      long base = start.get(s.getKey());
      List<Sample> seen = samples.get(s.getKey());
      results.put(s.getKey(), new ServerResult(s.getKey(), base, count(s.getValue()), base + stored, acked,
          latencies(ackTimes, seen, base, List.of()), latencies(ackTimes, seen, base, lag)));
    }
    List<Long> lagMicros = new ArrayList<>(lag.stream().map(LagSample::micros).toList());
    Collections.sort(lagMicros);
    return new Result(sent.get(), acked, failed.get(), loadSeconds, stored, results, lagMicros, Map.copyOf(waits));
  }

  private static void post(URI proxy, int total, SplittableRandom random, AtomicInteger sent,
      ConcurrentLinkedQueue<Long> acks, AtomicInteger failed) {
    if (sent.get() >= total) {
      return;
    }
    sent.incrementAndGet();
    double[] c = CITIES[random.nextInt(CITIES.length)];
    String body = "{\"category\":\"illegal_parking\",\"lon\":" + (c[0] + random.nextDouble(-0.05, 0.05))
        + ",\"lat\":" + (c[1] + random.nextDouble(-0.03, 0.03)) + ",\"description\":\"" + DESCRIPTION + "\"}";
    String citizen = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    HTTP.sendAsync(HttpRequest.newBuilder(proxy.resolve("/api/reports")).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json").header("X-Forwarded-For", citizen)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
        .whenComplete((r, e) -> {
          if (e == null && r.statusCode() == 201) {
            acks.add(System.nanoTime());
          } else if (failed.incrementAndGet() <= 5) {
            System.out.println("write failed: " + (e != null ? e : r.statusCode() + " " + r.body()));
          }
        });
  }

  /** A lag spike: the replica stops replaying for {@code ms}, then catches up. */
  private static void pauseReplay(String replicaJdbc, long ms) throws Exception {
    try (Connection c = DriverManager.getConnection(replicaJdbc); Statement s = c.createStatement()) {
      s.execute("SELECT pg_wal_replay_pause()");
      System.out.println("replica replay paused for " + ms + " ms");
      try {
        Thread.sleep(ms);
      } finally {
        s.execute("SELECT pg_wal_replay_resume()");
      }
    }
  }

  /**
   * Polls a server until its tile shows {@code expected} reports (a server started during the load
   * must get there without a restart); returns the last count seen, -1 if it never answered.
   */
  public static long awaitCount(URI server, long expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long c = -1;
    while (System.nanoTime() < deadline) {
      try {
        if ((c = count(server)) == expected) {
          return c;
        }
      } catch (Exception e) {
        c = -1; // not listening or not ready yet
      }
      Thread.sleep(100);
    }
    return c;
  }

  private static long last(List<Sample> s) {
    return s.isEmpty() ? Long.MIN_VALUE : s.get(s.size() - 1).count();
  }

  /**
   * Per acknowledged report k (in acknowledgement order), the first sample showing base + k + 1,
   * minus the acknowledgement; less the largest replay lag sampled between the acknowledgement and
   * one sampling period after the sample, when {@code lag} is given.
   */
  static List<Long> latencies(List<Long> ackTimes, List<Sample> samples, long base, List<LagSample> lag) {
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
      long ack = ackTimes.get(k);
      long seen = samples.get(j).nanos();
      long lagMs = 0;
      for (LagSample l : lag) {
        if (l.nanos() >= ack && l.nanos() <= seen + 2 * LAG_SAMPLE_MS * 1_000_000) {
          lagMs = Math.max(lagMs, l.micros() / 1000);
        }
      }
      out.add(Math.max(0, (seen - ack) / 1_000_000 - lagMs));
    }
    Collections.sort(out);
    return out;
  }

  /** The nearest-rank percentile of sorted values (100: the largest), -1 for none. */
  public static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)));
  }

  private static void poll(URI url, long base, long pollMs, List<Sample> out, AtomicBoolean stop) {
    long lastCount = base;
    while (!stop.get()) {
      try {
        long c = count(url);
        long now = System.nanoTime();
        if (c != lastCount) {
          out.add(new Sample(now, c));
          lastCount = c;
        }
        Thread.sleep(pollMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        System.out.println("poll " + url + ": " + e);
      }
    }
  }

  private static long storedLoadReports(String jdbc) throws Exception {
    try (Connection c = DriverManager.getConnection(jdbc); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM report WHERE description = '" + DESCRIPTION + "'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sampleLag(String jdbc, List<LagSample> out, Map<String, Integer> waits, AtomicBoolean stop) {
    try (Connection c = DriverManager.getConnection(jdbc)) {
      while (!stop.get()) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(extract(epoch FROM"
            + " replay_lag) * 1e6, 0)::bigint FROM pg_stat_replication")) {
          while (rs.next()) {
            out.add(new LagSample(System.nanoTime(), rs.getLong(1)));
          }
        }
        // An advisory lock waited for is named by its key: (7406, group) the citizen limit's, one bigint the change log's.
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce(a.wait_event_type || ':'"
            + " || a.wait_event, 'cpu') || coalesce((SELECT min(CASE WHEN l.objsubid = 2 THEN ' (' || l.classid || ', …)'"
            + " ELSE ' (one key)' END) FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted AND l.locktype ="
            + " 'advisory'), ''), count(*) FROM pg_stat_activity a WHERE a.state = 'active' AND a.backend_type ="
            + " 'client backend' AND a.pid <> pg_backend_pid() GROUP BY 1")) {
          while (rs.next()) {
            waits.merge(rs.getString(1), rs.getInt(2), Integer::sum);
          }
        }
        Thread.sleep(LAG_SAMPLE_MS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      System.out.println("replica lag: " + e);
    }
  }

  /** The number of reports the z0 threats tile of a server shows. */
  public static long count(URI server) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(server.resolve("/tiles/threats/0/0/0.mvt"))
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
