package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.server.Application;
import pl.kmzb.store.StoreException;
import pl.kmzb.testing.TestPostgis;

/**
 * A read-only server on a real PostgreSQL streaming replica ({@code pg_basebackup -R} of a primary
 * the test tooling starts): it serves what the primary's server wrote, follows new writes by polling
 * the replicated change log, refuses every write with a problem naming the mode, and never migrates.
 */
class ReadOnlyStandbyTest {
  static final String KRAKOW = "{\"category\":\"illegal_parking\",\"lon\":19.9383,\"lat\":50.0614}";
  static final String TILE = "/tiles/threats/0/0/0.mvt";
  static final String POLICE_TILE = "/tiles/police-threats/0/0/0.mvt";

  @TempDir
  Path dir;

  ServerConfig config(String name, String url, boolean readOnly, String... more) {
    List<String> args = new ArrayList<>(List.of("--http.port=0", "--http.host=127.0.0.1", "--store=postgis",
        "--postgis.url=" + url, "--store.read-only=" + readOnly, "--access-log=" + dir.resolve(name + ".log"),
        "--auth.admin-password=" + ApplicationTest.ADMIN_PASSWORD));
    args.addAll(Arrays.asList(more));
    return ConfigLoader.load(args, Map.of());
  }

  @Test
  void aStandbyServesTheReplicaFollowsThePrimaryAndRefusesWrites() throws Exception {
    try (TestPostgis.Cluster primary = TestPostgis.newCluster();
        TestPostgis.Cluster replica = TestPostgis.newReplica(primary)) {
      refusesASchemaItDidNotFind(primary);
      try (Application writer = Application.start(config("primary", primary.url(), false, "--demo.reports=3000"))) {
        ApplicationTest.awaitReady(writer);
        awaitReplay(primary, replica);
        try (Application standby = Application.start(config("standby", replica.url(), true))) {
          ApplicationTest.awaitReady(standby);
          assertArrayEquals(tile(writer, TILE, null), tile(standby, TILE, null), "the same tile from the same data");

          String bearer = "Bearer " + login(writer);
          refusesWrites(standby, bearer);
          servesReads(standby, bearer);
          followsThePrimary(writer, standby, bearer);
        }
      }
    }
  }

  /** A read-only server on a database no server migrated stops with one message and creates nothing. */
  void refusesASchemaItDidNotFind(TestPostgis.Cluster primary) throws Exception {
    StoreException e = assertThrows(StoreException.class,
        () -> Application.start(config("empty", primary.url(), true)).close());
    assertTrue(e.getMessage().contains("store.read-only=true") && e.getMessage().contains("start a server on the primary"),
        e.getMessage());
    try (Connection c = DriverManager.getConnection(primary.url()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
            + " AND tablename <> 'spatial_ref_sys'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "a read-only server must not migrate");
    }
  }

  void refusesWrites(Application standby, String bearer) throws Exception {
    List<HttpResponse<String>> refused = List.of(
        send(standby, "POST", "/api/reports", "application/json", KRAKOW, null),
        send(standby, "PATCH", "/api/reports/1", "application/json", "{\"status\":\"verification\"}", bearer),
        send(standby, "DELETE", "/api/reports/1", null, null, bearer),
        send(standby, "POST", "/api/auth/token", "application/json",
            "{\"username\":\"admin\",\"password\":\"" + ApplicationTest.ADMIN_PASSWORD + "\"}", null),
        send(standby, "DELETE", "/api/auth/token", null, null, bearer),
        send(standby, "POST", "/api/users", "application/json",
            "{\"username\":\"o1\",\"password\":\"officer-password-1\",\"role\":\"officer\",\"areas\":[\"12\"]}", bearer));
    for (HttpResponse<String> r : refused) {
      assertEquals(503, r.statusCode(), r.request().method() + " " + r.request().uri() + ": " + r.body());
      assertEquals("application/problem+json", r.headers().firstValue("content-type").orElse(""));
      JsonNode problem = ApplicationTest.JSON.readTree(r.body());
      assertTrue(problem.get("detail").asText().contains("read-only (store.read-only=true"), r.body());
    }
    // WFS-T: the POST stays open for queries; the store refuses the transaction's write.
    HttpResponse<String> wfsT = send(standby, "POST", "/wfs", "application/xml", "<wfs:Transaction service=\"WFS\""
        + " version=\"2.0.0\" xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:gml=\"http://www.opengis.net/gml/3.2\""
        + " xmlns:kmzb=\"http://kmzb.pl/features\"><wfs:Insert><kmzb:police.reports><kmzb:geometry><gml:Point"
        + " gml:id=\"p\" srsName=\"urn:ogc:def:crs:EPSG::4326\"><gml:pos>50.0614 19.9383</gml:pos></gml:Point>"
        + "</kmzb:geometry><kmzb:category>illegal_parking</kmzb:category></kmzb:police.reports></wfs:Insert>"
        + "</wfs:Transaction>", basicAdmin());
    assertTrue(wfsT.body().contains("ExceptionReport") && wfsT.body().contains("store.read-only=true"), wfsT.body());
    // OperationProcessingFailed, whose status WFS 2.0 gives as 403.
    assertEquals(403, wfsT.statusCode(), wfsT.body());
  }

  void servesReads(Application standby, String bearer) throws Exception {
    HttpResponse<String> query = send(standby, "POST", "/wfs", "application/xml", "<wfs:GetFeature"
        + " xmlns:wfs=\"http://www.opengis.net/wfs/2.0\" xmlns:kmzb=\"http://kmzb.pl/features\" service=\"WFS\""
        + " version=\"2.0.0\" count=\"3\"><wfs:Query typeNames=\"kmzb:threats.points\"/></wfs:GetFeature>", null);
    assertEquals(200, query.statusCode(), query.body());
    assertTrue(query.body().contains("numberReturned=\"3\""), query.body());
    assertEquals(200, ApplicationTest.get(standby, "/ogc/features/collections/threats.points/items?limit=2")
        .statusCode());
    assertEquals(200, ApplicationTest.get(standby, "/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=threats"
        + "&STYLES=&CRS=EPSG:3857&BBOX=1500000,6200000,2700000,7400000&WIDTH=256&HEIGHT=256&FORMAT=image/png")
        .statusCode());
    // A token the primary issued replicates: police reads work on the standby with it.
    assertEquals(200, send(standby, "GET", "/api/reports?limit=2", null, null, bearer).statusCode());
    assertEquals(200, tileResponse(standby, POLICE_TILE, bearer).statusCode());
  }

  /** A report acknowledged by the primary's server reaches the standby's tiles, public and police. */
  void followsThePrimary(Application writer, Application standby, String bearer) throws Exception {
    byte[] before = tile(writer, TILE, null);
    HttpResponse<String> created = send(writer, "POST", "/api/reports", "application/json", KRAKOW, null);
    assertEquals(201, created.statusCode(), created.body());
    long id = ApplicationTest.JSON.readTree(created.body()).get("id").asLong();
    byte[] after = tile(writer, TILE, null);
    assertFalse(Arrays.equals(before, after), "the writer's tile shows the new report when the POST returns");
    long t0 = System.nanoTime();
    while (!Arrays.equals(after, tile(standby, TILE, null))
        || !Arrays.equals(tile(writer, POLICE_TILE, bearer), tile(standby, POLICE_TILE, bearer))) {
      assertTrue(System.nanoTime() - t0 < 15_000_000_000L, "the standby's tiles did not follow within 15 s");
      Thread.sleep(20);
    }
    assertEquals(200, ApplicationTest.get(standby, "/api/reports/" + id).statusCode());
  }

  static String login(Application app) throws Exception {
    HttpResponse<String> r = send(app, "POST", "/api/auth/token", "application/json",
        "{\"username\":\"admin\",\"password\":\"" + ApplicationTest.ADMIN_PASSWORD + "\"}", null);
    assertEquals(201, r.statusCode(), r.body());
    return ApplicationTest.JSON.readTree(r.body()).get("token").asText();
  }

  static String basicAdmin() {
    return "Basic " + Base64.getEncoder().encodeToString(("admin:" + ApplicationTest.ADMIN_PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
  }

  static HttpResponse<String> send(Application app, String method, String path, String type, String body,
      String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return ApplicationTest.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> tileResponse(Application app, String path, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return ApplicationTest.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static byte[] tile(Application app, String path, String authorization) throws Exception {
    HttpResponse<byte[]> r = tileResponse(app, path, authorization);
    assertEquals(200, r.statusCode(), path);
    return r.body();
  }

  /** Waits until the replica has replayed everything the primary wrote so far. */
  static void awaitReplay(TestPostgis.Cluster primary, TestPostgis.Cluster replica) throws Exception {
    String target;
    try (Connection c = DriverManager.getConnection(primary.url()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()::text")) {
      rs.next();
      target = rs.getString(1);
    }
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (Connection c = DriverManager.getConnection(replica.url())) {
      while (true) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn")) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
        assertTrue(System.nanoTime() < deadline, "the replica did not replay up to " + target + " within 60 s");
        Thread.sleep(20);
      }
    }
  }
}
