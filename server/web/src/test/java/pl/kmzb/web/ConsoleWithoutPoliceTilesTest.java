package pl.kmzb.web;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on a server that does not offer police tiles ({@code tiles.police-index=false}): the
 * map draws the listed reports instead, and a click on one still opens it. The same test as
 * {@link ConsoleBrowserTest#theMapShowsAFilteredReportAndOpensItOnAClick}, whose assertion on the
 * tile requests follows what the server offers.
 */
class ConsoleWithoutPoliceTilesTest {
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws Exception {
    ConsoleBrowserTest.prepare(MapServer.start(dir, 0, "--tiles.police-index=false"));
  }

  @AfterAll
  static void stop() throws Exception {
    ConsoleBrowserTest.server.close();
    ConsoleBrowserTest.server = null;
  }

  @Test
  void theMapDrawsTheListedReportsAndOpensOneOnAClick() throws Exception {
    org.junit.jupiter.api.Assertions.assertFalse(ConsoleBrowserTest.policeTilesOffered(), "the setting withdraws them");
    new ConsoleBrowserTest().theMapShowsAFilteredReportAndOpensItOnAClick();
  }
}
