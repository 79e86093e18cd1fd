package pl.kmzb.cql2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.ExprFixtures;
import pl.kmzb.filter.ExprPredicate;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.Queryables;
import pl.kmzb.filter.RandomExprs;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;

/**
 * Every operator, in both encodings: random expressions are written as CQL2 text and JSON in varied
 * spellings, parsed back, and must select exactly the reports the original selects, in both views.
 * (The original's SQL is held to the same predicate by the store contract.)
 */
class Cql2RoundTripTest {
  static final FilterCrs CRS84 = FilterCrs.crs84(CrsRegistry.standard());

  static List<Report> reports() {
    List<Report> out = new ArrayList<>();
    long id = 1;
    SplittableRandom rnd = new SplittableRandom(4);
    for (NewReport n : ExprFixtures.reports(41, 1_500)) {
      out.add(new Report(id++, n.category(), n.status(), n.location(), n.reportedAt(), n.occurredOn(), n.timeOfDay(),
          n.description(), rnd.nextBoolean(), n.source(), n.teryt(), n.externalId(), rnd.nextInt(20) == 0, null,
          n.synthetic(), n.reportedAt().plusSeconds(rnd.nextInt(100_000)), 1 + rnd.nextInt(4)));
    }
    return out;
  }

  @Test
  void textAndJsonSelectWhatTheirExpressionSelects() {
    List<Report> all = reports();
    for (Queryables view : List.of(ExprFixtures.POLICE, ExprFixtures.PUBLIC)) {
      SplittableRandom rnd = new SplittableRandom(view == ExprFixtures.POLICE ? 1 : 2);
      RandomExprs exprs = new RandomExprs(rnd, view, all, false);
      Cql2Writer writer = new Cql2Writer(rnd);
      int written = 0;
      for (int i = 0; i < 600; i++) {
        Expr e = exprs.next();
        String text;
        try {
          text = writer.text(e);
        } catch (Cql2Writer.Unwritable skip) {
          continue;
        }
        written++;
        String json = writer.json(e).toString();
        ExprPredicate expected = ExprPredicate.compile(withoutDistances(e), view, ExprFixtures.NOW);
        ExprPredicate fromText = ExprPredicate.compile(Cql2TextParser.parse(text, view, CRS84), view, ExprFixtures.NOW);
        ExprPredicate fromJson = ExprPredicate.compile(Cql2JsonParser.parse(json, view, CRS84), view, ExprFixtures.NOW);
        for (Report r : all) {
          assertEquals(expected.test(r), fromText.test(r), () -> "text " + text + " of " + e + " on " + r);
          assertEquals(expected.test(r), fromJson.test(r), () -> "json " + json + " of " + e + " on " + r);
        }
      }
      assertTrue(written > 500, written + " written");
    }
  }

  /** DWITHIN and BEYOND have no CQL2 form; the writer writes TRUE for them. */
  static Expr withoutDistances(Expr e) {
    if (e instanceof Expr.And a) {
      return new Expr.And(a.parts().stream().map(Cql2RoundTripTest::withoutDistances).toList());
    } else if (e instanceof Expr.Or o) {
      return new Expr.Or(o.parts().stream().map(Cql2RoundTripTest::withoutDistances).toList());
    } else if (e instanceof Expr.Not n) {
      return new Expr.Not(withoutDistances(n.part()));
    } else if (e instanceof Expr.Spatial s
        && (s.op() == Expr.SpatialOp.DWITHIN || s.op() == Expr.SpatialOp.BEYOND)) {
      return Expr.INCLUDE;
    }
    return e;
  }
}
