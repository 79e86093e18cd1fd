import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of bench/mixed-load.sh (java bench/mixed-load/MixedLoad.java BASE SECONDS WORKERS PID ADMIN_PASSWORD):
 * WORKERS closed-loop clients for SECONDS against one server, each request drawn by these weights
 * (a map audience dominates; reports and officers' work are the minority of requests):
 *
 * <pre>
 *   tiles   55  GET /tiles/threats/{z}/{x}/{y}.mvt, z 6-13 over Poland; one in five with a category filter
 *   wms     10  GetMap 256x256 EPSG:3857 of threats over a random window in Poland (z 6-12 sized)
 *   wfs      8  GetFeature threats.points, BBOX of a city window, COUNT=100, GeoJSON
 *   oapif   12  OGC API items of threats.points, bbox of a city window, limit=100
 *   ingest  10  POST /api/reports, an anonymous report near a random city centre
 *   officer  5  PATCH /api/reports/{id} (If-Match) new → verification by the administrator, on reports
 *               this load ingested (GET for the ETag first; only the PATCH is timed)
 * </pre>
 *
 * Latencies per operation (p50, p99, max), error counts (any status other than the expected one), and
 * every second the server's RSS (/proc/PID/status) and JVM heap in use (/metrics, jvm_memory_used_bytes
 * of the heap, as the administrator) are printed at the end: the maximum and the value at the end.
 */
public final class MixedLoad {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  static final String[] OPS = {"tiles", "wms", "wfs", "oapif", "ingest", "officer"};
  static final int[] WEIGHTS = {55, 10, 8, 12, 10, 5};
  static final String[] CATEGORIES = {"illegal_parking", "speeding", "public_drinking", "vandalism"};
  static final double[][] CITIES = {{21.012, 52.230}, {19.945, 50.065}, {16.925, 52.407}, {19.456, 51.760},
      {17.038, 51.108}, {18.646, 54.352}, {22.568, 51.246}, {23.169, 53.133}};

  static String base;
  static String bearer;
  static final Map<String, List<Long>> TIMES = new ConcurrentHashMap<>();
  static final Map<String, AtomicLong> ERRORS = new ConcurrentHashMap<>();
  static final Map<String, String> FIRST_ERROR = new ConcurrentHashMap<>();
  static final ConcurrentLinkedQueue<Long> INGESTED = new ConcurrentLinkedQueue<>();

  public static void main(String[] args) throws Exception {
    base = args[0];
    int seconds = Integer.parseInt(args[1]);
    int workers = Integer.parseInt(args[2]);
    long pid = Long.parseLong(args[3]);
    String adminPassword = args[4];
    bearer = "Bearer " + token(adminPassword);
    String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    for (String op : OPS) {
      TIMES.put(op, java.util.Collections.synchronizedList(new ArrayList<>()));
      ERRORS.put(op, new AtomicLong());
    }
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      long seed = 20261205L + w;
      Thread t = new Thread(() -> work(new SplittableRandom(seed), end), "load-" + w);
      t.start();
      threads.add(t);
    }
    List<long[]> memory = new ArrayList<>(); // {seconds, rss bytes, heap bytes}
    long t0 = System.nanoTime();
    while (System.nanoTime() < end) {
      memory.add(new long[] {(System.nanoTime() - t0) / 1_000_000_000L, rss(pid), heap(basic)});
      Thread.sleep(1_000);
    }
    for (Thread t : threads) {
      t.join();
    }
    memory.add(new long[] {(System.nanoTime() - t0) / 1_000_000_000L, rss(pid), heap(basic)});
    report(seconds, workers, memory);
  }

  static void work(SplittableRandom rnd, long end) {
    int total = Arrays.stream(WEIGHTS).sum();
    while (System.nanoTime() < end) {
      int pick = rnd.nextInt(total);
      int i = 0;
      while (pick >= WEIGHTS[i]) {
        pick -= WEIGHTS[i++];
      }
      try {
        switch (OPS[i]) {
          case "tiles" -> tile(rnd);
          case "wms" -> wms(rnd);
          case "wfs" -> timed("wfs", get(wfsPath(rnd), null), 200);
          case "oapif" -> timed("oapif", get(oapifPath(rnd), null), 200);
          case "ingest" -> ingest(rnd);
          default -> officer();
        }
      } catch (Exception e) {
        ERRORS.get(OPS[i]).incrementAndGet();
        FIRST_ERROR.putIfAbsent(OPS[i], e.toString());
      }
    }
  }

  /** A request and its time; recorded as an error unless it answered {@code expected}. */
  record Timed(HttpResponse<byte[]> response, long nanos) {}

  static Timed get(String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        // Many map users, not one: per-client limits (the filtered-tile render budget) apply to each.
        .header("X-Forwarded-For", client());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    long t = System.nanoTime();
    HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Timed(r, System.nanoTime() - t);
  }

  static void timed(String op, Timed t, int... expected) {
    int status = t.response().statusCode();
    if (Arrays.stream(expected).anyMatch(s -> s == status)) {
      TIMES.get(op).add(t.nanos());
    } else {
      ERRORS.get(op).incrementAndGet();
      FIRST_ERROR.putIfAbsent(op, status + " " + new String(t.response().body(), StandardCharsets.UTF_8)
          .substring(0, Math.min(200, t.response().body().length)));
    }
  }

  static void tile(SplittableRandom rnd) throws Exception {
    int z = 6 + rnd.nextInt(8);
    double lon = 14.2 + rnd.nextDouble() * 9.9;
    double lat = 49.1 + rnd.nextDouble() * 5.7;
    int n = 1 << z;
    int x = (int) ((lon + 180) / 360 * n);
    double r = Math.toRadians(lat);
    int y = (int) ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
    String filter = rnd.nextInt(5) == 0 ? "?category=" + CATEGORIES[rnd.nextInt(CATEGORIES.length)] : "";
    timed("tiles", get("/tiles/threats/" + z + "/" + x + "/" + y + ".mvt" + filter, null), 200, 204);
  }

  static void wms(SplittableRandom rnd) throws Exception {
    int z = 6 + rnd.nextInt(7);
    double size = 40075016.686 / (1 << z);
    double cx = 14.2 + rnd.nextDouble() * 9.9;
    double cy = 49.1 + rnd.nextDouble() * 5.7;
    double mx = cx * 20037508.34 / 180;
    double my = Math.log(Math.tan((90 + cy) * Math.PI / 360)) * 6378137;
    String bbox = (mx - size / 2) + "," + (my - size / 2) + "," + (mx + size / 2) + "," + (my + size / 2);
    timed("wms", get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=threats&STYLES=&CRS=EPSG:3857&BBOX=" + bbox
        + "&WIDTH=256&HEIGHT=256&FORMAT=image/png", null), 200);
  }

  static String cityWindow(SplittableRandom rnd) {
    double[] c = CITIES[rnd.nextInt(CITIES.length)];
    double d = 0.02 + rnd.nextDouble() * 0.1;
    return (c[0] - d) + "," + (c[1] - d) + "," + (c[0] + d) + "," + (c[1] + d);
  }

  static String wfsPath(SplittableRandom rnd) {
    String[] b = cityWindow(rnd).split(",");
    // WFS 2.0 with EPSG:4326 is latitude first.
    return "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=kmzb:threats.points&COUNT=100"
        + "&OUTPUTFORMAT=application/json&BBOX=" + b[1] + "," + b[0] + "," + b[3] + "," + b[2] + ",urn:ogc:def:crs:EPSG::4326";
  }

  static String oapifPath(SplittableRandom rnd) {
    return "/ogc/features/collections/threats.points/items?limit=100&bbox=" + cityWindow(rnd);
  }

  static void ingest(SplittableRandom rnd) throws Exception {
    double[] city = CITIES[rnd.nextInt(CITIES.length)];
    // Close to the centre: a wider jitter puts Gdańsk's reports in the sea (400, outside Poland).
    double lon = city[0] + (rnd.nextDouble() - 0.5) * 0.06;
    double lat = city[1] + (rnd.nextDouble() - 0.5) * 0.06;
    String body = "{\"category\":\"" + CATEGORIES[rnd.nextInt(CATEGORIES.length)] + "\",\"lon\":" + lon + ",\"lat\":" + lat + "}";
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/reports")).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        // One sender per request, as many citizens are (the server trusts this proxy address).
        .header("X-Forwarded-For", client())
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    long t = System.nanoTime();
    HttpResponse<byte[]> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
    timed("ingest", new Timed(resp, System.nanoTime() - t), 201);
    if (resp.statusCode() == 201) {
      Matcher m = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(new String(resp.body(), StandardCharsets.UTF_8));
      if (m.find()) {
        INGESTED.add(Long.parseLong(m.group(1)));
      }
    }
  }

  static void officer() throws Exception {
    Long id = INGESTED.poll();
    if (id == null) {
      return; // nothing ingested yet: the pick is skipped, not counted
    }
    Timed current = get("/api/reports/" + id, bearer);
    String etag = current.response().headers().firstValue("ETag").orElse("*");
    HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/reports/" + id)).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").header("Authorization", bearer).header("If-Match", etag)
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"verification\",\"note\":\"mixed load\"}"))
        .build();
    long t = System.nanoTime();
    HttpResponse<byte[]> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
    timed("officer", new Timed(resp, System.nanoTime() - t), 200);
  }

  /** A client address of its own for each request (the server trusts the proxy 127.0.0.1). */
  static String client() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  static String token(String password) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
    if (r.statusCode() != 201 || !m.find()) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
    }
    return m.group(1);
  }

  static long rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  static long heap(String basic) {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
          .header("Authorization", basic).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      double sum = 0;
      for (String line : r.body().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return (long) sum;
    } catch (Exception e) {
      return -1;
    }
  }

  static void report(int seconds, int workers, List<long[]> memory) {
    System.out.printf("mixed load: %d s, %d workers against %s%n", seconds, workers, base);
    System.out.printf("%-8s %8s %8s %9s %9s %9s %7s%n", "op", "count", "per s", "p50 ms", "p99 ms", "max ms", "errors");
    long all = 0;
    for (String op : OPS) {
      long[] t = TIMES.get(op).stream().mapToLong(Long::longValue).sorted().toArray();
      all += t.length;
      System.out.printf("%-8s %8d %8.1f %9.1f %9.1f %9.1f %7d%n", op, t.length, t.length / (double) seconds,
          pct(t, 0.50), pct(t, 0.99), t.length == 0 ? 0 : t[t.length - 1] / 1e6, ERRORS.get(op).get());
    }
    System.out.printf("all      %8d %8.1f%n", all, all / (double) seconds);
    FIRST_ERROR.forEach((op, e) -> System.out.println("first error of " + op + ": " + e));
    long maxRss = memory.stream().mapToLong(m -> m[1]).max().orElse(-1);
    long maxHeap = memory.stream().mapToLong(m -> m[2]).max().orElse(-1);
    long[] last = memory.get(memory.size() - 1);
    long[] first = memory.get(0);
    System.out.printf("server RSS MB: start %d, max %d, end %d; heap used MB: start %d, max %d, end %d%n",
        first[1] >> 20, maxRss >> 20, last[1] >> 20, first[2] >> 20, maxHeap >> 20, last[2] >> 20);
    StringBuilder series = new StringBuilder("memory series (s:rssMB/heapMB):");
    for (long[] m : memory) {
      series.append(' ').append(m[0]).append(':').append(m[1] >> 20).append('/').append(m[2] >> 20);
    }
    System.out.println(series);
  }

  static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
