package pl.kmzb.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.report.Teryt;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Measures the statistics queries of {@code bench/statistics-benchmark.sh} in process over N
 * synthetic facts (not a test: run by hand), split into the pass over the columns and the JSON
 * document, so a slow answer says which of the two it is:
 * <pre>
 * mvn -B -o -q -pl server/core,server/statistics -am test-compile
 * cd server/statistics && mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx3g -cp target/test-classes:target/classes:$(cat target/cp.txt) pl.kmzb.statistics.StatisticsQueryTimes 5000000 [WARM]
 * </pre>
 * The facts are those of {@link StatisticsSnapshotTimes#synthetic} (ten years, 2 500
 * municipalities); first every query {@code WARM} times (second argument, default 20) so the JIT has
 * compiled the pass and the JSON writer as in a server that has been answering for a while (with 3
 * warm-up runs the JSON of 4,000 rows measured 24 ms, warm 5 ms), then per query the median and the
 * maximum of 15.
 */
public final class StatisticsQueryTimes {
  private StatisticsQueryTimes() {}

  record Named(String name, StatisticsQuery query) {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    CategoryCatalog catalog = CategoryCatalog.load(null);
    StatisticsIndex index = new StatisticsIndex(catalog, new VisibilityPolicy(catalog, p -> Teryt.NONE));
    StatisticsIndex.Data data = StatisticsSnapshotTimes.synthetic(index.newData(), n, catalog.all().size());
    index.replace(data);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    LocalDate from = LocalDate.of(2016, 1, 1);
    LocalDate to = LocalDate.of(2025, 12, 31);
    List<Named> queries = List.of(
        new Named("country, all time, public", q(false, AreaLevel.COUNTRY, Breakdown.NONE, Period.ALL, null, null)),
        new Named("voivodeship x month, 12 months, public",
            q(false, AreaLevel.VOIVODESHIP, Breakdown.NONE, Period.MONTH, LocalDate.of(2025, 1, 1), to)),
        new Named("voivodeship x category x year, police",
            q(true, AreaLevel.VOIVODESHIP, Breakdown.CATEGORY, Period.YEAR, from, to)),
        new Named("county x group x month, 11 months, police",
            q(true, AreaLevel.COUNTY, Breakdown.GROUP, Period.MONTH, LocalDate.of(2025, 2, 1), to)),
        new Named("county x category x year, police", q(true, AreaLevel.COUNTY, Breakdown.CATEGORY, Period.YEAR, from, to)),
        new Named("county x month, police", q(true, AreaLevel.COUNTY, Breakdown.NONE, Period.MONTH, from, to)),
        new Named("municipality x year, public", q(false, AreaLevel.MUNICIPALITY, Breakdown.NONE, Period.YEAR, from, to)),
        new Named("police unit x year, police (976 units)", new StatisticsQuery(true, AreaLevel.POLICE_UNIT, Set.of(),
            Set.of(), Breakdown.NONE, Set.of(), Period.YEAR, from, to, units())));
    System.out.printf("%,d facts%n", index.size());
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    for (int run = 0; run < warm; run++) {
      for (Named named : queries) {
        StatisticsJson.document(named.query(), index.query(named.query(), now), now, 1);
      }
    }
    for (Named named : queries) {
      long[] pass = new long[15];
      long[] json = new long[15];
      int rows = 0;
      for (int run = 0; run < pass.length; run++) {
        long t0 = System.nanoTime();
        List<StatisticsRow> answer = index.query(named.query(), now);
        long t1 = System.nanoTime();
        byte[] doc = StatisticsJson.document(named.query(), answer, now, 1);
        long t2 = System.nanoTime();
        pass[run] = t1 - t0;
        json[run] = t2 - t1;
        rows = answer.size() + 0 * doc.length;
      }
      java.util.Arrays.sort(pass);
      java.util.Arrays.sort(json);
      System.out.printf("%-42s %,7d rows: pass %6.1f ms (max %6.1f), JSON %6.1f ms (max %6.1f)%n", named.name(), rows,
          pass[7] / 1e6, pass[14] / 1e6, json[7] / 1e6, json[14] / 1e6);
    }
  }

  /** A headquarters per voivodeship and a station per county of the synthetic areas: each report counts twice. */
  private static java.util.Map<String, Set<String>> units() {
    java.util.Map<String, Set<String>> units = new java.util.TreeMap<>();
    for (int v = 2; v <= 32; v += 2) {
      units.put(String.format("KWP-%02d", v), Set.of(String.format("%02d", v)));
      for (int c = 1; c <= 60; c++) {
        units.put(String.format("KPP-%02d%02d", v, c), Set.of(String.format("%02d%02d", v, c)));
      }
    }
    return units;
  }

  private static StatisticsQuery q(boolean police, AreaLevel level, Breakdown by, Period period, LocalDate from,
      LocalDate to) {
    return new StatisticsQuery(police, level, Set.of(), Set.of(), by, Set.of(), period, from, to);
  }
}
