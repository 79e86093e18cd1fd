package pl.kmzb.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.Category;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.snapshot.SnapshotInput;
import pl.kmzb.snapshot.SnapshotStamp;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Queries that take whole years from {@link YearTotals} answer exactly what the pass over every
 * year's columns answers, after random inserts, status moves, area moves and deletes, through the
 * load's two passes and a snapshot's restore, at times of the query on both sides of a year's
 * take-up deadline.
 */
class YearTotalsTest {
  /** Generalised reports' cells fall in Łódź's voivodeship west of 20°E, Małopolska's east of it. */
  static final VisibilityPolicy POLICY = new VisibilityPolicy(StatisticsFixture.CATALOG,
      p -> Teryt.ofMunicipality(p.lon() < 20.0 ? "1061011" : "1261011"));
  static final String[] MUNICIPALITIES = {"1261011", "1261021", "1206012", "1465011", "0264011", "3064011", "1061011",
      null};
  static final List<String> CATEGORIES = StatisticsFixture.CATALOG.all().stream().map(Category::code).sorted()
      .limit(9).toList();
  static final Instant START = Instant.parse("2018-01-01T00:00:00Z");
  static final Instant END = Instant.parse("2026-12-05T00:00:00Z");
  /** Times of the query: before, at and after the deadline of the reports of 2025's last hours. */
  static final List<Instant> NOWS = List.of(Instant.parse("2026-12-05T12:00:00Z"),
      Instant.parse("2026-01-02T12:00:00Z"), Instant.parse("2026-01-03T12:00:00Z"),
      Instant.parse("2026-01-03T22:30:00Z"), Instant.parse("2026-01-03T22:59:59Z"),
      Instant.parse("2026-01-03T23:00:01Z"), Instant.parse("2026-01-04T00:00:00Z"),
      Instant.parse("2027-01-04T00:00:01Z"), Instant.parse("2031-06-01T00:00:00Z"));

  final Random random = new Random(20261206);

  @Test
  void randomChangesAnswerAsThePassOverEveryYear() {
    StatisticsIndex index = new StatisticsIndex(StatisticsFixture.CATALOG, POLICY);
    index.replace(index.newData());
    List<Report> reports = new ArrayList<>();
    for (int id = 1; id <= 4_000; id++) {
      Report r = report(id);
      reports.add(r);
      index.put(r, verdict(r));
    }
    assertSameAnswers(index);
    for (int i = 0; i < 3_000; i++) {
      Report old = reports.get(random.nextInt(reports.size()));
      Report next = switch (random.nextInt(4)) {
        case 0 -> moved(old, Status.values()[random.nextInt(Status.values().length)]);
        case 1 -> withTeryt(old, teryt());
        case 2 -> deleted(old);
        default -> old;
      };
      if (random.nextInt(20) == 0) {
        index.remove(old.id());
      } else {
        index.put(next, verdict(next));
      }
      reports.set((int) old.id() - 1, next);
    }
    assertSameAnswers(index);
  }

  @Test
  void aLoadAndARestoreSumTheSameTotals(@TempDir Path dir) throws IOException {
    StatisticsIndex index = new StatisticsIndex(StatisticsFixture.CATALOG, POLICY);
    StatisticsIndex.Data data = index.newData();
    List<Report> reports = new ArrayList<>();
    for (int id = 1; id <= 3_000; id++) {
      reports.add(report(id));
      index.put(data, reports.get(id - 1), null); // the load's first pass: no verdicts yet
    }
    for (Report r : reports) {
      Instant v = verdict(r);
      if (v != null) {
        index.setFirstVerdict(data, r.id(), v); // its second pass
      }
    }
    index.replace(data);
    assertSameAnswers(index);

    Path file = dir.resolve("statistics.snapshot");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      StatisticsSnapshotFile.write(ch, new SnapshotStamp("s", 1, "a", "c", "x", "b"), data);
    }
    StatisticsIndex restored = new StatisticsIndex(StatisticsFixture.CATALOG, POLICY);
    StatisticsIndex.Data into = restored.newData();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      SnapshotInput in = new SnapshotInput(ch);
      StatisticsSnapshotFile.readStamp(in);
      StatisticsSnapshotFile.readData(in, into);
    }
    restored.replace(into);
    for (StatisticsQuery q : queries()) {
      assertEquals(StatisticsStoreContract.render(index.query(q, NOWS.get(0))),
          StatisticsStoreContract.render(restored.query(q, NOWS.get(0))), q.toString());
    }
    assertSameAnswers(restored);
  }

  @Test
  void theWholeYearsComeFromTheTotals() {
    // Taking a report out of the columns behind the totals' back shows which answered: its year's
    // count keeps it with the totals, loses it without; the current year, read from the columns, loses it either way.
    StatisticsIndex index = new StatisticsIndex(StatisticsFixture.CATALOG, POLICY);
    index.replace(index.newData());
    Report old = new Report(1, CATEGORIES.get(0), Status.CONFIRMED, new LonLat(19.9, 50.0),
        Instant.parse("2024-03-01T10:00:00Z"), null, null, null, false, Source.CITIZEN,
        Teryt.ofMunicipality("1261011"), null, false, null, false, Instant.parse("2024-03-01T10:00:00Z"), 1);
    Report recent = withId(old, 2, Instant.parse("2026-11-30T10:00:00Z"));
    index.put(old, null);
    index.put(recent, null);
    index.data().facts.remove(1);
    index.data().facts.remove(2);
    StatisticsQuery byYear = new StatisticsQuery(true, AreaLevel.VOIVODESHIP, Set.of(), Set.of(), Breakdown.NONE,
        Set.of(), Period.YEAR, LocalDate.of(2024, 1, 1), LocalDate.of(2026, 12, 31));
    List<StatisticsRow> rows = index.query(byYear, NOWS.get(0)); // 2025's row is there for its trend
    assertEquals(List.of("12 2024 1", "12 2025 0"), rows.stream().map(r -> r.area() + " " + r.period() + " " + r.count()).toList());
    assertEquals(List.of(), index.yearTotals(false).query(byYear, NOWS.get(0)));
  }

  @Test
  void flatCountsAddToAHistogram() {
    StatisticsIndex.Durations h = new StatisticsIndex.Durations();
    h.add(3600);
    int[] buckets = new int[StatisticsIndex.Durations.BUCKETS];
    buckets[StatisticsIndex.Durations.bucket(90_000)] = 2;
    buckets[StatisticsIndex.Durations.bucket(94 * 86_400)] = 0;
    h.add(buckets);
    assertEquals(3, h.size());
    assertEquals(90_000.0, h.median()); // 25 hours: its bucket's start
  }

  private void assertSameAnswers(StatisticsIndex index) {
    int fromTotals = 0;
    for (Instant now : NOWS) {
      for (StatisticsQuery q : queries()) {
        List<String> with = StatisticsStoreContract.render(index.yearTotals(true).query(q, now));
        List<String> without = StatisticsStoreContract.render(index.yearTotals(false).query(q, now));
        assertEquals(without, with, q + " at " + now);
        fromTotals += with.isEmpty() ? 0 : 1;
      }
    }
    index.yearTotals(true);
    assertTrue(fromTotals > 100, "the queries answer something");
    assertNotEquals(0, index.data().facts.size());
  }

  static List<StatisticsQuery> queries() {
    List<StatisticsQuery> out = new ArrayList<>();
    List<Set<String>> areas = List.of(Set.of(), Set.of("12"), Set.of("12", "30", "10"));
    List<Set<String>> categories = List.of(Set.of(), Set.of(CATEGORIES.get(1), CATEGORIES.get(2)));
    List<LocalDate[]> ranges = List.of(new LocalDate[] {null, null},
        new LocalDate[] {LocalDate.of(2019, 1, 1), LocalDate.of(2023, 12, 31)},
        new LocalDate[] {LocalDate.of(2019, 6, 1), LocalDate.of(2025, 5, 31)},
        new LocalDate[] {LocalDate.of(2017, 1, 1), LocalDate.of(2026, 12, 31)},
        new LocalDate[] {LocalDate.of(2025, 12, 31), LocalDate.of(2026, 1, 1)});
    for (boolean police : new boolean[] {true, false}) {
      List<Set<Status>> statuses = police
          ? List.of(Set.of(), Set.of(Status.NEW), Set.of(Status.CONFIRMED, Status.JOKE_OR_MISTAKE),
              Set.of(Status.NEW, Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER, Status.CONFIRMED_ELIMINATED))
          : List.of(Set.of(), Set.of(Status.NEW, Status.CONFIRMED_ELIMINATED));
      for (AreaLevel level : new AreaLevel[] {AreaLevel.COUNTRY, AreaLevel.VOIVODESHIP}) {
        for (Breakdown by : Breakdown.values()) {
          for (LocalDate[] range : ranges) {
            for (Period period : new Period[] {Period.ALL, Period.YEAR}) {
              if (period == Period.YEAR && range[0] == null) {
                continue;
              }
              int i = out.size();
              out.add(new StatisticsQuery(police, level, areas.get(i % areas.size()),
                  categories.get(i / 3 % categories.size()), by, statuses.get(i % statuses.size()), period,
                  range[0], range[1]));
            }
          }
        }
      }
    }
    // And one of each kind the totals do not serve, answered by the columns alone either way.
    out.add(new StatisticsQuery(true, AreaLevel.COUNTY, Set.of(), Set.of(), Breakdown.NONE, Set.of(), Period.YEAR,
        LocalDate.of(2019, 1, 1), LocalDate.of(2025, 12, 31)));
    out.add(new StatisticsQuery(false, AreaLevel.VOIVODESHIP, Set.of("1261"), Set.of(), Breakdown.NONE, Set.of(),
        Period.ALL, null, null));
    out.add(new StatisticsQuery(true, AreaLevel.VOIVODESHIP, Set.of(), Set.of(), Breakdown.NONE, Set.of(),
        Period.MONTH, LocalDate.of(2024, 1, 1), LocalDate.of(2025, 12, 31)));
    return out;
  }

  private Report report(long id) {
    Instant at = START.plusSeconds((long) (random.nextDouble() * (END.getEpochSecond() - START.getEpochSecond())));
    if (random.nextInt(10) == 0) { // the last hours of a year in Warsaw, for the deadline's edge
      at = Instant.parse((2018 + random.nextInt(8)) + "-12-31T22:00:00Z").plusSeconds(random.nextInt(7200));
    }
    Status status = Status.values()[random.nextInt(Status.values().length)];
    return new Report(id, CATEGORIES.get(random.nextInt(CATEGORIES.size())), status,
        new LonLat(19.0 + random.nextDouble() * 2, 50.0), at, null, null, null, false, Source.CITIZEN, teryt(), null,
        random.nextInt(30) == 0, null, false, at, 1);
  }

  private Teryt teryt() {
    String m = MUNICIPALITIES[random.nextInt(MUNICIPALITIES.length)];
    return m == null ? Teryt.NONE : Teryt.ofMunicipality(m);
  }

  /** A first verdict for a report in a verdict status: from minutes to half a year after it. */
  private Instant verdict(Report r) {
    if (!StatisticsIndex.VERDICTS.contains(r.status()) || random.nextInt(8) == 0) {
      return null;
    }
    return r.reportedAt().plusSeconds(random.nextInt(180 * 86_400));
  }

  private static Report moved(Report r, Status status) {
    return new Report(r.id(), r.category(), status, r.location(), r.reportedAt(), null, null, null, false, r.source(),
        r.teryt(), null, r.deleted(), null, false, r.updatedAt(), r.version() + 1);
  }

  private static Report withTeryt(Report r, Teryt t) {
    return new Report(r.id(), r.category(), r.status(), r.location(), r.reportedAt(), null, null, null, false,
        r.source(), t, null, r.deleted(), null, false, r.updatedAt(), r.version() + 1);
  }

  private static Report deleted(Report r) {
    return new Report(r.id(), r.category(), r.status(), r.location(), r.reportedAt(), null, null, null, false,
        r.source(), r.teryt(), null, true, null, false, r.updatedAt(), r.version() + 1);
  }

  private static Report withId(Report r, long id, Instant at) {
    return new Report(id, r.category(), r.status(), r.location(), at, null, null, null, false, r.source(), r.teryt(),
        null, r.deleted(), null, false, at, 1);
  }
}
