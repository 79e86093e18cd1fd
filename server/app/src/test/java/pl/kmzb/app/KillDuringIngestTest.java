package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.server.Application;
import pl.kmzb.testing.TestPostgis;

/**
 * kill -9 of a server while clients ingest: the server runs in a child JVM (the application's
 * {@code Main}, this test's class path), a client posts reports to it (and, on PostGIS, to a second
 * server in this JVM) from four threads and records every acknowledged id, and the child is killed
 * with SIGKILL half-way. Every acknowledged report must be stored; on PostGIS the surviving server's
 * tile counts must equal what the database holds; the embedded file must pass
 * {@code PRAGMA integrity_check} and a server started again on it must count exactly what it holds.
 */
class KillDuringIngestTest {
  @TempDir
  Path dir;

  /** Two servers (one a child JVM) on a cluster of their own; bench/faults.sh runs it too. */
  @Test
  void killingOneOfTwoServersOnPostgisLosesNoAcknowledgedReport() throws Exception {
    try (TestPostgis.Cluster db = TestPostgis.newCluster();
        Application survivor = Application.start(ConfigLoader.load(List.of("--http.port=0", "--http.host=127.0.0.1",
            "--store=postgis", "--postgis.url=" + db.url(), "--access-log=off", "--http.trusted-proxies=127.0.0.1",
            "--citizen.reports-per-window=1000000", "--auth.admin-password=" + ApplicationTest.ADMIN_PASSWORD),
            Map.of()))) {
      ApplicationTest.awaitReady(survivor);
      long tileBefore = tileCount(survivor.port());
      long rowsBefore = rows(db.url(), "SELECT count(*) FROM report");
      Process victim = child("victim", "--store=postgis", "--postgis.url=" + db.url());
      try {
        int victimPort = awaitChild(victim);
        Set<Long> acknowledged = ingestAndKill(victim, List.of(victimPort, survivor.port()));
        assertEquals(List.of(), missing(db.url(), acknowledged), "acknowledged reports lost");
        long stored = rows(db.url(), "SELECT count(*) FROM report") - rowsBefore;
        assertTrue(stored >= acknowledged.size(), stored + " stored, " + acknowledged.size() + " acknowledged");
        // Exact: every report the database holds (acknowledged or cut off after its commit) is counted once.
        awaitTileCount(survivor.port(), tileBefore + stored);
      } finally {
        victim.destroyForcibly().waitFor();
      }
    }
  }

  @Test
  void killingAServerOnTheEmbeddedStoreLosesNoAcknowledgedReport() throws Exception {
    Path file = dir.resolve("kmzb.sqlite");
    Process victim = child("embedded", "--store=embedded", "--embedded.file=" + file);
    Set<Long> acknowledged;
    try {
      acknowledged = ingestAndKill(victim, List.of(awaitChild(victim)));
    } finally {
      victim.destroyForcibly().waitFor();
    }
    String url = "jdbc:sqlite:" + file;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertEquals("ok", rs.getString(1));
    }
    assertEquals(List.of(), missing(url, acknowledged), "acknowledged reports lost");
    long stored = rows(url, "SELECT count(*) FROM report");
    try (Application again = Application.start(ConfigLoader.load(List.of("--http.port=0", "--http.host=127.0.0.1",
        "--embedded.file=" + file, "--access-log=off", "--auth.admin-password=" + ApplicationTest.ADMIN_PASSWORD),
        Map.of()))) {
      ApplicationTest.awaitReady(again);
      awaitTileCount(again.port(), stored);
    }
  }

  /**
   * Four clients post reports round-robin to {@code ports} for about 4 s; the victim gets SIGKILL
   * after 2 s. Refused or cut-off requests are not acknowledged; a 201 is.
   */
  static Set<Long> ingestAndKill(Process victim, List<Integer> ports) throws Exception {
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger afterKill = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      SplittableRandom rnd = new SplittableRandom(t);
      int first = t;
      Thread c = new Thread(() -> {
        for (int i = first; !stop.get(); i++) {
          int port = ports.get(i % ports.size());
          String body = "{\"category\":\"illegal_parking\",\"lon\":" + (19.8 + rnd.nextDouble() * 0.3) + ",\"lat\":"
              + (50.0 + rnd.nextDouble() * 0.1) + "}";
          try {
            HttpResponse<String> r = ApplicationTest.HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/reports")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10.0." + rnd.nextInt(256) + "." + (1 + rnd.nextInt(254)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
              acknowledged.add(ApplicationTest.JSON.readTree(r.body()).get("id").asLong());
              if (killed.get()) {
                afterKill.incrementAndGet();
              }
            }
          } catch (Exception e) {
            // the killed server: refused or cut off, so not acknowledged
          }
        }
      }, "ingest-" + t);
      c.start();
      clients.add(c);
    }
    Thread.sleep(2_000);
    int beforeKill = acknowledged.size();
    victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no flush
    killed.set(true);
    assertTrue(victim.waitFor(30, TimeUnit.SECONDS), "the child did not die");
    Thread.sleep(ports.size() > 1 ? 2_000 : 200);
    stop.set(true);
    for (Thread c : clients) {
      c.join(30_000);
    }
    assertTrue(beforeKill > 0, "nothing was acknowledged before the kill");
    if (ports.size() > 1) {
      assertTrue(afterKill.get() > 0, "the survivor acknowledged nothing after the kill");
    }
    return acknowledged;
  }

  /** The acknowledged ids the store does not hold. */
  static List<Long> missing(String url, Set<Long> ids) throws Exception {
    List<Long> missing = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM report WHERE id = ?")) {
      for (long id : ids) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) != 1) {
            missing.add(id);
          }
        }
      }
    }
    return missing;
  }

  static long rows(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A server in a child JVM on a free port, its output in a file; call {@link #awaitChild}. */
  Process child(String name, String... settings) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-cp", System.getProperty("java.class.path"), "pl.kmzb.app.Main", "serve",
        "--http.host=127.0.0.1", "--http.port=" + port, "--access-log=off", "--http.trusted-proxies=127.0.0.1",
        "--citizen.reports-per-window=1000000", "--auth.admin-password=" + ApplicationTest.ADMIN_PASSWORD));
    command.addAll(List.of(settings));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    ports.put(p, port);
    return p;
  }

  private final Map<Process, Integer> ports = new ConcurrentHashMap<>();

  /** Waits until the child's /health says ready; returns its port. */
  int awaitChild(Process p) throws Exception {
    int port = ports.get(p);
    long t0 = System.nanoTime();
    while (true) {
      assertTrue(p.isAlive(), "the child server exited; see " + dir);
      try {
        if (ApplicationTest.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return port;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      assertTrue(System.nanoTime() - t0 < 120_000_000_000L, "the child server was not ready within 120 s");
      Thread.sleep(200);
    }
  }

  /** Waits (up to 20 s) until the z0 threats tile counts {@code expected} reports, and asserts it. */
  static void awaitTileCount(int port, long expected) throws Exception {
    long t0 = System.nanoTime();
    long n;
    while ((n = tileCount(port)) != expected && System.nanoTime() - t0 < 20_000_000_000L) {
      Thread.sleep(100);
    }
    assertEquals(expected, n, "reports in the z0 tile");
  }

  /** Reports in the z0 threats tile: clusters' {@code count}, single reports 1. */
  static long tileCount(int port) throws Exception {
    HttpResponse<byte[]> r = ApplicationTest.HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/tiles/threats/0/0/0.mvt")).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 204) {
      return 0;
    }
    assertEquals(200, r.statusCode());
    long n = 0;
    for (JtsLayer l : MvtReader.loadMvt(new ByteArrayInputStream(r.body()), new GeometryFactory(),
        new TagKeyValueMapConverter()).getLayers()) {
      for (Geometry g : l.getGeometries()) {
        Object count = ((Map<?, ?>) g.getUserData()).get("count");
        n += count == null ? 1 : ((Number) count).longValue();
      }
    }
    return n;
  }
}
