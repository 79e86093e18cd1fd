package pl.kmzb.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.roads.Road;
import pl.kmzb.roads.RoadClass;
import pl.kmzb.roads.RoadImport;
import pl.kmzb.roads.RoadImporter;
import pl.kmzb.store.ReportStore;

/**
 * A road network and road reports whose ranking is known, for the road-segment layers' tests (WMS,
 * features): DK7 40 km east from (560000, 244000) and DW773 30 km north from (580000, 230000) in
 * EPSG:2180, a vertex every km. Confirmed speeding reports: 25 on DK7 from 5 km every 150 m (the
 * segment 5–10 km, 25 incidents) and 35 on DW773 from 2 km every 140 m (2–7 km, 35 incidents); and 30
 * vandalism reports (not a road category) on DK7 from 20 km, counted by no segment.
 */
public final class RoadSegmentFixture {
  public static final CrsTransform TO_LON_LAT =
      CrsRegistry.standard().toLonLat(CrsRegistry.standard().require("EPSG:2180"));
  private static final GeometryFactory F = new GeometryFactory();

  private RoadSegmentFixture() {}

  /** The point {@code chainage} metres along DK7. */
  public static LonLat onDk7(double chainage) {
    return lonLat(560_000 + chainage, 244_000);
  }

  /** The point {@code chainage} metres along DW773. */
  public static LonLat onDw773(double chainage) {
    return lonLat(580_000, 230_000 + chainage);
  }

  public static LonLat lonLat(double x, double y) {
    double[] ll = TO_LON_LAT.apply(x, y);
    return new LonLat(ll[0], ll[1]);
  }

  /** Imports the two roads and stores the reports. */
  public static void load(ReportStore store) {
    RoadImporter.run(store, new RoadImport("roads.geojson", List.of(road("DK7", 560_000, 244_000, 1_000, 0, 40),
        road("DW773", 580_000, 230_000, 0, 1_000, 30)), List.of()));
    List<NewReport> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      all.add(report("speeding", onDk7(5_000 + i * 150)));
    }
    for (int i = 0; i < 35; i++) {
      all.add(report("speeding", onDw773(2_000 + i * 140)));
    }
    for (int i = 0; i < 30; i++) {
      all.add(report("vandalism", onDk7(20_000 + i * 100)));
    }
    store.insertAll(all, "test");
  }

  private static Road road(String number, double x, double y, double dx, double dy, int km) {
    Coordinate[] cs = new Coordinate[km + 1];
    for (int i = 0; i <= km; i++) {
      LonLat p = lonLat(x + i * dx, y + i * dy);
      cs[i] = new Coordinate(p.lon(), p.lat());
    }
    return new Road(number, RoadClass.ofNumber(number), F.createMultiLineString(new LineString[] {
        F.createLineString(cs)}));
  }

  private static NewReport report(String category, LonLat at) {
    return new NewReport(category, Status.CONFIRMED, at, Instant.parse("2026-06-01T10:00:00Z"), null, null, null,
        Source.POLICE_SYSTEM, Teryt.ofMunicipality("1261011"), null, null, false);
  }
}
