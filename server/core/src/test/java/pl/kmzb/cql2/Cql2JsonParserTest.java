package pl.kmzb.cql2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.filter.Expr;
import pl.kmzb.filter.ExprFixtures;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterException;

class Cql2JsonParserTest {
  static Expr parse(String s) {
    return Cql2JsonParser.parse(s, ExprFixtures.POLICE, FilterCrs.crs84(CrsRegistry.standard()));
  }

  @Test
  void theExamplesShapesReadAsTheTextDoes() {
    assertEquals(Cql2TextParserTest.parse("category = 'speeding' AND reportedAt > TIMESTAMP('2024-01-01T00:00:00Z')"),
        parse("""
            {"op": "and", "args": [
              {"op": "=", "args": [{"property": "category"}, "speeding"]},
              {"op": ">", "args": [{"property": "reportedAt"}, {"timestamp": "2024-01-01T00:00:00Z"}]}]}"""));
    assertEquals(Cql2TextParserTest.parse("S_INTERSECTS(geometry, POLYGON((19 50, 20 50, 20 51, 19 50)))"),
        parse("""
            {"op": "s_intersects", "args": [{"property": "geometry"},
              {"type": "Polygon", "coordinates": [[[19, 50], [20, 50], [20, 51], [19, 50]]]}]}"""));
    assertEquals(new Expr.Temporal(Expr.TemporalOp.DURING, "reportedAt", null, Instant.parse("2024-01-01T00:00:00Z")),
        parse("""
            {"op": "t_during", "args": [{"property": "reportedAt"}, {"interval": ["..", "2024-01-01T00:00:00Z"]}]}"""));
    assertEquals(new Expr.In("id", List.of(1L, 2L)), parse("{\"op\": \"in\", \"args\": [{\"property\": \"id\"}, [1, 2]]}"));
    assertEquals(Expr.Like.sql("description", "a%", true),
        parse("{\"op\": \"like\", \"args\": [{\"op\": \"casei\", \"args\": [{\"property\": \"description\"}]}, \"a%\"]}"));
    assertEquals(Expr.EXCLUDE, parse("false"));
  }

  @Test
  void errorsNameThePath() {
    Cql2Exception e = assertThrows(Cql2Exception.class,
        () -> parse("{\"op\": \"and\", \"args\": [true, {\"op\": \"=\", \"args\": [{\"property\": \"id\"}]}]}"));
    assertTrue(e.getMessage().contains("filter.args[1]") && e.getMessage().contains("2 arguments"), e.getMessage());
    assertTrue(assertThrows(Cql2Exception.class, () -> parse("{\"op\": \"+\", \"args\": [1, 2]}")).getMessage()
        .contains("unsupported operator"));
    assertTrue(assertThrows(Cql2Exception.class, () -> parse("{\"op\": ")).getMessage().contains("cannot be read"));
    FilterException unknown = assertThrows(FilterException.class,
        () -> parse("{\"op\": \"isNull\", \"args\": [{\"property\": \"colour\"}]}"));
    assertEquals("colour", unknown.parameter());
  }

  @Test
  void hostileInputIsRefusedInBoundedTime() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      String deep = "{\"op\": \"not\", \"args\": [".repeat(10_000) + "true" + "]}".repeat(10_000);
      assertTrue(assertThrows(Cql2Exception.class, () -> parse(deep)).getMessage().contains("cannot be read"));
      String huge = "{\"op\": \"=\", \"args\": [{\"property\": \"description\"}, \"" + "x".repeat(1 << 20) + "\"]}";
      assertThrows(Cql2Exception.class, () -> parse(huge));
    });
  }
}
