package pl.kmzb.statistics;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * Ten reports with hand-worked answers (StatisticsIndexTest): two months, four counties, hidden
 * statuses, a confirm-first category, a generalised report whose cell centre lies in another
 * county, a report reported at 22:30 UTC on 31 May (1 June in Warsaw), one without codes, one
 * deleted, one past the take-up deadline.
 */
final class StatisticsFixture {
  static final Instant NOW = Instant.parse("2025-06-20T12:00:00Z");
  static final CategoryCatalog CATALOG = CategoryCatalog.load(null);
  /** West of 20°E is county 1261, east of it 1206: where a generalised report's cell centre falls. */
  static final VisibilityPolicy POLICY = new VisibilityPolicy(CATALOG,
      p -> Teryt.ofMunicipality(p.lon() < 20.0 ? "1261011" : "1206012"));

  record Fixture(Report report, Instant firstVerdict) {}

  private StatisticsFixture() {}

  static Map<Long, Fixture> reports() {
    Map<Long, Fixture> m = new LinkedHashMap<>();
    add(m, 1, "illegal_parking", Status.CONFIRMED, "2025-05-10T10:00:00Z", "1261011", 19.9, false, "2025-05-11T10:00:00Z");
    add(m, 2, "speeding", Status.NOT_CONFIRMED, "2025-05-12T08:00:00Z", "1261011", 19.9, false, "2025-05-14T08:00:00Z");
    add(m, 3, "illegal_parking", Status.NEW, "2025-05-31T22:30:00Z", "1261021", 19.9, false, null);
    add(m, 4, "illegal_parking", Status.NEW, "2025-06-19T12:00:00Z", "1261021", 19.9, false, null);
    add(m, 5, "dangerous_entertainment_venue", Status.VERIFICATION, "2025-06-02T10:00:00Z", "1261011", 19.9, false, null);
    add(m, 6, "homeless_person_in_need", Status.CONFIRMED_ELIMINATED, "2025-06-05T10:00:00Z", "1261011", 20.05, false,
        "2025-06-05T16:00:00Z");
    add(m, 7, "speeding", Status.JOKE_OR_MISTAKE, "2025-06-06T10:00:00Z", "1206012", 20.3, false, "2025-06-06T11:00:00Z");
    add(m, 8, "speeding", Status.CONFIRMED, "2025-04-15T10:00:00Z", "1465011", 21.0, false, null);
    add(m, 9, "illegal_parking", Status.CONFIRMED, "2025-06-10T00:00:00Z", null, 19.5, false, "2025-06-12T00:00:00Z");
    add(m, 10, "illegal_parking", Status.NEW, "2025-06-10T00:00:00Z", "1261011", 19.9, true, null);
    return m;
  }

  private static void add(Map<Long, Fixture> m, long id, String category, Status status, String reportedAt,
      String municipality, double lon, boolean deleted, String verdict) {
    Instant at = Instant.parse(reportedAt);
    Report r = new Report(id, category, status, new LonLat(lon, 50.0), at, null, null, null, false, Source.CITIZEN,
        municipality == null ? Teryt.NONE : Teryt.ofMunicipality(municipality), null, deleted, null, false, at, 1);
    m.put(id, new Fixture(r, verdict == null ? null : Instant.parse(verdict)));
  }

  static StatisticsIndex index() {
    StatisticsIndex index = new StatisticsIndex(CATALOG, POLICY);
    StatisticsIndex.Data data = index.newData();
    index.replace(data);
    for (Fixture f : reports().values()) {
      index.put(f.report(), f.firstVerdict());
    }
    return index;
  }
}
