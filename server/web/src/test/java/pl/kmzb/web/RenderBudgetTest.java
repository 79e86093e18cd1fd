package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * Filtered tiles beyond the client's render budget are answered 429 with Retry-After: the page says
 * so, waits that long, asks again, and ends with the exact counts.
 */
class RenderBudgetTest {
  @TempDir
  Path dir;

  @Test
  void refusedTilesAreAskedAgainAfterRetryAfter() throws Exception {
    try (MapServer server = MapServer.start(dir, 3000, "--tiles.filtered-render-ms-per-second=50",
        "--tiles.filtered-render-burst-ms=1");
        Browser b = Browser.open(server.origin(), "RenderBudgetTest", Browser.Viewport.DESKTOP)) {
      b.expectConsoleErrors("status of 429");
      b.get("/");
      PublicMapTest.awaitSummary(b, "");
      b.driver().findElement(By.cssSelector("#f-statuses input[value=new]")).click();
      String statuses = "verification,confirmed,confirmed_handed_over,confirmed_eliminated";
      b.waitUntil("the page saying why it waits", java.time.Duration.ofSeconds(30),
          "document.getElementById('status-line').textContent.startsWith('Serwer jest zajęty')");
      b.step("waiting");
      PublicMapTest.awaitSummary(b, "status=" + statuses);
      b.step("filtered-after-retries");
      List<String> asked = b.requests().stream().filter(u -> u.contains("/tiles/threats/") && u.contains("status=")).toList();
      assertTrue(asked.size() > asked.stream().distinct().count(), "some filtered tiles were asked again: " + asked);
      assertEquals(server.app().store().count(server.app().visibility().parse(Map.of("status", List.of(statuses)))),
          PublicMapTest.total(b));
      assertEquals("", b.js("return document.getElementById('status-line').textContent;"), "the message goes with the wait");
    }
  }
}
