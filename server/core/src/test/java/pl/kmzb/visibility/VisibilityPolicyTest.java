package pl.kmzb.visibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;

class VisibilityPolicyTest {
  static final CategoryCatalog CATALOG = CategoryCatalog.load(null);
  /** West of 20° E is voivodeship 12, east of it 14: a border to put generalisation cells across. */
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CATALOG,
      p -> Teryt.ofMunicipality(p.lon() < 20 ? "1201011" : "1401011"));

  static Report report(String category, Status status, LonLat at, boolean deleted, boolean descriptionPublic) {
    Teryt exact = Teryt.ofMunicipality(at.lon() < 20 ? "1201011" : "1401011");
    Instant t = Instant.parse("2026-11-30T10:00:00Z");
    return new Report(7, category, status, at, t, null, null, "opis", descriptionPublic, Source.POLICE_SYSTEM, exact,
        "ext-1", deleted, "192.0.2.1", false, t, 1);
  }

  @Test
  void whoSeesWhat() {
    LonLat p = new LonLat(19.5, 50.1);
    for (Status s : Status.values()) {
      assertEquals(s.isPublic(), POLICY.isPublic(report("illegal_parking", s, p, false, false)), s.code());
      assertFalse(POLICY.isPublic(report("illegal_parking", s, p, true, false)), "deleted " + s.code());
      assertEquals(s.isPublic() && s.isConfirmed(),
          POLICY.isPublic(report("dangerous_entertainment_venue", s, p, false, false)), "confirm-first " + s.code());
    }
    assertFalse(POLICY.isPublic(report("ufo_sighting", Status.CONFIRMED, p, false, false)),
        "a category the catalogue does not know is hidden, as in every other output");
    assertNull(POLICY.show(report("ufo_sighting", Status.CONFIRMED, p, false, false)));
  }

  @Test
  void generalisedReportsAreShownAtTheCellCentreInTheAreasOfTheCentre() {
    int metres = POLICY.generaliseMetres("homeless_person_in_need");
    assertTrue(metres > 0);
    LonLat centre = LocationGeneraliser.generalise(new LonLat(19.999, 50.1), metres);
    double w = LocationGeneraliser.cellWidthDegrees(metres);
    // A true spot just east of the border, whose cell centre lies west of it.
    LonLat truth = new LonLat(Math.max(20.0000001, centre.lon() + w / 8), centre.lat());
    LonLat cell = LocationGeneraliser.generalise(truth, metres);
    Report r = report("homeless_person_in_need", Status.NEW, truth, false, false);
    PublicReport shown = POLICY.show(r);
    assertEquals(cell, shown.location());
    assertEquals(metres, shown.generalisedToMetres());
    assertEquals(POLICY.show(report("homeless_person_in_need", Status.NEW, cell, false, false)).areas(), shown.areas(),
        "areas of the centre, not of the true spot");
    assertEquals(r.location(), POLICY.show(report("illegal_parking", Status.NEW, truth, false, false)).location());
  }

  @Test
  void theDescriptionShowsOnlyOncePublished() {
    LonLat p = new LonLat(19.5, 50.1);
    assertNull(POLICY.show(report("illegal_parking", Status.NEW, p, false, false)).description());
    assertEquals("opis", POLICY.show(report("illegal_parking", Status.NEW, p, false, true)).description());
  }

  @Test
  void anonymousFiltersCannotAskForTheSourceOrHiddenStatuses() {
    assertEquals("source", assertThrows(FilterException.class,
        () -> POLICY.parse(Map.of("source", List.of("citizen")))).parameter());
    assertEquals("status", assertThrows(FilterException.class,
        () -> POLICY.parse(Map.of("status", List.of("not_confirmed")))).parameter());
    ReportFilter f = POLICY.parse(Map.of());
    assertEquals(Status.PUBLIC, f.statuses());
    assertEquals(Set.of("dangerous_entertainment_venue"), f.hiddenUnlessConfirmed());
    assertEquals(CATALOG.all().size(), f.categories().size(), "only categories the catalogue knows");
    assertThrows(IllegalArgumentException.class, () -> new ReportFilter(Set.of(), Set.of(), Set.of(Source.CITIZEN),
        null, null, Set.of(), null, pl.kmzb.filter.Visibility.PUBLIC, Set.of()));
  }

  @Test
  void publicSpatialFiltersAreJudgedAtThePublicPositionOnly() {
    int metres = POLICY.generaliseMetres("homeless_person_in_need");
    LonLat centre = LocationGeneraliser.generalise(new LonLat(19.999, 50.1), metres);
    double w = LocationGeneraliser.cellWidthDegrees(metres);
    Report west = report("homeless_person_in_need", Status.NEW, new LonLat(centre.lon() - w / 4, centre.lat()), false, false);
    Report east = report("homeless_person_in_need", Status.NEW, new LonLat(centre.lon() + w / 4, centre.lat()), false, false);
    for (String area : List.of("12", "14", "1201", "1401", "1201011", "1401011")) {
      ReportFilter f = POLICY.parse(Map.of("area", List.of(area)));
      assertEquals(POLICY.matches(f, west), POLICY.matches(f, east), area);
      assertThrows(IllegalStateException.class, () -> f.test(west), "never on the exact data");
    }
    ReportFilter aroundWest = POLICY.parse(Map.of("bbox", List.of((west.location().lon() - w / 16) + ","
        + (west.location().lat() - w / 16) + "," + (west.location().lon() + w / 16) + "," + (west.location().lat() + w / 16))));
    assertFalse(POLICY.matches(aroundWest, west), "a box around the true spot but not the centre finds nothing");
  }
}
