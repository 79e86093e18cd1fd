package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import pl.kmzb.testing.TestPostgis;

/** Start-up against a PostGIS that is down, not ready yet, or refuses: a bounded wait and one line. */
class PostgisConnectTest {
  @Test
  void givesUpAfterTheWaitWithOneLineNamingTheUrlAndTheCause() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/kmzb";
    long t0 = System.nanoTime();
    StoreException e = assertThrows(StoreException.class, () -> PostgisConnect.await(url, "", "", Duration.ofSeconds(2)));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms >= 2_000 && ms < 15_000, ms + " ms");
    assertTrue(e.getMessage().startsWith("cannot connect to PostGIS at " + url + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("waited 2 s: postgis.connect-wait"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aWrongDatabaseFailsAtOnce() {
    String base = TestPostgis.baseUrl();
    int q = base.indexOf('?');
    String head = q < 0 ? base : base.substring(0, q);
    String url = head.substring(0, head.lastIndexOf('/') + 1) + "no_such_database" + (q < 0 ? "" : base.substring(q));
    long t0 = System.nanoTime();
    StoreException e = assertThrows(StoreException.class, () -> PostgisConnect.await(url, "", "", Duration.ofSeconds(60)));
    assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "no waiting for what waiting cannot mend");
    assertTrue(e.getMessage().contains("no_such_database"), e.getMessage());
  }

  @Test
  void waitsForADatabaseThatComesUpDuringTheWait() throws Exception {
    try (TestPostgis.Cluster db = TestPostgis.newCluster()) {
      TestPostgis.script("kill", db.stateDir().toString());
      Thread restart = new Thread(() -> {
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          return;
        }
        TestPostgis.script("restart", db.stateDir().toString());
      });
      restart.start();
      long t0 = System.nanoTime();
      PostgisConnect.await(db.url(), "", "", Duration.ofSeconds(120));
      assertTrue(System.nanoTime() - t0 >= 2_000_000_000L, "it was down for 2 s");
      restart.join();
    }
  }
}
