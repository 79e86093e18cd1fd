package pl.kmzb.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;

class IndexSubsetTest {
  static final GeometryFactory GF = new GeometryFactory();

  static List<Report> reports() {
    List<Report> out = new ArrayList<>();
    long id = 1;
    for (NewReport n : ExprFixtures.reports(31, 2_000)) {
      out.add(new Report(id++, n.category(), n.status(), n.location(), n.reportedAt(), n.occurredOn(), n.timeOfDay(),
          n.description(), false, n.source(), n.teryt(), n.externalId(), false, null, n.synthetic(), n.reportedAt(), 1));
    }
    return out;
  }

  /** Random expressions of the subset, narrowed into a ReportFilter, select what the predicate selects. */
  @Test
  void narrowedFiltersSelectWhatTheExpressionSelects() {
    List<Report> all = reports();
    SplittableRandom rnd = new SplittableRandom(3);
    ReportFilter base = ExprFixtures.POLICY.parse(Map.of());
    int told = 0;
    for (int i = 0; i < 500; i++) {
      Expr e = ExprFixtures.PUBLIC.check(indexable(rnd, all), false);
      ExprPredicate p = ExprPredicate.compile(Expr.and(base.toExpr(), e), ExprFixtures.PUBLIC, ExprFixtures.NOW);
      ReportFilter f;
      try {
        f = IndexSubset.narrow(base, e, ExprFixtures.PUBLIC.groupOf());
      } catch (IndexSubset.NotIndexableException ex) {
        if (ex.getMessage().contains("one area test")) {
          continue;
        }
        assertTrue(ex.getMessage().contains("nothing"), ex.getMessage());
        assertEquals(0, all.stream().filter(p).count(), "refused as empty: " + e);
        continue;
      }
      long n = 0;
      for (Report r : all) {
        assertEquals(p.test(r), ExprFixtures.POLICY.matches(f, r), () -> e + " as " + f.cacheKey() + " on " + r);
        n += p.test(r) ? 1 : 0;
      }
      told += n > 0 && n < all.size() / 2 ? 1 : 0;
    }
    assertTrue(told > 200, told + " filters selected a part");
  }

  @Test
  void otherOperatorsAreRefusedByName() {
    ReportFilter base = ExprFixtures.POLICY.parse(Map.of());
    Expr like = ExprFixtures.PUBLIC.check(Expr.Like.sql("description", "%a%", false), false);
    IndexSubset.NotIndexableException e = assertThrows(IndexSubset.NotIndexableException.class,
        () -> IndexSubset.narrow(base, like, ExprFixtures.PUBLIC.groupOf()));
    assertTrue(e.getMessage().contains("Like"), e.getMessage());
    assertThrows(IndexSubset.NotIndexableException.class, () -> IndexSubset.narrow(base,
        Expr.or(new Expr.Compare(Expr.CompareOp.EQ, "category", "speeding"), new Expr.Compare(Expr.CompareOp.EQ, "status", "new")),
        ExprFixtures.PUBLIC.groupOf()));
  }

  private static Expr indexable(SplittableRandom rnd, List<Report> all) {
    List<Expr> parts = new ArrayList<>();
    Report a = all.get(rnd.nextInt(all.size()));
    Report b = all.get(rnd.nextInt(all.size()));
    int n = 1 + rnd.nextInt(4);
    for (int i = 0; i < n; i++) {
      parts.add(switch (rnd.nextInt(7)) {
        case 0 -> new Expr.Compare(Expr.CompareOp.EQ, "category", a.category());
        case 1 -> new Expr.In("group", List.of(ExprFixtures.PUBLIC.groupOf().get(a.category()),
            ExprFixtures.PUBLIC.groupOf().get(b.category())));
        case 2 -> new Expr.In("status", List.of(a.status().code(), b.status().code()));
        case 3 -> new Expr.Compare(Expr.CompareOp.values()[2 + rnd.nextInt(4)], "reportedAt", a.reportedAt());
        case 4 -> new Expr.Temporal(Expr.TemporalOp.values()[rnd.nextInt(4)], "reportedAt",
            a.reportedAt().isBefore(b.reportedAt()) ? a.reportedAt() : b.reportedAt(),
            a.reportedAt().isBefore(b.reportedAt()) ? b.reportedAt() : a.reportedAt());
        case 5 -> rnd.nextBoolean() ? Expr.or(new Expr.Compare(Expr.CompareOp.EQ, "county", "1261"),
            new Expr.Compare(Expr.CompareOp.EQ, "municipality", "1465022"))
            : new Expr.In("voivodeship", List.of("12", "14"));
        default -> {
          Envelope env = new Envelope(a.location().lon(), b.location().lon(), a.location().lat(), b.location().lat());
          yield new Expr.Spatial(Expr.SpatialOp.BBOX, GF.toGeometry(env));
        }
      });
    }
    return Expr.and(parts);
  }
}
