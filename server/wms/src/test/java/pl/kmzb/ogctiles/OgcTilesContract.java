package pl.kmzb.ogctiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.server.Application;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * OGC API – Tiles against a running server with known public reports (illegal parking and speeding
 * in Warsaw, speeding in Kraków): the documents, vector tiles equal to the tile API's, map tiles
 * equal to the WMS's, the shared filters, 404s, problem details and police credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OgcTilesContract {
  static final String ADMIN_PASSWORD = "admin-password-for-ogc-tiles-tests";
  static final String B = OgcTilesApi.BASE;
  static final double WAW_LON = 21.0067;
  static final double WAW_LAT = 52.2319;
  static final double KRK_LON = 19.9450;
  static final double KRK_LAT = 50.0647;

  Path dir;
  Application app;
  TilesClient client;
  String admin;

  abstract List<String> storeArgs(Path dir);

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("ogc-tiles-test");
    List<String> args = new ArrayList<>(storeArgs(dir));
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + ADMIN_PASSWORD));
    app = Application.start(ConfigLoader.load(args, Map.of()));
    client = new TilesClient(app.port());
    for (long deadline = System.currentTimeMillis() + 60_000; client.get("/health").status() != 200; ) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the server did not become ready");
      }
      Thread.sleep(50);
    }
    admin = client.login("admin", ADMIN_PASSWORD);
    report("illegal_parking", WAW_LON, WAW_LAT);
    report("speeding", WAW_LON + 0.01, WAW_LAT);
    report("speeding", KRK_LON, KRK_LAT);
  }

  private void report(String category, double lon, double lat) {
    TilesClient.Response r = client.postJson("/api/reports", "{\"category\":\"" + category + "\",\"lon\":" + lon
        + ",\"lat\":" + lat + "}", "Authorization", admin);
    assertEquals(201, r.status(), r.toString());
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  /** z/row/col of the WebMercatorQuad tile holding a position. */
  static int[] tileOf(int z, double lon, double lat) {
    int shift = 31 - z;
    return new int[] {z, WebMercatorQuad.INSTANCE.worldY(lon, lat) >> shift,
        WebMercatorQuad.INSTANCE.worldX(lon, lat) >> shift};
  }

  static String ogc(int[] t) {
    return t[0] + "/" + t[1] + "/" + t[2];
  }

  static String xyz(int[] t) {
    return t[0] + "/" + t[2] + "/" + t[1];
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- documents --------------------------------------------------------------------------------

  @Test
  void landingPageLinksEveryResourceAndConformanceIsExactlyWhatIsImplemented() {
    TilesClient.Response r = client.get(B);
    assertEquals(200, r.status(), r.toString());
    List<String> rels = TilesClient.list(r.json().path("links"), "rel");
    for (String rel : List.of("self", "service-desc", "conformance", "data",
        "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector",
        "http://www.opengis.net/def/rel/ogc/1.0/tilesets-map")) {
      assertTrue(rels.contains(rel), rel + " in " + rels);
    }
    for (JsonNode link : r.json().path("links")) {
      assertEquals(200, client.get(link.path("href").asText().substring(client.base().length())).status(),
          link.toString());
    }
    List<String> classes = new ArrayList<>();
    client.get(B + "/conformance").json().path("conformsTo").forEach(n -> classes.add(n.asText()));
    assertEquals(OgcTilesApi.CONFORMANCE, classes);
    assertFalse(classes.stream().anyMatch(c -> c.endsWith("/geojson") || c.endsWith("/tiff") || c.endsWith("/xml")
        || c.endsWith("/netcdf")), "formats not served are not claimed");
  }

  @Test
  void webMercatorQuadIsTheRegistryDefinition() {
    JsonNode tms = client.get(B + "/tileMatrixSets/WebMercatorQuad").json();
    assertEquals("WebMercatorQuad", tms.path("id").asText());
    // The TMS 1.0 keys GDAL 3.6 reads, beside the 2.0 ones.
    assertEquals("WebMercatorQuad", tms.path("identifier").asText());
    assertEquals(-20037508.3427892, tms.path("boundingBox").path("lowerCorner").get(0).asDouble(), 1e-6);
    assertEquals("0", tms.path("tileMatrices").get(0).path("identifier").asText());
    assertEquals("http://www.opengis.net/def/crs/EPSG/0/3857", tms.path("crs").asText());
    assertEquals(25, tms.path("tileMatrices").size());
    JsonNode m0 = tms.path("tileMatrices").get(0);
    // OGC 17-083r4 Annex D.1: the registry's values.
    assertEquals(559082264.028717, m0.path("scaleDenominator").asDouble(), 1e-5);
    assertEquals(156543.0339280410, m0.path("cellSize").asDouble(), 1e-9);
    assertEquals(-20037508.3427892, m0.path("pointOfOrigin").get(0).asDouble(), 1e-6);
    assertEquals(20037508.3427892, m0.path("pointOfOrigin").get(1).asDouble(), 1e-6);
    JsonNode m24 = tms.path("tileMatrices").get(24);
    assertEquals(16777216, m24.path("matrixWidth").asLong());
    assertEquals(559082264.028717 / (1 << 24), m24.path("scaleDenominator").asDouble(), 1e-9);
    for (JsonNode m : tms.path("tileMatrices")) {
      for (String required : List.of("id", "scaleDenominator", "cellSize", "pointOfOrigin", "tileWidth", "tileHeight",
          "matrixWidth", "matrixHeight")) {
        assertTrue(m.has(required), required + " in " + m);
      }
    }
    JsonNode list = client.get(B + "/tileMatrixSets").json();
    assertEquals(List.of("WebMercatorQuad", "WorldCRS84Quad", "EPSG2180"), TilesClient.list(list.path("tileMatrixSets"),
        "id"));
    for (String id : List.of("WorldCRS84Quad", "EPSG2180")) {
      JsonNode set = client.get(B + "/tileMatrixSets/" + id).json();
      assertEquals(id, set.path("id").asText());
      assertTrue(set.path("tileMatrices").size() > 10);
    }
    assertEquals(404, client.get(B + "/tileMatrixSets/WorldMercatorWGS84Quad").status());
  }

  @Test
  void collectionsAreTheCatalogueLayersAndPoliceOnesNeedCredentials() {
    List<String> anonymous = TilesClient.list(client.get(B + "/collections").json().path("collections"), "id");
    assertTrue(anonymous.contains("threats.clusters") && anonymous.contains("threats.heatmap")
        && anonymous.contains("category.speeding"), anonymous.toString());
    assertFalse(anonymous.contains("police.reports"));
    assertFalse(anonymous.contains("threats"), "groups are not collections");
    List<String> officer = TilesClient.list(client.get(B + "/collections", "Authorization", admin).json()
        .path("collections"), "id");
    assertTrue(officer.contains("police.reports"));
    JsonNode heat = client.get(B + "/collections/threats.heatmap").json();
    assertEquals("map", heat.path("dataType").asText());
    assertFalse(TilesClient.list(heat.path("links"), "rel").contains("http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"));
    assertEquals(404, client.get(B + "/collections/threats.heatmap/tiles/WebMercatorQuad").status());
    assertEquals(401, client.get(B + "/collections/police.reports").status());
  }

  @Test
  void tilesetMetadataHasWhatTheOgcSchemaRequiresAndATemplateThatWorks() {
    JsonNode list = client.get(B + "/collections/threats.clusters/tiles").json();
    JsonNode item = list.path("tilesets").get(0);
    for (String required : List.of("dataType", "crs", "links")) {
      assertTrue(item.has(required), required + " in tileset item " + item);
    }
    assertEquals("WebMercatorQuad", item.path("tileMatrixSetId").asText());
    assertTrue(item.path("tileMatrixSetLimits").size() > 0);
    JsonNode ts = client.get(B + "/collections/threats.clusters/tiles/WebMercatorQuad").json();
    for (String required : List.of("dataType", "crs", "links")) {
      assertTrue(ts.has(required), required + " in " + ts);
    }
    assertEquals("vector", ts.path("dataType").asText());
    assertEquals("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", ts.path("tileMatrixSetURI").asText());
    String template = null;
    for (JsonNode l : ts.path("links")) {
      if (l.path("rel").asText().equals("item")) {
        template = l.path("href").asText();
        assertTrue(l.path("templated").asBoolean());
        assertEquals("application/vnd.mapbox-vector-tile", l.path("type").asText());
      }
    }
    assertNotNull(template);
    assertTrue(TilesClient.list(ts.path("links"), "rel").contains("http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"));
    assertEquals("threats", ts.path("layers").get(0).path("id").asText());
    for (JsonNode lim : ts.path("tileMatrixSetLimits")) {
      for (String required : List.of("tileMatrix", "minTileRow", "maxTileRow", "minTileCol", "maxTileCol")) {
        assertTrue(lim.has(required));
      }
    }
    int[] t = tileOf(8, WAW_LON, WAW_LAT);
    String url = template.replace("{tileMatrix}", "" + t[0]).replace("{tileRow}", "" + t[1])
        .replace("{tileCol}", "" + t[2]);
    assertEquals(200, client.get(url.substring(client.base().length())).status());
    JsonNode tileJson = client.get(B + "/collections/threats.clusters/tiles/WebMercatorQuad?f=tilejson").json();
    assertEquals("3.0.0", tileJson.path("tilejson").asText());
    assertTrue(tileJson.path("tiles").get(0).asText().endsWith("/tiles/WebMercatorQuad/{z}/{y}/{x}"),
        tileJson.toString());
    assertEquals("threats", tileJson.path("vector_layers").get(0).path("id").asText());
  }

  // ---- vector tiles --------------------------------------------------------------------------------

  @Test
  void vectorTilesAreTheTileApisBytesAndEtags() {
    int[] t = tileOf(7, WAW_LON, WAW_LAT);
    TilesClient.Response ogc = client.get(B + "/collections/threats.clusters/tiles/WebMercatorQuad/" + ogc(t));
    TilesClient.Response api = client.get("/tiles/threats/" + xyz(t) + ".mvt");
    assertEquals(200, ogc.status(), ogc.toString());
    assertArrayEquals(api.body(), ogc.body());
    assertEquals(api.header("ETag"), ogc.header("ETag"));
    assertEquals("application/vnd.mapbox-vector-tile", ogc.header("Content-Type"));
    assertEquals(304, client.get(B + "/collections/threats.clusters/tiles/WebMercatorQuad/" + ogc(t),
        "If-None-Match", ogc.header("ETag")).status());
    TilesClient.Response gz = client.get(B + "/collections/threats.clusters/tiles/WebMercatorQuad/" + ogc(t),
        "Accept-Encoding", "gzip");
    assertEquals("gzip", gz.header("Content-Encoding"));
    assertEquals(client.get("/tiles/threats/" + xyz(t) + ".mvt", "Accept-Encoding", "gzip").header("ETag"),
        gz.header("ETag"));
  }

  @Test
  void categoryCollectionsAreTheThreatTilesOfTheirCategory() {
    int[] t = tileOf(9, WAW_LON, WAW_LAT);
    TilesClient.Response ogc = client.get(B + "/collections/category.speeding/tiles/WebMercatorQuad/" + ogc(t));
    TilesClient.Response api = client.get("/tiles/threats/" + xyz(t) + ".mvt?category=speeding");
    assertEquals(200, ogc.status());
    assertArrayEquals(api.body(), ogc.body());
    assertNotEquals(client.get("/tiles/threats/" + xyz(t) + ".mvt").header("ETag"), ogc.header("ETag"),
        "the category collection shows fewer reports than all threats");
    // A category the collection does not hold: nothing to show.
    assertEquals(204, client.get(B + "/collections/category.speeding/tiles/WebMercatorQuad/" + ogc(t)
        + "?category=illegal_parking").status());
  }

  @Test
  void filtersOfTheSharedModelAndCql2SelectTheSameTilesAsTheTileApi() {
    int[] t = tileOf(9, WAW_LON, WAW_LAT);
    String path = B + "/collections/threats.clusters/tiles/WebMercatorQuad/" + ogc(t);
    byte[] speeding = client.get("/tiles/threats/" + xyz(t) + ".mvt?category=speeding").body();
    assertArrayEquals(speeding, client.get(path + "?category=speeding").body());
    assertArrayEquals(speeding, client.get(path + "?filter=" + enc("category = 'speeding'")).body());
    assertArrayEquals(speeding, client.get(path + "?filter-lang=cql2-json&filter="
        + enc("{\"op\":\"=\",\"args\":[{\"property\":\"category\"},\"speeding\"]}")).body());
    assertEquals(204, client.get(path + "?datetime=2001-01-01T00:00:00Z/2001-12-31T00:00:00Z").status());
    assertEquals(204, client.get(path + "?datetime=2001-05-01").status());
    assertArrayEquals(client.get("/tiles/threats/" + xyz(t) + ".mvt").body(),
        client.get(path + "?datetime=2020-01-01T00:00:00Z/..").body());
    TilesClient.Response notIndexed = client.get(path + "?filter=" + enc("description LIKE '%x%'"));
    assertEquals(400, notIndexed.status(), notIndexed.toString());
    assertEquals("application/problem+json", notIndexed.header("Content-Type"));
    assertTrue(notIndexed.text().contains("map/tiles"), notIndexed.text());
    assertEquals(400, client.get(path + "?filter=" + enc("nosuch = 1")).status());
    assertEquals(400, client.get(path + "?datetime=yesterday").status());
    assertEquals(400, client.get(path + "?source=citizen").status(), "the public may not filter on the source");
    assertEquals(400, client.get(path + "?f=png").status());
  }

  /**
   * Vector tiles of the clusters in Geoportal's EPSG:2180 set and in WorldCRS84Quad: each report is
   * drawn at its own position in the tile's CRS, read back through the set's corner and cell size as
   * published (written here from Geoportal's and OGC's values, not from {@code MatrixSets}); the WMTS
   * serves the same bytes; the filters narrow them; the tilesets are listed with metadata and TileJSON.
   */
  @Test
  void vectorTilesInEpsg2180AndWorldCrs84QuadPlaceEachReportAtItsPositionInTheTilesCrs() throws Exception {
    record Case(String set, int level, double cornerE, double cornerN, double cellSize, double tolerance) {}
    for (Case c : List.of(
        new Case("EPSG2180", 10, 100000.0, 850000.0, 23623.559151785714 * 0.00028, 0.05),
        new Case("EPSG2180", 16, 100000.0, 850000.0, 236.23559151785716 * 0.00028, 0.05),
        new Case("WorldCRS84Quad", 12, -180.0, 90.0, 180.0 / 256 / (1 << 12), 1e-6))) {
      pl.kmzb.crs.CrsRegistry crs = pl.kmzb.crs.CrsRegistry.standard();
      String code = c.set().equals("EPSG2180") ? "EPSG:2180" : "CRS:84";
      double[] en = crs.fromLonLat(crs.require(code)).apply(WAW_LON, WAW_LAT);
      int tilePx = c.set().equals("EPSG2180") ? 512 : 256;
      double span = tilePx * c.cellSize();
      long col = (long) Math.floor((en[0] - c.cornerE()) / span);
      long row = (long) Math.floor((c.cornerN() - en[1]) / span);
      String path = B + "/collections/threats.clusters/tiles/" + c.set() + "/" + c.level() + "/" + row + "/" + col;
      TilesClient.Response r = client.get(path);
      assertEquals(200, r.status(), r.toString());
      assertEquals("application/vnd.mapbox-vector-tile", r.header("Content-Type"));
      boolean found = false;
      for (var layer : io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader.loadMvt(
          new java.io.ByteArrayInputStream(r.body()), new org.locationtech.jts.geom.GeometryFactory(),
          new io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter()).getLayers()) {
        assertEquals("threats", layer.getName());
        for (var g : layer.getGeometries()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> props = (Map<String, Object>) g.getUserData();
          if (!"illegal_parking".equals(props.get("category"))) {
            continue;
          }
          found = true;
          // extent 4096: a unit is span / 4096 of the CRS; the point is the floor of the position
          double east = c.cornerE() + col * span + g.getCoordinate().x * span / 4096;
          double north = c.cornerN() - row * span - g.getCoordinate().y * span / 4096;
          double unit = span / 4096;
          assertTrue(en[0] - east >= -c.tolerance() && en[0] - east <= unit + c.tolerance(),
              c + ": east " + east + " for " + en[0]);
          assertTrue(north - en[1] >= -c.tolerance() && north - en[1] <= unit + c.tolerance(),
              c + ": north " + north + " for " + en[1]);
        }
      }
      assertTrue(found, c + ": the Warsaw report is in its tile");
      String wmts = "/wmts/1.0.0/threats.clusters/default/default/" + c.set() + "/" + c.level() + "/" + row + "/" + col
          + ".mvt";
      assertArrayEquals(client.get(wmts).body(), r.body(), "WMTS and OGC API – Tiles: one tile, one cache entry");
      assertEquals(304, client.get(path, "If-None-Match", r.header("ETag")).status());
      assertArrayEquals(r.body(), client.get(B + "/tiles/" + c.set() + "/" + c.level() + "/" + row + "/" + col).body(),
          "the dataset's tile in this set is the clusters'");
      TilesClient.Response speeding = client.get(path + "?category=speeding");
      assertTrue(speeding.status() == 204 || !new String(speeding.body(), StandardCharsets.ISO_8859_1)
          .contains("illegal_parking"), "narrowed to speeding, the illegal parking report is not drawn");
      TilesClient.Response parking = client.get(B + "/collections/category.illegal_parking/tiles/" + c.set() + "/"
          + c.level() + "/" + row + "/" + col);
      assertEquals(200, parking.status(), parking.toString());
    }
    JsonNode list = client.get(B + "/collections/threats.clusters/tiles").json();
    assertEquals(List.of("WebMercatorQuad", "WorldCRS84Quad", "EPSG2180"),
        TilesClient.list(list.path("tilesets"), "tileMatrixSetId"));
    JsonNode ts = client.get(B + "/collections/threats.clusters/tiles/EPSG2180").json();
    assertEquals("http://www.opengis.net/def/crs/EPSG/0/2180", ts.path("crs").asText());
    assertEquals(17, ts.path("tileMatrixSetLimits").size(), "every level of Geoportal's set");
    JsonNode tileJson = client.get(B + "/collections/threats.clusters/tiles/EPSG2180?f=tilejson").json();
    assertEquals("3.0.0", tileJson.path("tilejson").asText());
    assertEquals("EPSG2180", tileJson.path("tileMatrixSetId").asText());
    assertEquals("http://www.opengis.net/def/crs/EPSG/0/2180", tileJson.path("crs").asText());
    assertTrue(tileJson.path("tiles").get(0).asText().endsWith("/tiles/EPSG2180/{z}/{y}/{x}"), tileJson.toString());
    assertFalse(TilesClient.list(client.get(B + "/collections/police-units/tiles").json().path("tilesets"),
        "tileMatrixSetId").contains("EPSG2180"), "police units are cut in WebMercatorQuad only");
    assertEquals(400, client.get(B + "/tiles/EPSG2180/5/3/3?collections=police-units").status());
    assertEquals(400, client.get(B + "/collections/threats.clusters/tiles/EPSG2180/5/3/3?category=nosuch").status());
  }

  @Test
  void outsideTheTilesetIsA404AndBadNumbersA400ProblemDetails() {
    int[] t = tileOf(5, WAW_LON, WAW_LAT);
    String coll = B + "/collections/threats.clusters/tiles/";
    assertEquals(404, client.get(coll + "WebMercatorQuad/5/0/0").status(), "outside Poland's limits");
    assertEquals(404, client.get(coll + "WebMercatorQuad/25/0/0").status());
    assertEquals(404, client.get(coll + "WorldCRS84Quad/5/0/0").status(), "outside Poland's limits");
    assertEquals(404, client.get(B + "/collections/police-units/tiles/EPSG2180/5/3/3").status(),
        "police units are cut in WebMercatorQuad only");
    assertEquals(404, client.get(B + "/collections/nosuch/tiles/WebMercatorQuad/" + ogc(t)).status());
    assertEquals(404, client.get(B + "/collections/threats.heatmap/tiles/WebMercatorQuad/" + ogc(t)).status());
    TilesClient.Response bad = client.get(coll + "WebMercatorQuad/5/x/1");
    assertEquals(400, bad.status());
    assertEquals("application/problem+json", bad.header("Content-Type"));
    assertEquals(400, bad.json().path("status").asInt());
  }

  @Test
  void datasetVectorTilesCombineTheSelectedCollections() {
    int[] t = tileOf(7, WAW_LON, WAW_LAT);
    TilesClient.Response one = client.get(B + "/tiles/WebMercatorQuad/" + ogc(t) + "?collections=threats.clusters");
    assertArrayEquals(client.get("/tiles/threats/" + xyz(t) + ".mvt").body(), one.body());
    assertEquals(400, client.get(B + "/tiles/WebMercatorQuad/" + ogc(t)
        + "?collections=threats.clusters,category.speeding").status(), "one tileset twice");
    assertEquals(400, client.get(B + "/tiles/WebMercatorQuad/" + ogc(t) + "?collections=police.reports").status());
    assertEquals(200, client.get(B + "/tiles/WebMercatorQuad").status());
  }

  // ---- map tiles ---------------------------------------------------------------------------------

  @Test
  void mapTilesAreTheWmsMapsOfTheTile() {
    int[] t = tileOf(8, WAW_LON, WAW_LAT);
    TilesClient.Response png = client.get(B + "/collections/threats.clusters/map/tiles/WebMercatorQuad/" + ogc(t));
    assertEquals(200, png.status(), png.toString());
    assertEquals("image/png", png.header("Content-Type"));
    assertEquals(256, png.image().getWidth());
    pl.kmzb.crs.Bounds b = pl.kmzb.tiles.MatrixSets.WEB_MERCATOR_QUAD.level(t[0]).tileBounds(t[2], t[1]);
    TilesClient.Response wms = client.get("/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=threats.clusters"
        + "&STYLES=&CRS=EPSG:3857&BBOX=" + b.minX() + "," + b.minY() + "," + b.maxX() + "," + b.maxY()
        + "&WIDTH=256&HEIGHT=256&FORMAT=image/png&TRANSPARENT=TRUE&TILED=TRUE");
    assertArrayEquals(wms.body(), png.body());
    assertEquals(wms.header("ETag"), png.header("ETag"));
    assertEquals(304, client.get(B + "/collections/threats.clusters/map/tiles/WebMercatorQuad/" + ogc(t),
        "If-None-Match", png.header("ETag")).status());
    TilesClient.Response jpeg = client.get(B + "/collections/threats.heatmap/map/tiles/WebMercatorQuad/" + ogc(t)
        + "?f=jpeg");
    assertEquals("image/jpeg", jpeg.header("Content-Type"));
    TilesClient.Response dataset = client.get(B + "/map/tiles/WebMercatorQuad/" + ogc(t)
        + "?collections=boundaries.voivodeship,threats.points");
    assertEquals(200, dataset.status(), dataset.toString());
  }

  @Test
  void mapTilesAreDrawnInEveryTileMatrixSet() {
    // Warsaw in Geoportal's EPSG:2180 grid: level 5 has 6 × 6 tiles of 512 px from 850,000 N / 100,000 E.
    JsonNode ts = client.get(B + "/collections/threats.clusters/map/tiles/EPSG2180").json();
    assertEquals("http://www.opengis.net/def/crs/EPSG/0/2180", ts.path("crs").asText());
    assertFalse(ts.has("tileMatrixSetURI"), "Geoportal's set is not in OGC's registry");
    JsonNode level5 = null;
    for (JsonNode l : ts.path("tileMatrixSetLimits")) {
      if (l.path("tileMatrix").asText().equals("5")) {
        level5 = l;
      }
    }
    assertNotNull(level5, ts.toString());
    pl.kmzb.tiles.TileMatrix m = pl.kmzb.tiles.MatrixSets.GEOPORTAL_2180.level(5);
    double[] en = pl.kmzb.crs.CrsRegistry.standard().fromLonLat(pl.kmzb.crs.CrsRegistry.standard().require("EPSG:2180"))
        .apply(WAW_LON, WAW_LAT);
    long col = m.column(en[0]);
    long row = m.row(en[1]);
    assertTrue(level5.path("minTileCol").asLong() <= col && col <= level5.path("maxTileCol").asLong());
    TilesClient.Response pl = client.get(B + "/collections/threats.clusters/map/tiles/EPSG2180/5/" + row + "/" + col);
    assertEquals(200, pl.status(), pl.toString());
    assertEquals(512, pl.image().getWidth());
    assertFalse(transparent(pl.image()), "the Warsaw reports are drawn in the EPSG:2180 tile");
    TilesClient.Response crs84 = client.get(B + "/collections/boundaries.voivodeship/map/tiles/WorldCRS84Quad/5/"
        + (int) Math.floor((90 - WAW_LAT) / 5.625) + "/" + (int) Math.floor((WAW_LON + 180) / 5.625));
    assertEquals(200, crs84.status(), crs84.toString());
    assertEquals(256, crs84.image().getWidth());
    assertEquals(200, client.get(B + "/collections/threats.clusters/tiles/EPSG2180").status());
    assertEquals(200, client.get(B + "/collections/threats.clusters/tiles/EPSG2180/5/" + row + "/" + col).status());
    assertEquals(404, client.get(B + "/collections/boundaries.voivodeship/tiles/EPSG2180").status(),
        "boundaries' vector tiles are cut in WebMercatorQuad only");
    assertEquals(404, client.get(B + "/collections/threats.clusters/map/tiles/EPSG2180/10/0/0").status(),
        "outside Poland");
    assertEquals(404, client.get(B + "/collections/threats.clusters/map/tiles/EPSG2180/17/0/0").status());
  }

  @Test
  void mapTilesTakeTheFiltersAndAnyCql2() {
    int[] t = tileOf(10, WAW_LON, WAW_LAT);
    String path = B + "/collections/threats.points/map/tiles/WebMercatorQuad/" + ogc(t);
    assertFalse(transparent(client.get(path).image()), "the Warsaw reports are drawn");
    assertTrue(transparent(client.get(path + "?datetime=2001-01-01T00:00:00Z/2001-02-01T00:00:00Z").image()),
        "a time span without reports draws an empty tile");
    assertTrue(transparent(client.get(path + "?category=vandalism").image()), "no vandalism: an empty tile");
    assertFalse(transparent(client.get(path + "?datetime=2020-01-01/..").image()));
    TilesClient.Response described = client.get(path + "?filter=" + enc("description LIKE '%x%'"));
    assertEquals(200, described.status(), described.toString());
    TilesClient.Response bad = client.get(path + "?filter=" + enc("category ="));
    assertEquals(400, bad.status());
    assertEquals("filter", bad.json().path("errors").get(0).path("field").asText(), bad.text());
    assertEquals(400, client.get(path + "?f=gif").status());
    String clusters = B + "/collections/category.speeding/map/tiles/WebMercatorQuad/" + ogc(t);
    assertFalse(java.util.Arrays.equals(client.get(clusters).body(),
        client.get(clusters + "?style=threats-points").body()), "another of the layer's styles draws otherwise");
    assertEquals(404, client.get(clusters + "?style=heatmap").status(), "not a style of the layer");
  }

  static boolean transparent(java.awt.image.BufferedImage img) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) >>> 24) != 0) {
          return false;
        }
      }
    }
    return true;
  }

  // ---- police ------------------------------------------------------------------------------------

  @Test
  void policeTilesNeedCredentials() {
    int[] t = tileOf(8, WAW_LON, WAW_LAT);
    String vector = B + "/collections/police.reports/tiles/WebMercatorQuad/" + ogc(t);
    String map = B + "/collections/police.reports/map/tiles/WebMercatorQuad/" + ogc(t);
    TilesClient.Response anonymous = client.get(vector);
    assertEquals(401, anonymous.status(), anonymous.toString());
    assertNotNull(anonymous.header("WWW-Authenticate"));
    assertEquals(401, client.get(map).status());
    assertEquals(401, client.get(B + "/collections/police.reports/tiles/WebMercatorQuad").status());
    TilesClient.Response officer = client.get(vector, "Authorization", admin);
    assertEquals(200, officer.status(), officer.toString());
    assertArrayEquals(client.get("/tiles/police-threats/" + xyz(t) + ".mvt", "Authorization", admin).body(),
        officer.body());
    assertTrue(officer.header("Cache-Control").contains("no-store"));
    TilesClient.Response drawn = client.get(map, "Authorization", admin);
    assertEquals(200, drawn.status(), drawn.toString());
    assertEquals("private, no-store", drawn.header("Cache-Control"));
  }

  // ---- styles --------------------------------------------------------------------------------

  @Test
  void stylesAreListedAndServedAsMapLibreStylesOverOurTiles() {
    JsonNode list = client.get("/styles").json();
    List<String> ids = TilesClient.list(list.path("styles"), "id");
    assertTrue(ids.containsAll(List.of("threats-clusters", "threats-points", "heatmap", "boundaries")), ids.toString());
    assertFalse(ids.contains("police-reports"), "police styles for police callers");
    assertTrue(TilesClient.list(client.get("/styles", "Authorization", admin).json().path("styles"), "id")
        .contains("police-reports"));
    TilesClient.Response r = client.get("/styles/threats-clusters?f=mapbox");
    assertEquals(200, r.status(), r.toString());
    assertEquals("application/vnd.mapbox.style+json", r.header("Content-Type"));
    JsonNode style = r.json();
    assertEquals(8, style.path("version").asInt());
    JsonNode source = style.path("sources").path("threats.clusters");
    assertEquals("vector", source.path("type").asText());
    // The source is our TileJSON, whose tiles are ours: a client following it gets real tiles.
    String tileJsonUrl = source.path("url").asText();
    JsonNode tileJson = client.get(tileJsonUrl.substring(client.base().length())).json();
    int[] t = tileOf(8, WAW_LON, WAW_LAT);
    String tile = tileJson.path("tiles").get(0).asText().replace("{z}", "" + t[0]).replace("{y}", "" + t[1])
        .replace("{x}", "" + t[2]);
    assertEquals(200, client.get(tile.substring(client.base().length())).status());
    for (JsonNode layer : style.path("layers")) {
      assertEquals("threats", layer.path("source-layer").asText(), "the tiles' layer");
    }
    JsonNode heat = client.get("/styles/heatmap").json();
    JsonNode raster = heat.path("sources").path("threats.heatmap");
    assertEquals("raster", raster.path("type").asText(), "the heat map is drawn by the server");
    String template = raster.path("tiles").get(0).asText();
    TilesClient.Response png = client.get(template.replace("{z}", "" + t[0]).replace("{y}", "" + t[1])
        .replace("{x}", "" + t[2]).substring(client.base().length()));
    assertEquals("image/png", png.header("Content-Type"), png.toString());
    assertEquals(200, client.get(B + "/collections/category.speeding/styles/threats-points?f=mapbox").status());
    assertEquals(404, client.get(B + "/collections/boundaries.county/styles/threats-points").status());
    assertEquals(404, client.get("/styles/nosuch").status());
    assertEquals(400, client.get("/styles/boundaries?f=sld").status());
    assertEquals(401, client.get("/styles/police-reports").status());
    assertEquals(200, client.get("/styles/police-reports", "Authorization", admin).status());
  }

  @Test
  void theApiDefinitionListsEveryRoute() {
    JsonNode api = client.get(B + "/api").json();
    assertEquals("3.0.3", api.path("openapi").asText());
    assertEquals(".collection.vector.getTile", api.path("paths")
        .path("/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}").path("get")
        .path("operationId").asText());
    assertEquals("getLandingPage", api.path("paths").path("/").path("get").path("operationId").asText());
    for (String p : List.of("/", "/conformance", "/tileMatrixSets", "/tileMatrixSets/{tileMatrixSetId}",
        "/collections", "/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
        "/collections/{collectionId}/map/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
        "/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", "/map/tiles/{tileMatrixSetId}")) {
      assertTrue(api.path("paths").has(p), p);
    }
    api.path("paths").forEach(item -> item.path("get").path("parameters").forEach(ref -> {
      String name = ref.path("$ref").asText().substring("#/components/parameters/".length());
      assertTrue(api.path("components").path("parameters").has(name), name);
    }));
  }
}
