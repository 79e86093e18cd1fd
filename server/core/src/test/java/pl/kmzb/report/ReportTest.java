package pl.kmzb.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;

class ReportTest {
  static final Instant T = Instant.parse("2025-03-01T08:00:00Z");

  static Report at(Status status) {
    return new Report(1, "speeding", status, new LonLat(21.0, 52.2), T, null, null, null, false, Source.CITIZEN,
        null, null, false, null, false, T, 1);
  }

  @Test
  void newReportIsPastDeadlineOnlyAfter72Hours() {
    assertFalse(at(Status.NEW).isPastDeadline(T.plusSeconds(72 * 3600)));
    assertTrue(at(Status.NEW).isPastDeadline(T.plusSeconds(72 * 3600 + 1)));
    assertFalse(at(Status.VERIFICATION).isPastDeadline(T.plusSeconds(100 * 3600)));
  }

  @Test
  void descriptionsAreLimitedTo500Characters() {
    String ok = "ż".repeat(500);
    NewReport n = NewReport.of("speeding", new LonLat(21.0, 52.2), T, Source.CITIZEN);
    new NewReport(n.category(), n.status(), n.location(), n.reportedAt(), null, null, ok, n.source(), null, null, null, false);
    assertThrows(IllegalArgumentException.class, () -> new NewReport(n.category(), n.status(), n.location(),
        n.reportedAt(), null, null, ok + "x", n.source(), null, null, null, false));
  }

  @Test
  void terytCodesMustNest() {
    Teryt t = Teryt.ofMunicipality("1261011");
    assertEquals("12", t.voivodeship());
    assertEquals("1261", t.county());
    assertTrue(t.within("12") && t.within("1261") && t.within("1261011"));
    assertFalse(t.within("14") || t.within("1262") || t.within("126"));
    assertThrows(IllegalArgumentException.class, () -> new Teryt("14", "1261", null));
    assertThrows(IllegalArgumentException.class, () -> new Teryt("12", "1261", "1262011"));
    assertThrows(IllegalArgumentException.class, () -> Teryt.ofMunicipality("1261016"));
  }

  @Test
  void publicStatusesAreTheFiveShownOnTheMap() {
    assertEquals(5, Status.PUBLIC.size());
    assertFalse(Status.NOT_CONFIRMED.isPublic());
    assertFalse(Status.JOKE_OR_MISTAKE.isPublic());
    assertEquals(Status.CONFIRMED_HANDED_OVER, Status.ofCode("confirmed_handed_over"));
    assertEquals("Potwierdzone (przekazane poza Policję)", Status.CONFIRMED_HANDED_OVER.labelPl());
  }
}
