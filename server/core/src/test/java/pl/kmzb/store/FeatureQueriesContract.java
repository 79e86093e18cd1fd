package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.testing.TestReports;

/** Feature streams on both stores: keyset pages, counts and ranks agree with the in-memory filter. */
abstract class FeatureQueriesContract {
  /** Enough rows that every selection below reaches past the first checkpoints. */
  static final int ROWS = 12_000;
  static final ReportFilter POLICE_ALL = ReportFilter.ALL_INTERNAL;
  /** Six statuses of seven: leaves gaps in the ids, as every real filter does. */
  static final ReportFilter NOT_JOKES = ReportFilter.ALL_INTERNAL.withStatuses(Set.of(Status.NEW, Status.VERIFICATION,
      Status.CONFIRMED, Status.CONFIRMED_HANDED_OVER, Status.CONFIRMED_ELIMINATED, Status.NOT_CONFIRMED));

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

  List<Long> expectedIds(ReportFilter f, Predicate<Report> residual) {
    List<Long> ids = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, r -> {
      if (f.test(r) && (residual == null || residual.test(r))) {
        ids.add(r.id());
      }
    });
    return ids;
  }

  List<Long> pagedIds(FeatureQuery q, int pageSize) {
    List<Long> ids = new ArrayList<>();
    long after = 0;
    while (true) {
      int before = ids.size();
      after = queries.stream(q, after, pageSize, r -> ids.add(r.id()));
      if (ids.size() - before < pageSize) {
        return ids;
      }
    }
  }

  @Test
  void keysetPagesCoverTheSelectionWithoutDuplicatesOrGaps() {
    for (int pageSize : new int[] {1, 7, 1000, 100_000}) {
      assertEquals(expectedIds(NOT_JOKES, null), pagedIds(FeatureQuery.exact(NOT_JOKES), pageSize), "page " + pageSize);
    }
  }

  @Test
  void aResidualFiltersRowsAndPagesStillFill() {
    Predicate<Report> odd = r -> r.location().lon() * 100 % 2 > 0.5;
    FeatureQuery q = new FeatureQuery(POLICE_ALL, odd, "odd-lon");
    List<Long> expected = expectedIds(POLICE_ALL, odd);
    assertTrue(expected.size() > 100 && expected.size() < ROWS);
    assertEquals(expected, pagedIds(q, 13));
    assertEquals(expected.size(), queries.count(q));
    long[] seen = {0};
    queries.stream(q, 0, 50, r -> ++seen[0] > 0);
    assertEquals(50, seen[0], "a page with a residual counts only the rows that pass");
  }

  @Test
  void countsAgreeWithTheFilter() {
    assertEquals(expectedIds(NOT_JOKES, null).size(), queries.count(FeatureQuery.exact(NOT_JOKES)));
  }

  @Test
  void everyRankStartsAtItsRow() {
    for (FeatureQuery q : List.of(FeatureQuery.exact(NOT_JOKES), FeatureQuery.exact(POLICE_ALL),
        new FeatureQuery(POLICE_ALL, r -> r.id() % 5 != 0, "not-fifth"))) {
      assertTrue(ids(q) > RankCheckpoints.DIRECT + 2 * RankCheckpoints.SPACING, q.key());
      List<Long> ids = expectedIds(q.prefilter(), q.residual());
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
    FeatureQuery q = FeatureQuery.exact(NOT_JOKES);
    long deep = RankCheckpoints.DIRECT + 2 * RankCheckpoints.SPACING + 5;
    queries.afterIdForRank(q, deep); // builds the table
    store.insertAll(TestReports.random(8, 300), "test"); // appends: the table stays
    checkRank(q, deep);
    List<Long> ids = expectedIds(NOT_JOKES, null);
    checkRank(q, ids.size() - 1);
    // A change below the deep rank moves every later rank by one: the table must be rebuilt.
    Report first = store.find(ids.get(10)).orElseThrow();
    Actor admin = new Actor("admin", Role.ADMINISTRATOR, Set.of());
    store.changeStatus(first.id(), first.version(), new StatusChange(admin, Status.JOKE_OR_MISTAKE, "korekta"));
    checkRank(q, deep);
  }

  private int ids(FeatureQuery q) {
    return expectedIds(q.prefilter(), q.residual()).size();
  }

  private void checkRank(FeatureQuery q, long rank) {
    List<Long> ids = expectedIds(q.prefilter(), q.residual());
    List<Long> got = new ArrayList<>();
    queries.stream(q, queries.afterIdForRank(q, rank), 1, r -> got.add(r.id()));
    assertEquals(List.of(ids.get((int) rank)), got, "rank " + rank);
  }

}
