package pl.kmzb.statistics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.SplittableRandom;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestReports;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Measures the statistics snapshot's write, read and restore over N synthetic facts (not a test:
 * run by hand, figures in docs/notes/ops-stats-snapshot.md):
 * <pre>
 * mvn -B -o -q -pl server/core,server/statistics -am test-compile
 * cd server/statistics && mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/test-classes:target/classes:$(cat target/cp.txt) pl.kmzb.statistics.StatisticsSnapshotTimes 5000000
 * </pre>
 * The facts are put into the columns directly (ids 1…N, 2 500 municipalities, ten years), anchored
 * to a small embedded store's change log so the restore runs its real stamp and log checks; each
 * step three times, the file in the system's temporary folder.
 */
public final class StatisticsSnapshotTimes {
  private StatisticsSnapshotTimes() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    Path dir = Files.createTempDirectory("kmzb-stats-snap");
    CategoryCatalog catalog = CategoryCatalog.load(null);
    VisibilityPolicy policy = new VisibilityPolicy(catalog, p -> Teryt.NONE);
    try (ReportStore store = EmbeddedReportStore.open(dir.resolve("anchor.sqlite"))) {
      store.insertAll(TestReports.random(1, 10), "bench");
      StatisticsFollower follower = new StatisticsFollower(store, new StatisticsIndex(catalog, policy));
      long t0 = System.nanoTime();
      StatisticsIndex.Data data = synthetic(follower.index().newData(), n, catalog.all().size());
      System.out.printf("%,d facts built in %d ms%n", data.facts.size(), ms(t0));
      follower.restore(store.lastChangeSeq(), data);
      StatisticsSnapshots snapshots = new StatisticsSnapshots(dir.resolve("statistics.snapshot"), store, catalog);
      for (int run = 0; run < 3; run++) {
        t0 = System.nanoTime();
        snapshots.save(follower, "bench");
        long write = ms(t0);
        StatisticsFollower restored = new StatisticsFollower(store, new StatisticsIndex(catalog, policy));
        t0 = System.nanoTime();
        if (!snapshots.restore(restored, "bench")) {
          throw new IllegalStateException("not restored");
        }
        long restore = ms(t0);
        StatisticsQuery q = new StatisticsQuery(true, AreaLevel.COUNTY, Set.of(), Set.of(), Breakdown.CATEGORY,
            Set.of(), Period.YEAR, LocalDate.of(2016, 1, 1), LocalDate.of(2025, 12, 31));
        t0 = System.nanoTime();
        int rows = restored.index().query(q, Instant.parse("2026-01-01T00:00:00Z")).size();
        long query = ms(t0);
        System.out.printf("run %d: %,d facts, file %d MB: write (sync + rename included) %d ms, restore (stamp, "
            + "log check, checksum, validation) %d ms; then a county × category × year query: %,d rows in %d ms%n",
            run, restored.index().size(), Files.size(snapshots.file()) >> 20, write, restore, rows, query);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  /** N facts with ids 1…N: random categories, statuses, days over ten years, areas among 2 500 municipalities. */
  static StatisticsIndex.Data synthetic(StatisticsIndex.Data d, int n, int categories) {
    SplittableRandom rnd = new SplittableRandom(5);
    char[] areas = new char[2_500];
    for (int a = 0; a < areas.length; a++) {
      areas[a] = d.areas.intern(Teryt.ofMunicipality(String.format("%02d%02d%02d1", 2 + 2 * (a % 16), 1 + a / 16 % 60,
          1 + a / 960)));
    }
    long first = StatisticsIndex.reportedSecond(Instant.parse("2016-01-01T00:00:00Z"));
    long span = 10L * 365 * 86_400;
    int statuses = Status.values().length;
    for (long id = 1; id <= n; id++) {
      // Ids grow with time, as the store's identity sequence does.
      int second = (int) (first + span * id / n + rnd.nextInt(3_600));
      char day = StatisticsIndex.day(Instant.ofEpochSecond(ReportFacts.EPOCH_SECOND + second));
      char area = areas[rnd.nextInt(areas.length)];
      byte status = (byte) rnd.nextInt(statuses);
      d.facts.put(id, (byte) rnd.nextInt(categories), status, day, second, area,
          rnd.nextInt(4) == 0 ? AreaTable.NOT_PUBLIC : area, status >= 3 ? rnd.nextInt(30 * 86_400) : ReportFacts.NO_DURATION);
    }
    long t0 = System.nanoTime();
    d.years.addAll(d);
    System.out.printf("year totals of %,d facts summed in %d ms%n", d.facts.size(), ms(t0));
    return d;
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
