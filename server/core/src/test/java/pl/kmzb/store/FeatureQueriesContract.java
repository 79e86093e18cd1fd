package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.time.Clock;
import java.time.Instant;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.ExprPredicate;
import pl.kmzb.filter.Queryables;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Teryt;
import pl.kmzb.visibility.VisibilityPolicy;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.testing.TestReports;

/** Feature streams on both stores: keyset pages, counts and ranks agree with the in-memory filter. */
abstract class FeatureQueriesContract {
  /** Enough rows that every selection below reaches past the first checkpoints. */
  static final int ROWS = 18_000;
  static final CategoryCatalog CATALOG = CategoryCatalog.load(null);
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CATALOG, p -> Teryt.NONE);
  static final Queryables POLICE = Queryables.policeView(CATALOG, Clock.systemUTC());
  static final Queryables PUBLIC = Queryables.publicView(POLICY);
  static final FeatureQuery POLICE_ALL = new FeatureQuery(Expr.INCLUDE, POLICE);
  /** Six statuses of seven: leaves gaps in the ids, as every real filter does. */
  static final FeatureQuery NOT_JOKES = new FeatureQuery(
      new Expr.Compare(Expr.CompareOp.NE, "status", "joke_or_mistake"), POLICE);
  /**
   * A public bbox: judged at the public position, which SQL cannot see, so SQL selects a superset
   * and the remainder runs in memory (on both stores).
   */
  static final FeatureQuery PUBLIC_BBOX = new FeatureQuery(new Expr.Spatial(Expr.SpatialOp.BBOX,
      new GeometryFactory().toGeometry(new Envelope(19.90, 20.10, 50.00, 50.15))), PUBLIC);

  ReportStore store;
  FeatureQueries queries;

  abstract ReportStore openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
    store.insertAll(TestReports.random(7, ROWS), "test");
    queries = new FeatureQueries(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  List<Long> expectedIds(FeatureQuery q) {
    ExprPredicate p = ExprPredicate.compile(q.expr(), q.view(), Instant.now());
    List<Long> ids = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, r -> {
      if (p.test(r)) {
        ids.add(r.id());
      }
    });
    return ids;
  }

  List<Long> pagedIds(FeatureQuery q, int pageSize) {
    return pagedIds(q, pageSize, Integer.MAX_VALUE);
  }

  /** The ids of at most {@code maxPages} pages from the start of the selection. */
  List<Long> pagedIds(FeatureQuery q, int pageSize, int maxPages) {
    List<Long> ids = new ArrayList<>();
    long after = 0;
    for (int page = 0; page < maxPages; page++) {
      int before = ids.size();
      after = queries.stream(q, after, pageSize, r -> ids.add(r.id()));
      if (ids.size() - before < pageSize) {
        return ids;
      }
    }
    return ids;
  }

  /**
   * Pages of one report each over the first {@value #SINGLE_PAGES} of the selection: every page
   * boundary the same as with larger pages, without a query per row of the whole selection (the
   * pages of 7 cover all of it).
   */
  static final int SINGLE_PAGES = 400;

  void assertSinglePages(List<Long> expected, FeatureQuery q, String what) {
    assertEquals(expected.subList(0, Math.min(SINGLE_PAGES, expected.size())), pagedIds(q, 1, SINGLE_PAGES),
        what + ", page 1");
  }

  @Test
  void keysetPagesCoverTheSelectionWithoutDuplicatesOrGaps() {
    List<Long> expected = expectedIds(NOT_JOKES);
    assertSinglePages(expected, NOT_JOKES, "not jokes");
    for (int pageSize : new int[] {7, 1000, 100_000}) {
      assertEquals(expected, pagedIds(NOT_JOKES, pageSize), "page " + pageSize);
    }
  }

  /** Time-bounded selections begin after the smallest id of their range (FeatureQueries.startOfTimeRange). */
  @Test
  void timeBoundedSelectionsPageFromTheirRangeWithoutGaps() {
    List<Instant> times = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, r -> times.add(r.reportedAt()));
    java.util.Collections.sort(times);
    Instant median = times.get(times.size() / 2);
    Instant late = times.get(times.size() * 9 / 10);
    Expr notJokes = NOT_JOKES.expr();
    List<FeatureQuery> selections = List.of(
        new FeatureQuery(Expr.and(List.of(new Expr.Compare(Expr.CompareOp.GE, "reportedAt", median), notJokes)), POLICE),
        new FeatureQuery(Expr.and(List.of(new Expr.Compare(Expr.CompareOp.GT, "reportedAt", median),
            new Expr.Compare(Expr.CompareOp.LT, "reportedAt", late))), POLICE),
        new FeatureQuery(new Expr.Compare(Expr.CompareOp.GE, "reportedAt", late), PUBLIC),
        new FeatureQuery(Expr.and(List.of(new Expr.Compare(Expr.CompareOp.GE, "reportedAt", late),
            new Expr.Compare(Expr.CompareOp.LT, "reportedAt", median))), POLICE));
    for (FeatureQuery q : selections) {
      List<Long> expected = expectedIds(q);
      assertSinglePages(expected, q, q.expr().toString());
      for (int pageSize : new int[] {7, 1000}) {
        assertEquals(expected, pagedIds(q, pageSize), q.expr() + ", page " + pageSize);
      }
      assertEquals(expected.size(), queries.count(q), q.expr().toString());
    }
    assertTrue(expectedIds(selections.get(3)).isEmpty(), "an empty range selects nothing");
  }

  /**
   * The first id of a time range ({@link FeatureTimeStart}): exact for any range, and found from the
   * cheaper side. The 3,000 reports added here arrive after the 18,000 random ones, in time order,
   * as real reports do: their range starts at id 18,001, found without walking the 18,000 before it;
   * a range from the first report's time is found within the first walk, without reading the range.
   */
  @Test
  void theFirstIdOfATimeRangeIsFoundFromTheCheaperSide() {
    Instant lateStart = Instant.parse("2026-06-01T00:00:00Z");
    List<pl.kmzb.report.NewReport> late = new ArrayList<>();
    for (pl.kmzb.report.NewReport r : TestReports.random(8, 3_000)) {
      late.add(new pl.kmzb.report.NewReport(r.category(), r.status(), r.location(),
          lateStart.plusSeconds(60L * late.size()), null, null, r.description(), r.source(), r.teryt(), null, null,
          false));
    }
    store.insertAll(late, "test");
    List<Report> all = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, all::add);
    JdbcReportStore jdbc = (JdbcReportStore) store;
    FeatureTimeStart start = new FeatureTimeStart(jdbc);

    FeatureTimeStart.Found lateRange = jdbc.withConnection(c -> start.find(c, lateStart, null));
    assertEquals(firstId(all, lateStart, null), lateRange.firstId());
    assertTrue(lateRange.walked() <= 2 * FeatureTimeStart.FIRST_BUDGET && lateRange.walked() < ROWS,
        "the walk stops long before the " + ROWS + " reports ahead of the range: " + lateRange);

    Instant first = all.stream().map(Report::reportedAt).min(Instant::compareTo).orElseThrow();
    FeatureTimeStart.Found everything = jdbc.withConnection(c -> start.find(c, first, null));
    assertEquals(firstId(all, first, null), everything.firstId());
    assertEquals(0, everything.ranged(), "found by the first walk, nothing of the range read: " + everything);

    java.util.Random rnd = new java.util.Random(5);
    List<Instant> times = all.stream().map(Report::reportedAt).sorted().toList();
    for (int i = 0; i < 40; i++) {
      Instant a = times.get(rnd.nextInt(times.size()));
      Instant b = i % 4 == 0 ? null : a.plusSeconds(rnd.nextInt(4) == 0 ? 1 : rnd.nextInt(400_000_000));
      FeatureTimeStart.Found f = jdbc.withConnection(c -> start.find(c, a, b));
      assertEquals(firstId(all, a, b), f.firstId(), a + " to " + b);
    }
    Instant empty = times.get(times.size() - 1).plusSeconds(1);
    assertEquals(null, jdbc.withConnection(c -> start.find(c, empty, null)).firstId(), "no report after the last");
  }

  private static Long firstId(List<Report> all, Instant from, Instant to) {
    return all.stream().filter(r -> !r.reportedAt().isBefore(from) && (to == null || r.reportedAt().isBefore(to)))
        .map(Report::id).min(Long::compare).orElse(null);
  }

  @Test
  void aRemainderFiltersRowsAndPagesStillFill() {
    FeatureQuery q = PUBLIC_BBOX;
    assertFalse(queries.exactInSql(q));
    List<Long> expected = expectedIds(q);
    assertTrue(expected.size() > 100 && expected.size() < ROWS);
    assertEquals(expected, pagedIds(q, 13));
    assertEquals(expected.size(), queries.count(q));
    long[] seen = {0};
    queries.stream(q, 0, 50, r -> ++seen[0] > 0);
    assertEquals(50, seen[0], "a page with a residual counts only the rows that pass");
  }

  @Test
  void countsAgreeWithTheFilter() {
    assertTrue(queries.exactInSql(NOT_JOKES));
    assertEquals(expectedIds(NOT_JOKES).size(), queries.count(NOT_JOKES));
  }

  @Test
  void aRepeatedCountFollowsEveryWrite() {
    for (FeatureQuery q : List.of(NOT_JOKES, PUBLIC_BBOX)) {
      long before = queries.count(q);
      assertEquals(before, queries.count(q), "asked again with nothing written");
      Report matching = store.find(expectedIds(q).get(3)).orElseThrow();
      Actor admin = new Actor("admin", Role.ADMINISTRATOR, Set.of());
      store.changeStatus(matching.id(), matching.version(), new StatusChange(admin, Status.JOKE_OR_MISTAKE, "korekta"));
      assertEquals(expectedIds(q).size(), queries.count(q), q.key() + ": a status change is counted at once");
      assertEquals(before - 1, queries.count(q));
    }
  }

  @Test
  void everyRankStartsAtItsRow() {
    for (FeatureQuery q : List.of(NOT_JOKES, POLICE_ALL, PUBLIC_BBOX)) {
      List<Long> ids = expectedIds(q);
      assertTrue(ids.size() > RankCheckpoints.DIRECT + RankCheckpoints.SPACING + 100, q.key() + " " + ids.size());
      for (long rank : new long[] {0, 1, 2, RankCheckpoints.DIRECT - 1, RankCheckpoints.DIRECT,
          RankCheckpoints.DIRECT + RankCheckpoints.SPACING - 1, ids.size() - 1, ids.size() / 2 + 3}) {
        long after = queries.afterIdForRank(q, rank);
        List<Long> got = new ArrayList<>();
        queries.stream(q, after, 1, r -> got.add(r.id()));
        assertEquals(List.of(ids.get((int) rank)), got, q.key() + " rank " + rank);
      }
      long pastEnd = queries.afterIdForRank(q, ids.size() + 5000L);
      List<Long> none = new ArrayList<>();
      queries.stream(q, pastEnd, 10, r -> none.add(r.id()));
      assertEquals(List.of(), none, "past the end");
    }
  }

  @Test
  void ranksFollowAppendsAndOtherChanges() {
    FeatureQuery q = NOT_JOKES;
    long deep = RankCheckpoints.DIRECT + 2 * RankCheckpoints.SPACING + 5;
    queries.afterIdForRank(q, deep); // builds the table
    store.insertAll(TestReports.random(8, 300), "test"); // appends: the table stays
    checkRank(q, deep);
    assertEquals(expectedIds(q).size(), queries.count(q), "the table's count and the appended rows");
    List<Long> ids = expectedIds(NOT_JOKES);
    checkRank(q, ids.size() - 1);
    // A change below the deep rank moves every later rank by one: the table must be rebuilt.
    Report first = store.find(ids.get(10)).orElseThrow();
    Actor admin = new Actor("admin", Role.ADMINISTRATOR, Set.of());
    store.changeStatus(first.id(), first.version(), new StatusChange(admin, Status.JOKE_OR_MISTAKE, "korekta"));
    assertEquals(expectedIds(q).size(), queries.count(q), "a change below the table's last id drops the table");
    checkRank(q, deep);
    store.insertAll(TestReports.random(9, 6_000), "test"); // more appends than a skip should cover
    checkRank(q, expectedIds(q).size() - 3);
    assertEquals(expectedIds(q).size(), queries.count(q));
  }

  private void checkRank(FeatureQuery q, long rank) {
    List<Long> ids = expectedIds(q);
    List<Long> got = new ArrayList<>();
    queries.stream(q, queries.afterIdForRank(q, rank), 1, r -> got.add(r.id()));
    assertEquals(List.of(ids.get((int) rank)), got, "rank " + rank);
  }


  /** Orders every sorted-paging test walks: one key each way, a mixed pair, and ids descending. */
  static final List<FeatureOrder> ORDERS = List.of(
      FeatureOrder.of(List.of(new FeatureOrder.Key("reportedAt", false)), null),
      FeatureOrder.of(List.of(new FeatureOrder.Key("reportedAt", true)), null),
      FeatureOrder.of(List.of(new FeatureOrder.Key("category", false)), null),
      FeatureOrder.of(List.of(new FeatureOrder.Key("status", true)), null),
      FeatureOrder.of(List.of(new FeatureOrder.Key("category", false), new FeatureOrder.Key("reportedAt", true)), null),
      FeatureOrder.of(List.of(new FeatureOrder.Key("status", false)), true),
      FeatureOrder.of(List.of(), true));

  /** The matching ids in an order, sorted in memory (code-point order for codes, id the tiebreak). */
  List<Long> expectedIds(FeatureQuery q, FeatureOrder order) {
    ExprPredicate p = ExprPredicate.compile(q.expr(), q.view(), Instant.now());
    List<Report> rows = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, r -> {
      if (p.test(r)) {
        rows.add(r);
      }
    });
    java.util.Comparator<Report> c = (a, b) -> 0;
    for (FeatureOrder.Key k : order.keys()) {
      java.util.Comparator<Report> key = switch (k.property()) {
        case "reportedAt" -> java.util.Comparator.comparing(Report::reportedAt);
        case "category" -> java.util.Comparator.comparing(Report::category);
        default -> java.util.Comparator.comparing((Report r) -> r.status().code());
      };
      c = c.thenComparing(k.descending() ? key.reversed() : key);
    }
    java.util.Comparator<Report> byId = java.util.Comparator.comparingLong(Report::id);
    rows.sort(c.thenComparing(order.idDescending() ? byId.reversed() : byId));
    return rows.stream().map(Report::id).toList();
  }

  List<Long> pagedIds(FeatureQuery q, int pageSize, Runnable betweenPages) {
    List<Long> ids = new ArrayList<>();
    FeatureOrder.Position after = null;
    while (true) {
      FeatureQueries.Extent extent = queries.extent(q, after, pageSize);
      int before = ids.size();
      FeatureOrder.Position last = queries.stream(q, after, pageSize, r -> ids.add(r.id()));
      assertEquals(extent.returned(), ids.size() - before, "the extent tells the page's size");
      if (extent.returned() > 0) {
        assertEquals(extent.last(), last, "the extent's last position is the page's");
        // the link's token names the same position
        assertEquals(last, q.order().parse(last.token()));
      }
      if (!extent.more()) {
        return ids;
      }
      after = last;
      betweenPages.run();
    }
  }

  @Test
  void sortedKeysetPagesCoverTheSelectionInOrder() {
    for (FeatureQuery base : List.of(NOT_JOKES, PUBLIC_BBOX)) {
      for (FeatureOrder order : ORDERS) {
        FeatureQuery q = base.withOrder(order);
        List<Long> expected = expectedIds(base, order);
        // Large pages over the exact selection, small ones over the remainder (each of those pages
        // reads several batches of the SQL superset; smaller pages would only repeat that).
        int pageSize = base == NOT_JOKES ? 1000 : 40;
        assertEquals(expected, pagedIds(q, pageSize, () -> { }), base.key() + " " + order.key() + " page " + pageSize);
      }
    }
  }

  @Test
  void sortedPagingIsStableUnderConcurrentInserts() {
    long[] seed = {100};
    for (FeatureOrder order : ORDERS) {
      FeatureQuery q = NOT_JOKES.withOrder(order);
      java.util.Set<Long> before = new java.util.HashSet<>(expectedIds(NOT_JOKES));
      List<Long> got = pagedIds(q, 2_000, () -> store.insertAll(TestReports.random(seed[0]++, 50), "test"));
      assertEquals(got.size(), new java.util.HashSet<>(got).size(), order.key() + ": no duplicates");
      assertTrue(got.containsAll(before), order.key() + ": no row that was there at the start is skipped");
    }
  }

  @Test
  void everyRankOfASortedOrderStartsAtItsRow() {
    long seed = 200;
    for (FeatureOrder order : ORDERS) {
      FeatureQuery q = NOT_JOKES.withOrder(order);
      List<Long> ids = expectedIds(NOT_JOKES, order);
      for (long rank : new long[] {0, 5, RankCheckpoints.DIRECT + RankCheckpoints.SPACING + 3, ids.size() - 1}) {
        List<Long> got = new ArrayList<>();
        queries.stream(q, queries.positionForRank(q, rank), 2, r -> got.add(r.id()));
        assertEquals(ids.subList((int) rank, (int) Math.min(rank + 2, ids.size())), got, order.key() + " rank " + rank);
      }
      List<Long> none = new ArrayList<>();
      queries.stream(q, queries.positionForRank(q, ids.size() + 10L), 5, r -> none.add(r.id()));
      assertEquals(List.of(), none, order.key() + ": past the end");
      // a write moves ranks of a sorted order anywhere: the table is rebuilt, ranks stay right
      store.insertAll(TestReports.random(seed++, 40), "test");
      List<Long> after = expectedIds(NOT_JOKES, order);
      long deep = RankCheckpoints.DIRECT + 2 * RankCheckpoints.SPACING + 1;
      List<Long> got = new ArrayList<>();
      queries.stream(q, queries.positionForRank(q, deep), 1, r -> got.add(r.id()));
      assertEquals(List.of(after.get((int) deep)), got, order.key() + " after a write");
    }
  }
}
