package pl.kmzb.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.report.TimeOfDay;

/** Deterministic, varied reports for store and filter tests. */
public final class TestReports {
  public static final List<String> CATEGORIES = List.of("illegal_parking", "speeding", "public_drinking",
      "dangerous_entertainment_venue", "stray_dogs", "homeless_person_in_need");
  /** Municipalities in two counties of two voivodeships, so area filters have something to tell apart. */
  public static final List<String> MUNICIPALITIES = List.of("1261011", "1261021", "1206012", "1465011", "1465022");
  /** A few instants many reports share, so inclusive/exclusive bounds are exercised exactly. */
  public static final List<Instant> SHARED_INSTANTS = List.of(Instant.parse("2020-03-01T00:00:00Z"),
      Instant.parse("2022-06-15T12:30:00Z"), Instant.parse("2024-01-01T23:00:00Z"));

  private TestReports() {}

  public static List<NewReport> random(long seed, int count) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<NewReport> out = new ArrayList<>(count);
    Instant start = Instant.parse("2016-10-05T00:00:00Z");
    long span = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond() - start.getEpochSecond();
    for (int i = 0; i < count; i++) {
      Instant at = rnd.nextInt(5) == 0 ? SHARED_INSTANTS.get(rnd.nextInt(SHARED_INSTANTS.size()))
          : start.plusSeconds(rnd.nextLong(span)).plusMillis(rnd.nextInt(1000));
      // Points on a 0.01° lattice around Kraków, so bbox edges often fall exactly on points.
      LonLat p = new LonLat(19.90 + rnd.nextInt(30) / 100.0, 50.00 + rnd.nextInt(20) / 100.0);
      Teryt teryt = rnd.nextInt(6) == 0 ? Teryt.NONE
          : Teryt.ofMunicipality(MUNICIPALITIES.get(rnd.nextInt(MUNICIPALITIES.size())));
      Status status = Status.values()[rnd.nextInt(Status.values().length)];
      Source source = Source.values()[rnd.nextInt(Source.values().length)];
      out.add(new NewReport(CATEGORIES.get(rnd.nextInt(CATEGORIES.size())), status, p, at,
          rnd.nextBoolean() ? null : LocalDate.of(2020, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
          rnd.nextBoolean() ? null : TimeOfDay.values()[rnd.nextInt(4)],
          rnd.nextInt(3) == 0 ? null : "Opis zgłoszenia nr " + i + " — zażółć gęślą jaźń",
          source, teryt, rnd.nextInt(4) == 0 ? "ext-" + seed + "-" + i : null,
          rnd.nextBoolean() ? "192.0.2." + rnd.nextInt(255) : null, rnd.nextInt(10) == 0));
    }
    return out;
  }
}
