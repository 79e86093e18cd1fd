package pl.kmzb.analytics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.demo.DemoGenerator;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.geo.LonLat;
import pl.kmzb.ingest.NationalOutline;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.unit.PoliceUnit;
import pl.kmzb.unit.UnitType;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The analytics goals of issue 17, in process on an embedded store of demo reports (run by
 * bench/analytics-benchmark.sh):
 *
 * <ul>
 *   <li>Gi* over Poland at 1 km cells for the most frequent category and one year (goal ≤ 2 s at
 *       5 M reports), police and public view; the scan alone, timed apart, shows what the store costs;
 *   <li>kernel density, the same selection, bandwidth 5 km;
 *   <li>coverage ranking of 1,000 candidate sites (random points in Poland, fixed seed) for new
 *       posts, radius 5 km, 10 picks, over every standing confirmed threat (goal ≤ 5 s), against
 *       300 synthetic police units placed at the first 300 demo reports' positions (they follow the
 *       demo data's population weighting).
 * </ul>
 *
 * Usage: {@code java -cp kmzb-bench.jar pl.kmzb.analytics.AnalyticsBench COUNT DB-FILE [RUNS]}; the
 * store is filled with COUNT demo reports (fixed seed and clock) if the file does not exist yet. With
 * a PostGIS JDBC URL instead of DB-FILE the reports already there are used (the script imports them
 * with the server's bulk import) and the category is the one most frequent there in the year.
 */
public final class AnalyticsBench {
  static final long SEED = 20161005;
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  static final Instant YEAR_FROM = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant YEAR_TO = Instant.parse("2026-01-01T00:00:00Z");

  public static void main(String[] args) throws Exception {
    long count = Long.parseLong(args[0]);
    Path file = args[1].startsWith("jdbc:") ? null : Path.of(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    CategoryCatalog catalog = CategoryCatalog.load(null);
    if (args[1].startsWith("jdbc:postgresql:")) {
      try (ReportStore store = pl.kmzb.store.PostgisReportStore.open(args[1], null, null, 4)) {
        run(store, catalog, mostFrequentCategory(store), runs);
      }
      return;
    }
    boolean fresh = !Files.exists(file);
    try (ReportStore store = EmbeddedReportStore.open(file)) {
      if (fresh) {
        load(store, catalog, count);
      }
      String category = mostFrequentCategory(catalog, count);
      run(store, catalog, category, runs);
    }
  }

  static void load(ReportStore store, CategoryCatalog catalog, long count) {
    long t0 = System.nanoTime();
    List<NewReport> batch = new ArrayList<>(50_000);
    new DemoGenerator(catalog, SEED, NOW).generate(count, r -> {
      batch.add(r);
      if (batch.size() == 50_000) {
        store.insertAll(batch, "bench");
        batch.clear();
      }
    });
    store.insertAll(batch, "bench");
    System.out.printf("loaded %,d demo reports in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
  }

  /** The category the demo data holds most of in the benchmark's year (the heaviest Gi* input). */
  static String mostFrequentCategory(CategoryCatalog catalog, long count) {
    Map<String, Long> n = new HashMap<>();
    new DemoGenerator(catalog, SEED, NOW).generate(count, r -> {
      if (!r.reportedAt().isBefore(YEAR_FROM) && r.reportedAt().isBefore(YEAR_TO)) {
        n.merge(r.category(), 1L, Long::sum);
      }
    });
    return n.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** The category a store holds most of in the benchmark's year (police view). */
  static String mostFrequentCategory(ReportStore store) {
    Map<String, Long> n = new HashMap<>();
    store.scan(new ReportFilter(Set.of(), Set.of(), Set.of(), YEAR_FROM, YEAR_TO, Set.of(), null, Visibility.INTERNAL,
        Set.of()), r -> n.merge(r.category(), 1L, Long::sum));
    return n.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  static void run(ReportStore store, CategoryCatalog catalog, String category, int runs) {
    CrsRegistry crs = CrsRegistry.standard();
    Crs pl1992 = crs.require("EPSG:2180");
    CrsTransform to2180 = crs.fromLonLat(pl1992);
    NationalOutline poland = NationalOutline.poland();
    VisibilityPolicy visibility = new VisibilityPolicy(catalog, p -> Teryt.NONE);
    List<PoliceUnit> units = units(catalog);
    Analyses analyses = new Analyses(new ReportPoints(store, visibility, to2180),
        new StudyArea(poland, crs.toLonLat(pl1992)), to2180, () -> units, poland::envelope);
    ReportFilter police = new ReportFilter(Set.of(category), Set.of(), Set.of(), YEAR_FROM, YEAR_TO, Set.of(), null,
        Visibility.INTERNAL, Set.of());
    ReportFilter pub = new ReportFilter(Set.of(category), Status.PUBLIC, Set.of(), YEAR_FROM, YEAR_TO, Set.of(), null,
        Visibility.PUBLIC, catalog.publicOnlyWhenConfirmed());
    Grid grid = analyses.grid(police, 1000, "cell");
    System.out.printf("grid: %d × %d = %,d cells of 1 km; category %s, %s to %s%n", grid.cols(), grid.rows(),
        grid.cells(), category, YEAR_FROM, YEAR_TO);
    analyses.hotspots(police, grid, 3000); // warm-up: classes, the study-area mask, the store's pages
    for (int i = 0; i < runs; i++) {
      long[] n = {0};
      long t0 = System.nanoTime();
      store.scan(police, r -> n[0]++);
      double scan = ms(t0);
      t0 = System.nanoTime();
      Analyses.Hotspots h = analyses.hotspots(police, grid, 3000);
      double police1 = ms(t0);
      t0 = System.nanoTime();
      Analyses.Hotspots p = analyses.hotspots(pub, grid, 3000);
      double public1 = ms(t0);
      t0 = System.nanoTime();
      GetisOrd.compute(grid, h.counts(), 3000, h.study());
      double compute = ms(t0);
      long hot = Arrays.stream(h.result().z()).filter(z -> Significance.of(z) == Significance.HOT_99).count();
      System.out.printf("run %d: scan only %,d reports %.0f ms | Gi* police %,d reports %.0f ms (%,d hot_99 cells)"
          + " | Gi* public %,d reports %.0f ms | Gi* statistic alone (no read) %.0f ms%n", i + 1, n[0], scan,
          h.reports(), police1, hot, p.reports(), public1, compute);
    }
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      KernelDensity kd = analyses.density(police, grid, 5000);
      System.out.printf("run %d: kernel density (5 km) %,d reports %.0f ms%n", i + 1, kd.points(), ms(t0));
    }
    ReportFilter threats = new ReportFilter(Set.of(), Set.of(Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER), Set.of(),
        null, null, Set.of(), null, Visibility.INTERNAL, Set.of());
    List<Candidate> candidates = candidates(poland, to2180, 1000);
    NearestUnits nearest = new NearestUnits(units, to2180);
    for (int i = 0; i < runs; i++) {
      long[] n = {0};
      long ts = System.nanoTime();
      store.scan(threats, r -> n[0]++);
      System.out.printf("run %d: scan only, %,d standing threats %.0f ms%n", i + 1, n[0], ms(ts));
      long t0 = System.nanoTime();
      Analyses.Uncovered u = analyses.uncovered(threats, 5000, nearest);
      double read = ms(t0);
      long t1 = System.nanoTime();
      MaximalCovering.Ranking r = MaximalCovering.rank(u.xs(), u.ys(), u.count(), candidates, 5000, 10);
      double rank = ms(t1);
      System.out.printf("run %d: coverage ranking: %,d standing threats, %,d beyond 5 km of %d units, %,d candidates,"
          + " 10 picks (first gains %s): read + coverage test %.0f ms, ranking %.0f ms, total %.0f ms%n", i + 1,
          u.threats(), u.count(), units.size(), candidates.size(),
          r.picks().stream().limit(3).map(k -> Integer.toString(k.gain())).toList(), read, rank, ms(t0));
    }
  }

  static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  static List<PoliceUnit> units(CategoryCatalog catalog) {
    List<PoliceUnit> out = new ArrayList<>();
    new DemoGenerator(catalog, SEED + 1, NOW).generate(300, r -> out.add(new PoliceUnit("KP-" + (out.size() + 1),
        "Posterunek " + (out.size() + 1), UnitType.KP, r.location(), Set.of("1261"))));
    return out;
  }

  static List<Candidate> candidates(NationalOutline poland, CrsTransform to2180, int n) {
    SplittableRandom random = new SplittableRandom(SEED);
    List<Candidate> out = new ArrayList<>();
    var e = poland.envelope();
    while (out.size() < n) {
      double lon = e.minLon() + random.nextDouble() * (e.maxLon() - e.minLon());
      double lat = e.minLat() + random.nextDouble() * (e.maxLat() - e.minLat());
      if (poland.contains(lon, lat)) {
        double[] xy = to2180.apply(lon, lat);
        out.add(new Candidate("c" + out.size(), new LonLat(lon, lat), xy[0], xy[1]));
      }
    }
    return out;
  }
}
