package pl.kmzb.fes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.ExprFixtures;
import pl.kmzb.filter.ExprPredicate;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.Queryables;
import pl.kmzb.filter.RandomExprs;
import pl.kmzb.report.Report;

/**
 * Every operator of FES 2.0 and 1.1: random expressions written as filters (varied srsName
 * spellings and axis orders, operand orders, wildcard characters), parsed back, select exactly the
 * reports the expression selects, in both views.
 */
class FesRoundTripTest {
  static final CrsRegistry CRS = CrsRegistry.standard();

  @Test
  void filtersSelectWhatTheirExpressionSelects() {
    List<Report> all = pl.kmzb.cql2.Cql2RoundTripTestAccess.reports();
    for (Queryables view : List.of(ExprFixtures.POLICE, ExprFixtures.PUBLIC)) {
      for (boolean fes11 : List.of(false, true)) {
        SplittableRandom rnd = new SplittableRandom((fes11 ? 10 : 20) + (view == ExprFixtures.POLICE ? 1 : 2));
        RandomExprs exprs = new RandomExprs(rnd, view, all, false);
        FesWriter writer = new FesWriter(rnd, fes11);
        FesParser parser = new FesParser(view, CRS, fes11 ? AxisOrder.Protocol.WFS_1_1_0 : AxisOrder.Protocol.WFS_2_0_0,
            FilterCrs.crs84(CRS), Map.of());
        int written = 0;
        for (int i = 0; i < 400; i++) {
          Expr e = exprs.next();
          if (fes11 && FesWriter.hasTemporal(e)) {
            continue;
          }
          written++;
          String xml = writer.document(e);
          ExprPredicate expected = ExprPredicate.compile(e, view, ExprFixtures.NOW);
          ExprPredicate parsed;
          try {
            parsed = ExprPredicate.compile(parser.parse(xml), view, ExprFixtures.NOW);
          } catch (FesException ex) {
            throw new AssertionError(ex.code() + " " + ex.getMessage() + " for " + xml, ex);
          }
          for (Report r : all) {
            assertEquals(expected.test(r), parsed.test(r), () -> xml + " of " + e + " on " + r);
          }
        }
        assertTrue(written > 200, written + " written");
      }
    }
  }
}
