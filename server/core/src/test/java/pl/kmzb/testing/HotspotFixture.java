package pl.kmzb.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.ReportStore;

/**
 * A hot spot whose place is known, for the hot-spot layers' tests (WMS, features): 30 confirmed
 * public reports at the centre of the 1 km EPSG:2180 cell (566000–567000, 250000–251000), alone in
 * Poland or near the few of {@link RoadSegmentFixture}: with the API's defaults (1 km cells, 3 km)
 * that cell's neighbourhood lies tens of standard deviations above the mean (hot_99).
 */
public final class HotspotFixture {
  /** The hot cell's centre. */
  public static final LonLat HOT = RoadSegmentFixture.lonLat(566_500, 250_500);
  /** A cell far from every report of both fixtures: not significant, not drawn. */
  public static final LonLat QUIET = RoadSegmentFixture.lonLat(620_500, 266_500);

  private HotspotFixture() {}

  public static void load(ReportStore store) {
    List<NewReport> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(new NewReport("speeding", Status.CONFIRMED, HOT, Instant.parse("2026-06-01T10:00:00Z"), null, null,
          null, Source.POLICE_SYSTEM, Teryt.ofMunicipality("1261011"), null, null, false));
    }
    store.insertAll(all, "test");
  }
}
