package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.Source;
import pl.kmzb.testing.TestPostgis;

/**
 * The stronger case on PostGIS: the database server itself is killed with SIGKILL while reports
 * are being written. After crash recovery every acknowledged report is there. Runs on a cluster
 * of its own so the shared one is never crashed under other tests.
 */
class PostgisServerCrashTest {
  Path state;
  String url;

  @BeforeEach
  void startOwnCluster() {
    List<String> out = TestPostgis.script("start");
    url = out.stream().filter(l -> l.startsWith("jdbc:")).findFirst().orElseThrow();
    state = out.stream().filter(l -> l.startsWith("STATE_DIR=")).map(l -> Path.of(l.substring(10))).findFirst().orElseThrow();
  }

  @AfterEach
  void stopOwnCluster() {
    TestPostgis.script("stop", state.toString());
  }

  @Test
  void acknowledgedWritesSurviveAServerCrash() throws Exception {
    List<Long> acked = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    try (ReportStore store = PostgisReportStore.open(url, null, null, 4)) {
      Thread writer = new Thread(() -> {
        for (int i = 0; !stop.get(); i++) {
          try {
            acked.add(store.insert(NewReport.of("speeding", new LonLat(21.0, 52.2), Instant.now(), Source.OFFICER)
                .withExternalId("crash-" + i), "crash-test").id());
          } catch (StoreException e) {
            // The server is down: the write was not acknowledged, so it may or may not be stored.
          }
        }
      });
      writer.start();
      while (acked.size() < 200) {
        Thread.sleep(5);
      }
      TestPostgis.script("kill", state.toString());
      int ackedBeforeCrash = acked.size();
      stop.set(true);
      writer.join(30_000);
      TestPostgis.script("restart", state.toString());
      assertTrue(ackedBeforeCrash >= 200);
    }
    try (ReportStore store = PostgisReportStore.open(url, null, null, 2)) {
      for (long id : List.copyOf(acked)) {
        assertTrue(store.find(id).isPresent(), "acknowledged report " + id + " lost in the crash");
      }
      assertEquals(store.count(pl.kmzb.filter.ReportFilter.ALL_INTERNAL), store.changesSince(0, Integer.MAX_VALUE).size());
    }
  }
}
