package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.ExprFixtures;
import pl.kmzb.filter.ExprPredicate;
import pl.kmzb.filter.Queryables;
import pl.kmzb.filter.RandomExprs;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;

/**
 * The filter AST in SQL (with its in-memory remainder) selects exactly what the in-memory predicate
 * selects, on random reports and random expressions over every operator, in both views. Seeded: a
 * failure prints the seed and the expression.
 */
abstract class ExprStoreContract {
  static final Actor ADMIN = new Actor("admin", Role.ADMINISTRATOR, Set.of());
  static final int EXPRESSIONS = Integer.getInteger("kmzb.expr.count", 400);

  ReportStore store;
  List<Report> all;

  abstract ReportStore openStore() throws Exception;

  @BeforeEach
  void fill() throws Exception {
    store = openStore();
    store.insertAll(ExprFixtures.reports(21, 1_500), "import");
    List<Report> stored = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, stored::add);
    all = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(22);
    for (Report r : stored) {
      int k = rnd.nextInt(12);
      if (k < 4) {
        r = store.setDescriptionPublic(r.id(), r.version(), ADMIN, true);
      } else if (k == 4) {
        r = store.softDelete(r.id(), r.version(), ADMIN, "test");
      }
      all.add(r);
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void policeFiltersSelectWhatThePredicateSelects() {
    compare(ExprFixtures.POLICE, 101);
  }

  @Test
  void publicFiltersSelectWhatThePredicateSelectsAtPublicPositions() {
    compare(ExprFixtures.PUBLIC, 202);
  }

  @Test
  void vendorFiltersAsExpressionsSelectWhatReportFilterSelects() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < 60; i++) {
      ReportFilter f = ReportStoreContract.randomFilter(rnd);
      Queryables view = f.visibility() == pl.kmzb.filter.Visibility.PUBLIC ? ExprFixtures.PUBLIC : ExprFixtures.POLICE;
      Expr e = view.check(f.toExpr(), false);
      Set<Long> expected = new java.util.TreeSet<>();
      for (Report r : all) {
        if (f.visibility() == pl.kmzb.filter.Visibility.PUBLIC ? ExprFixtures.POLICY.isPublic(r) && f.test(r) : f.test(r)) {
          expected.add(r.id());
        }
      }
      List<Report> got = new ArrayList<>();
      store.scan(e, view, got::add);
      assertEquals(expected, ids(got), "filter " + f.cacheKey() + " as " + e);
    }
  }

  @Test
  void pagesOfAFilterCoverItsRowsOnce() {
    SplittableRandom rnd = new SplittableRandom(303);
    for (Queryables view : List.of(ExprFixtures.POLICE, ExprFixtures.PUBLIC)) {
      RandomExprs exprs = new RandomExprs(rnd, view, all, false);
      for (int i = 0; i < 25; i++) {
        Expr e = exprs.next();
        List<Report> scanned = new ArrayList<>();
        store.scan(e, view, scanned::add);
        List<Long> paged = new ArrayList<>();
        long after = 0;
        while (true) {
          Page<Report> page = store.list(e, view, after, 37);
          page.items().forEach(r -> paged.add(r.id()));
          if (page.nextAfterId() == null) {
            break;
          }
          after = page.nextAfterId();
        }
        assertEquals(scanned.stream().map(Report::id).toList(), paged, "pages of " + e);
        assertTrue(ReportStoreContract.isAscending(scanned));
      }
    }
  }

  /**
   * Through the stores too (SQL bound plus remainder), no public filter separates two reports whose
   * true spots share a generalisation cell: both or neither come back.
   */
  @Test
  void noPublicFilterSeparatesTwoReportsOfOneCell() {
    String category = "homeless_person_in_need";
    int metres = ExprFixtures.POLICY.generaliseMetres(category);
    double w = pl.kmzb.visibility.LocationGeneraliser.cellWidthDegrees(metres);
    double h = pl.kmzb.visibility.LocationGeneraliser.cellHeightDegrees(metres);
    SplittableRandom rnd = new SplittableRandom(404);
    List<pl.kmzb.report.NewReport> pairs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      pl.kmzb.geo.LonLat c = pl.kmzb.visibility.LocationGeneraliser.generalise(
          new pl.kmzb.geo.LonLat(19.9 + rnd.nextDouble() * 0.3, 50 + rnd.nextDouble() * 0.2), metres);
      for (int side = -1; side <= 1; side += 2) {
        pl.kmzb.geo.LonLat at = new pl.kmzb.geo.LonLat(c.lon() + side * w * 0.49 * rnd.nextDouble(),
            c.lat() + side * h * 0.49 * rnd.nextDouble());
        pairs.add(new pl.kmzb.report.NewReport(category, pl.kmzb.report.Status.CONFIRMED, at,
            java.time.Instant.parse("2024-02-02T10:00:00Z"), null, null, null, pl.kmzb.report.Source.CITIZEN,
            pl.kmzb.report.Teryt.ofMunicipality(side < 0 ? "1261011" : "1465011"), null, null, false));
      }
    }
    store.insertAll(pairs, "import");
    List<Report> stored = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, r -> {
      if (r.reportedAt().equals(java.time.Instant.parse("2024-02-02T10:00:00Z")) && r.category().equals(category)
          && r.status() == pl.kmzb.report.Status.CONFIRMED && r.description() == null) {
        stored.add(r);
      }
    });
    RandomExprs exprs = new RandomExprs(rnd, ExprFixtures.PUBLIC, stored, true);
    int split = 0;
    for (int i = 0; i < 150; i++) {
      Expr e = exprs.next();
      Set<Long> got = ids(listOf(e, ExprFixtures.PUBLIC));
      Set<Long> police = ids(listOf(e, ExprFixtures.POLICE));
      for (int k = 0; k + 1 < stored.size(); k += 2) {
        long a = stored.get(k).id();
        long b = stored.get(k + 1).id();
        assertEquals(got.contains(a), got.contains(b), "public filter " + e + " separates " + a + " and " + b);
        split += police.contains(a) != police.contains(b) ? 1 : 0;
      }
    }
    assertTrue(split > 20, "the police view separated " + split + " pairs");
  }

  private List<Report> listOf(Expr e, Queryables view) {
    List<Report> out = new ArrayList<>();
    store.scan(e, view, out::add);
    return out;
  }

  /**
   * Long filters still run: a 1,200-term OR (SQLite refuses expression trees deeper than 1,000),
   * and more values than a statement can bind (then the filter runs in memory).
   */
  @Test
  void longFiltersRunAndStayExact() {
    List<Expr> terms = new ArrayList<>();
    List<Object> many = new ArrayList<>();
    for (long id = 0; id < 31_000; id++) {
      many.add(id * 2);
      if (id < 1_200) {
        terms.add(new Expr.Compare(Expr.CompareOp.EQ, "id", id * 3));
      }
    }
    for (Expr e : List.of(new Expr.Or(terms), new Expr.Not(new Expr.Or(terms)), new Expr.In("id", many))) {
      Expr checked = ExprFixtures.POLICE.check(e, false);
      Set<Long> expected = ids(all.stream().filter(ExprPredicate.compile(checked, ExprFixtures.POLICE, ExprFixtures.NOW))
          .toList());
      List<Report> got = new ArrayList<>();
      store.scan(checked, ExprFixtures.POLICE, got::add);
      assertEquals(expected, ids(got));
      assertEquals(expected.size(), store.count(checked, ExprFixtures.POLICE));
    }
  }

  private void compare(Queryables view, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    RandomExprs exprs = new RandomExprs(rnd, view, all, false);
    int exact = 0;
    int telling = 0;
    for (int i = 0; i < EXPRESSIONS; i++) {
      Expr e = exprs.next();
      ExprPredicate p = ExprPredicate.compile(e, view, ExprFixtures.NOW);
      Set<Long> expected = ids(all.stream().filter(p).toList());
      List<Report> got = new ArrayList<>();
      String where = "seed " + seed + ", expression " + i + ": " + e;
      try {
        store.scan(e, view, got::add);
      } catch (RuntimeException ex) {
        throw new AssertionError(where, ex);
      }
      assertEquals(expected, ids(got), where);
      assertEquals(expected.size(), store.count(e, view), "count, " + where);
      if (!expected.isEmpty() && expected.size() < all.size() * 9 / 10) {
        telling++;
      }
      if (((JdbcReportStore) store).exprPlan(e, view).exact()) {
        exact++;
      }
    }
    // Most expressions must be decided by SQL alone, or the stores would not be doing the work.
    assertTrue(exact > EXPRESSIONS / 4, exact + " of " + EXPRESSIONS + " exact");
    // And most must select some of the reports but not nearly all, or equal results would prove little.
    assertTrue(telling > EXPRESSIONS / 2, telling + " of " + EXPRESSIONS + " select a part");
  }

  static Set<Long> ids(List<Report> reports) {
    return reports.stream().map(Report::id).collect(Collectors.toCollection(java.util.TreeSet::new));
  }

  @Test
  void anInterruptedThreadsScanEndsWithAStoreErrorAndKeepsTheFlag() {
    // A stopping server interrupts its background work; a scan of millions of rows must end, not run on into a closed pool.
    List<Report> before = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, before::add);
    for (int variant = 0; variant < 2; variant++) {
      List<Report> got = new ArrayList<>();
      Thread.currentThread().interrupt();
      try {
        if (variant == 0) {
          store.scan(ReportFilter.ALL_INTERNAL, got::add);
        } else {
          store.scan(new Expr.Include(), ExprFixtures.POLICE, got::add);
        }
        org.junit.jupiter.api.Assertions.fail("variant " + variant + ": the scan ran to its end (" + got.size() + " rows)");
      } catch (StoreException e) {
        assertEquals(StoreException.Reason.UNAVAILABLE, e.reason());
        assertEquals(List.of(), got, "no row after the interruption");
        assertTrue(Thread.currentThread().isInterrupted(), "the flag is left for the caller");
      } finally {
        Thread.interrupted();
      }
    }
    List<Report> after = new ArrayList<>();
    store.scan(ReportFilter.ALL_INTERNAL, after::add);
    assertEquals(before, after, "the store answers as before");
  }
}
