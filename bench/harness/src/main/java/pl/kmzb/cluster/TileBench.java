package pl.kmzb.cluster;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.demo.DemoGenerator;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.WebMercatorQuad;
import pl.kmzb.visibility.VisibilityPolicy;
import pl.kmzb.report.Teryt;

/**
 * The Java side of bench/tiles-benchmark.sh. Every mode generates the same demo reports (fixed
 * seed and clock) and keeps the ones the public map shows:
 *
 * <ul>
 *   <li>{@code points COUNT FILE}: writes them for Supercluster and the sample (32-byte records:
 *       float64 lon, float64 lat, int32 category, int32 status, int64 id, little-endian);
 *   <li>{@code build COUNT RUNS}: times bulk builds of the cluster index and measures its retained
 *       heap after a full GC (the input columns exist before and are not counted);
 *   <li>{@code police-build COUNT RUNS}: the same for the police index (every report, exact
 *       positions, source, the deadline heap), for its memory per report;
 *   <li>{@code cold COUNT SAMPLE QUERY}: renders every sample tile once with nothing cached (index
 *       lookup and MVT encoding) and prints percentiles per zoom;
 *   <li>{@code grid COUNT [SET] [MAXLEVEL]}: the national tiles of another matrix set, aggregated
 *       against scanned ({@link GridBench}).
 * </ul>
 *
 * <p>The modes {@code http-cold} and {@code fresh} run over HTTP against running servers instead;
 * see {@link FreshnessBench}.
 */
public final class TileBench {
  static final long SEED = 20161005;
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "points" -> points(Long.parseLong(args[1]), Path.of(args[2]));
      case "build" -> build(Long.parseLong(args[1]), Integer.parseInt(args[2]));
      case "police-build" -> policeBuild(Long.parseLong(args[1]), Integer.parseInt(args[2]));
      case "cold" -> cold(Long.parseLong(args[1]), Path.of(args[2]), args.length > 3 ? args[3] : "");
      case "http-cold", "fresh" -> FreshnessBench.main(args);
      case "flood" -> FloodBench.main(args);
      case "grid" -> GridBench.run(Long.parseLong(args[1]),
          pl.kmzb.tiles.MatrixSets.byId(args.length > 2 ? args[2] : "WorldCRS84Quad").orElseThrow(),
          args.length > 3 ? Integer.parseInt(args[3]) : 11);
      default -> throw new IllegalArgumentException("modes: points, build, cold, http-cold, fresh, flood, grid");
    }
  }

  record Input(ClusterIndex index, PublicPoints points, EntryColumns cols, double[] lonLat, CategoryCatalog catalog) {}

  static Input generate(long count) {
    CategoryCatalog catalog = CategoryCatalog.load(null);
    ClusterIndex index = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size());
    PublicPoints points = new PublicPoints(catalog, new VisibilityPolicy(catalog, p -> Teryt.NONE), WebMercatorQuad.INSTANCE,
        index);
    EntryColumns cols = new EntryColumns((int) count);
    long[] id = {0};
    new DemoGenerator(catalog, SEED, NOW).generate(count, r -> {
      IndexEntry e = points.entryOf(asReport(++id[0], r));
      if (e != null) {
        cols.add(e);
      }
    });
    return new Input(index, points, cols, null, catalog);
  }

  static Report asReport(long id, NewReport r) {
    return new Report(id, r.category(), r.status(), r.location(), r.reportedAt(), r.occurredOn(), r.timeOfDay(),
        r.description(), false, r.source(), r.teryt(), r.externalId(), false, null, r.synthetic(), r.reportedAt(), 1);
  }

  static void points(long count, Path out) throws IOException {
    Input in = generate(count);
    EntryColumns c = in.cols();
    ByteBuffer rec = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 1 << 20))) {
      for (int i = 0; i < c.size; i++) {
        rec.clear();
        rec.putDouble(WebMercatorQuad.lon(c.x[i] + 0.5)).putDouble(WebMercatorQuad.lat(c.y[i] + 0.5))
            .putInt(c.category[i]).putInt(c.status[i]).putLong(c.id[i]);
        o.write(rec.array());
      }
    }
    System.out.println("points_written=" + c.size);
  }

  /** As {@link #build} for the police index: every generated report enters, at its exact position. */
  static void policeBuild(long count, int runs) {
    CategoryCatalog catalog = CategoryCatalog.load(null);
    ClusterIndex template = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size(), true);
    PolicePoints points = new PolicePoints(catalog, WebMercatorQuad.INSTANCE, template);
    EntryColumns cols = new EntryColumns((int) count);
    long[] id = {0};
    new DemoGenerator(catalog, SEED, NOW).generate(count, r -> {
      IndexEntry e = points.entryOf(asReport(++id[0], r));
      if (e != null) {
        cols.add(e);
      }
    });
    System.out.println("police_points=" + cols.size);
    long[] ms = new long[runs];
    long[] retained = new long[runs];
    for (int r = 0; r < runs; r++) {
      long before = usedAfterGc();
      ClusterIndex index = new ClusterIndex(ClusterSettings.DEFAULT, catalog.all().size(), true);
      long t0 = System.nanoTime();
      index.build(cols, IndexFilter.nanos(NOW)); // as a server's load: only deadlines still ahead wait
      ms[r] = (System.nanoTime() - t0) / 1_000_000;
      retained[r] = usedAfterGc() - before;
      java.lang.ref.Reference.reachabilityFence(index);
      System.out.println("police_build_run_" + r + "_ms=" + ms[r] + " retained_bytes=" + retained[r]
          + " bytes_per_report=" + retained[r] / Math.max(1, cols.size) + " deadline_entries=" + index.deadlineEntries());
    }
    System.out.println("police_build_ms=" + median(ms));
    System.out.println("police_retained_bytes=" + median(retained));
    System.out.println("police_bytes_per_report=" + median(retained) / Math.max(1, cols.size));
  }

  static void build(long count, int runs) {
    Input in = generate(count);
    System.out.println("public_points=" + in.cols().size);
    long[] ms = new long[runs];
    long[] retained = new long[runs];
    for (int r = 0; r < runs; r++) {
      long before = usedAfterGc();
      ClusterIndex index = new ClusterIndex(ClusterSettings.DEFAULT, in.catalog().all().size());
      long t0 = System.nanoTime();
      index.build(in.cols());
      ms[r] = (System.nanoTime() - t0) / 1_000_000;
      retained[r] = usedAfterGc() - before;
      java.lang.ref.Reference.reachabilityFence(index);
      System.out.println("ours_build_run_" + r + "_ms=" + ms[r] + " retained_bytes=" + retained[r]);
    }
    System.out.println("ours_build_ms=" + median(ms));
    System.out.println("ours_retained_bytes=" + median(retained));
  }

  static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  static void cold(long count, Path sample, String query) throws IOException {
    Input in = generate(count);
    in.index().build(in.cols());
    ThreatTileLayer layer = new ThreatTileLayer(in.index(), in.points(), in.catalog());
    Map<String, List<String>> params = new HashMap<>();
    if (!query.isEmpty()) {
      for (String kv : query.split("&")) {
        String[] p = kv.split("=", 2);
        params.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
      }
    }
    TileLayer.Variant variant = layer.variant(params);
    List<TileCoord> tiles = new ArrayList<>();
    for (String line : Files.readAllLines(sample)) {
      String[] p = line.strip().split("/");
      if (p.length == 3) {
        tiles.add(new TileCoord(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])));
      }
    }
    // Warm the JIT on other filters (an attribute one and a time one; anonymous callers may not
    // filter by source) so the measured tiles are still computed from scratch.
    List<TileLayer.Variant> warm = List.of(layer.variant(Map.of("status", List.of("new"))),
        layer.variant(Map.of("to", List.of("2100-01-01T00:00:00Z"))));
    for (int r = 0; r < 3; r++) {
      for (TileLayer.Variant v : warm) {
        for (TileCoord t : tiles) {
          layer.render(t, v);
        }
      }
    }
    Map<Integer, List<Long>> byZoom = new TreeMap<>();
    long bytes = 0;
    for (TileCoord t : tiles) {
      long t0 = System.nanoTime();
      bytes += layer.render(t, variant).mvt().length;
      byZoom.computeIfAbsent(t.z(), z -> new ArrayList<>()).add(System.nanoTime() - t0);
    }
    List<Long> all = new ArrayList<>();
    String tag = query.isEmpty() ? "default" : "filtered";
    byZoom.forEach((z, ns) -> {
      all.addAll(ns);
      System.out.printf("ours_%s_z%d_p50_ms=%.3f ours_%s_z%d_p99_ms=%.3f ours_%s_z%d_max_ms=%.3f n=%d%n", tag, z,
          pct(ns, 50), tag, z, pct(ns, 99), tag, z, pct(ns, 100), ns.size());
    });
    System.out.printf("ours_%s_all_p50_ms=%.3f ours_%s_all_p99_ms=%.3f tiles=%d mean_bytes=%d%n", tag, pct(all, 50),
        tag, pct(all, 99), all.size(), bytes / Math.max(1, all.size()));
  }

  static double pct(List<Long> ns, int p) {
    long[] a = ns.stream().mapToLong(Long::longValue).sorted().toArray();
    int i = (int) Math.ceil(p / 100.0 * a.length) - 1;
    return a[Math.max(0, Math.min(a.length - 1, i))] / 1e6;
  }

  static long median(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
