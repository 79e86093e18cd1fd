package pl.kmzb.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static pl.kmzb.statistics.StatisticsFixture.NOW;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.report.Status;

/** Every number of the fixture's answers, worked out by hand (see {@link StatisticsFixture}). */
class StatisticsIndexTest {
  static final LocalDate MAY = LocalDate.of(2025, 5, 1);
  static final LocalDate JUNE_END = LocalDate.of(2025, 6, 30);

  final StatisticsIndex index = StatisticsFixture.index();

  static StatisticsQuery counties(boolean police) {
    return new StatisticsQuery(police, AreaLevel.COUNTY, Set.of(), Set.of(), Breakdown.NONE, Set.of(), Period.MONTH,
        MAY, JUNE_END);
  }

  @Test
  void policeCountiesByMonth() {
    List<StatisticsRow> rows = index.query(counties(true), NOW);
    assertEquals(List.of("1206 2025-06", "1261 2025-05", "1261 2025-06", "1465 2025-05", "null 2025-06"),
        rows.stream().map(r -> r.area() + " " + r.period()).toList());

    StatisticsRow r = rows.get(0); // the joke: hidden publicly, counted for the police
    assertEquals(1, r.count());
    assertEquals(1, r.byStatus().get(Status.JOKE_OR_MISTAKE));
    assertEquals(0, r.confirmed());
    assertEquals(0.0, r.confirmationRate());
    assertEquals(3600.0, r.medianSecondsToVerification());
    assertEquals(1, r.withVerificationTime());
    assertEquals(0, r.previousCount());
    assertNull(r.trend());
    assertEquals(LocalDate.of(2025, 6, 1), r.start());
    assertEquals(LocalDate.of(2025, 6, 30), r.end());

    r = rows.get(1); // 1261 in May: one confirmed in a day, one not confirmed in two
    assertEquals(2, r.count());
    assertEquals(1, r.confirmed());
    assertEquals(0.5, r.confirmationRate());
    assertEquals(129_600.0, r.medianSecondsToVerification());
    assertEquals(2, r.withVerificationTime());
    assertEquals(0, r.pastDeadline());
    assertEquals(0, r.previousCount());

    r = rows.get(2); // 1261 in June: #3 (1 June in Warsaw, past the deadline), #4, #5, #6 (exact area)
    assertEquals(4, r.count());
    assertEquals(Map.of(Status.NEW, 2, Status.VERIFICATION, 1, Status.CONFIRMED, 0, Status.CONFIRMED_HANDED_OVER, 0,
        Status.CONFIRMED_ELIMINATED, 1, Status.NOT_CONFIRMED, 0, Status.JOKE_OR_MISTAKE, 0), r.byStatus());
    assertEquals(1, r.confirmed());
    assertEquals(0.25, r.confirmationRate());
    assertEquals(1, r.pastDeadline());
    assertEquals(0.25, r.pastDeadlineShare());
    assertEquals(21_600.0, r.medianSecondsToVerification());
    assertEquals(2, r.previousCount());
    assertEquals(1.0, r.trend());

    r = rows.get(3); // 1465: nothing in May, one in April: a row for the fall
    assertEquals(0, r.count());
    assertEquals(1, r.previousCount());
    assertEquals(-1.0, r.trend());
    assertNull(r.medianSecondsToVerification());

    r = rows.get(4); // no codes
    assertNull(r.area());
    assertEquals(1, r.count());
    assertEquals(1.0, r.confirmationRate());
    assertEquals(172_800.0, r.medianSecondsToVerification());
  }

  @Test
  void publicCountiesByMonthFollowThePolicy() {
    List<StatisticsRow> rows = index.query(counties(false), NOW);
    assertEquals(List.of("1206 2025-06", "1261 2025-05", "1261 2025-06", "1465 2025-05", "null 2025-06"),
        rows.stream().map(r -> r.area() + " " + r.period()).toList());
    StatisticsRow r = rows.get(0); // #6 at its cell centre's county; the joke hidden
    assertEquals(1, r.count());
    assertEquals(Set.of(Status.NEW, Status.VERIFICATION, Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER,
        Status.CONFIRMED_ELIMINATED), r.byStatus().keySet());
    assertEquals(1, r.byStatus().get(Status.CONFIRMED_ELIMINATED));
    assertEquals(1.0, r.confirmationRate());
    assertEquals(21_600.0, r.medianSecondsToVerification());

    r = rows.get(1); // the not-confirmed report is not counted
    assertEquals(1, r.count());
    assertEquals(1.0, r.confirmationRate());
    assertEquals(86_400.0, r.medianSecondsToVerification());

    r = rows.get(2); // #3 and #4; #5 waits for confirmation, #6 is in 1206
    assertEquals(2, r.count());
    assertEquals(1, r.pastDeadline());
    assertEquals(0.5, r.pastDeadlineShare());
    assertEquals(0, r.confirmed());
    assertNull(r.medianSecondsToVerification());
    assertEquals(1, r.previousCount());
    assertEquals(1.0, r.trend());

    assertEquals(-1.0, rows.get(3).trend());
    assertEquals(1, rows.get(4).count());
  }

  @Test
  void countryOverAllTime() {
    StatisticsRow r = one(new StatisticsQuery(true, AreaLevel.COUNTRY, Set.of(), Set.of(), Breakdown.NONE, Set.of(),
        Period.ALL, null, null));
    assertEquals("PL", r.area());
    assertEquals("all", r.period());
    assertEquals(9, r.count());
    assertEquals(4, r.confirmed());
    assertEquals(4.0 / 9, r.confirmationRate());
    assertEquals(1, r.pastDeadline());
    assertEquals(86_400.0, r.medianSecondsToVerification()); // of 3600, 21600, 86400, 172800, 172800
    assertEquals(5, r.withVerificationTime());
    assertNull(r.previousCount());

    r = one(new StatisticsQuery(false, AreaLevel.COUNTRY, Set.of(), Set.of(), Breakdown.NONE, Set.of(), Period.ALL,
        null, null));
    assertEquals(6, r.count()); // #1, #3, #4, #6, #8, #9
    assertEquals(4, r.confirmed());
  }

  @Test
  void policeUnitsCountTheReportsOfTheAreasTheyServeEachOnce() {
    Map<String, Set<String>> units = Map.of(
        "KWP-12", Set.of("12"), // the voivodeship: 1206 and 1261
        "KMP-1261", Set.of("1261", "1261011", "1261021"), // overlapping codes: each report once
        "KPP-1465", Set.of("1465"),
        "KP-0201", Set.of("0201")); // serves an area without reports: no row
    for (boolean police : List.of(true, false)) {
      Map<String, StatisticsRow> county = byArea(index.query(new StatisticsQuery(police, AreaLevel.COUNTY, Set.of(),
          Set.of(), Breakdown.NONE, Set.of(), Period.ALL, null, null), NOW));
      List<StatisticsRow> rows = index.query(new StatisticsQuery(police, AreaLevel.POLICE_UNIT, Set.of(), Set.of(),
          Breakdown.NONE, Set.of(), Period.ALL, null, null, units), NOW);
      Map<String, StatisticsRow> unit = byArea(rows);
      assertEquals(List.of("KMP-1261", "KPP-1465", "KWP-12"), rows.stream().map(StatisticsRow::area).toList(),
          "rows in code order, none for a unit without reports");
      assertEquals(count(county, "1206") + count(county, "1261"), unit.get("KWP-12").count(), "view " + police);
      assertEquals(county.get("1261").count(), unit.get("KMP-1261").count());
      assertEquals(county.get("1261").confirmed(), unit.get("KMP-1261").confirmed());
      assertEquals(county.get("1261").byStatus(), unit.get("KMP-1261").byStatus());
      assertEquals(county.get("1261").medianSecondsToVerification(), unit.get("KMP-1261").medianSecondsToVerification());
      assertEquals(count(county, "1465"), count(unit, "KPP-1465"));
    }
    // Police view, by hand from the fixture: 1206 holds the joke, 1261 six reports, 1465 one.
    Map<String, StatisticsRow> police = byArea(index.query(new StatisticsQuery(true, AreaLevel.POLICE_UNIT, Set.of(),
        Set.of(), Breakdown.NONE, Set.of(), Period.ALL, null, null, units), NOW));
    assertEquals(7, police.get("KWP-12").count());
    assertEquals(6, police.get("KMP-1261").count());
    assertEquals(1, police.get("KPP-1465").count());
    // An area filter narrows the reports counted, and a breakdown and periods work as for areas.
    List<StatisticsRow> rows = index.query(new StatisticsQuery(true, AreaLevel.POLICE_UNIT, Set.of("1206"), Set.of(),
        Breakdown.CATEGORY, Set.of(), Period.MONTH, MAY, JUNE_END, units), NOW);
    assertEquals(List.of("KWP-12"), rows.stream().map(StatisticsRow::area).distinct().toList());
    assertEquals(1, rows.stream().mapToInt(StatisticsRow::count).sum());
  }

  private static Map<String, StatisticsRow> byArea(List<StatisticsRow> rows) {
    Map<String, StatisticsRow> m = new java.util.HashMap<>();
    rows.forEach(r -> m.put(r.area(), r));
    return m;
  }

  private static int count(Map<String, StatisticsRow> rows, String area) {
    StatisticsRow r = rows.get(area);
    return r == null ? 0 : r.count();
  }

  @Test
  void groupsCategoriesStatusesAndAreas() {
    List<StatisticsRow> rows = index.query(new StatisticsQuery(true, AreaLevel.COUNTRY, Set.of(), Set.of(),
        Breakdown.GROUP, Set.of(), Period.ALL, null, null), NOW);
    assertEquals(List.of("people_in_need 1", "public_order 1", "road 7"),
        rows.stream().map(r -> r.group() + " " + r.count()).toList());

    rows = index.query(new StatisticsQuery(true, AreaLevel.VOIVODESHIP, Set.of("1261"), Set.of("illegal_parking"),
        Breakdown.CATEGORY, Set.of(Status.NEW), Period.YEAR, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)), NOW);
    assertEquals(1, rows.size());
    assertEquals("12", rows.get(0).area());
    assertEquals("illegal_parking", rows.get(0).category());
    assertEquals("2025", rows.get(0).period());
    assertEquals(2, rows.get(0).count());
    assertEquals(Map.of(Status.NEW, 2), rows.get(0).byStatus());
    assertEquals(0, rows.get(0).previousCount());
  }

  @Test
  void daysAndWeeksOnWarsawsCalendar() {
    List<StatisticsRow> rows = index.query(new StatisticsQuery(true, AreaLevel.MUNICIPALITY, Set.of("1261021"),
        Set.of(), Breakdown.NONE, Set.of(), Period.DAY, LocalDate.of(2025, 5, 31), LocalDate.of(2025, 6, 1)), NOW);
    assertEquals(List.of("2025-06-01 1"), rows.stream().map(r -> r.period() + " " + r.count()).toList());
    rows = index.query(new StatisticsQuery(true, AreaLevel.COUNTY, Set.of("1261"), Set.of(), Breakdown.NONE,
        Set.of(), Period.WEEK, LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 8)), NOW);
    // Week 23 (2–8 June): #5 and #6; week 22 before it (26 May–1 June): #3.
    assertEquals(1, rows.size());
    assertEquals("2025-W23", rows.get(0).period());
    assertEquals(LocalDate.of(2025, 6, 2), rows.get(0).start());
    assertEquals(2, rows.get(0).count());
    assertEquals(1, rows.get(0).previousCount());
  }

  @Test
  void aChangeReplacesTheOldContribution() {
    StatisticsFixture.Fixture f = StatisticsFixture.reports().get(3L);
    pl.kmzb.report.Report r = f.report();
    index.put(new pl.kmzb.report.Report(r.id(), r.category(), Status.CONFIRMED, r.location(), r.reportedAt(), null,
        null, null, false, r.source(), r.teryt(), null, false, null, false, r.updatedAt(), 2),
        java.time.Instant.parse("2025-06-03T22:30:00Z"));
    index.remove(2);
    StatisticsRow all = one(new StatisticsQuery(true, AreaLevel.COUNTRY, Set.of(), Set.of(), Breakdown.NONE, Set.of(),
        Period.ALL, null, null));
    assertEquals(8, all.count());
    assertEquals(5, all.confirmed());
    assertEquals(0, all.pastDeadline());
    // 3600, 21600, 86400, 172800 (#9), 259200 (#3): #2's 172800 is gone
    assertEquals(86_400.0, all.medianSecondsToVerification());
    assertEquals(5, all.withVerificationTime());
  }

  @Test
  void flatAndPerCellHistogramsAnswerAlike() {
    // Small queries keep their histograms in one flat array, large ones one per cell: every query
    // of the SQL comparison, answered both ways, says the same.
    StatisticsIndex perCell = StatisticsFixture.index().flatLimit(0);
    for (StatisticsQuery q : StatisticsStoreContract.queries()) {
      assertEquals(StatisticsStoreContract.render(index.query(q, NOW)),
          StatisticsStoreContract.render(perCell.query(q, NOW)), q.toString());
    }
    List<StatisticsRow> rows = perCell.query(counties(true), NOW);
    assertEquals(129_600.0, rows.get(1).medianSecondsToVerification());
    assertEquals(21_600.0, rows.get(2).medianSecondsToVerification());
  }

  @Test
  void tooManyCellsIsRefused() {
    assertThrows(StatisticsIndex.TooLargeException.class, () -> index.query(new StatisticsQuery(true,
        AreaLevel.MUNICIPALITY, Set.of(), Set.of(), Breakdown.CATEGORY, Set.of(), Period.DAY, LocalDate.of(1970, 1, 1),
        LocalDate.of(2149, 1, 1)), NOW));
  }

  @Test
  void medianOfTheBoundedHistogram() {
    StatisticsIndex.Durations h = new StatisticsIndex.Durations();
    // Hours below a week, days to 94 days, one bucket above; negatives count as 0.
    assertEquals(0, StatisticsIndex.Durations.bucket(-5));
    assertEquals(1, StatisticsIndex.Durations.bucket(7199));
    assertEquals(167, StatisticsIndex.Durations.bucket(7 * 86_400 - 1));
    assertEquals(168, StatisticsIndex.Durations.bucket(7 * 86_400));
    assertEquals(169, StatisticsIndex.Durations.bucket(8 * 86_400 + 5));
    assertEquals(255, StatisticsIndex.Durations.bucket(94 * 86_400));
    assertEquals(255, StatisticsIndex.Durations.bucket(Integer.MAX_VALUE - 1));
    assertEquals(94L * 86_400, StatisticsIndex.Durations.start(255));
    for (int v : new int[] {5 * 3600 + 59, 3600, 5 * 3600, 9 * 3600, 5 * 3600 + 1, 2 * 3600, 7 * 3600, 5 * 3600}) {
      h.add(v);
    }
    assertEquals(5 * 3600.0, h.median()); // hours 1 2 5 [5 5] 5 7 9
    StatisticsIndex.Durations odd = new StatisticsIndex.Durations();
    odd.add(h);
    odd.add(2 * 3600 + 30);
    assertEquals(5 * 3600.0, odd.median()); // 1 2 2 5 [5] 5 5 7 9
    assertEquals(8, h.size());
    h.add(100 * 86_400);
    h.add(95 * 86_400 + 1);
    assertEquals(5 * 3600.0, h.median()); // 1 2 5 5 [5 5] 7 9 94d 94d
    for (int i = 0; i < 3; i++) {
      h.add(10 * 86_400 + 7);
    }
    assertEquals(7 * 3600.0, h.median()); // 1 2 5 5 5 5 [7] 9 10d 10d 10d 94d 94d
    assertEquals(13, h.size());
    assertNull(new StatisticsIndex.Durations().median());
  }

  private StatisticsRow one(StatisticsQuery q) {
    List<StatisticsRow> rows = index.query(q, NOW);
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }
}
