package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public map in a real browser over a server with demo data. */
class PublicMapTest {
  static final int DEMO_REPORTS = 3000;
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dir;
  static MapServer server;

  @BeforeAll
  static void start() throws Exception {
    server = MapServer.start(dir, DEMO_REPORTS);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** The reports the public sees, as the store counts them. */
  static long publicReports() {
    return server.app().store().count(server.app().visibility().publicFilter());
  }

  static long total(Browser b) {
    return Long.parseLong((String) b.js("return document.getElementById('legend').dataset.total;"));
  }

  /** Waits until every tile in view is loaded for the filter query {@code query} ("" for none). */
  static void awaitSummary(Browser b, String query) {
    b.waitUntil("the map's summary for '" + query + "'", WAIT, "document.body.dataset.ready === 'true'"
        + " && document.getElementById('legend').dataset.ready === 'true'"
        + " && document.getElementById('legend').dataset.query === " + jsString(query));
  }

  static String jsString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @Test
  void theMapShowsClustersWithTheTotalOfTheReports() throws Exception {
    try (Browser b = Browser.open(server.origin(), "PublicMapTest-load", Browser.Viewport.DESKTOP)) {
      b.get("/");
      awaitSummary(b, "");
      b.step("map-loaded");
      long expected = publicReports();
      assertTrue(expected > 1000, "demo data has public reports: " + expected);
      assertEquals(expected, total(b), "the clusters of the national view add up to every public report");
      String counts = (String) b.js("return document.getElementById('rendered').dataset.counts;");
      assertTrue(counts.split(",").length > 1, "several clusters are drawn: " + counts);
    }
  }
}
