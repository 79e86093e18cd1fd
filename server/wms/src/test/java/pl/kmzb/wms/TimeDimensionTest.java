package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.wms.TimeDimension.Interval;

class TimeDimensionTest {
  private final TimeDimension time = new TimeDimension(Clock.fixed(Instant.parse("2025-06-15T10:00:00Z"), ZoneOffset.UTC));

  private static Interval span(String from, String to) {
    return new Interval(Instant.parse(from), Instant.parse(to));
  }

  @Test
  void noValueIsTheWholeExtent() {
    assertEquals(List.of(), time.parse(null));
    assertEquals(List.of(), time.parse(""));
    assertEquals("2016-07-01/2025-06-15/P1D", time.extent());
  }

  @Test
  void anInstantIsAsPreciseAsItIsWritten() {
    assertEquals(List.of(span("2024-04-30T22:00:00Z", "2024-05-01T22:00:00Z")), time.parse("2024-05-01"),
        "a day in Warsaw (CEST)");
    assertEquals(List.of(span("2023-12-31T23:00:00Z", "2024-12-31T23:00:00Z")), time.parse("2024"));
    assertEquals(List.of(span("2024-01-31T23:00:00Z", "2024-02-29T23:00:00Z")), time.parse("2024-02"));
    assertEquals(List.of(span("2024-05-01T10:00:00Z", "2024-05-01T10:00:01Z")), time.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void aRangeRunsFromItsStartsFirstMomentToItsEndsLast() {
    assertEquals(List.of(span("2024-04-30T22:00:00Z", "2024-05-31T22:00:00Z")), time.parse("2024-05-01/2024-05-31"));
    assertEquals(List.of(span("2024-04-30T22:00:00Z", "2024-05-31T22:00:00Z")), time.parse("2024-05-01/2024-05-31/P1D"));
    assertEquals(List.of(span("2025-01-01T10:00:00Z", "2025-06-15T10:00:01Z")), time.parse("2025-01-01T10:00:00Z/current"));
  }

  @Test
  void aListIsItsSpansMergedWhereTheyTouch() {
    assertEquals(List.of(span("2024-04-30T22:00:00Z", "2024-05-02T22:00:00Z"), span("2024-05-09T22:00:00Z",
        "2024-05-10T22:00:00Z")), time.parse("2024-05-10,2024-05-02,2024-05-01"));
  }

  @Test
  void badValuesAreInvalidDimensionValue() {
    for (String bad : List.of("yesterday", "2024-13-01", "2024-05-02/2024-05-01", "2024-05-01/2024-05-02/P0D",
        "2024-05-01/2024-05-02/daily", "2010-01-01", "2030-01-01/2031-01-01", "2024-05-01,", "a/b/c/d")) {
      WmsException e = assertThrows(WmsException.class, () -> time.parse(bad), bad);
      assertEquals(ExceptionCode.INVALID_DIMENSION_VALUE, e.code(), bad);
      assertEquals("TIME", e.locator());
    }
    String longList = String.join(",", java.util.Collections.nCopies(TimeDimension.MAX_VALUES + 1, "2024-05-01"));
    assertEquals(ExceptionCode.INVALID_DIMENSION_VALUE, assertThrows(WmsException.class, () -> time.parse(longList)).code());
  }
}
