package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Status;
import pl.kmzb.store.JdbcPoliceUnitStore;
import pl.kmzb.unit.PoliceUnit;
import pl.kmzb.unit.UnitType;
import pl.kmzb.visibility.LocationGeneraliser;

/**
 * {@code /api/analytics} through HTTP on a real server and store: the public and police views of hot
 * spots (hidden statuses never counted publicly, generalised positions), density against the kernel
 * formula, coverage and candidate ranking against fixtures with known answers, and the 400s/401s.
 */
abstract class AnalyticsApiContract extends AnalyticsServer {
  static final String BBOX = "bbox=19.80,50.00,20.10,50.15";
  static final LonLat CLUSTER = new LonLat(19.9400, 50.0600);
  static final LonLat HIDDEN = new LonLat(20.0500, 50.1200);
  static final List<LonLat> SCATTERED = List.of(new LonLat(19.83, 50.02), new LonLat(20.08, 50.02),
      new LonLat(19.83, 50.14));

  void hotspotFixture() {
    List<NewReport> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(report("illegal_parking", i % 2 == 0 ? Status.CONFIRMED : Status.NEW, CLUSTER));
    }
    SCATTERED.forEach(p -> all.add(report("illegal_parking", Status.VERIFICATION, p)));
    for (int i = 0; i < 5; i++) {
      all.add(report("illegal_parking", Status.NOT_CONFIRMED, HIDDEN));
    }
    app.store().insertAll(all, "test");
  }

  /** The listed cells holding reports: their counts by "col,row" (significant empty cells are listed too). */
  static Map<String, Integer> counts(JsonNode fc) {
    Map<String, Integer> out = new HashMap<>();
    fc.path("features").forEach(f -> {
      int n = f.path("properties").path("count").asInt();
      if (n > 0) {
        out.put(f.path("id").asText(), n);
      }
    });
    return out;
  }

  static String cellId(Grid grid, LonLat p) {
    double[] xy = xy(p);
    int cell = grid.cellOf(xy[0], xy[1]);
    return grid.col(cell) + "," + grid.row(cell);
  }

  static Grid grid(JsonNode fc) {
    JsonNode g = fc.path("analysis").path("grid");
    return new Grid(g.path("minX").asDouble(), g.path("minY").asDouble(), fc.path("analysis").path("cellMetres").asDouble(),
        g.path("cols").asInt(), g.path("rows").asInt());
  }

  @Test
  void publicHotSpotsCountWhatThePublicSeesAndScoreItByTheFormula() {
    hotspotFixture();
    Response r = get("/api/analytics/hotspots?" + BBOX + "&cell=1000&distance=1000&cells=nonzero&category=illegal_parking");
    assertEquals(200, r.status(), r.body());
    assertEquals("application/geo+json", r.header("content-type"));
    JsonNode fc = r.json();
    assertEquals(33, fc.path("analysis").path("reports").asLong(), "hidden statuses never count publicly");
    Grid grid = grid(fc);
    Map<String, Integer> counts = counts(fc);
    assertEquals(30, counts.get(cellId(grid, CLUSTER)));
    for (LonLat p : SCATTERED) {
      assertEquals(1, counts.get(cellId(grid, p)));
    }
    assertFalse(counts.containsKey(cellId(grid, HIDDEN)), "the hidden reports' cell holds nothing publicly");
    // The cluster's z by the textbook formula over the whole grid (all of it lies in Poland).
    int n = grid.cells();
    double mean = 33.0 / n;
    double s = Math.sqrt((30.0 * 30 + 3) / n - mean * mean);
    double expected = (30 - mean * 5) / (s * Math.sqrt((n * 5.0 - 25) / (n - 1)));
    JsonNode cluster = feature(fc, cellId(grid, CLUSTER));
    assertEquals(5, cluster.path("neighbours").asInt());
    assertEquals(expected, cluster.path("z").asDouble(), 1e-5);
    assertEquals("hot_99", cluster.path("class").asText());
    assertEquals(99, cluster.path("confidence").asInt());
    // Default cells=significant lists the hot cell and its neighbours' significant ones, never a zero cell of no note.
    JsonNode significant = get("/api/analytics/hotspots?" + BBOX + "&cell=1000&distance=1000").json();
    significant.path("features").forEach(f -> assertNotEquals("not_significant", f.path("properties").path("class").asText()));
    assertTrue(counts(significant).containsKey(cellId(grid, CLUSTER)));
    // CSV: the same cell and z.
    Response csv = get("/api/analytics/hotspots?" + BBOX + "&cell=1000&distance=1000&format=csv");
    assertEquals("text/csv; charset=utf-8", csv.header("content-type"));
    String[] lines = csv.body().split("\r\n");
    assertEquals("col,row,x,y,lon,lat,count,neighbours,z,p,class,confidence", lines[0]);
    String prefix = cellId(grid, CLUSTER) + ",";
    String row = java.util.Arrays.stream(lines).filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    assertEquals(expected, Double.parseDouble(row.split(",")[8]), 1e-5);
  }

  static JsonNode feature(JsonNode fc, String id) {
    for (JsonNode f : fc.path("features")) {
      if (f.path("id").asText().equals(id)) {
        return f.path("properties");
      }
    }
    throw new AssertionError("no cell " + id);
  }

  @Test
  void policeSeeHiddenStatusesAndExactPositions() {
    hotspotFixture();
    String q = "/api/analytics/hotspots?" + BBOX + "&cell=1000&distance=1000&cells=nonzero&status=not_confirmed";
    Response anonymous = get(q);
    assertEquals(400, anonymous.status());
    assertEquals(List.of("status"), anonymous.errorFields());
    Response r = police(q);
    assertEquals(200, r.status(), r.body());
    assertEquals("private, no-store", r.header("cache-control"));
    JsonNode fc = r.json();
    assertEquals(5, fc.path("analysis").path("reports").asLong());
    assertEquals(5, counts(fc).get(cellId(grid(fc), HIDDEN)));
    assertEquals("police", fc.path("analysis").path("view").asText());
    assertEquals(400, get("/api/analytics/hotspots?source=citizen").status());
  }

  @Test
  void generalisedCategoriesCountAtTheirPublicPosition() {
    LonLat exact = new LonLat(19.9391, 50.0611);
    app.store().insertAll(List.of(report("homeless_person_in_need", Status.CONFIRMED, exact)), "test");
    LonLat shown = LocationGeneraliser.generalise(exact, 200);
    String q = "/api/analytics/hotspots?bbox=19.92,50.05,19.96,50.07&cell=100&distance=100&cells=nonzero";
    JsonNode pub = get(q).json();
    JsonNode pol = police(q).json();
    Grid grid = grid(pub);
    assertNotEquals(cellId(grid, exact), cellId(grid, shown), "the fixture must tell the two positions apart");
    assertEquals(Map.of(cellId(grid, shown), 1), counts(pub));
    assertEquals(Map.of(cellId(grid, exact), 1), counts(pol));
  }

  @Test
  void densityFollowsTheQuarticKernel() {
    hotspotFixture();
    Response r = get("/api/analytics/density?" + BBOX + "&cell=1000&bandwidth=2000&category=illegal_parking");
    assertEquals(200, r.status(), r.body());
    JsonNode fc = r.json();
    Grid grid = grid(fc);
    assertEquals(33, fc.path("analysis").path("reports").asLong());
    double[] c = xy(CLUSTER);
    int cell = grid.cellOf(c[0], c[1]);
    double d2 = Math.pow(grid.centreX(cell) - c[0], 2) + Math.pow(grid.centreY(cell) - c[1], 2);
    // The scattered reports lie more than 2 km from the cluster's cell: only the 30 reach it.
    double expected = 30 * 3 / (Math.PI * 2000 * 2000) * Math.pow(1 - d2 / (2000.0 * 2000), 2) * 1e6;
    assertEquals(expected, feature(fc, grid.col(cell) + "," + grid.row(cell)).path("density").asDouble(), 1e-5);
    Response csv = get("/api/analytics/density?" + BBOX + "&cell=1000&bandwidth=2000&format=csv");
    assertTrue(csv.body().startsWith("col,row,x,y,lon,lat,density,expected\r\n"), csv.body());
  }

  @Test
  void limitsAreClearBadRequests() {
    Map<String, String> cases = Map.of(
        "/api/analytics/hotspots?cell=50", "cell",
        "/api/analytics/hotspots?cell=100", "cell",
        "/api/analytics/hotspots?cell=1000&distance=100000", "distance",
        "/api/analytics/hotspots?cell=1000&distance=500", "distance",
        "/api/analytics/hotspots?colour=red", "colour",
        "/api/analytics/hotspots?format=xml", "format",
        "/api/analytics/hotspots?cells=all", "cells",
        "/api/analytics/density?cell=1000&bandwidth=20000", "bandwidth",
        "/api/analytics/density?cell=abc", "cell",
        "/api/analytics/hotspots?category=ufo", "category");
    cases.forEach((path, field) -> {
      Response r = get(path);
      assertEquals(400, r.status(), path + " → " + r.body());
      assertEquals("application/problem+json", r.header("content-type"));
      assertEquals(List.of(field), r.errorFields(), path);
    });
  }

  /** Two units; confirmed threats in Kraków at known places; the rest not counted as threats. */
  void coverageFixture() {
    JdbcPoliceUnitStore.of(app.store()).replaceAll(List.of(
        new PoliceUnit("KMP-1261", "KMP w Krakowie", UnitType.KMP, new LonLat(19.9400, 50.0600), Set.of("1261")),
        new PoliceUnit("KPP-1206", "KPP w Krakowie (powiat)", UnitType.KPP, new LonLat(19.8000, 50.2000),
            Set.of("1206"))));
    app.reloadReferenceData(); // as the next reference poll would: the analyses read the server's units
    List<NewReport> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(report("vandalism", Status.CONFIRMED, new LonLat(20.0500, 50.1000)));
    }
    for (int i = 0; i < 3; i++) {
      all.add(report("vandalism", Status.CONFIRMED_HANDED_OVER, new LonLat(19.8500, 50.1200)));
    }
    all.add(report("vandalism", Status.CONFIRMED, new LonLat(19.9410, 50.0605)));
    all.add(report("vandalism", Status.CONFIRMED_ELIMINATED, new LonLat(20.0500, 50.1000)));
    all.add(report("vandalism", Status.NEW, new LonLat(20.0500, 50.1000)));
    app.store().insertAll(all, "test");
  }

  /** Great-circle metres (haversine, R = 6,371,008.8 m): an independent check of the PL-1992 plane distances. */
  static double metres(LonLat a, LonLat b) {
    double p1 = Math.toRadians(a.lat());
    double p2 = Math.toRadians(b.lat());
    double dp = p2 - p1;
    double dl = Math.toRadians(b.lon() - a.lon());
    double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
    return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
  }

  @Test
  void coverageIsForThePoliceAndMeasuresDistancesToTheNearestUnit() {
    coverageFixture();
    Response anonymous = get("/api/analytics/coverage");
    assertEquals(401, anonymous.status());
    assertTrue(anonymous.header("www-authenticate").startsWith("Bearer"));
    assertEquals(401, get("/api/analytics/candidates").status());
    Response r = police("/api/analytics/coverage?level=county&radius=1000");
    assertEquals(200, r.status(), r.body());
    JsonNode body = r.json();
    assertEquals(10, body.path("threats").asLong(), "confirmed and handed over; not eliminated, not new");
    JsonNode row = body.path("areas").get(0);
    assertEquals("1261", row.path("area").asText());
    assertEquals(1, row.path("units").asInt());
    assertEquals(10.0, row.path("threatsPerUnit").asDouble(), 1e-9);
    LonLat kmp = new LonLat(19.94, 50.06);
    double east = metres(kmp, new LonLat(20.05, 50.10));
    double west = Math.min(metres(kmp, new LonLat(19.85, 50.12)), metres(new LonLat(19.80, 50.20), new LonLat(19.85, 50.12)));
    double near = metres(kmp, new LonLat(19.941, 50.0605));
    assertEquals((6 * east + 3 * west + near) / 10, row.path("meanDistanceMetres").asDouble(), 0.002 * east);
    assertEquals(Math.max(east, west), row.path("maxDistanceMetres").asDouble(), 0.002 * east);
    assertEquals(9, row.path("beyondRadius").asLong());
    // Per threat, as CSV: the nearest unit of each.
    Response threats = police("/api/analytics/coverage/threats");
    assertEquals(200, threats.status(), threats.body());
    String[] lines = threats.body().split("\r\n");
    assertEquals("id,category,status,lon,lat,county,municipality,nearestUnit,nearestUnitName,distanceMetres", lines[0]);
    assertEquals(11, lines.length);
    assertTrue(threats.body().contains("KMP-1261"));
    // The eliminated ones when asked for by status.
    assertEquals(1, police("/api/analytics/coverage?status=confirmed_eliminated").json().path("threats").asLong());
  }

  @Test
  void candidatesAreRankedByTheUncoveredThreatsTheyReach() {
    coverageFixture();
    String file = "id,lon,lat\r\nnear-unit,19.9400,50.0610\r\nwest,19.8500,50.1210\r\neast,20.0500,50.1005\r\n";
    Response r = send("POST", "/api/analytics/candidates?radius=1000&count=5", "text/csv", file, admin);
    assertEquals(200, r.status(), r.body());
    JsonNode body = r.json();
    assertEquals(10, body.path("threats").asLong());
    assertEquals(1, body.path("alreadyCovered").asLong());
    assertEquals(9, body.path("uncovered").asLong());
    assertEquals(List.of("east", "west"), ids(body.path("picks")));
    assertEquals(6, body.path("picks").get(0).path("gain").asInt());
    assertEquals(9, body.path("picks").get(1).path("cumulative").asInt());
    assertTrue(body.path("bound").asText().contains("1 - 1/e"));
    // The same as GeoJSON, and the CSV answer.
    String geojson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":\"w\"},"
        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[19.85,50.121]}},{\"type\":\"Feature\",\"properties\":"
        + "{\"name\":\"e\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[20.05,50.1005]}}]}";
    Response g = send("POST", "/api/analytics/candidates?radius=1000&format=csv", "application/geo+json", geojson, admin);
    assertEquals(200, g.status(), g.body());
    assertEquals("rank,id,lon,lat,gain,cumulative,cumulativeShare\r\n1,e,20.05,50.1005,6,6,0.666667\r\n"
        + "2,w,19.85,50.121,3,9,1\r\n", g.body());
    // Grid candidates: the best cell reaches the six, the next the three.
    Response grid = police("/api/analytics/candidates?radius=1000&spacing=500&" + BBOX);
    assertEquals(200, grid.status(), grid.body());
    JsonNode picks = grid.json().path("picks");
    assertEquals(6, picks.get(0).path("gain").asInt());
    assertEquals(3, picks.get(1).path("gain").asInt());
    assertEquals(2, picks.size());
    // Bad files and limits.
    Response bad = send("POST", "/api/analytics/candidates", "text/csv", "id,x,y\r\na,1,2\r\n", admin);
    assertEquals(400, bad.status());
    assertEquals(List.of("body"), bad.errorFields());
    assertEquals(400, send("POST", "/api/analytics/candidates", "text/csv", "id,lon,lat\r\na,2.35,48.85\r\n", admin).status());
    assertEquals(List.of("spacing"), police("/api/analytics/candidates?spacing=100").errorFields());
    assertEquals(List.of("count"), police("/api/analytics/candidates?count=1000").errorFields());
  }

  static List<String> ids(JsonNode picks) {
    List<String> out = new ArrayList<>();
    picks.forEach(p -> out.add(p.path("id").asText()));
    return out;
  }
}
