package pl.kmzb.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Actor;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestReports;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The statistics against SQL on a real store: random inserts, status moves (administrator
 * corrections, so any move) and soft deletes, applied through the change log, and after each
 * round every number of several queries equals the same numbers computed by SQL GROUP BY over
 * the store's tables (per period, between the period's Warsaw-midnight instants); the first verdict
 * of each report from its history rows, the median computed from those rows.
 */
abstract class StatisticsStoreContract {
  static final Actor ADMIN = new Actor("admin", Role.ADMINISTRATOR, Set.of());
  /** On a whole second, so "past the deadline" compares alike at second and sub-second precision. */
  static final Instant NOW = Instant.parse("2025-12-31T12:00:00Z");
  static final CategoryCatalog CATALOG = CategoryCatalog.load(null);
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CATALOG,
      p -> Teryt.ofMunicipality(p.lon() < 20.05 ? "1261011" : "1206012"));

  @TempDir Path dir;
  ReportStore store;
  StatisticsIndex index;
  StatisticsFollower follower;

  abstract ReportStore openStore();

  abstract Connection sql() throws SQLException;

  abstract void bind(PreparedStatement ps, int i, Instant at) throws SQLException;

  abstract Instant instant(ResultSet rs, int column) throws SQLException;

  @BeforeEach
  void open() {
    store = openStore();
    index = new StatisticsIndex(CATALOG, POLICY);
    follower = new StatisticsFollower(store, index);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void randomChangesEqualSql() throws Exception {
    SplittableRandom rnd = new SplittableRandom(17);
    store.insertAll(TestReports.random(5, 250), "test");
    List<Long> ids = new ArrayList<>();
    store.scan(pl.kmzb.filter.ReportFilter.ALL_INTERNAL, r -> ids.add(r.id()));
    for (int i = 0; i < 200; i++) {
      move(ids.get(rnd.nextInt(ids.size())), rnd);
    }
    follower.load();
    assertEqualsSql("after the load");
    for (int round = 0; round < 6; round++) {
      for (int i = 0; i < 25; i++) {
        int op = rnd.nextInt(10);
        if (op < 4) {
          ids.add(store.insert(recent(rnd), "test").id());
        } else if (op < 9) {
          // Half the moves among the newest reports, so recent periods get verdicts too.
          int from = rnd.nextBoolean() ? Math.max(0, ids.size() - 40) : 0;
          move(ids.get(from + rnd.nextInt(ids.size() - from)), rnd);
        } else {
          Report r = store.find(ids.get(rnd.nextInt(ids.size()))).orElseThrow();
          if (!r.deleted()) {
            store.softDelete(r.id(), r.version(), ADMIN, "test");
          }
        }
      }
      follower.catchUp();
      assertEqualsSql("after round " + round);
    }
    StatisticsIndex fresh = new StatisticsIndex(CATALOG, POLICY);
    new StatisticsFollower(store, fresh).load();
    for (StatisticsQuery q : queries()) {
      assertEquals(render(index.query(q, NOW)), render(fresh.query(q, NOW)), "a fresh load equals the followed index");
    }
  }

  /** A new report near NOW (some within the 72 hours), in a random status. */
  private static NewReport recent(SplittableRandom rnd) {
    Instant at = NOW.minusSeconds(rnd.nextLong(10L * 86_400)).minusMillis(rnd.nextInt(1000));
    String muni = TestReports.MUNICIPALITIES.get(rnd.nextInt(TestReports.MUNICIPALITIES.size()));
    return new NewReport(TestReports.CATEGORIES.get(rnd.nextInt(TestReports.CATEGORIES.size())),
        Status.values()[rnd.nextInt(3)], new LonLat(19.9 + rnd.nextInt(30) / 100.0, 50.05), at, null, null, null,
        Source.CITIZEN, rnd.nextInt(8) == 0 ? Teryt.NONE : Teryt.ofMunicipality(muni), null, null, false);
  }

  /** Moves a report (not deleted) to another random status; returns its id. */
  private long move(long id, SplittableRandom rnd) {
    Report r = store.find(id).orElseThrow();
    if (r.deleted()) {
      return id;
    }
    Status to = Status.values()[rnd.nextInt(Status.values().length)];
    if (to != r.status()) {
      store.changeStatus(id, r.version(), new StatusChange(ADMIN, to, "correction for the test"));
    }
    return id;
  }

  /** Police units over the fixture's areas, overlapping within a unit and between units. */
  static final Map<String, Set<String>> UNITS = Map.of("KWP-12", Set.of("12"), "KMP-1261", Set.of("1261", "1261011"),
      "KWP-14", Set.of("14"), "KPP-1465", Set.of("1465", "14"));

  static List<StatisticsQuery> queries() {
    return List.of(
        new StatisticsQuery(true, AreaLevel.COUNTY, Set.of(), Set.of(), Breakdown.CATEGORY, Set.of(), Period.YEAR,
            LocalDate.of(2016, 1, 1), LocalDate.of(2025, 12, 31)),
        new StatisticsQuery(true, AreaLevel.MUNICIPALITY, Set.of("12"), Set.of(), Breakdown.NONE, Set.of(),
            Period.DAY, LocalDate.of(2025, 12, 20), LocalDate.of(2025, 12, 31)),
        new StatisticsQuery(false, AreaLevel.COUNTRY, Set.of(), Set.of(), Breakdown.CATEGORY, Set.of(), Period.MONTH,
            LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)),
        new StatisticsQuery(false, AreaLevel.COUNTRY, Set.of(), Set.of(), Breakdown.NONE, Set.of(), Period.WEEK,
            LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 31)),
        new StatisticsQuery(true, AreaLevel.POLICE_UNIT, Set.of(), Set.of(), Breakdown.CATEGORY, Set.of(), Period.YEAR,
            LocalDate.of(2016, 1, 1), LocalDate.of(2025, 12, 31), UNITS));
  }

  private void assertEqualsSql(String when) throws SQLException {
    int nonEmpty = 0;
    List<StatisticsRow> all = new ArrayList<>();
    for (StatisticsQuery q : queries()) {
      List<String> expected = sqlRows(q);
      List<StatisticsRow> rows = index.query(q, NOW);
      assertEquals(expected, render(rows), when + ": " + q);
      nonEmpty += expected.isEmpty() ? 0 : 1;
      all.addAll(rows);
    }
    // Not vacuous: medians, deadlines, trends and hidden statuses all occur.
    assertTrue(nonEmpty >= 3, "the queries must have something to count");
    assertTrue(all.stream().anyMatch(r -> r.withVerificationTime() > 1), "some median over several reports");
    assertTrue(all.stream().anyMatch(r -> r.pastDeadline() > 0), "some report past its deadline");
    assertTrue(all.stream().anyMatch(r -> r.previousCount() != null && r.previousCount() > 0), "some trend");
    assertTrue(all.stream().anyMatch(r -> r.byStatus().getOrDefault(Status.JOKE_OR_MISTAKE, 0) > 0),
        "some hidden status counted for the police");
  }

  /** What a row says, every number of it. */
  static List<String> render(List<StatisticsRow> rows) {
    return rows.stream().map(r -> r.area() + "|" + r.category() + "|" + r.period() + "|" + r.count() + "|"
        + r.byStatus() + "|" + r.confirmed() + "|" + r.pastDeadline() + "|" + r.medianSecondsToVerification() + "|"
        + r.withVerificationTime() + "|" + r.previousCount()).toList();
  }

  /** One (area, category, period) of the oracle. */
  private static final class Cell {
    final int[] byStatus = new int[Status.values().length];
    int pastDeadline;
    final List<Long> durations = new ArrayList<>();

    int count() {
      int n = 0;
      for (int c : byStatus) {
        n += c;
      }
      return n;
    }
  }

  /** The query's rows computed by SQL, one GROUP BY per period (the period before the range included). */
  private List<String> sqlRows(StatisticsQuery q) throws SQLException {
    if (q.level() == AreaLevel.POLICE_UNIT) {
      // One query per unit, its areas as a predicate: a report in two of a unit's areas counts once.
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, Set<String>> u : new TreeMap<>(q.units()).entrySet()) {
        out.addAll(sqlRows(q, "'" + u.getKey() + "'", " AND (" + u.getValue().stream().map(StatisticsStoreContract::teryt)
            .collect(Collectors.joining(" OR ")) + ")"));
      }
      return out;
    }
    return sqlRows(q, switch (q.level()) {
      case COUNTRY -> "'PL'";
      case VOIVODESHIP -> "teryt_voivodeship";
      case COUNTY -> "teryt_county";
      case MUNICIPALITY -> "teryt_municipality";
      case POLICE_UNIT -> throw new IllegalStateException();
    }, "");
  }

  private static String teryt(String a) {
    return "teryt_" + (a.length() == 2 ? "voivodeship" : a.length() == 4 ? "county" : "municipality") + " = '" + a + "'";
  }

  private List<String> sqlRows(StatisticsQuery q, String area, String unitWhere) throws SQLException {
    String category = q.by() == Breakdown.CATEGORY ? "category" : "''";
    String where = "NOT deleted" + unitWhere;
    if (!q.police()) {
      where += " AND status IN ('new', 'verification', 'confirmed', 'confirmed_handed_over', 'confirmed_eliminated')"
          + " AND (category <> 'dangerous_entertainment_venue' OR status LIKE 'confirmed%')";
    }
    if (!q.areas().isEmpty()) {
      where += " AND (" + q.areas().stream().map(StatisticsStoreContract::teryt).collect(Collectors.joining(" OR ")) + ")";
    }
    long first = q.period().index(q.from());
    long last = q.period().index(q.to());
    Map<String, Map<Long, Cell>> cells = new TreeMap<>();
    try (Connection c = sql()) {
      for (long p = first - 1; p <= last; p++) {
        Instant from = q.period().start(p).atStartOfDay(StatisticsIndex.ZONE).toInstant();
        Instant to = q.period().start(p + 1).atStartOfDay(StatisticsIndex.ZONE).toInstant();
        String range = " AND reported_at >= ? AND reported_at < ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + area + ", " + category + ", status, COUNT(*),"
            + " SUM(CASE WHEN status = 'new' AND reported_at < ? THEN 1 ELSE 0 END) FROM report WHERE " + where + range
            + " GROUP BY 1, 2, 3")) {
          bind(ps, 1, NOW.minus(Report.TAKE_UP_DEADLINE));
          bind(ps, 2, from);
          bind(ps, 3, to);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Cell cell = cell(cells, rs.getString(1), rs.getString(2), p);
              cell.byStatus[Status.ofCode(rs.getString(3)).ordinal()] += rs.getInt(4);
              cell.pastDeadline += rs.getInt(5);
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + area + ", " + category + ", r.reported_at,"
            + " MIN(h.at) FROM report r JOIN report_history h ON h.report_id = r.id AND h.action = 'status_changed'"
            + " AND h.to_status IN ('confirmed', 'confirmed_handed_over', 'confirmed_eliminated', 'not_confirmed',"
            + " 'joke_or_mistake') WHERE " + where + range.replace("reported_at", "r.reported_at")
            + " AND r.status IN ('confirmed', 'confirmed_handed_over', 'confirmed_eliminated', 'not_confirmed',"
            + " 'joke_or_mistake') GROUP BY r.id, 1, 2, 3")) {
          bind(ps, 1, from);
          bind(ps, 2, to);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              cell(cells, rs.getString(1), rs.getString(2), p).durations
                  .add(rounded(instant(rs, 4).getEpochSecond() - instant(rs, 3).getEpochSecond()));
            }
          }
        }
      }
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Map<Long, Cell>> e : cells.entrySet()) {
      String[] key = e.getKey().split("\\|", -1);
      for (long p = first; p <= last; p++) {
        Cell cell = e.getValue().getOrDefault(p, new Cell());
        Cell before = e.getValue().getOrDefault(p - 1, new Cell());
        if (cell.count() == 0 && before.count() == 0) {
          continue;
        }
        Map<Status, Integer> byStatus = new java.util.EnumMap<>(Status.class);
        int confirmed = 0;
        for (Status s : Status.values()) {
          if (q.police() || s.isPublic()) {
            byStatus.put(s, cell.byStatus[s.ordinal()]);
          }
          confirmed += s.isConfirmed() ? cell.byStatus[s.ordinal()] : 0;
        }
        out.add(String.join("|", key[0].isEmpty() ? "null" : key[0], key[1].isEmpty() ? "null" : key[1],
            q.period().label(q.period().start(p)), Integer.toString(cell.count()), byStatus.toString(),
            Integer.toString(confirmed), Integer.toString(cell.pastDeadline), String.valueOf(median(cell.durations)),
            Integer.toString(cell.durations.size()), Integer.toString(before.count())));
      }
    }
    return out;
  }

  private static Cell cell(Map<String, Map<Long, Cell>> cells, String area, String category, long period) {
    return cells.computeIfAbsent((area == null ? "" : area) + "|" + category, k -> new HashMap<>())
        .computeIfAbsent(period, k -> new Cell());
  }

  /** The statistics' rounding of a time to verification: hours below a week, days to 94 days, 94 days above. */
  private static long rounded(long seconds) {
    if (seconds < 0) {
      return 0;
    }
    if (seconds < 7 * 86_400) {
      return seconds / 3600 * 3600;
    }
    return Math.min(94, seconds / 86_400) * 86_400;
  }

  private static Double median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? (double) sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
