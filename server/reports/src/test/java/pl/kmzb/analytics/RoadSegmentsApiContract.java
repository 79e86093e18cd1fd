package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Status;
import pl.kmzb.roads.Road;
import pl.kmzb.roads.RoadClass;
import pl.kmzb.roads.RoadImport;
import pl.kmzb.roads.RoadImporter;
import pl.kmzb.visibility.LocationGeneraliser;

/**
 * {@code /api/analytics/road-segments} on a real server and store: a network drawn in EPSG:2180
 * (DK7 40 km east from (560000, 244000), DW773 30 km north from (580000, 230000)), reports placed at
 * known chainages, and the ranked table in JSON, CSV and GeoJSON for the public and the police.
 */
abstract class RoadSegmentsApiContract extends AnalyticsServer {
  static final CrsTransform TO_LON_LAT = CrsRegistry.standard().toLonLat(CrsRegistry.standard().require("EPSG:2180"));
  static final GeometryFactory F = new GeometryFactory();
  static final String PATH = "/api/analytics/road-segments";

  /** A road along EPSG:2180 from (x, y) by (dx, dy) per km, with a vertex every km, in lon/lat. */
  static Road road(String number, double x, double y, double dx, double dy, int km) {
    Coordinate[] cs = new Coordinate[km + 1];
    for (int i = 0; i <= km; i++) {
      double[] ll = TO_LON_LAT.apply(x + i * dx, y + i * dy);
      cs[i] = new Coordinate(ll[0], ll[1]);
    }
    return new Road(number, RoadClass.ofNumber(number), F.createMultiLineString(new LineString[] {F.createLineString(cs)}));
  }

  static LonLat onDk7(double chainage, double north) {
    double[] ll = TO_LON_LAT.apply(560_000 + chainage, 244_000 + north);
    return new LonLat(ll[0], ll[1]);
  }

  static LonLat onDw773(double chainage, double east) {
    double[] ll = TO_LON_LAT.apply(580_000 + east, 230_000 + chainage);
    return new LonLat(ll[0], ll[1]);
  }

  void importNetwork() {
    RoadImporter.run(app.store(), new RoadImport("roads.geojson", List.of(road("DK7", 560_000, 244_000, 1_000, 0, 40),
        road("DW773", 580_000, 230_000, 0, 1_000, 30)), List.of()));
  }

  /**
   * Confirmed speeding: 25 on DK7 from 5 km every 150 m (20 m off), 21 on DW773 from 2 km every 200 m
   * (10 m off), 5 on DK7 from 30 km every 1 km, 3 on DK7 at 6 km but 200 m off; 20 not confirmed on DK7
   * from 20 km every 100 m; 25 vandalism (not a road category) on DK7 from 5 km.
   */
  void fixture() {
    List<NewReport> all = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      all.add(report("speeding", i % 2 == 0 ? Status.CONFIRMED : Status.CONFIRMED_ELIMINATED, onDk7(5_000 + i * 150, 20)));
      all.add(report("vandalism", Status.CONFIRMED, onDk7(5_000 + i * 150, 0)));
    }
    for (int i = 0; i < 21; i++) {
      all.add(report("speeding", Status.CONFIRMED, onDw773(2_000 + i * 200, 10)));
    }
    for (int i = 0; i < 5; i++) {
      all.add(report("speeding", Status.CONFIRMED, onDk7(30_000 + i * 1_000, -5)));
    }
    for (int i = 0; i < 3; i++) {
      all.add(report("speeding", Status.CONFIRMED_HANDED_OVER, onDk7(6_000 + i * 10, 200)));
    }
    for (int i = 0; i < 20; i++) {
      all.add(report("speeding", Status.NOT_CONFIRMED, onDk7(20_000 + i * 100, 0)));
    }
    app.store().insertAll(all, "test");
  }

  static void assertSegment(JsonNode s, int rank, String road, String roadClass, long from, long to, int incidents) {
    assertEquals(rank, s.path("rank").asInt(), s.toString());
    assertEquals(road, s.path("road").asText(), s.toString());
    assertEquals(roadClass, s.path("class").asText(), s.toString());
    assertEquals(from, s.path("fromMetres").asLong(), s.toString());
    assertEquals(to, s.path("toMetres").asLong(), s.toString());
    assertEquals(to - from, s.path("lengthMetres").asLong(), s.toString());
    assertEquals(incidents, s.path("incidents").asInt(), s.toString());
  }

  @Test
  void beforeAnyImportTheAnswerSaysSo() {
    Response r = get(PATH);
    assertEquals(409, r.status(), r.body());
    assertTrue(r.body().contains("import-roads"), r.body());
  }

  @Test
  void confirmedRoadReportsRankTheSegmentsOfTheNetwork() {
    importNetwork();
    fixture();
    Response r = get(PATH);
    assertEquals(200, r.status(), r.body());
    assertEquals("application/json", r.header("content-type"));
    assertEquals("no-cache", r.header("cache-control"));
    JsonNode body = r.json();
    assertEquals("public", body.path("view").asText());
    assertEquals(54, body.path("reports").asLong(), "confirmed reports of the road group: 25 + 21 + 5 + 3");
    assertEquals(51, body.path("snapped").asLong(), "the 3 reports 200 m off lie beyond 50 m");
    assertEquals(1, body.path("network").path("version").asLong());
    assertEquals(2, body.path("network").path("roads").asInt());
    JsonNode segments = body.path("segments");
    assertEquals(2, segments.size(), body.toString());
    assertSegment(segments.get(0), 1, "DK7", "national", 5_000, 10_000, 25);
    assertSegment(segments.get(1), 2, "DW773", "voivodeship", 2_000, 7_000, 21);
    double[] start = xy(new LonLat(segments.get(0).path("startLon").asDouble(), segments.get(0).path("startLat").asDouble()));
    assertEquals(565_000, start[0], 0.1);
    assertEquals(244_000, start[1], 0.1);

    JsonNode wide = police(PATH + "?tolerance=300&min=22").json();
    assertEquals("police", wide.path("view").asText());
    assertEquals(1, wide.path("segments").size(), "DW773's 21 fall below 22");
    assertSegment(wide.path("segments").get(0), 1, "DK7", "national", 5_000, 10_000, 28);

    JsonNode unconfirmed = police(PATH + "?status=not_confirmed").json();
    assertSegment(unconfirmed.path("segments").get(0), 1, "DK7", "national", 20_000, 25_000, 20);
    assertEquals(400, get(PATH + "?status=not_confirmed").status(), "the public never counts hidden statuses");

    JsonNode vandalism = get(PATH + "?group=public_order&length=2000&min=10").json();
    assertSegment(vandalism.path("segments").get(0), 1, "DK7", "national", 5_000, 7_000, 14);
    assertSegment(vandalism.path("segments").get(1), 2, "DK7", "national", 7_100, 9_100, 11);
  }

  @Test
  void csvAndGeoJsonCarryTheSameTable() {
    importNetwork();
    fixture();
    Response csv = get(PATH + "?format=csv");
    assertEquals(200, csv.status(), csv.body());
    assertEquals("text/csv; charset=utf-8", csv.header("content-type"));
    String[] lines = csv.body().split("\r\n");
    assertEquals("rank,road,class,fromMetres,toMetres,lengthMetres,incidents,startLon,startLat,endLon,endLat", lines[0]);
    assertEquals(3, lines.length);
    assertTrue(lines[1].startsWith("1,DK7,national,5000,10000,5000,25,"), lines[1]);
    assertTrue(lines[2].startsWith("2,DW773,voivodeship,2000,7000,5000,21,"), lines[2]);

    Response geo = get(PATH + "?format=geojson");
    assertEquals("application/geo+json", geo.header("content-type"));
    JsonNode fc = geo.json();
    assertEquals("FeatureCollection", fc.path("type").asText());
    assertEquals(51, fc.path("analysis").path("snapped").asLong());
    JsonNode dw = fc.path("features").get(1);
    assertEquals("LineString", dw.path("geometry").path("type").asText());
    assertSegment(dw.path("properties"), 2, "DW773", "voivodeship", 2_000, 7_000, 21);
    JsonNode cs = dw.path("geometry").path("coordinates");
    assertEquals(6, cs.size(), "from 2 km to 7 km: the start, the vertices at 3–6 km and the end");
    double[] end = xy(new LonLat(cs.get(5).get(0).asDouble(), cs.get(5).get(1).asDouble()));
    assertEquals(580_000, end[0], 0.1);
    assertEquals(237_000, end[1], 0.1);
  }

  @Test
  void thePublicCountsGeneralisedReportsWhereThePublicSeesThem() {
    importNetwork();
    List<NewReport> all = new ArrayList<>();
    int publicNear = 0;
    for (int i = 0; i < 40; i++) {
      LonLat p = onDk7(10_000 + i * 37, 0);
      all.add(report("animal_cruelty", Status.CONFIRMED, p));
      double[] shown = xy(LocationGeneraliser.generalise(p, 200));
      publicNear += Math.abs(shown[1] - 244_000) <= 50 ? 1 : 0;
    }
    app.store().insertAll(all, "test");
    JsonNode police = police(PATH + "?category=animal_cruelty&min=1").json();
    assertEquals(40, police.path("snapped").asLong());
    JsonNode anonymous = get(PATH + "?category=animal_cruelty&min=1").json();
    assertEquals(40, anonymous.path("reports").asLong());
    assertEquals(publicNear, anonymous.path("snapped").asLong(), "snapped at the cell centres the public sees");
    assertTrue(publicNear < 40, "the fixture must move some reports off the road: " + publicNear);
  }

  @Test
  void badParametersAreProblemsNamingThem() {
    importNetwork();
    for (String[] c : new String[][] {{"min=0", "min"}, {"length=10", "length"}, {"tolerance=5000", "tolerance"},
        {"format=xml", "format"}, {"group=nope", "group"}, {"group=road&category=speeding", "group"},
        {"limit=0", "limit"}, {"source=citizen", "source"}, {"colour=red", "colour"}}) {
      Response r = get(PATH + "?" + c[0]);
      assertEquals(400, r.status(), c[0] + ": " + r.body());
      assertEquals("application/problem+json", r.header("content-type"), c[0]);
      assertTrue(r.errorFields().contains(c[1]) || r.body().contains(c[1]), c[0] + ": " + r.body());
    }
  }
}
