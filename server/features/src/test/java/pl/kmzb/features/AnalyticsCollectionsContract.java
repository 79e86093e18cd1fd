package pl.kmzb.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.server.Application;
import pl.kmzb.testing.HotspotFixture;
import pl.kmzb.testing.RoadSegmentFixture;

/**
 * The analysis layers as OGC API Features collections and WFS feature types on each store, with
 * {@link RoadSegmentFixture} and {@link HotspotFixture}: one line feature per segment of the API's
 * default ranking (DW773's 35 incidents first, DK7's 25 second), one square per significant cell of
 * the API's default Gi*, the API's columns as properties.
 */
abstract class AnalyticsCollectionsContract {
  static final String COLLECTION = FeaturesApi.BASE + "/collections/analytics.road-segments";
  static final String API = "/api/analytics/road-segments";
  @TempDir Path dir;
  Application app;
  Http http;

  abstract boolean postgis();

  @BeforeEach
  void start() throws Exception {
    app = FeatureServer.start(postgis(), dir, "--reference.poll-interval=PT0.05S",
        "--analytics.layer-refresh=PT0.05S");
    http = new Http(app.port());
    RoadSegmentFixture.load(app.store());
    HotspotFixture.load(app.store());
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  @Test
  void itemsAreTheApiRowsAsLines() throws Exception {
    JsonNode api = http.get(API + "?format=geojson").json().path("features");
    assertEquals(2, api.size(), api.toString());
    JsonNode items = http.get(COLLECTION + "/items").json();
    assertEquals(2, items.path("numberMatched").asLong(), items.toString());
    for (int i = 0; i < 2; i++) {
      JsonNode item = items.path("features").get(i);
      JsonNode row = api.get(i);
      assertEquals(row.path("properties"), item.path("properties"), "segment " + (i + 1));
      assertEquals(String.format("%05d", i + 1), item.path("id").asText());
      assertEquals("LineString", item.path("geometry").path("type").asText());
      JsonNode a = row.path("geometry").path("coordinates");
      JsonNode b = item.path("geometry").path("coordinates");
      for (int end : new int[] {0, -1}) {
        JsonNode pa = a.get(end == 0 ? 0 : a.size() - 1);
        JsonNode pb = b.get(end == 0 ? 0 : b.size() - 1);
        assertEquals(pa.get(0).asDouble(), pb.get(0).asDouble(), 1e-6, item.toString());
        assertEquals(pa.get(1).asDouble(), pb.get(1).asDouble(), 1e-6, item.toString());
      }
    }
    assertEquals("DW773", items.path("features").get(0).path("properties").path("road").asText());
    JsonNode filtered = http.get(COLLECTION + "/items?filter=incidents%20%3C%2030&filter-lang=cql2-text").json();
    assertEquals(1, filtered.path("numberMatched").asLong(), filtered.toString());
    assertEquals("DK7", filtered.path("features").get(0).path("properties").path("road").asText());
    JsonNode queryables = http.get(COLLECTION + "/queryables").json();
    assertTrue(queryables.path("properties").path("geometry").toString().contains("geometry-linestring"),
        queryables.toString());
  }

  @Test
  void wfsGetFeatureHasLinesAndTheApiColumns() {
    String gml = http.get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=kmzb:analytics.road-segments")
        .body();
    assertTrue(gml.contains("<gml:LineString"), gml);
    assertTrue(gml.contains("<kmzb:road>DW773</kmzb:road>") && gml.contains("<kmzb:incidents>35</kmzb:incidents>"),
        gml);
    assertTrue(gml.contains("<kmzb:fromMetres>5000</kmzb:fromMetres>"), gml);
    String schema = http.get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=DescribeFeatureType"
        + "&TYPENAMES=kmzb:analytics.road-segments").body();
    assertTrue(schema.contains("gml:CurvePropertyType") && schema.contains("name=\"incidents\""), schema);
    String capabilities = http.get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetCapabilities").body();
    assertTrue(capabilities.contains("kmzb:analytics.road-segments"), "anonymous capabilities list it: a public"
        + " layer, as the API answers anyone");
  }

  @Test
  void hotspotItemsAreTheApiCells() {
    JsonNode api = http.get("/api/analytics/hotspots").json().path("features");
    assertTrue(api.size() > 1, api.toString());
    JsonNode items = http.get(FeaturesApi.BASE + "/collections/analytics.hotspots/items?limit=10000").json();
    assertEquals(api.size(), items.path("numberMatched").asLong(), items.toString());
    java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
    items.path("features").forEach(f -> byId.put(f.path("id").asText(), f));
    for (JsonNode cell : api) {
      JsonNode item = byId.get(cell.path("id").asText().replace(",", "_"));
      assertTrue(item != null, "no item " + cell.path("id"));
      assertEquals(cell.path("properties"), item.path("properties"), cell.path("id").asText());
      JsonNode ring = item.path("geometry").path("coordinates").get(0).get(0);
      JsonNode apiRing = cell.path("geometry").path("coordinates").get(0);
      assertEquals(apiRing.get(0).get(0).asDouble(), ring.get(0).get(0).asDouble(), 1e-6);
      assertEquals(apiRing.get(2).get(1).asDouble(), ring.get(2).get(1).asDouble(), 1e-6);
    }
    JsonNode hottest = http.get(FeaturesApi.BASE + "/collections/analytics.hotspots/items?filter=count%20%3D%2030"
        + "&filter-lang=cql2-text").json();
    assertEquals(1, hottest.path("numberMatched").asLong(), hottest.toString());
    assertEquals("hot_99", hottest.path("features").get(0).path("properties").path("class").asText());
    String gml = http.get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=kmzb:analytics.hotspots"
        + "&COUNT=5").body();
    assertTrue(gml.contains("<kmzb:class>hot_99</kmzb:class>") && gml.contains("<gml:MultiSurface"), gml);
  }

  @Test
  void candidateSitesArePoliceItemsEqualToTheApiPicks() {
    String collection = FeaturesApi.BASE + "/collections/police.candidate-sites";
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + FeatureServer.ADMIN_PASSWORD)
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(401, http.get(collection + "/items").status(), "police only");
    assertTrue(!http.get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetCapabilities").body()
        .contains("kmzb:police.candidate-sites"), "not in anonymous capabilities");
    JsonNode picks = http.get("/api/analytics/candidates", "Authorization", basic).json().path("picks");
    // No police unit: every confirmed threat is uncovered; the first pick covers the hot cell's 30.
    assertTrue(picks.size() >= 1 && picks.get(0).path("gain").asInt() >= 30, picks.toString());
    JsonNode items = http.get(collection + "/items", "Authorization", basic).json();
    assertEquals(picks.size(), items.path("numberMatched").asLong(), items.toString());
    for (int i = 0; i < picks.size(); i++) {
      JsonNode pick = picks.get(i);
      JsonNode item = items.path("features").get(i);
      JsonNode p = item.path("properties");
      assertEquals(String.format("%05d", i + 1), item.path("id").asText());
      assertEquals(pick.path("rank").asInt(), p.path("rank").asInt());
      assertEquals(pick.path("id").asText(), p.path("site").asText());
      assertEquals(pick.path("gain").asInt(), p.path("gain").asInt());
      assertEquals(pick.path("cumulative").asInt(), p.path("cumulative").asInt());
      assertEquals(pick.path("cumulativeShare").asDouble(), p.path("cumulativeShare").asDouble());
      assertEquals(5000.0, p.path("radiusMetres").asDouble());
      assertEquals(5000.0, p.path("spacingMetres").asDouble());
      assertEquals("Point", item.path("geometry").path("type").asText());
      assertEquals(pick.path("lon").asDouble(), item.path("geometry").path("coordinates").get(0).asDouble(), 1e-9);
      assertEquals(pick.path("lat").asDouble(), item.path("geometry").path("coordinates").get(1).asDouble(), 1e-9);
    }
    String gml = http.get("/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=kmzb:police.candidate-sites",
        "Authorization", basic).body();
    assertTrue(gml.contains("<gml:Point") && gml.contains("<kmzb:rank>1</kmzb:rank>"), gml);
  }
}
