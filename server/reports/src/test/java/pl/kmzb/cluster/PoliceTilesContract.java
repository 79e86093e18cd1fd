package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Actor;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.report.Teryt;
import pl.kmzb.server.Application;
import pl.kmzb.testing.TestReports;
import pl.kmzb.tiles.Morton;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * The police-threats tiles over HTTP on a real store: credentials (401 with a challenge, never a
 * tile), every status at exact positions with counts equal to the store's, per-status counts,
 * changes and passing deadlines in the next tile, {@code mine} scoping, and a cache that never
 * hands one caller's tile to another role or scope.
 */
abstract class PoliceTilesContract {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "tile-test-password";
  /** The test reports lie on a lattice around Kraków (see TestReports). */
  static final double[] AREA = {19.90, 50.00, 20.20, 50.20};
  static final WebMercatorQuad W = WebMercatorQuad.INSTANCE;

  @TempDir Path dir;
  Application app;
  String admin;
  final CategoryCatalog catalog = CategoryCatalog.load(null);
  final FilterParser parser = new FilterParser(catalog);

  abstract List<String> storeArgs();

  @BeforeEach
  void start() throws Exception {
    app = startServer();
    admin = "Bearer " + token("admin", PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  Application startServer(String... extra) throws Exception {
    List<String> args = new ArrayList<>(storeArgs());
    // The tests walk thousands of filtered tiles from one address: the render budget (tested with
    // the public tiles) would make them wait, not fail.
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + PASSWORD, "--tiles.filtered-render-ms-per-second=10000",
        "--tiles.filtered-render-burst-ms=100000"));
    args.addAll(List.of(extra));
    Application a = Application.start(ConfigLoader.load(args, Map.of()));
    long deadline = System.currentTimeMillis() + 60_000;
    while (!a.readiness().isReady()) {
      if (System.currentTimeMillis() > deadline) {
        fail("server not ready: " + a.readiness().pending());
      }
      Thread.sleep(20);
    }
    return a;
  }

  HttpResponse<byte[]> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send("GET", path, null, headers);
  }

  String token(String user, String password) throws Exception {
    HttpResponse<byte[]> r = send("POST", "/api/auth/token", JSON.writeValueAsString(Map.of("username", user,
        "password", password)));
    assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    return JSON.readTree(r.body()).path("token").asText();
  }

  /** A user of {@code role} with {@code areas}, created by the administrator; returns its Authorization value. */
  String user(String name, String role, List<String> areas) throws Exception {
    String password = "password-of-" + name;
    HttpResponse<byte[]> r = send("POST", "/api/users", JSON.writeValueAsString(Map.of("username", name,
        "password", password, "role", role, "areas", areas)), "Authorization", admin);
    assertEquals(201, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    return "Bearer " + token(name, password);
  }

  /** The features of a police tile, decoded (empty for 204). */
  List<Geometry> features(TileCoord t, String query, String authorization) throws Exception {
    HttpResponse<byte[]> r = get("/tiles/police-threats/" + t + ".mvt" + query, "Accept-Encoding", "gzip",
        "Authorization", authorization);
    if (r.statusCode() == 204) {
      return List.of();
    }
    assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
    assertEquals("private, no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    byte[] raw = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
    JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(raw), new GeometryFactory(), new TagKeyValueMapConverter());
    List<Geometry> out = new ArrayList<>();
    for (JtsLayer l : mvt.getLayers()) {
      assertEquals("police-threats", l.getName());
      out.addAll(l.getGeometries());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> props(Geometry g) {
    return (Map<String, Object>) g.getUserData();
  }

  static boolean inner(Geometry g) {
    double x = g.getCoordinate().x;
    double y = g.getCoordinate().y;
    return x >= 0 && x < 4096 && y >= 0 && y < 4096;
  }

  static long count(Geometry g) {
    Object c = props(g).get("count");
    return c == null ? 1 : ((Number) c).longValue();
  }

  /** The sum of counts over every tile of zoom z covering the test area. */
  long total(int z, String query, String authorization) throws Exception {
    int s = Morton.LEVELS - z;
    long n = 0;
    for (int x = W.worldX(AREA[0], 0) >>> s; x <= W.worldX(AREA[2], 0) >>> s; x++) {
      for (int y = W.worldY(0, AREA[3]) >>> s; y <= W.worldY(0, AREA[1]) >>> s; y++) {
        for (Geometry g : features(new TileCoord(z, x, y), query, authorization)) {
          n += inner(g) ? count(g) : 0;
        }
      }
    }
    return n;
  }

  /** The store's own count for a police query: the oracle. */
  long expected(String query) {
    return app.store().count(filter(query));
  }

  ReportFilter filter(String query) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String kv : query.substring(1).split("&")) {
        String[] p = kv.split("=", 2);
        params.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
      }
    }
    return parser.parse(params);
  }

  static TileCoord tileOf(double lon, double lat, int z) {
    int s = Morton.LEVELS - z;
    return new TileCoord(z, W.worldX(lon, lat) >>> s, W.worldY(lon, lat) >>> s);
  }

  Report insert(String category, Status status, LonLat p, Instant at, Source source, Teryt teryt) {
    return app.store().insert(new NewReport(category, status, p, at, null, null, "opis", source, teryt, null, null,
        false), "test");
  }

  /** The single-report feature of {@code r} in its zoom-16 tile. */
  Map<String, Object> single(Report r, String authorization) throws Exception {
    return features(tileOf(r.location().lon(), r.location().lat(), 16), "", authorization).stream()
        .filter(g -> inner(g) && Long.valueOf(r.id()).equals(((Number) props(g).getOrDefault("id", -1L)).longValue()))
        .map(PoliceTilesContract::props).findFirst().orElseThrow(() -> new AssertionError("report " + r.id()
            + " is not in its tile"));
  }

  @Test
  void anonymousCallersGet401WithAChallengeAndNeverTheTile() throws Exception {
    insert("speeding", Status.NOT_CONFIRMED, new LonLat(19.95, 50.05), Instant.now(), Source.CITIZEN, Teryt.NONE);
    for (String path : List.of("/tiles/police-threats/0/0/0.mvt", "/tiles/police-threats/16/36400/22200.mvt?status=new",
        "/tiles/police-threats.json", "/tiles/police-threats/30/0/0.mvt?nonsense=1")) {
      HttpResponse<byte[]> r = get(path);
      assertEquals(401, r.statusCode(), path);
      assertTrue(r.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer realm="), path);
      assertEquals("private, no-store", r.headers().firstValue("Cache-Control").orElseThrow(), path);
      assertTrue(r.headers().firstValue("Vary").orElseThrow().contains("Authorization"), path);
      assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"), path);
      assertFalse(r.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "no CORS for police tiles");
      HttpResponse<byte[]> bad = get(path, "Authorization", "Bearer not-a-token");
      assertEquals(401, bad.statusCode(), path);
    }
    HttpResponse<byte[]> list = get("/tiles");
    assertFalse(new String(list.body(), StandardCharsets.UTF_8).contains("police-threats"),
        "the police tileset is never listed to anonymous callers");
    assertTrue(list.headers().firstValue("Vary").orElseThrow().contains("Authorization"));
    assertTrue(new String(list.body(), StandardCharsets.UTF_8).contains("\"threats\""));
    HttpResponse<byte[]> listed = get("/tiles", "Authorization", admin);
    assertTrue(new String(listed.body(), StandardCharsets.UTF_8).contains("police-threats"));
    assertEquals("private, no-store", listed.headers().firstValue("Cache-Control").orElseThrow());
    assertFalse(new String(get("/tiles/nothing/0/0/0.mvt").body(), StandardCharsets.UTF_8).contains("police-threats"),
        "nor named in a 404");

    String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> tile = get("/tiles/police-threats/0/0/0.mvt", "Authorization", basic);
    assertEquals(200, tile.statusCode(), "HTTP Basic as for the WMS/WFS police layers");
    assertEquals("private, no-store", tile.headers().firstValue("Cache-Control").orElseThrow());
    assertTrue(tile.headers().firstValue("Vary").orElseThrow().contains("Authorization"));
    HttpResponse<byte[]> json = get("/tiles/police-threats.json?status=not_confirmed", "Authorization", admin);
    assertEquals(200, json.statusCode());
    var doc = JSON.readTree(json.body());
    assertTrue(doc.path("tiles").get(0).asText().endsWith("/tiles/police-threats/{z}/{x}/{y}.mvt?status=not_confirmed"));
    assertTrue(doc.path("vector_layers").get(0).path("fields").has("st_joke_or_mistake"));
    assertTrue(doc.path("vector_layers").get(0).path("fields").has("pastDeadline"));
  }

  @Test
  void officersSeeEveryStatusAtExactPositionsWithTheStoresCounts() throws Exception {
    app.store().insertAll(TestReports.random(11, 2_000), "test");
    Actor boss = new Actor("admin", Role.ADMINISTRATOR, Set.of());
    Report gone = insert("speeding", Status.CONFIRMED, new LonLat(19.97, 50.07), Instant.now(), Source.CITIZEN,
        Teryt.NONE);
    app.store().softDelete(gone.id(), gone.version(), boss, "test");
    String officer = user("officer1", "officer", List.of("1261"));
    for (String q : List.of("", "?status=not_confirmed,joke_or_mistake", "?source=officer&category=speeding",
        "?area=1261011", "?bbox=19.955,50.055,20.105,50.155", "?from=2021-01-01&status=new")) {
      long want = expected(q);
      assertTrue(want > 0, q);
      for (int z : new int[] {0, 6, 10, 13, 16}) {
        assertEquals(want, total(z, q, officer), "zoom " + z + " filter " + q);
      }
    }
    // Per-status counts of every status, at zoom 0 (one cluster over the whole lattice).
    Map<Status, Long> seen = new EnumMap<>(Status.class);
    for (Geometry g : features(new TileCoord(0, 0, 0), "", officer)) {
      for (Status s : Status.values()) {
        Object n = props(g).get("st_" + s.code());
        seen.merge(s, n == null ? 0 : ((Number) n).longValue(), Long::sum);
      }
    }
    for (Status s : Status.values()) {
      assertEquals(app.store().count(filter("?status=" + s.code())), seen.get(s), s.code());
      assertTrue(seen.get(s) > 0, s.code());
    }
    // A generalised category at its exact spot (the public map shows it at its cell centre), with its source.
    String generalised = catalog.all().stream().filter(c -> c.rules().generaliseLocationM() > 0).findFirst()
        .orElseThrow().code();
    LonLat spot = new LonLat(18.5012345, 53.1012345);
    Report r = insert(generalised, Status.JOKE_OR_MISTAKE, spot, Instant.now(), Source.OFFICER, Teryt.NONE);
    TileCoord t = tileOf(spot.lon(), spot.lat(), 16);
    Geometry g = features(t, "", officer).stream().filter(PoliceTilesContract::inner).findFirst().orElseThrow();
    double tx = (W.worldX(spot.lon(), spot.lat()) - ((long) t.x() << (Morton.LEVELS - 16)))
        / (double) (1L << (Morton.LEVELS - 16)) * 4096;
    double ty = (W.worldY(spot.lon(), spot.lat()) - ((long) t.y() << (Morton.LEVELS - 16)))
        / (double) (1L << (Morton.LEVELS - 16)) * 4096;
    assertEquals(tx, g.getCoordinate().x, 1.0, "the exact position");
    assertEquals(ty, g.getCoordinate().y, 1.0, "the exact position");
    assertEquals(r.id(), ((Number) props(g).get("id")).longValue());
    assertEquals("joke_or_mistake", props(g).get("status"));
    assertEquals("officer", props(g).get("source"));
    assertEquals(Boolean.FALSE, props(g).get("pastDeadline"));
  }

  @Test
  void aStatusChangeIsInTheNextTileWithinASecond() throws Exception {
    LonLat p = new LonLat(16.5, 52.5);
    Report r = insert("vandalism", Status.NEW, p, Instant.now(), Source.CITIZEN, Teryt.NONE);
    assertEquals("new", single(r, admin).get("status"));
    Actor boss = new Actor("admin", Role.ADMINISTRATOR, Set.of());
    Report moved = app.store().changeStatus(r.id(), r.version(), new StatusChange(boss, Status.NOT_CONFIRMED,
        "nie potwierdzono"));
    long t0 = System.nanoTime();
    assertEquals("not_confirmed", single(r, admin).get("status"), "a report leaving the public statuses stays here");
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L);
    app.store().changeStatus(moved.id(), moved.version(), new StatusChange(boss, Status.JOKE_OR_MISTAKE, "żart"));
    assertEquals("joke_or_mistake", single(r, admin).get("status"));
    app.store().softDelete(r.id(), moved.version() + 1, boss, "test");
    assertTrue(features(tileOf(p.lon(), p.lat(), 16), "", admin).isEmpty(), "a deleted report leaves the tiles");
  }

  @Test
  void aReportPassingItsDeadlineIsMarkedInTheNextTile() throws Exception {
    Instant now = Instant.now();
    Report old = insert("vandalism", Status.NEW, new LonLat(17.0, 51.1), now.minus(Duration.ofHours(73)),
        Source.CITIZEN, Teryt.NONE);
    Report fresh = insert("vandalism", Status.NEW, new LonLat(17.2, 51.1), now, Source.CITIZEN, Teryt.NONE);
    Report soon = insert("vandalism", Status.NEW, new LonLat(17.4, 51.1),
        now.minus(Report.TAKE_UP_DEADLINE).plusMillis(1_500), Source.CITIZEN, Teryt.NONE);
    long until = System.currentTimeMillis() + 1_000;
    while (!Boolean.TRUE.equals(single(old, admin).get("pastDeadline"))) {
      assertTrue(System.currentTimeMillis() < until, "an old report in status new is past its deadline at once");
      Thread.sleep(50);
    }
    assertEquals(Boolean.FALSE, single(fresh, admin).get("pastDeadline"));
    assertEquals(Boolean.FALSE, single(soon, admin).get("pastDeadline"), "its deadline is 1.5 s away");
    long deadline = soon.reportedAt().plus(Report.TAKE_UP_DEADLINE).toEpochMilli();
    while (!Boolean.TRUE.equals(single(soon, admin).get("pastDeadline"))) {
      assertTrue(System.currentTimeMillis() < deadline + 2_500, "marked within a pass (a second) of its deadline");
      Thread.sleep(50);
    }
    assertTrue(System.currentTimeMillis() > deadline, "never before its deadline");
    assertEquals(Boolean.FALSE, single(fresh, admin).get("pastDeadline"));
  }

  @Test
  void mineScopesToTheCallersAreasAndRolesNeverShareACachedTile() throws Exception {
    app.store().insertAll(TestReports.random(12, 1_500), "test");
    String krakow = user("officer-krakow", "officer", List.of("1261"));
    String nowySacz = user("officer-sacz", "officer", List.of("1206"));
    long inKrakow = app.store().count(filter("?area=1261"));
    long inSacz = app.store().count(filter("?area=1206"));
    long all = expected("");
    assertTrue(inKrakow > 0 && inSacz > 0 && inKrakow + inSacz < all);
    // The same URL, asked first by an officer of one county, then by others: each gets its own tile.
    assertEquals(inKrakow, total(8, "?mine=true", krakow));
    assertEquals(all, total(8, "?mine=true", admin), "administrators have no area limit");
    assertEquals(inSacz, total(8, "?mine=true", nowySacz));
    assertEquals(all, total(8, "", krakow), "without mine an officer sees every area, as the report API");
    assertEquals(app.store().count(filter("?area=1261011")), total(8, "?mine=true&area=1261011", krakow),
        "a requested area narrows the caller's own");
    assertEquals(inKrakow, total(8, "?mine=true&area=12", krakow), "and never widens it");
    HttpResponse<byte[]> outside = get("/tiles/police-threats/8/142/87.mvt?mine=true&area=1465", "Authorization",
        krakow);
    assertEquals(400, outside.statusCode());
    assertEquals("private, no-store", outside.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(400, get("/tiles/police-threats/8/142/87.mvt?mine=yes", "Authorization", krakow).statusCode());
    assertEquals(400, get("/tiles/police-threats/8/142/87.mvt?pastDeadline=true", "Authorization", krakow)
        .statusCode());
    // Public tiles still show only public statuses at public positions.
    HttpResponse<byte[]> pub = get("/tiles/threats/0/0/0.mvt?status=not_confirmed");
    assertEquals(400, pub.statusCode(), "the public tileset still refuses non-public statuses");
  }

  /**
   * The unfiltered police map is never refused for render time (like the public one); a filtered
   * police map spends the client's budget like a filtered public one.
   */
  @Test
  void onlyFilteredPoliceTilesSpendTheRenderBudget() throws Exception {
    app.close();
    app = startServer("--tiles.filtered-render-ms-per-second=1", "--tiles.filtered-render-burst-ms=1");
    admin = "Bearer " + token("admin", PASSWORD);
    app.store().insertAll(TestReports.random(13, 2_000), "test");
    for (int z = 0; z <= 8; z++) {
      for (int x = 0; x < Math.min(4, 1 << z); x++) {
        int status = get("/tiles/police-threats/" + z + "/" + x + "/" + ((1 << z) / 3) + ".mvt", "Authorization", admin)
            .statusCode();
        assertTrue(status == 200 || status == 204, "unfiltered police tiles are never limited: " + status);
      }
    }
    int limited = 0;
    for (int i = 0; i < 40 && limited == 0; i++) {
      HttpResponse<byte[]> r = get("/tiles/police-threats/2/2/1.mvt?from=2020-01-" + String.format("%02d", 1 + i % 28)
          + "T00:00:" + String.format("%02d", i / 28) + "Z", "Authorization", admin);
      if (r.statusCode() == 429) {
        limited++;
        assertEquals("private, no-store", r.headers().firstValue("Cache-Control").orElseThrow());
      } else {
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
      }
    }
    assertEquals(1, limited, "distinct police filters run out of budget");
  }

  @Test
  void thePoliceIndexCanBeTurnedOff() throws Exception {
    app.close();
    app = startServer("--tiles.police-index=false");
    admin = "Bearer " + token("admin", PASSWORD);
    assertEquals(404, get("/tiles/police-threats/0/0/0.mvt", "Authorization", admin).statusCode());
    assertFalse(new String(get("/tiles", "Authorization", admin).body(), StandardCharsets.UTF_8)
        .contains("police-threats"));
    assertNotEquals(404, get("/tiles/threats/0/0/0.mvt").statusCode());
  }
}
