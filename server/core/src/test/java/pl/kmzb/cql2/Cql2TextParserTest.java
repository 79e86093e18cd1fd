package pl.kmzb.cql2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Point;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.ExprFixtures;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterException;

class Cql2TextParserTest {
  static final CrsRegistry CRS = CrsRegistry.standard();

  static Expr parse(String s) {
    return Cql2TextParser.parse(s, ExprFixtures.POLICE, FilterCrs.crs84(CRS));
  }

  static Expr eq(String p, Object v) {
    return new Expr.Compare(Expr.CompareOp.EQ, p, v);
  }

  @Test
  void notBindsTighterThanAndThanOr() {
    Expr a = eq("category", "a");
    Expr b = eq("status", "new");
    Expr c = eq("source", "citizen");
    assertEquals(new Expr.Or(List.of(a, new Expr.And(List.of(b, c)))),
        parse("category = 'a' OR status = 'new' AND source = 'citizen'"));
    assertEquals(new Expr.Or(List.of(new Expr.And(List.of(a, b)), c)),
        parse("category = 'a' AND status = 'new' OR source = 'citizen'"));
    assertEquals(new Expr.And(List.of(new Expr.Not(a), b)), parse("NOT category = 'a' AND status = 'new'"));
    assertEquals(new Expr.Not(new Expr.And(List.of(a, b))), parse("not (category = 'a' and status = 'new')"));
    assertEquals(new Expr.And(List.of(a, new Expr.Or(List.of(b, c)))),
        parse("category = 'a' AND (status = 'new' OR source = 'citizen')"));
    assertEquals(a, parse("NOT NOT category='a'"));
  }

  @Test
  void everyPredicateForm() {
    assertEquals(new Expr.Compare(Expr.CompareOp.LT, "id", 5L), parse("5 > id"));
    assertEquals(new Expr.Compare(Expr.CompareOp.GE, "reportedAt", Instant.parse("2024-05-01T10:00:00Z")),
        parse("reportedAt >= TIMESTAMP('2024-05-01T12:00:00+02:00')"));
    assertEquals(new Expr.Compare(Expr.CompareOp.EQ, "occurredOn", LocalDate.of(2024, 5, 1)),
        parse("\"occurredOn\" = DATE('2024-05-01')"));
    assertEquals(new Expr.Not(Expr.Like.sql("description", "%it''s%", false)),
        parse("description NOT LIKE '%it''''s%'"));
    assertEquals(Expr.Like.sql("description", "a\\%", true), parse("CASEI(description) LIKE CASEI('a\\%')"));
    assertEquals(new Expr.Like("category", "speeding", '%', '_', '\\', true), parse("CASEI(category) = CASEI('speeding')"));
    assertEquals(new Expr.Between("version", 1L, 2.5), parse("version BETWEEN 1 AND 2.5"));
    assertEquals(new Expr.Not(new Expr.In("status", List.of("new", "verification"))),
        parse("status NOT IN ('new', 'verification')"));
    assertEquals(new Expr.Not(new Expr.IsNull("externalId")), parse("externalId IS NOT NULL"));
    assertEquals(eq("synthetic", true), parse("synthetic = TRUE"));
    assertEquals(Expr.INCLUDE, parse("true"));
    assertEquals(new Expr.Compare(Expr.CompareOp.GT, "id", 5L), parse("id > +5"));
    assertEquals(new Expr.Compare(Expr.CompareOp.GT, "reportedAt", Instant.parse("2024-05-01T10:00:00Z")),
        parse("reportedAt > timestamp('2024-05-01t10:00:00z')"));
    assertEquals(new Expr.Temporal(Expr.TemporalOp.DURING, "reportedAt", Instant.parse("2024-01-01T00:00:00Z"), null),
        parse("T_DURING(reportedAt, INTERVAL('2024-01-01T00:00:00Z', '..'))"));
    assertEquals(Expr.Temporal.at(Expr.TemporalOp.BEFORE, "reportedAt", Instant.parse("2024-01-01T00:00:00Z")),
        parse("T_AFTER(TIMESTAMP('2024-01-01T00:00:00Z'), reportedAt)"), "the converse with the literal first");
    Expr.Spatial s = (Expr.Spatial) parse("S_WITHIN(POLYGON((19 50, 20 50, 20 51, 19 50)), geometry)");
    assertEquals(Expr.SpatialOp.CONTAINS, s.op());
    Expr.Spatial box = (Expr.Spatial) parse("S_INTERSECTS(geometry, BBOX(19.5, 50, 20, 50.5))");
    assertTrue(box.lonLat().isRectangle());
    assertEquals(Expr.SpatialOp.INTERSECTS,
        ((Expr.Spatial) parse("s_intersects(geometry, MULTIPOINT((19 50), (20 51)))")).op());
    assertEquals("GeometryCollection", ((Expr.Spatial) parse(
        "S_DISJOINT(geometry, GEOMETRYCOLLECTION(POINT(19 50), LINESTRING(19 50, 20 50)))")).lonLat().getGeometryType());
  }

  @Test
  void filterCrsAxisOrderAndProjection() {
    FilterCrs epsg4326 = FilterCrs.of(CRS, "http://www.opengis.net/def/crs/EPSG/0/4326", AxisOrder.Protocol.OGC_API_FEATURES);
    Point p = (Point) ((Expr.Spatial) Cql2TextParser.parse("S_INTERSECTS(geometry, POINT(50.06 19.94))",
        ExprFixtures.POLICE, epsg4326)).lonLat();
    assertEquals(19.94, p.getX(), 1e-12);
    assertEquals(50.06, p.getY(), 1e-12);
    // Kraków's market square in PL-1992 (northing first in EPSG's definition).
    FilterCrs epsg2180 = FilterCrs.of(CRS, "http://www.opengis.net/def/crs/EPSG/0/2180", AxisOrder.Protocol.OGC_API_FEATURES);
    Point q = (Point) ((Expr.Spatial) Cql2TextParser.parse("S_INTERSECTS(geometry, POINT(244000 566500))",
        ExprFixtures.POLICE, epsg2180)).lonLat();
    assertEquals(19.93, q.getX(), 0.05);
    assertEquals(50.06, q.getY(), 0.05);
    FilterException outside = assertThrows(FilterException.class, () -> Cql2TextParser.parse(
        "S_INTERSECTS(geometry, POINT(120 19))", ExprFixtures.POLICE, epsg4326), "latitude 120 (read north first)");
    assertTrue(outside.getMessage().contains("north first"), outside.getMessage());
  }

  @Test
  void errorsSayWhereAndWhat() {
    Cql2Exception e = assertThrows(Cql2Exception.class, () -> parse("category = 'a' AND status ="));
    assertTrue(e.getMessage().contains("character 28") && e.getMessage().contains("end of the filter"), e.getMessage());
    assertTrue(assertThrows(Cql2Exception.class, () -> parse("category = 'a"))
        .getMessage().contains("not closed"));
    assertTrue(assertThrows(Cql2Exception.class, () -> parse("category == 'a'"))
        .getMessage().contains("character 11"));
    FilterException unknown = assertThrows(FilterException.class, () -> parse("colour = 'red'"));
    assertEquals("colour", unknown.parameter());
    FilterException type = assertThrows(FilterException.class, () -> parse("reportedAt > '2024-01-01'"));
    assertTrue(type.getMessage().contains("timestamp"), type.getMessage());
    assertThrows(FilterException.class, () -> Cql2TextParser.parse("source = 'citizen'", ExprFixtures.PUBLIC,
        FilterCrs.crs84(CRS)));
    assertTrue(assertThrows(Cql2Exception.class, () -> parse("ACCENTI(description) = 'a'")).getMessage()
        .contains("ACCENTI"));
    assertTrue(assertThrows(Cql2Exception.class, () -> parse("category = status")).getMessage()
        .contains("two properties"));
    assertThrows(Cql2Exception.class, () -> parse("S_INTERSECTS(geometry, POINT Z(1 2 3))"));
    assertThrows(Cql2Exception.class, () -> parse("S_INTERSECTS(geometry, POLYGON((1 2, 3 4, 1 2)))"));
    assertThrows(Cql2Exception.class, () -> parse("S_INTERSECTS(geometry, BBOX(20, 50, 19, 51))"));
  }

  @Test
  void ecqlAsWmsClientsSendIt() {
    FilterCrs crs84 = FilterCrs.crs84(CRS);
    Expr e = Cql2TextParser.parseEcql("BBOX(geometry, 19.5, 50, 20, 50.5) AND reportedAt >= '2024-01-01'"
        + " AND DWITHIN(geometry, POINT(19.94 50.06), 1.5, kilometers) AND NOT INTERSECTS(geometry, POINT(19 50))",
        ExprFixtures.POLICE, crs84);
    List<Expr> parts = ((Expr.And) e).parts();
    assertEquals(Expr.SpatialOp.BBOX, ((Expr.Spatial) parts.get(0)).op());
    assertEquals(new org.locationtech.jts.geom.Envelope(19.5, 20, 50, 50.5),
        ((Expr.Spatial) parts.get(0)).lonLat().getEnvelopeInternal());
    assertEquals(new Expr.Compare(Expr.CompareOp.GE, "reportedAt",
        LocalDate.of(2024, 1, 1).atStartOfDay(pl.kmzb.filter.FilterParser.WARSAW).toInstant()), parts.get(1));
    assertEquals(1_500, ((Expr.Spatial) parts.get(2)).distanceMetres(), 1e-9);
    assertEquals(Expr.SpatialOp.INTERSECTS, ((Expr.Spatial) ((Expr.Not) parts.get(3)).part()).op());
    // Plain CQL2 keeps its types and knows no ECQL predicates.
    assertThrows(FilterException.class, () -> parse("reportedAt >= '2024-01-01'"));
    assertThrows(Cql2Exception.class, () -> parse("BBOX(geometry, 19.5, 50, 20, 50.5)"));
    assertThrows(Cql2Exception.class, () -> Cql2TextParser.parseEcql("DWITHIN(geometry, POINT(19 50), 5, parsecs)",
        ExprFixtures.POLICE, crs84));
  }

  @Test
  void hostileInputIsRefusedInBoundedTime() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      String deep = "(".repeat(10_000) + "id = 1" + ")".repeat(10_000);
      assertTrue(assertThrows(Cql2Exception.class, () -> parse(deep)).getMessage().contains("nested deeper"));
      String huge = "description = '" + "x".repeat(1 << 20) + "'";
      assertTrue(assertThrows(Cql2Exception.class, () -> parse(huge)).getMessage().contains("characters long"));
      // Long but flat filters within the limit are fine, NOT chains included.
      String nots = "NOT ".repeat(20_000) + "id = 1";
      assertEquals(eq("id", 1L), parse(nots));
      StringBuilder ors = new StringBuilder("id = 0");
      for (int i = 1; i < 5_000; i++) {
        ors.append(" OR id = ").append(i);
      }
      assertEquals(5_000, ((Expr.Or) parse(ors.toString())).parts().size());
    });
  }
}
