package pl.kmzb.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.kmzb.http.ApiException;

class IndicatorParametersTest {
  static final Indicator COUNT = new Indicator("road_accidents", "Wypadki", "Accidents", "", "", true, "public");
  static final Indicator INDEX = new Indicator("sense_of_safety", "Poczucie", "Sense", "", "", false, "public");

  @Test
  void defaultsAreTheLatestPeriodFiveQuantileClassesAndTheCallersPer() {
    assertEquals(new IndicatorParameters(null, 100_000, 5, ClassMethod.QUANTILE),
        IndicatorParameters.parse(Map.of(), COUNT, 100_000));
    assertEquals(new IndicatorParameters(null, 1, 5, ClassMethod.QUANTILE),
        IndicatorParameters.parse(Map.of(), COUNT, 1));
  }

  @Test
  void readsEveryParameter() {
    Map<String, List<String>> q = Map.of("period", List.of("2024-03"), "per", List.of("10000"),
        "classes", List.of("7"), "method", List.of("jenks"));
    assertEquals(new IndicatorParameters("2024-03", 10_000, 7, ClassMethod.JENKS),
        IndicatorParameters.parse(q, COUNT, 1));
  }

  @Test
  void aBadValueIsA400NamingItsParameter() {
    assertRefused(Map.of("period", List.of("2024-13")), COUNT, "period");
    assertRefused(Map.of("per", List.of("1000")), COUNT, "per");
    assertRefused(Map.of("per", List.of("100000")), INDEX, "per");
    assertRefused(Map.of("per", List.of("-1")), COUNT, "per");
    assertRefused(Map.of("per", List.of("9".repeat(60))), COUNT, "per");
    assertRefused(Map.of("classes", List.of("2")), COUNT, "classes");
    assertRefused(Map.of("classes", List.of("10")), COUNT, "classes");
    assertRefused(Map.of("method", List.of("median")), COUNT, "method");
    assertRefused(Map.of("classes", List.of("5", "5")), COUNT, "classes");
  }

  @Test
  void aLongValueIsClippedInTheMessage() {
    ApiException e = assertThrows(ApiException.class,
        () -> IndicatorParameters.parse(Map.of("per", List.of("x".repeat(10_000))), COUNT, 1));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }

  private static void assertRefused(Map<String, List<String>> q, Indicator indicator, String parameter) {
    ApiException e = assertThrows(ApiException.class, () -> IndicatorParameters.parse(q, indicator, 1));
    assertEquals(400, e.status());
    assertEquals(parameter, e.errors().get(0).field(), e.getMessage());
  }
}
