package pl.kmzb.demo;

import pl.kmzb.ingest.NationalOutline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;

class DemoGeneratorTest {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
  static final CategoryCatalog CATALOG = CategoryCatalog.load(null);
  static final int SAMPLE = 200_000;
  static List<NewReport> sample;

  @BeforeAll
  static void generateSample() {
    sample = generate(42, SAMPLE, NOW);
  }

  static List<NewReport> generate(long seed, int count, Instant now) {
    List<NewReport> out = new ArrayList<>(count);
    new DemoGenerator(CATALOG, seed, now).generate(count, out::add);
    return out;
  }

  @Test
  void sameSeedAndCountGiveTheSameReports() {
    List<NewReport> a = generate(7, 10_000, NOW);
    List<NewReport> b = generate(7, 10_000, NOW);
    assertEquals(10_000, a.size());
    assertEquals(a, b);
  }

  @Test
  void oneGeneratorRepeatsItselfOnEveryCall() {
    DemoGenerator g = new DemoGenerator(CATALOG, 7, NOW);
    List<NewReport> a = new ArrayList<>();
    List<NewReport> b = new ArrayList<>();
    g.generate(1_000, a::add);
    g.generate(1_000, b::add);
    assertEquals(a, b);
  }

  @Test
  void differentSeedGivesDifferentReports() {
    List<NewReport> a = generate(7, 10_000, NOW);
    List<NewReport> b = generate(8, 10_000, NOW);
    assertNotEquals(a, b);
    long samePlace = 0;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).location().equals(b.get(i).location())) {
        samePlace++;
      }
    }
    assertTrue(samePlace < 10, "independent seeds should share almost no points: " + samePlace);
  }

  @Test
  void zeroReportsIsAllowedAndNegativeIsNot() {
    DemoGenerator g = new DemoGenerator(CATALOG, 1, NOW);
    List<NewReport> none = new ArrayList<>();
    g.generate(0, none::add);
    assertTrue(none.isEmpty());
    assertThrows(IllegalArgumentException.class, () -> g.generate(-1, r -> { }));
  }

  @Test
  void nowBeforeTheLaunchIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new DemoGenerator(CATALOG, 1, Instant.parse("2016-10-04T00:00:00Z")));
  }

  @Test
  void everyReportIsLabelledSynthetic() {
    for (int i = 0; i < sample.size(); i++) {
      NewReport r = sample.get(i);
      assertTrue(r.synthetic());
      assertEquals("synthetic-" + (i + 1), r.externalId());
      assertEquals(DemoGenerator.DESCRIPTION, r.description());
      assertNull(r.reporterIp());
      assertEquals(Teryt.NONE, r.teryt());
    }
    assertTrue(DemoGenerator.DESCRIPTION.length() <= NewReport.MAX_DESCRIPTION_LENGTH);
    assertTrue(DemoGenerator.DESCRIPTION.contains("syntetyczne"));
    assertTrue(DemoGenerator.DESCRIPTION.contains("Synthetic"));
  }

  @Test
  void categoriesFollowTheKmzbShares() {
    Map<String, Integer> counts = new TreeMap<>();
    sample.forEach(r -> counts.merge(r.category(), 1, Integer::sum));
    for (Category c : CATALOG.all()) {
      assertTrue(counts.getOrDefault(c.code(), 0) > 0, "no report in " + c.code());
    }
    assertEquals(CATALOG.all().size(), counts.size());
    double top3 = share(counts, "illegal_parking") + share(counts, "speeding") + share(counts, "public_drinking");
    assertTrue(top3 > 0.65 && top3 < 0.75, "parking + speeding + drinking = " + top3);
    double road = CATALOG.all().stream().filter(c -> c.group().equals("road"))
        .mapToDouble(c -> share(counts, c.code())).sum();
    assertTrue(road > 0.6, "road share " + road);
    double venue = share(counts, "dangerous_entertainment_venue");
    assertTrue(venue < 0.005, "entertainment venues should be rare: " + venue);
  }

  @Test
  void entertainmentVenuesAppearOnlyAfterTheCategoryWasAdded() {
    Instant added = Instant.parse("2019-01-01T00:00:00Z");
    sample.stream().filter(r -> r.category().equals("dangerous_entertainment_venue"))
        .forEach(r -> assertFalse(r.reportedAt().isBefore(added), r::toString));
  }

  @Test
  void statusesAreRealisticAndMostlyConfirmed() {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    sample.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
    for (Status s : Status.values()) {
      assertTrue(counts.getOrDefault(s, 0) > 0, "no report " + s);
    }
    double confirmed = sample.stream().filter(r -> r.status().isConfirmed()).count() / (double) SAMPLE;
    assertTrue(confirmed > 0.51, "confirmed " + confirmed);
    double hidden = (counts.get(Status.NOT_CONFIRMED) + counts.get(Status.JOKE_OR_MISTAKE)) / (double) SAMPLE;
    assertTrue(hidden < 0.5, "not confirmed + joke " + hidden);
  }

  @Test
  void recentReportsAreMoreOftenStillOpen() {
    Instant monthAgo = NOW.minus(Duration.ofDays(30));
    double recentOpen = openShare(sample.stream().filter(r -> r.reportedAt().isAfter(monthAgo)).toList());
    double olderOpen = openShare(sample.stream().filter(r -> r.reportedAt().isBefore(monthAgo)).toList());
    assertTrue(recentOpen > 0.3 && olderOpen < 0.1, "open share recent " + recentOpen + ", older " + olderOpen);
  }

  @Test
  void everySourceOccursAndCitizensDominate() {
    Map<Source, Integer> counts = new EnumMap<>(Source.class);
    sample.forEach(r -> counts.merge(r.source(), 1, Integer::sum));
    for (Source s : Source.values()) {
      assertTrue(counts.getOrDefault(s, 0) > 0, "no report from " + s);
    }
    assertTrue(counts.get(Source.CITIZEN) > SAMPLE / 2);
  }

  @Test
  void reportsAreDatedFromTheLaunchToNowInOrder() {
    Instant launch = Instant.parse("2016-10-05T00:00:00Z");
    Instant previous = launch;
    for (NewReport r : sample) {
      assertFalse(r.reportedAt().isBefore(previous), () -> "out of order at " + r.externalId());
      assertFalse(r.reportedAt().isAfter(NOW));
      assertEquals(0, r.reportedAt().getNano(), "whole seconds");
      previous = r.reportedAt();
    }
    // About 0.4 M a year with a busier first year: the first year holds more than an average year.
    long firstYear = sample.stream().filter(r -> r.reportedAt().isBefore(launch.plus(Duration.ofDays(365)))).count();
    double years = Duration.between(launch, NOW).toDays() / 365.0;
    assertTrue(firstYear > SAMPLE / years, "first year " + firstYear);
    // And the last year is not empty.
    assertTrue(sample.get(SAMPLE - 1).reportedAt().isAfter(NOW.minus(Duration.ofDays(1))));
  }

  @Test
  void optionalDateAndTimeOfDayAreSometimesGivenAndNeverAfterTheReport() {
    long withDate = 0;
    long withTime = 0;
    for (NewReport r : sample) {
      if (r.occurredOn() != null) {
        withDate++;
        assertFalse(r.occurredOn().isAfter(r.reportedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
        assertFalse(r.occurredOn().isBefore(r.reportedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()
            .minusDays(14)));
      }
      if (r.timeOfDay() != null) {
        withTime++;
      }
    }
    assertTrue(withDate > SAMPLE / 5 && withDate < SAMPLE * 4 / 5, "with date " + withDate);
    assertTrue(withTime > SAMPLE / 5 && withTime < SAMPLE * 4 / 5, "with time of day " + withTime);
  }

  @Test
  void everyPointIsInPoland() {
    NationalOutline outline = NationalOutline.poland(0);
    for (NewReport r : sample) {
      double lon = r.location().lon();
      double lat = r.location().lat();
      assertTrue(Envelope.POLAND.contains(r.location()), r::toString);
      assertTrue(outline.contains(lon, lat), r::toString);
      assertEquals(lon, Math.round(lon * 1e6) / 1e6, 0.0, "6 decimals");
      assertEquals(lat, Math.round(lat * 1e6) / 1e6, 0.0, "6 decimals");
    }
  }

  @Test
  void reportsGatherAroundCities() {
    double warsawLon = 21.0122;
    double warsawLat = 52.2297;
    long nearWarsaw = sample.stream().filter(r -> km(r.location().lon(), r.location().lat(), warsawLon, warsawLat) < 20)
        .count();
    double shareOfReports = nearWarsaw / (double) SAMPLE;
    double shareOfArea = Math.PI * 20 * 20 / 312_700.0;
    assertTrue(shareOfReports > 10 * shareOfArea, "near Warsaw " + shareOfReports + " vs area " + shareOfArea);
    // The countryside is not empty either: a 20 km circle far from any large city still gets reports.
    long bieszczady = sample.stream().filter(r -> km(r.location().lon(), r.location().lat(), 22.45, 49.25) < 20)
        .count();
    assertTrue(bieszczady > 0);
    assertTrue(bieszczady < nearWarsaw / 10);
  }

  private static double openShare(List<NewReport> reports) {
    assertFalse(reports.isEmpty());
    return reports.stream().filter(r -> r.status() == Status.NEW || r.status() == Status.VERIFICATION).count()
        / (double) reports.size();
  }

  private static double share(Map<String, Integer> counts, String code) {
    return counts.getOrDefault(code, 0) / (double) SAMPLE;
  }

  static double km(double lon1, double lat1, double lon2, double lat2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371.0 * Math.asin(Math.sqrt(a));
  }
}
