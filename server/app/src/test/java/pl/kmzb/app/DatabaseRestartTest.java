package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.server.Application;
import pl.kmzb.testing.TestPostgis;

/**
 * PostgreSQL stopped and started under two running servers ({@code db/pg-test-cluster.sh stop-db} /
 * {@code start-db} on a cluster of the test's own): while it is down every request that needs the
 * database answers 503 with Retry-After in its protocol's form within the pool's connection timeout,
 * and /health says degraded; once it is back both servers answer again without a restart, and the
 * change-log followers of each (cluster index, statistics, the LISTEN feeds) resume and show what the
 * other server wrote.
 */
class DatabaseRestartTest {
  static final String KRAKOW = "{\"category\":\"illegal_parking\",\"lon\":19.9383,\"lat\":50.0614}";
  static final String TILE = "/tiles/threats/0/0/0.mvt";
  static final String POLICE_TILE = "/tiles/police-threats/0/0/0.mvt";
  /** postgis.connection-timeout of the servers here, and how long a refused request may take at most. */
  static final long TIMEOUT_MS = 1_000;
  static final long BOUND_MS = 8_000;

  @TempDir
  Path dir;

  ServerConfig config(String name, String url, String... more) {
    List<String> args = new ArrayList<>(List.of("--http.port=0", "--http.host=127.0.0.1", "--store=postgis",
        "--postgis.url=" + url, "--access-log=" + dir.resolve(name + ".log"), "--postgis.connection-timeout=PT1S",
        "--citizen.reports-per-window=1000", "--auth.admin-password=" + ApplicationTest.ADMIN_PASSWORD));
    args.addAll(Arrays.asList(more));
    return ConfigLoader.load(args, Map.of());
  }

  @Test
  void aDatabaseRestartIsA503WithRetryAfterAndTheServersRecoverWithoutARestart() throws Exception {
    try (TestPostgis.Cluster db = TestPostgis.newCluster();
        Application a = Application.start(config("a", db.url(), "--demo.reports=2000"))) {
      ApplicationTest.awaitReady(a);
      try (Application b = Application.start(config("b", db.url()))) {
        ApplicationTest.awaitReady(b);
        String bearer = "Bearer " + ReadOnlyStandbyTest.login(a);
        assertEquals(200, ReadOnlyStandbyTest.tileResponse(a, POLICE_TILE, bearer).statusCode());
        awaitFeeds(db, 4); // the index's and the statistics' LISTEN feeds of both servers

        TestPostgis.script("stop-db", db.stateDir().toString());
        refusedWhileDown(a, bearer);
        refusedWhileDown(b, bearer);

        TestPostgis.script("start-db", db.stateDir().toString());
        long id = postUntilAccepted(b);
        recovered(a, b, bearer, id);
        awaitFeeds(db, 4);
      }
    }
  }

  /** What needs the database answers 503 + Retry-After in its protocol's form, in bounded time. */
  void refusedWhileDown(Application app, String bearer) throws Exception {
    assertUnavailable(ReadOnlyStandbyTest.send(app, "POST", "/api/reports", "application/json", KRAKOW, null),
        "application/problem+json", "database is unavailable");
    assertUnavailable(ApplicationTest.get(app, "/ogc/features/collections/threats.points/items?limit=2"),
        "application/problem+json", "database is unavailable");
    assertUnavailable(ApplicationTest.get(app, "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature"
        + "&TYPENAMES=kmzb:threats.points&COUNT=2"), "application/xml", "ows:ExceptionReport");
    // A police tile checks the caller's token in the user store; a WMS map of police reports reads the store.
    HttpResponse<byte[]> tile = ReadOnlyStandbyTest.tileResponse(app, POLICE_TILE, bearer);
    assertEquals(503, tile.statusCode(), new String(tile.body()));
    assertEquals("5", tile.headers().firstValue("Retry-After").orElse(""));
    assertUnavailable(ReadOnlyStandbyTest.send(app, "GET", "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap"
        + "&LAYERS=police.reports&STYLES=&CRS=EPSG:3857&BBOX=1500000,6200000,2700000,7400000&WIDTH=256&HEIGHT=256"
        + "&FORMAT=image/png", null, null, ReadOnlyStandbyTest.basicAdmin()), "text/xml", "ServiceExceptionReport");
    // Anonymous threats tiles come from the cluster index in memory: they stay 200 (as of the last change
    // the index applied) rather than fail with the database.
    assertEquals(200, ReadOnlyStandbyTest.tileResponse(app, TILE, null).statusCode());
    HttpResponse<String> health = ApplicationTest.get(app, "/health");
    assertUnavailable(health, "application/json", "\"degraded\"");
  }

  static void assertUnavailable(HttpResponse<String> r, String type, String text) {
    String what = r.request().method() + " " + r.request().uri() + ": " + r.body();
    assertEquals(503, r.statusCode(), what);
    assertEquals("5", r.headers().firstValue("Retry-After").orElse(""), what);
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith(type), what);
    assertTrue(r.body().contains(text), what);
  }

  /** B's first accepted report once the database is back (a request may still meet the old pool). */
  long postUntilAccepted(Application b) throws Exception {
    long t0 = System.nanoTime();
    while (true) {
      long r0 = System.nanoTime();
      HttpResponse<String> r = ReadOnlyStandbyTest.send(b, "POST", "/api/reports", "application/json", KRAKOW, null);
      assertTrue((System.nanoTime() - r0) / 1_000_000 < BOUND_MS, "a request took longer than " + BOUND_MS + " ms");
      if (r.statusCode() == 201) {
        return ApplicationTest.JSON.readTree(r.body()).get("id").asLong();
      }
      assertEquals(503, r.statusCode(), r.body());
      assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "no write accepted within 30 s of the restart");
      Thread.sleep(200);
    }
  }

  /**
   * Both servers answer again; A's index and statistics show B's report, written after A was cut off.
   * B having accepted a write says nothing of A's pool, which reconnects on its own backoff: until it
   * has, A's answers are still the outage's 503 + Retry-After.
   */
  void recovered(Application a, Application b, String bearer, long id) throws Exception {
    long t0 = System.nanoTime();
    long seq = b.store().lastChangeSeq();
    while (true) {
      byte[] atA = tileOnceBack(a, bearer);
      boolean tiles = atA != null && Arrays.equals(atA, ReadOnlyStandbyTest.tile(b, POLICE_TILE, bearer));
      JsonNode stats = ApplicationTest.JSON.readTree(ReadOnlyStandbyTest.send(a, "GET",
          "/api/statistics?period=all&level=country", null, null, bearer).body());
      if (tiles && stats.path("dataVersion").asLong() >= seq) {
        break;
      }
      assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "A's followers did not catch up within 20 s: " + stats);
      Thread.sleep(100);
    }
    assertArrayEquals(ReadOnlyStandbyTest.tile(a, TILE, null), ReadOnlyStandbyTest.tile(b, TILE, null));
    assertEquals(200, ReadOnlyStandbyTest.send(a, "GET", "/api/reports/" + id, null, null, bearer).statusCode());
    HttpResponse<String> own = ReadOnlyStandbyTest.send(a, "POST", "/api/reports", "application/json", KRAKOW, null);
    assertEquals(201, own.statusCode(), own.body());
    assertEquals(200, ApplicationTest.get(a, "/ogc/features/collections/threats.points/items?limit=2").statusCode());
    assertEquals(200, ApplicationTest.get(a, "/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature"
        + "&TYPENAMES=kmzb:threats.points&COUNT=2").statusCode());
    assertEquals(200, ApplicationTest.get(a, "/health").statusCode());
    assertEquals(200, ApplicationTest.get(b, "/health").statusCode());
  }

  /** A's police tile, or null while A still answers the outage's 503 (checked to carry Retry-After). */
  static byte[] tileOnceBack(Application a, String bearer) throws Exception {
    HttpResponse<byte[]> r = ReadOnlyStandbyTest.tileResponse(a, POLICE_TILE, bearer);
    if (r.statusCode() == 503) {
      assertEquals("5", r.headers().firstValue("Retry-After").orElse(""), new String(r.body()));
      return null;
    }
    assertEquals(200, r.statusCode(), new String(r.body()));
    return r.body();
  }

  /** Waits until {@code n} change feeds LISTEN on the database (they reconnect with a backoff up to 5 s). */
  static void awaitFeeds(TestPostgis.Cluster db, int n) throws Exception {
    long t0 = System.nanoTime();
    while (true) {
      try (Connection c = DriverManager.getConnection(db.url()); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
              + " 'kmzb-change-feed' AND datname = current_database()")) {
        rs.next();
        if (rs.getInt(1) >= n) {
          return;
        }
      }
      assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "fewer than " + n + " change feeds listening after 20 s");
      Thread.sleep(200);
    }
  }
}
