package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.testing.LatePort;
import pl.kmzb.testing.TestPostgis;

/** Start-up against a PostGIS that is down or not ready yet: one line on giving up, a bounded wait, success when it comes up. */
class DatabaseWaitTest {

  private static ServerConfig postgis(String url, String wait) {
    return ConfigLoader.load(List.of("--store=postgis", "--postgis.url=" + url, "--postgis.connect-wait=" + wait),
        Map.of());
  }

  @Test
  void aClosedPortWithoutWaitFailsAtOnceWithOneLineNamingTheUrlAndTheCause() throws IOException {
    int port = LatePort.freePort();
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/kmzb?user=kmzb&password=s3cret";
    long t0 = System.nanoTime();
    DatabaseUnreachableException e = assertThrows(DatabaseUnreachableException.class,
        () -> Stores.open(postgis(url, "PT0S")));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(millis < 5_000, "gave up after " + millis + " ms");
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.startsWith("PostGIS at jdbc:postgresql://127.0.0.1:" + port + "/kmzb?user=kmzb&password=*** not reachable"),
        m);
    assertTrue(m.contains("refused") && m.contains("SQLSTATE 08"), m);
    assertFalse(m.contains("s3cret"), m);
    assertEquals(0, e.getStackTrace().length, "the line is the whole message: no trace to print");
  }

  @Test
  void aClosedPortIsTriedAgainUntilTheWaitRunsOut() throws IOException {
    int port = LatePort.freePort();
    long t0 = System.nanoTime();
    DatabaseUnreachableException e = assertThrows(DatabaseUnreachableException.class,
        () -> Stores.open(postgis("jdbc:postgresql://127.0.0.1:" + port + "/kmzb", "PT2S")));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(millis >= 1_900 && millis < 8_000, "gave up after " + millis + " ms");
    assertTrue(e.getMessage().matches(".* not reachable after \\d+ attempts in \\d+ s: .*refused.*"), e.getMessage());
  }

  @Test
  void aDatabaseThatComesUpWithinTheWaitIsUsed() throws Exception {
    String real = TestPostgis.createDatabase();
    URI target = URI.create(real.substring("jdbc:".length()));
    try (LatePort late = LatePort.forwardingAfter(1_500, new InetSocketAddress(target.getHost(), target.getPort()))) {
      String url = real.replace(target.getHost() + ":" + target.getPort(), "127.0.0.1:" + late.port());
      long t0 = System.nanoTime();
      try (ReportStore store = Stores.open(postgis(url, "PT30S"))) {
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis >= 1_400, "connected after " + millis + " ms, before the port opened?");
        assertEquals("postgis", store.kind());
        assertEquals(0, store.lastChangeSeq());
      }
    }
  }

  @Test
  void aMissingDatabaseIsNotWaitedFor() {
    String real = TestPostgis.createDatabase();
    String missing = TestPostgis.withDatabaseName(real, "kmzb_no_such_database");
    long t0 = System.nanoTime();
    DatabaseUnreachableException e = assertThrows(DatabaseUnreachableException.class,
        () -> Stores.open(postgis(missing, "PT60S")));
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(millis < 10_000, "waited " + millis + " ms for a database that does not exist");
    assertTrue(e.getMessage().contains("3D000") && e.getMessage().contains("kmzb_no_such_database"), e.getMessage());
  }

  @Test
  void passwordsAreRedactedFromUrls() {
    assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
        DatabaseWait.redacted("jdbc:postgresql://h/db?user=u&password=p%40ss&ssl=true"));
    assertEquals("jdbc:postgresql://h/db?PASSWORD=***", DatabaseWait.redacted("jdbc:postgresql://h/db?PASSWORD=x"));
  }
}
