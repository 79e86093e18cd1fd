package pl.kmzb.filter;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Teryt;
import pl.kmzb.testing.TestReports;
import pl.kmzb.visibility.VisibilityPolicy;

/** Reports, views and a policy for the filter tests, all made by code from a seed. */
public final class ExprFixtures {
  public static final CategoryCatalog CATALOG = CategoryCatalog.load(null);
  /**
   * Public areas by position: bands of longitude, so a generalised report's cell centre can fall in
   * another municipality than its true spot (and than the codes stored with it).
   */
  public static final VisibilityPolicy POLICY = new VisibilityPolicy(CATALOG, ExprFixtures::areasOf);
  /** 2022-06-17: two days after one of the shared instants, so pastDeadline has both answers. */
  public static final Instant NOW = Instant.parse("2022-06-18T12:30:00.001Z");
  public static final Queryables PUBLIC = Queryables.publicView(POLICY);
  public static final Queryables POLICE = Queryables.policeView(CATALOG, Clock.fixed(NOW, ZoneOffset.UTC));

  /** Descriptions with LIKE's and GLOB's special characters, case variants and Polish letters. */
  static final List<String> DESCRIPTIONS = List.of("Samochody na chodniku", "samochody NA chodniku", "100% pewne",
      "a_b c", "ścieżka\\rower", "Zażółć gęślą jaźń", "ZAŻÓŁĆ GĘŚLĄ JAŹŃ", "gwiazdka * i pytajnik ?",
      "[nawias] kwadratowy", "ą", "", "psy_bezpańskie 50%", "x\ny");

  private ExprFixtures() {}

  static Teryt areasOf(LonLat p) {
    int band = (int) Math.floor((p.lon() - 19.9) / 0.0625);
    List<String> m = TestReports.MUNICIPALITIES;
    return Teryt.ofMunicipality(m.get(Math.floorMod(band, m.size())));
  }

  /** TestReports' reports with varied descriptions; every fifth at a continuous (non-lattice) position. */
  public static List<NewReport> reports(long seed, int count) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<NewReport> out = new ArrayList<>();
    for (NewReport r : TestReports.random(seed, count)) {
      String description = rnd.nextInt(4) == 0 ? null : DESCRIPTIONS.get(rnd.nextInt(DESCRIPTIONS.size()));
      LonLat at = rnd.nextInt(5) == 0 ? new LonLat(19.9 + rnd.nextDouble() * 0.3, 50 + rnd.nextDouble() * 0.2)
          : r.location();
      out.add(new NewReport(r.category(), r.status(), at, r.reportedAt(), r.occurredOn(), r.timeOfDay(), description,
          r.source(), r.teryt(), r.externalId(), r.reporterIp(), r.synthetic()));
    }
    return out;
  }
}
