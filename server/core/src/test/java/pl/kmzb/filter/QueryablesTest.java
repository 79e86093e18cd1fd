package pl.kmzb.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

class QueryablesTest {
  @Test
  void anUnknownPropertyIsAnErrorNamingIt() {
    FilterException e = assertThrows(FilterException.class,
        () -> ExprFixtures.POLICE.check(new Expr.Compare(Expr.CompareOp.EQ, "colour", "red"), false));
    assertEquals("colour", e.parameter());
    assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("category"), e.getMessage());
  }

  @Test
  void thePublicCannotFilterOnWhatItCannotSee() {
    for (String hidden : List.of("source", "externalId", "pastDeadline", "descriptionPublic")) {
      FilterException e = assertThrows(FilterException.class,
          () -> ExprFixtures.PUBLIC.check(new Expr.IsNull(hidden), false));
      assertEquals(hidden, e.parameter());
      ExprFixtures.POLICE.check(new Expr.IsNull(hidden), false);
    }
  }

  @Test
  void typesAreCheckedBeforeAnythingRuns() {
    Expr stringWithTimestamp = new Expr.Compare(Expr.CompareOp.GT, "reportedAt", "2020-01-01");
    FilterException e = assertThrows(FilterException.class, () -> ExprFixtures.POLICE.check(stringWithTimestamp, false));
    assertTrue(e.getMessage().contains("timestamp"), e.getMessage());
    // FES literals are untyped text: read as the property's type.
    Expr.Compare fes = (Expr.Compare) ExprFixtures.POLICE.check(stringWithTimestamp, true);
    assertEquals(LocalDate.of(2020, 1, 1).atStartOfDay(FilterParser.WARSAW).toInstant(), fes.literal());
    assertThrows(FilterException.class,
        () -> ExprFixtures.POLICE.check(new Expr.Compare(Expr.CompareOp.GT, "reportedAt", "soon"), true));
    assertThrows(FilterException.class,
        () -> ExprFixtures.POLICE.check(new Expr.Compare(Expr.CompareOp.EQ, "category", 5L), false));
    assertThrows(FilterException.class,
        () -> ExprFixtures.POLICE.check(new Expr.Compare(Expr.CompareOp.EQ, "geometry", "x"), false));
    assertThrows(FilterException.class, () -> ExprFixtures.POLICE.check(Expr.Like.sql("id", "1%", false), false));
    assertThrows(FilterException.class, () -> ExprFixtures.POLICE.check(
        Expr.Temporal.at(Expr.TemporalOp.AFTER, "category", Instant.EPOCH), false));
    assertEquals(5L, ((Expr.Compare) ExprFixtures.POLICE.check(new Expr.Compare(Expr.CompareOp.EQ, "id", "5"), true)).literal());
  }

  @Test
  void theJsonSchemaListsWhatTheViewOffers() {
    java.util.Map<String, Object> doc = ExprFixtures.PUBLIC.jsonSchema("https://example.org/collections/reports/queryables",
        "Zgłoszenia");
    @SuppressWarnings("unchecked")
    java.util.Map<String, java.util.Map<String, Object>> props =
        (java.util.Map<String, java.util.Map<String, Object>>) doc.get("properties");
    assertEquals(ExprFixtures.PUBLIC.properties().stream().map(Queryables.Property::name).toList(),
        List.copyOf(props.keySet()));
    assertEquals("date-time", props.get("reportedAt").get("format"));
    assertEquals("geometry-point", props.get("geometry").get("format"));
    assertTrue(!props.containsKey("source"), "the public view does not offer source");
    assertTrue(((java.util.Map<?, ?>) ExprFixtures.POLICE.jsonSchema("x", "y").get("properties")).containsKey("source"));
  }

  @Test
  void invalidGeometriesAreRefused() {
    GeometryFactory gf = new GeometryFactory();
    var bowTie = gf.createPolygon(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1), new Coordinate(1, 0),
        new Coordinate(0, 1), new Coordinate(0, 0)});
    assertThrows(FilterException.class,
        () -> ExprFixtures.POLICE.check(new Expr.Spatial(Expr.SpatialOp.INTERSECTS, bowTie), false));
  }
}
