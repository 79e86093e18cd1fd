package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import pl.kmzb.filter.Visibility;
import pl.kmzb.http.Json;
import pl.kmzb.report.Actor;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Report;
import pl.kmzb.report.Role;
import pl.kmzb.report.Status;
import pl.kmzb.report.StatusChange;
import pl.kmzb.server.Application;
import pl.kmzb.testing.TestReports;
import pl.kmzb.tiles.Morton;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * The threats tiles over HTTP on a real store: decoded tiles against the store's own counts at
 * every zoom, freshness after writes, and the HTTP rules (gzip, ETag/304, 204, CORS, errors).
 */
abstract class ThreatTilesContract {
  static final HttpClient HTTP = HttpClient.newHttpClient();
  /** The test reports lie on a lattice around Kraków (see TestReports). */
  static final double[] AREA = {19.90, 50.00, 20.20, 50.20};

  @TempDir Path dir;
  Application app;
  CategoryCatalog catalog = CategoryCatalog.load(null);

  abstract List<String> storeArgs();

  @BeforeEach
  void start() throws Exception {
    app = startServer();
  }

  @AfterEach
  void stop() throws Exception {
    app.close();
  }

  Application startServer(String... extra) throws Exception {
    List<String> args = new ArrayList<>(storeArgs());
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=tile-test-password",
        // Tests that count features render many filtered tiles; on a loaded machine the default
        // budget would refuse some of them. Budget tests set their own (later arguments win).
        "--tiles.filtered-render-ms-per-second=100000", "--tiles.filtered-render-burst-ms=1000000",
        "--tiles.filtered-render-pending-per-client=1000"));
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

  static HttpResponse<byte[]> get(Application a, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + path));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The features of a tile, decoded by the MVT library's reader (empty for 204). */
  static List<Geometry> features(Application a, TileCoord t, String query) throws Exception {
    HttpResponse<byte[]> r = get(a, "/tiles/threats/" + t + ".mvt" + query, "Accept-Encoding", "gzip");
    if (r.statusCode() == 204) {
      return List.of();
    }
    assertEquals(200, r.statusCode(), new String(r.body()));
    byte[] raw = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
    JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(raw), new GeometryFactory(), new TagKeyValueMapConverter());
    List<Geometry> out = new ArrayList<>();
    for (JtsLayer l : mvt.getLayers()) {
      assertEquals("threats", l.getName());
      out.addAll(l.getGeometries());
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> props(Geometry g) {
    return (Map<String, Object>) g.getUserData();
  }

  /** Reports counted in a tile's own area (buffer features lie outside 0..4096). */
  static long innerCount(List<Geometry> fs) {
    long n = 0;
    for (Geometry g : fs) {
      double x = g.getCoordinate().x;
      double y = g.getCoordinate().y;
      if (x >= 0 && x < 4096 && y >= 0 && y < 4096) {
        Object c = props(g).get("count");
        n += c == null ? 1 : ((Number) c).longValue();
      }
    }
    return n;
  }

  /** The sum of counts over every tile of zoom z covering the test area. */
  static long total(Application a, int z, String query) throws Exception {
    WebMercatorQuad w = WebMercatorQuad.INSTANCE;
    int s = Morton.LEVELS - z;
    long n = 0;
    for (int x = w.worldX(AREA[0], 0) >>> s; x <= w.worldX(AREA[2], 0) >>> s; x++) {
      for (int y = w.worldY(0, AREA[3]) >>> s; y <= w.worldY(0, AREA[1]) >>> s; y++) {
        n += innerCount(features(a, new TileCoord(z, x, y), query));
      }
    }
    return n;
  }

  long expected(String query) {
    Map<String, List<String>> params = new java.util.LinkedHashMap<>();
    if (!query.isEmpty()) {
      for (String kv : query.substring(1).split("&")) {
        String[] p = kv.split("=", 2);
        params.computeIfAbsent(p[0], k -> new ArrayList<>()).add(java.net.URLDecoder.decode(p[1],
            java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    pl.kmzb.visibility.VisibilityPolicy policy = app.visibility();
    ReportFilter f = policy.parse(params);
    if (!f.isSpatial()) {
      return app.store().count(f);
    }
    // Tiles answer area and bbox filters at the position the public map shows (the policy's).
    long[] n = {0};
    app.store().scan(policy.publicFilter(), r -> {
      if (policy.matches(f, r)) {
        n[0]++;
      }
    });
    return n[0];
  }

  void insert(long seed, int n) {
    app.store().insertAll(TestReports.random(seed, n), "test");
  }

  @Test
  void countsSumToTheFiltersTotalAtEveryZoom() throws Exception {
    insert(1, 2_000);
    for (String q : List.of("", "?category=illegal_parking,speeding", "?status=new&from=2021-01-01",
        "?area=1261011&status=verification", "?bbox=19.955,50.055,20.105,50.155")) {
      long want = expected(q);
      assertTrue(want > 0, q);
      for (int z = 0; z <= 16; z += (z < 8 ? 4 : 2)) {
        assertEquals(want, total(app, z, q), "zoom " + z + " filter " + q);
      }
    }
  }

  @Test
  void writesShowAtOnceAndChangeTheETag() throws Exception {
    insert(2, 500);
    TileCoord t = tileOf(19.95, 50.05, 10);
    HttpResponse<byte[]> before = get(app, "/tiles/threats/" + t + ".mvt", "Accept-Encoding", "gzip");
    String etag = before.headers().firstValue("ETag").orElseThrow();
    assertEquals(304, get(app, "/tiles/threats/" + t + ".mvt", "Accept-Encoding", "gzip", "If-None-Match", etag)
        .statusCode());
    long n0 = expected("");
    Report r = app.store().insert(new NewReport("illegal_parking", Status.NEW, new pl.kmzb.geo.LonLat(19.95, 50.05),
        java.time.Instant.now(), null, null, null, pl.kmzb.report.Source.CITIZEN, pl.kmzb.report.Teryt.NONE, null,
        null, false), "test");
    for (int z = 0; z <= 16; z += 4) {
      assertEquals(n0 + 1, total(app, z, ""), "after insert, zoom " + z);
    }
    HttpResponse<byte[]> after = get(app, "/tiles/threats/" + t + ".mvt", "Accept-Encoding", "gzip",
        "If-None-Match", etag);
    assertEquals(200, after.statusCode());
    assertNotEquals(etag, after.headers().firstValue("ETag").orElseThrow());
    Actor admin = new Actor("admin", Role.ADMINISTRATOR, java.util.Set.of());
    Report moved = app.store().changeStatus(r.id(), r.version(), new StatusChange(admin, Status.JOKE_OR_MISTAKE,
        "pomyłka"));
    assertEquals(n0, total(app, 12, ""), "a report leaving the public statuses leaves the tiles");
    Report second = app.store().insert(new NewReport("speeding", Status.NEW, new pl.kmzb.geo.LonLat(20.05, 50.15),
        java.time.Instant.now(), null, null, null, pl.kmzb.report.Source.CITIZEN, pl.kmzb.report.Teryt.NONE, null,
        null, false), "test");
    assertEquals(n0 + 1, total(app, 16, ""));
    app.store().softDelete(second.id(), second.version(), admin, "test");
    assertEquals(n0, total(app, 16, ""), "a deleted report leaves the tiles");
    assertEquals(Status.JOKE_OR_MISTAKE, moved.status());
  }

  @Test
  void concurrentWritersEachFindTheirReportInTheTilesWhenTheWriteReturns() throws Exception {
    insert(4, 300);
    int threads = 6;
    int each = 12;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
    for (int w = 0; w < threads; w++) {
      int writer = w;
      done.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          // Points about 700 m apart, so each is alone in its cell and drawn as itself at zoom 16.
          double lon = 15.0 + writer * 0.5 + i * 0.01;
          double lat = 53.0 + i * 0.007;
          Report r = app.store().insert(new NewReport("vandalism", Status.NEW, new pl.kmzb.geo.LonLat(lon, lat),
              java.time.Instant.now(), null, null, null, pl.kmzb.report.Source.OFFICER, pl.kmzb.report.Teryt.NONE,
              null, null, false), "test");
          boolean shown = features(app, tileOf(lon, lat, 16), "").stream()
              .anyMatch(g -> Long.valueOf(r.id()).equals(((Number) props(g).getOrDefault("id", -1L)).longValue()));
          assertTrue(shown, "report " + r.id() + " is in its zoom-16 tile when its insert returns");
        }
        return null;
      }));
    }
    pool.shutdown();
    for (java.util.concurrent.Future<?> f : done) {
      f.get();
    }
  }

  /**
   * A generalised category is shown at its cell centre and lives, for every public filter, in the
   * areas of that centre: two reports in one cell on both sides of a border are never told apart.
   */
  @Test
  void noPublicFilterSeparatesTwoReportsInOneGeneralisationCell() throws Exception {
    String category = "homeless_person_in_need";
    int metres = catalog.find(category).orElseThrow().rules().generaliseLocationM();
    assertTrue(metres > 0);
    pl.kmzb.geo.LonLat centre = pl.kmzb.visibility.LocationGeneraliser.generalise(new pl.kmzb.geo.LonLat(19.99, 50.1), metres);
    double w = pl.kmzb.visibility.LocationGeneraliser.cellWidthDegrees(metres);
    double border = centre.lon() + w / 4;
    pl.kmzb.geo.LonLat west = new pl.kmzb.geo.LonLat(centre.lon() + w / 8, centre.lat());
    pl.kmzb.geo.LonLat east = new pl.kmzb.geo.LonLat(centre.lon() + 3 * w / 8, centre.lat());
    assertEquals(centre, pl.kmzb.visibility.LocationGeneraliser.generalise(west, metres));
    assertEquals(centre, pl.kmzb.visibility.LocationGeneraliser.generalise(east, metres));
    org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
    java.util.function.BiFunction<Double, Double, Geometry> box = (minLon, maxLon) -> gf.toGeometry(
        new org.locationtech.jts.geom.Envelope(minLon, maxLon, 49.5, 50.5));
    for (pl.kmzb.boundary.BoundaryLevel level : pl.kmzb.boundary.BoundaryLevel.values()) {
      String suffix = switch (level) {
        case VOIVODESHIP -> "";
        case COUNTY -> "01";
        case MUNICIPALITY -> "01011";
      };
      pl.kmzb.boundary.BoundaryImporter.run(app.store(), new pl.kmzb.boundary.BoundaryImport(level, List.of(
          new pl.kmzb.boundary.Boundary(level, "12" + suffix, "zachód", box.apply(19.0, border)),
          new pl.kmzb.boundary.Boundary(level, "14" + suffix, "wschód", box.apply(border, 21.0))), 0, List.of()));
    }
    app.close();
    app = startServer();
    java.time.Instant at = java.time.Instant.parse("2026-11-30T10:00:00Z");
    for (pl.kmzb.geo.LonLat p : List.of(west, east)) {
      pl.kmzb.report.Teryt exact = pl.kmzb.report.Teryt.ofMunicipality(p == west ? "1201011" : "1401011");
      app.store().insert(new NewReport(category, Status.VERIFICATION, p, at, null, null, "osoba w kryzysie",
          pl.kmzb.report.Source.CITIZEN, exact, null, null, false), "test");
    }
    List<Report> stored = new ArrayList<>();
    app.store().scan(ReportFilter.ALL_INTERNAL, stored::add);
    assertEquals(List.of("12", "14"), stored.stream().map(r -> r.teryt().voivodeship()).sorted().toList(),
        "the stored (exact) codes differ across the border");
    WebMercatorQuad w3857 = WebMercatorQuad.INSTANCE;
    TileCoord tile = new TileCoord(16, w3857.worldX(centre.lon(), centre.lat()) >>> (Morton.LEVELS - 16),
        w3857.worldY(centre.lon(), centre.lat()) >>> (Morton.LEVELS - 16));
    List<Geometry> all = features(app, tile, "");
    assertEquals(1, all.size(), "both reports in one feature at their common public position");
    assertEquals(2L, ((Number) props(all.get(0)).get("count")).longValue());
    double tx = (w3857.worldX(centre.lon(), centre.lat()) - ((long) tile.x() << (Morton.LEVELS - 16)))
        / (double) (1L << (Morton.LEVELS - 16)) * 4096;
    double ty = (w3857.worldY(centre.lon(), centre.lat()) - ((long) tile.y() << (Morton.LEVELS - 16)))
        / (double) (1L << (Morton.LEVELS - 16)) * 4096;
    assertEquals(tx, all.get(0).getCoordinate().x, 1.0, "drawn at the cell centre");
    assertEquals(ty, all.get(0).getCoordinate().y, 1.0, "drawn at the cell centre");
    List<String> queries = new ArrayList<>();
    for (String suffix : List.of("", "01", "01011")) {
      queries.add("area=12" + suffix);
      queries.add("area=14" + suffix);
    }
    queries.add("area=12,14");
    double eps = w / 64;
    for (pl.kmzb.geo.LonLat p : List.of(west, east, centre)) {
      queries.add("bbox=" + (p.lon() - eps) + "," + (p.lat() - eps) + "," + (p.lon() + eps) + "," + (p.lat() + eps));
    }
    queries.add("bbox=" + border + ",49.5,21,50.5");
    queries.add("bbox=19,49.5," + border + ",50.5");
    for (String q : queries) {
      for (int z : new int[] {8, 12, 16}) {
        TileCoord t = new TileCoord(z, tile.x() >> (16 - z), tile.y() >> (16 - z));
        long n = innerCount(features(app, t, "?category=" + category + "&" + q));
        assertTrue(n == 0 || n == 2, q + " at zoom " + z + " separates the two reports: " + n);
        assertEquals(expected("?category=" + category + "&" + q), n, q + " at zoom " + z);
      }
    }
    assertEquals(2, innerCount(features(app, tile, "?area=12")), "the centre lies west of the border");
    assertEquals(0, innerCount(features(app, tile, "?area=14")));
  }

  /**
   * One client sending distinct filters spends its render budget and then gets 429 with
   * Retry-After; the same filter written another way is the same cache entry (no budget spent);
   * unfiltered tiles and other clients are never limited by it.
   */
  @Test
  void distinctFiltersSpendTheClientsBudgetAndRewordedFiltersHitTheCache() throws Exception {
    app.close();
    app = startServer("--tiles.filtered-render-ms-per-second=1", "--tiles.filtered-render-burst-ms=1",
        "--http.trusted-proxies=127.0.0.1");
    insert(5, 2_000);
    String first = "?category=illegal_parking,speeding&bbox=19.9,50.0,20.2,50.2";
    assertEquals(200, get(app, "/tiles/threats/2/2/1.mvt" + first).statusCode());
    String reworded = "?category=speeding&category=illegal_parking&bbox=19.90000000000001,50,20.2,50.200000000000001";
    int limited = 0;
    for (int i = 0; i < 40 && limited == 0; i++) {
      HttpResponse<byte[]> r = get(app, "/tiles/threats/2/2/1.mvt?from=2020-01-" + String.format("%02d", 1 + i % 28)
          + "T00:00:" + String.format("%02d", i / 28) + "Z");
      if (r.statusCode() == 429) {
        limited++;
        assertTrue(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
        assertProblem(r, 429, "render time");
      } else {
        assertEquals(200, r.statusCode(), new String(r.body()));
      }
    }
    assertEquals(1, limited, "distinct filters run out of budget");
    assertEquals(200, get(app, "/tiles/threats/2/2/1.mvt" + reworded).statusCode(),
        "the same filter reworded is the cached tile, whatever the budget");
    for (int z = 0; z <= 6; z++) {
      int status = get(app, "/tiles/threats/" + z + "/" + (1 << z) / 2 + "/" + (1 << z) / 3 + ".mvt").statusCode();
      assertTrue(status == 200 || status == 204, "unfiltered tiles are never limited: " + status);
    }
    assertEquals(200, get(app, "/tiles/threats/2/2/1.mvt?from=2019-05-05", "X-Forwarded-For", "198.51.100.7")
        .statusCode(), "another client (behind the trusted proxy) has its own budget");
  }

  /**
   * A refused request leaves the connection open: a flooder answered 429 reuses its connection
   * like one answered from the cache, instead of paying (and making the server pay) a new TCP
   * connection for every refusal (docs/PERFORMANCE.md, "Cache flooding"). Read on one raw socket,
   * so that no client library's reconnecting could hide a close.
   */
  @Test
  void aRefusalKeepsTheConnectionOpen() throws Exception {
    app.close();
    app = startServer("--tiles.filtered-render-ms-per-second=1", "--tiles.filtered-render-burst-ms=1");
    insert(5, 2_000);
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(10_000);
      java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      RawResponse refused = null;
      for (int i = 0; i < 40 && refused == null; i++) {
        RawResponse r = exchange(socket, in, "/tiles/threats/2/2/1.mvt?from=2020-02-" + String.format("%02d", 1 + i % 28)
            + "T00:00:" + String.format("%02d", i / 28) + "Z");
        if (r.status() == 429) {
          refused = r;
        } else {
          assertEquals(200, r.status());
          assertEquals("", r.header("connection"), "a rendered tile keeps the connection");
        }
      }
      assertTrue(refused != null, "distinct filters run out of budget");
      assertEquals("", refused.header("connection"), "no Connection: close on a refusal");
      assertTrue(refused.body().contains("render time"), refused.body());
      RawResponse next = exchange(socket, in, "/tiles/threats/2/2/1.mvt");
      assertTrue(next.status() == 200 || next.status() == 204, "the same connection answers the next request");
      // The debt of a few milliseconds may be repaid (1 ms a second) while the unfiltered tile is
      // answered on a slow machine, so the next filter may render once more: keep asking until the
      // budget refuses again, on the same connection.
      int secondRefusal = 0;
      for (int i = 0; i < 40 && secondRefusal == 0; i++) {
        int status = exchange(socket, in, "/tiles/threats/2/2/1.mvt?from=2021-03-" + String.format("%02d", 1 + i % 28)
            + "T00:00:" + String.format("%02d", i / 28) + "Z").status();
        if (status == 429) {
          secondRefusal = i + 1;
        } else {
          assertEquals(200, status);
        }
      }
      assertTrue(secondRefusal > 0, "and refuses a later filter on it again");
    }
  }

  /** One HTTP/1.1 response read off a raw socket: status, headers (lower-case names) and body. */
  record RawResponse(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name, "");
    }
  }

  static RawResponse exchange(java.net.Socket socket, java.io.InputStream in, String path) throws Exception {
    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    String statusLine = line(in);
    Map<String, String> headers = new java.util.HashMap<>();
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers.put(h.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), h.substring(colon + 1).strip());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    assertEquals(length, body.length, "the whole body arrives before the connection ends");
    return new RawResponse(Integer.parseInt(statusLine.split(" ")[1]), headers,
        new String(body, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String line(java.io.InputStream in) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new java.io.EOFException("the server closed the connection after: " + sb);
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Test
  void absoluteUrlsFollowTheTrustedProxyOrTheConfiguredPublicUrl() throws Exception {
    String[] forwarded = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "mapa.example.pl"};
    String direct = "http://127.0.0.1:" + app.port() + "/tiles/threats/{z}/{x}/{y}.mvt";
    assertEquals(direct, tileUrl(get(app, "/tiles/threats.json", forwarded)),
        "headers from a peer that is not a trusted proxy are ignored");
    app.close();
    app = startServer("--http.trusted-proxies=127.0.0.1");
    assertEquals("https://mapa.example.pl/tiles/threats/{z}/{x}/{y}.mvt", tileUrl(get(app, "/tiles/threats.json", forwarded)));
    assertEquals("https://mapa.example.pl:8443/tiles/threats/{z}/{x}/{y}.mvt", tileUrl(get(app, "/tiles/threats.json",
        "Forwarded", "for=192.0.2.1;proto=https;host=\"mapa.example.pl:8443\"")));
    assertEquals("http://127.0.0.1:" + app.port() + "/tiles/threats/{z}/{x}/{y}.mvt", tileUrl(get(app,
        "/tiles/threats.json", "X-Forwarded-Host", "evil.example/x?")), "a malformed host is not believed");
    app.close();
    app = startServer("--http.public-url=https://kmzb.example.gov.pl/mapa");
    assertEquals("https://kmzb.example.gov.pl/mapa/tiles/threats/{z}/{x}/{y}.mvt",
        tileUrl(get(app, "/tiles/threats.json", forwarded)));
    assertTrue(new String(get(app, "/tiles").body()).contains("\"https://kmzb.example.gov.pl/mapa/tiles/threats.json\""));
  }

  static String tileUrl(HttpResponse<byte[]> r) throws Exception {
    assertEquals(200, r.statusCode());
    return Json.MAPPER.readTree(r.body()).get("tiles").get(0).asText();
  }

  /**
   * Boundaries imported while the server runs move generalised reports into the areas of their
   * cell centres at once, even where their own (exact) codes do not change.
   */
  @Test
  void generalisedReportsFollowBoundariesImportedWhileTheServerRuns() throws Exception {
    app.close();
    app = startServer("--reference.poll-interval=PT0.2S");
    String category = "homeless_person_in_need";
    int metres = catalog.find(category).orElseThrow().rules().generaliseLocationM();
    pl.kmzb.geo.LonLat centre = pl.kmzb.visibility.LocationGeneraliser.generalise(new pl.kmzb.geo.LonLat(19.99, 50.1), metres);
    double w = pl.kmzb.visibility.LocationGeneraliser.cellWidthDegrees(metres);
    double border = centre.lon() - w / 4;
    pl.kmzb.geo.LonLat east = new pl.kmzb.geo.LonLat(centre.lon() + w / 8, centre.lat());
    // Stored with the codes the import below will give it, so the import changes no report.
    app.store().insert(new NewReport(category, Status.VERIFICATION, east, java.time.Instant.parse("2026-11-30T10:00:00Z"),
        null, null, null, pl.kmzb.report.Source.CITIZEN, new pl.kmzb.report.Teryt("14", null, null), null, null, false),
        "test");
    WebMercatorQuad m = WebMercatorQuad.INSTANCE;
    TileCoord tile = new TileCoord(12, m.worldX(centre.lon(), centre.lat()) >>> (Morton.LEVELS - 12),
        m.worldY(centre.lon(), centre.lat()) >>> (Morton.LEVELS - 12));
    assertEquals(0, innerCount(features(app, tile, "?area=14")), "no boundaries yet: the centre is in no area");
    org.locationtech.jts.geom.GeometryFactory gf = new org.locationtech.jts.geom.GeometryFactory();
    pl.kmzb.boundary.BoundaryImporter.run(app.store(), new pl.kmzb.boundary.BoundaryImport(
        pl.kmzb.boundary.BoundaryLevel.VOIVODESHIP, List.of(
            new pl.kmzb.boundary.Boundary(pl.kmzb.boundary.BoundaryLevel.VOIVODESHIP, "12", "zachód",
                gf.toGeometry(new org.locationtech.jts.geom.Envelope(19.0, border, 49.5, 50.5))),
            new pl.kmzb.boundary.Boundary(pl.kmzb.boundary.BoundaryLevel.VOIVODESHIP, "14", "wschód",
                gf.toGeometry(new org.locationtech.jts.geom.Envelope(border, 21.0, 49.5, 50.5)))), 0, List.of()));
    long deadline = System.currentTimeMillis() + 10_000;
    while (innerCount(features(app, tile, "?area=14")) != 1) {
      assertTrue(System.currentTimeMillis() < deadline, "the report never reached the area of its cell centre");
      Thread.sleep(100);
    }
    assertEquals(0, innerCount(features(app, tile, "?area=12")));
  }

  @Test
  void anonymousTilesRefuseTheSourceFilter() throws Exception {
    assertProblem(get(app, "/tiles/threats/0/0/0.mvt?source=citizen"), 400, "source");
  }

  @Test
  void httpRules() throws Exception {
    insert(3, 200);
    TileCoord t = tileOf(19.95, 50.05, 8);
    HttpResponse<byte[]> gz = get(app, "/tiles/threats/" + t + ".mvt", "Accept-Encoding", "gzip");
    assertEquals("gzip", gz.headers().firstValue("Content-Encoding").orElse(""));
    assertEquals("no-cache", gz.headers().firstValue("Cache-Control").orElse(""));
    assertEquals("*", gz.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertEquals("application/vnd.mapbox-vector-tile", gz.headers().firstValue("Content-Type").orElse(""));
    HttpResponse<byte[]> plain = get(app, "/tiles/threats/" + t + ".mvt");
    assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
    assertTrue(java.util.Arrays.equals(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes(),
        plain.body()));
    assertNotEquals(gz.headers().firstValue("ETag"), plain.headers().firstValue("ETag"));
    assertEquals(304, get(app, "/tiles/threats/" + t + ".mvt", "If-None-Match",
        "W/" + plain.headers().firstValue("ETag").orElseThrow()).statusCode());
    assertEquals(204, get(app, "/tiles/threats/8/0/0.mvt").statusCode(), "an empty tile");
    assertProblem(get(app, "/tiles/threats/" + t + ".mvt?colour=red"), 400, "colour");
    assertProblem(get(app, "/tiles/threats/" + t + ".mvt?category=nonsense"), 400, "category");
    assertProblem(get(app, "/tiles/threats/" + t + ".mvt?status=not_confirmed"), 400, "status");
    assertProblem(get(app, "/tiles/threats/17/0/0.mvt"), 404, "overzoom");
    assertProblem(get(app, "/tiles/threats/3/8/0.mvt"), 404, "outside");
    assertProblem(get(app, "/tiles/threats/x/0/0.mvt"), 400, "whole number");
    assertProblem(get(app, "/tiles/nothing/1/0/0.mvt"), 404, "threats");
    assertProblem(get(app, "/tiles/police-units/1/0/0.mvt?category=x"), 400, "no query parameters");
    assertEquals("public, max-age=3600", get(app, "/tiles/police-units/1/1/0.mvt").headers()
        .firstValue("Cache-Control").orElse(""));
    HttpResponse<byte[]> preflight = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
        + "/tiles/threats/1/1/0.mvt")).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(204, preflight.statusCode());
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("GET"));
  }

  @Test
  void tileJsonDescribesTheTileset() throws Exception {
    HttpResponse<byte[]> r = get(app, "/tiles/threats.json?category=speeding");
    assertEquals(200, r.statusCode());
    JsonNode j = Json.MAPPER.readTree(r.body());
    assertEquals("3.0.0", j.get("tilejson").asText());
    assertEquals("http://127.0.0.1:" + app.port() + "/tiles/threats/{z}/{x}/{y}.mvt?category=speeding",
        j.get("tiles").get(0).asText());
    assertEquals(16, j.get("maxzoom").asInt());
    assertEquals(14.0, j.get("bounds").get(0).asDouble());
    JsonNode fields = j.get("vector_layers").get(0).get("fields");
    assertTrue(fields.has("count") && fields.has("expansion_zoom") && fields.has("cat_illegal_parking")
        && fields.has("st_new") && fields.has("reported"));
    JsonNode index = Json.MAPPER.readTree(get(app, "/tiles").body());
    assertTrue(index.get("tilesets").toString().contains("police-units"));
  }

  @Test
  void gdalReadsOurTilesWithoutWarnings() throws Exception {
    ensureGdal();
    insert(4, 1_000);
    for (TileCoord t : List.of(tileOf(19.95, 50.05, 6), tileOf(19.95, 50.05, 14))) {
      HttpResponse<byte[]> r = get(app, "/tiles/threats/" + t + ".mvt");
      assertEquals(200, r.statusCode());
      Path file = dir.resolve(t.z() + "-" + t.x() + "-" + t.y() + ".mvt");
      Files.write(file, r.body());
      Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", "-oo", "X=" + t.x(), "-oo", "Y=" + t.y(), "-oo",
          "Z=" + t.z(), file.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), out);
      assertFalse(out.contains("Warning") || out.contains("ERROR"), out);
      assertTrue(out.contains("Layer name: threats"), out);
      int features = features(app, t, "").size();
      assertTrue(out.contains("Feature Count: " + features), "GDAL sees " + features + " features: " + out);
    }
  }

  static void ensureGdal() throws Exception {
    Process install = new ProcessBuilder("bash", pl.kmzb.testing.TestPostgis.projectRoot()
        .resolve("db/ensure-gdal.sh").toString()).redirectErrorStream(true).start();
    String out = new String(install.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, install.waitFor(), "db/ensure-gdal.sh: " + out);
  }

  static TileCoord tileOf(double lon, double lat, int z) {
    int s = Morton.LEVELS - z;
    WebMercatorQuad w = WebMercatorQuad.INSTANCE;
    return new TileCoord(z, w.worldX(lon, lat) >>> s, w.worldY(lon, lat) >>> s);
  }

  static void assertProblem(HttpResponse<byte[]> r, int status, String mentions) {
    assertEquals(status, r.statusCode(), new String(r.body()));
    assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    assertTrue(new String(r.body()).contains(mentions), new String(r.body()));
  }
}
