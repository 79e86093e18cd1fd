package pl.kmzb.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;
import pl.kmzb.visibility.LocationGeneraliser;

class ExprPredicateTest {
  static final GeometryFactory GF = new GeometryFactory();
  static final Instant T = Instant.parse("2022-06-15T12:30:00Z");

  static Report report(long id, String category, LonLat at, String description, Instant reportedAt) {
    return new Report(id, category, Status.CONFIRMED, at, reportedAt, null, TimeOfDay.NIGHT, description, true,
        Source.CITIZEN, Teryt.ofMunicipality(at.lon() < 20 ? "1261011" : "1465011"), null, false, null, false,
        reportedAt, 1);
  }

  static boolean test(Queryables view, Expr e, Report r) {
    return ExprPredicate.compile(view.check(e, false), view, ExprFixtures.NOW).test(r);
  }

  @Test
  void noPublicFilterSeparatesTwoReportsInOneGeneralisationCell() {
    String category = "homeless_person_in_need";
    int metres = ExprFixtures.POLICY.generaliseMetres(category);
    assertTrue(metres > 0);
    double w = LocationGeneraliser.cellWidthDegrees(metres);
    double h = LocationGeneraliser.cellHeightDegrees(metres);
    SplittableRandom rnd = new SplittableRandom(7);
    List<Report[]> pairs = new ArrayList<>();
    List<Report> sample = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // Two true spots in one cell, on either side of a band border where one exists near it.
      LonLat centre = LocationGeneraliser.generalise(new LonLat(19.9 + rnd.nextDouble() * 0.3, 50 + rnd.nextDouble() * 0.2), metres);
      LonLat a = new LonLat(centre.lon() - w * 0.49 * rnd.nextDouble(), centre.lat() - h * 0.49 * rnd.nextDouble());
      LonLat b = new LonLat(centre.lon() + w * 0.49 * rnd.nextDouble(), centre.lat() + h * 0.49 * rnd.nextDouble());
      Report ra = report(2 * i, category, a, "opis", T);
      Report rb = report(2 * i + 1, category, b, "opis", T);
      pairs.add(new Report[] {ra, rb});
      sample.add(ra);
      sample.add(rb);
    }
    RandomExprs exprs = new RandomExprs(new SplittableRandom(8), ExprFixtures.PUBLIC, sample, true);
    int separatedByPolice = 0;
    for (int i = 0; i < 2_000; i++) {
      Expr e = exprs.next();
      ExprPredicate pub = ExprPredicate.compile(e, ExprFixtures.PUBLIC, ExprFixtures.NOW);
      ExprPredicate police = ExprPredicate.compile(e, ExprFixtures.POLICE, ExprFixtures.NOW);
      for (Report[] p : pairs) {
        assertEquals(pub.test(p[0]), pub.test(p[1]), () -> "public filter " + e + " tells " + p[0].location() + " from "
            + p[1].location());
        if (police.test(p[0]) != police.test(p[1])) {
          separatedByPolice++;
        }
      }
    }
    // The same filters on exact positions do tell them apart: the test has teeth.
    assertTrue(separatedByPolice > 100, "police view separated " + separatedByPolice);
  }

  @Test
  void logicIsThreeValuedAsInSql() {
    Report noDescription = report(1, "illegal_parking", new LonLat(19.95, 50.05), null, T);
    Expr like = Expr.Like.sql("description", "%x%", false);
    assertFalse(test(ExprFixtures.POLICE, like, noDescription));
    assertFalse(test(ExprFixtures.POLICE, Expr.not(like), noDescription), "NOT unknown is unknown");
    assertTrue(test(ExprFixtures.POLICE, Expr.or(like, new Expr.IsNull("description")), noDescription));
    assertFalse(test(ExprFixtures.POLICE, Expr.not(Expr.and(like, Expr.INCLUDE)), noDescription));
    assertTrue(test(ExprFixtures.POLICE, Expr.not(Expr.and(like, Expr.EXCLUDE)), noDescription), "false AND unknown is false");
  }

  @Test
  void likeHonoursItsEscapeAndWildcardCharacters() {
    Report r = report(1, "illegal_parking", new LonLat(19.95, 50.05), "100% pewne_", T);
    Report other = report(2, "illegal_parking", new LonLat(19.95, 50.05), "100 pewne_", T);
    Expr fes = new Expr.Like("description", "100!%*", '*', '.', '!', false);
    assertTrue(test(ExprFixtures.POLICE, fes, r));
    assertFalse(test(ExprFixtures.POLICE, fes, other));
    assertTrue(test(ExprFixtures.POLICE, Expr.Like.sql("description", "%pewne\\_", false), r));
    assertFalse(test(ExprFixtures.POLICE, Expr.Like.sql("description", "%PEWNE\\_", false), r));
    assertTrue(test(ExprFixtures.POLICE, Expr.Like.sql("description", "%PEWNE\\_", true), r));
    assertThrows(FilterException.class, () -> Expr.Like.sql("description", "abc\\", false));
  }

  @Test
  void temporalOperatorsAtTheirEdges() {
    Instant a = T.minusSeconds(60);
    Instant b = T.plusSeconds(60);
    Report r = report(1, "illegal_parking", new LonLat(19.95, 50.05), null, T);
    record Case(Expr.TemporalOp op, Object start, Object end, boolean expected) {}
    List<Case> cases = List.of(
        new Case(Expr.TemporalOp.AFTER, a, a, true), new Case(Expr.TemporalOp.AFTER, T, T, false),
        new Case(Expr.TemporalOp.BEFORE, b, b, true), new Case(Expr.TemporalOp.BEFORE, T, T, false),
        new Case(Expr.TemporalOp.DURING, a, b, true), new Case(Expr.TemporalOp.DURING, T, b, false),
        new Case(Expr.TemporalOp.DURING, null, b, true), new Case(Expr.TemporalOp.TEQUALS, T, T, true),
        new Case(Expr.TemporalOp.TEQUALS, a, b, false), new Case(Expr.TemporalOp.INTERSECTS, T, b, true),
        new Case(Expr.TemporalOp.INTERSECTS, b, null, false), new Case(Expr.TemporalOp.DISJOINT, b, null, true),
        new Case(Expr.TemporalOp.STARTS, T, b, true), new Case(Expr.TemporalOp.FINISHES, a, T, true),
        new Case(Expr.TemporalOp.MEETS, T, b, true), new Case(Expr.TemporalOp.METBY, a, T, true),
        new Case(Expr.TemporalOp.METBY, a, b, false));
    for (Case c : cases) {
      assertEquals(c.expected(), test(ExprFixtures.POLICE, new Expr.Temporal(c.op(), "reportedAt", c.start(), c.end()), r),
          c.toString());
    }
  }

  @Test
  void distancesAreMetresOnTheGround() {
    Report r = report(1, "illegal_parking", new LonLat(19.95, 50.05), null, T);
    // 0.01° of latitude is 1,113 m.
    var north = GF.createPoint(new Coordinate(19.95, 50.06));
    assertFalse(test(ExprFixtures.POLICE, new Expr.Spatial(Expr.SpatialOp.DWITHIN, north, 1_100), r));
    assertTrue(test(ExprFixtures.POLICE, new Expr.Spatial(Expr.SpatialOp.DWITHIN, north, 1_120), r));
    assertTrue(test(ExprFixtures.POLICE, new Expr.Spatial(Expr.SpatialOp.BEYOND, north, 1_100), r));
    // 0.01° of longitude at 50.05° N is 715 m.
    var east = GF.createLineString(new Coordinate[] {new Coordinate(19.96, 49), new Coordinate(19.96, 51)});
    assertTrue(test(ExprFixtures.POLICE, new Expr.Spatial(Expr.SpatialOp.DWITHIN, east, 716), r));
    assertFalse(test(ExprFixtures.POLICE, new Expr.Spatial(Expr.SpatialOp.DWITHIN, east, 714), r));
  }

  @Test
  void publicSpatialTestsUseThePublicPosition() {
    String category = "homeless_person_in_need";
    LonLat truth = new LonLat(19.95012, 50.05011);
    LonLat shown = ExprFixtures.POLICY.show(report(1, category, truth, null, T)).location();
    assertNotEquals(truth, shown);
    Report r = report(1, category, truth, null, T);
    var atTruth = GF.createPoint(new Coordinate(truth.lon(), truth.lat()));
    var atShown = GF.createPoint(new Coordinate(shown.lon(), shown.lat()));
    assertFalse(test(ExprFixtures.PUBLIC, new Expr.Spatial(Expr.SpatialOp.INTERSECTS, atTruth), r));
    assertTrue(test(ExprFixtures.PUBLIC, new Expr.Spatial(Expr.SpatialOp.INTERSECTS, atShown), r));
    assertTrue(test(ExprFixtures.POLICE, new Expr.Spatial(Expr.SpatialOp.INTERSECTS, atTruth), r));
  }
}
