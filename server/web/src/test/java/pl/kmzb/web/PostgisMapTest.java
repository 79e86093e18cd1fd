package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import pl.kmzb.testing.TestPostgis;

/** The map and the form over the PostGIS store (the other tests run on the embedded one). */
class PostgisMapTest {
  @TempDir
  Path dir;

  @Test
  void theMapCountsAndTakesReportsOnPostgis() throws Exception {
    try (MapServer server = MapServer.start(dir, 1500, "--store=postgis", "--postgis.url=" + TestPostgis.createDatabase());
        Browser b = Browser.open(server.origin(), "PostgisMapTest", Browser.Viewport.DESKTOP)) {
      b.get("/");
      PublicMapTest.awaitSummary(b, "");
      long expected = server.app().store().count(server.app().visibility().parse(Map.of()));
      assertEquals(expected, PublicMapTest.total(b));
      b.step("postgis-map");

      b.driver().findElement(By.id("add-open")).click();
      new Select(b.driver().findElement(By.id("r-category"))).selectByValue("speeding");
      ReportFormTest.moveMap(b, 19.9383, 50.0614, 8);
      PublicMapTest.awaitSummary(b, "");
      long before = PublicMapTest.total(b);
      System.out.println("PostgisMapTest: " + before + " threats in view before sending; the page: "
          + b.js("return JSON.stringify(Object.assign({size: window.kmzb.map.getSize(), zoom: window.kmzb.map.getView().getZoom()},"
          + " document.getElementById('legend').dataset));"));
      ReportFormTest.clickMapCentre(b);
      b.waitUntil("a chosen point", Duration.ofSeconds(30), "document.getElementById('r-location').dataset.lon !== ''");
      b.driver().findElement(By.id("r-submit")).click();
      try {
        b.waitUntil("the new threat counted on the map", Duration.ofSeconds(30),
            "document.getElementById('form-message').dataset.id"
            + " && document.getElementById('legend').dataset.ready === 'true'"
            + " && Number(document.getElementById('legend').dataset.total) === " + (before + 1));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\nthe server's last requests:\n" + server.recentRequests(40), e);
      }
      b.step("postgis-sent");
    }
  }
}
