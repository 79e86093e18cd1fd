package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * "Dodaj zagrożenie" in a real browser: the form's own checks, "already reported?", the API's
 * refusals shown where they belong (outside Poland, the citizen rate limit with its wait), and a
 * sent threat on the map at once.
 */
class ReportFormTest {
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  static Path dir;
  static MapServer server;

  @BeforeAll
  static void start() throws Exception {
    server = MapServer.start(dir, 2000);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String text(Browser b, String id) {
    return b.driver().findElement(By.id(id)).getText();
  }

  static void clickMapCentre(Browser b) {
    new Actions(b.driver()).moveToElement(b.driver().findElement(By.id("map"))).click().perform();
  }

  /**
   * Moves the view and waits for its {@code moveend}: until then the legend still holds the old
   * view's summary, marked ready, and a test reading it would count the wrong view.
   */
  static void moveMap(Browser b, double lon, double lat, int zoom) {
    b.js("window.kmzbMoved = false; kmzb.map.once('moveend', () => { window.kmzbMoved = true; });"
        + " kmzb.map.getView().setCenter(ol.proj.fromLonLat([arguments[0], arguments[1]]));"
        + " kmzb.map.getView().setZoom(arguments[2]);", lon, lat, zoom);
    b.waitUntil("the map moved", WAIT, "window.kmzbMoved === true");
  }

  @Test
  void aThreatSentThroughTheFormIsOnTheMapAtOnce() throws Exception {
    try (Browser b = Browser.open(server.origin(), "ReportFormTest", Browser.Viewport.DESKTOP)) {
      b.get("/#map=9/52.52000/13.40500");
      PublicMapTest.awaitSummary(b, "");
      b.driver().findElement(By.id("add-open")).click();
      b.waitUntil("the form", WAIT, "!document.getElementById('report-form').hidden");
      assertTrue(text(b, "report-form").contains("112"), "the form carries the 112 warning");

      // Nothing chosen: the form says so itself and sends nothing.
      int requests = b.requests().size();
      b.driver().findElement(By.id("r-submit")).click();
      assertEquals("Wybierz kategorię.", text(b, "r-category-error"));
      assertEquals("Wskaż miejsce na mapie.", text(b, "r-location-error"));
      List<String> asked = b.requests();
      assertTrue(asked.subList(requests, asked.size()).stream().noneMatch(u -> u.contains("/api/reports")));
      b.step("form-own-checks");

      // Files over the limits are refused before any upload.
      new Select(b.driver().findElement(By.id("r-category"))).selectByValue("illegal_parking");
      Path big = dir.resolve("big.jpg");
      Files.write(big, new byte[5 * 1024 * 1024 + 1]);
      Path exe = dir.resolve("tool.exe");
      Files.write(exe, new byte[] {'M', 'Z'});
      WebElement files = b.driver().findElement(By.id("r-files"));
      files.sendKeys(big + "\n" + exe);
      assertTrue(text(b, "r-files-error").contains("big.jpg"), text(b, "r-files-error"));
      assertTrue(text(b, "r-files-error").contains("tool.exe"), text(b, "r-files-error"));
      b.step("files-refused");
      b.js("document.getElementById('r-files').value = '';");

      // A point in Berlin: the API's 400 is shown at the place field.
      clickMapCentre(b);
      b.waitUntil("a chosen point", WAIT, "document.getElementById('r-location').dataset.lon !== ''");
      b.expectConsoleError("status of 400");
      b.driver().findElement(By.id("r-submit")).click();
      b.waitUntil("the outside-Poland message", WAIT, "document.getElementById('r-location-error').textContent !== ''");
      assertTrue(text(b, "r-location-error").startsWith("Wskazane miejsce leży poza Polską."), text(b, "r-location-error"));
      b.step("outside-poland");

      // The device's location (emulated: Gdańsk) also sets the point.
      b.driver().executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation"),
          "origin", server.origin()));
      b.driver().executeCdpCommand("Emulation.setGeolocationOverride", Map.of("latitude", 54.352, "longitude", 18.6466,
          "accuracy", 10));
      b.driver().findElement(By.id("r-geolocate")).click();
      b.waitUntil("the device location as the point", WAIT, "document.getElementById('r-location').dataset.lat.startsWith('54.35')");
      b.step("device-location");

      // Warsaw: first what is already reported nearby, then the report.
      moveMap(b, 21.0118, 52.2297, 15);
      PublicMapTest.awaitSummary(b, "");
      long before = PublicMapTest.total(b);
      clickMapCentre(b);
      b.waitUntil("the nearby check", WAIT, "document.getElementById('nearby').dataset.count !== undefined"
          + " && document.getElementById('nearby').dataset.count !== ''");
      assertTrue(b.requests().stream().anyMatch(u -> u.contains("/ogc/features/collections/threats.points/items")
          && u.contains("category=illegal_parking")), "the open reports of the category near the point were asked");
      b.driver().findElement(By.id("r-description")).sendKeys("Samochody na przejściu dla pieszych");
      new Select(b.driver().findElement(By.id("r-time"))).selectByValue("evening");
      b.step("filled-in");
      b.driver().findElement(By.id("r-submit")).click();
      b.waitUntil("the thank-you message", WAIT, "document.getElementById('form-message').dataset.id");
      long sentAt = System.nanoTime();
      String id = (String) b.js("return document.getElementById('form-message').dataset.id;");
      b.waitUntil("the new threat counted on the map", Duration.ofSeconds(5),
          "document.getElementById('legend').dataset.ready === 'true'"
          + " && Number(document.getElementById('legend').dataset.total) === " + (before + 1));
      long millis = (System.nanoTime() - sentAt) / 1_000_000;
      System.out.println("the sent report was counted on the map " + millis + " ms after the 201");
      assertTrue(millis < 2_000, "on the map " + millis + " ms after the answer");
      b.step("sent");

      // At the deepest zoom the report is its own symbol; a click shows what the public sees.
      b.js("const r = arguments[0]; return fetch('/api/reports/' + r).then(x => x.json()).then(j =>"
          + " { kmzb.map.getView().setCenter(ol.proj.fromLonLat([j.location.lon, j.location.lat]));"
          + " kmzb.map.getView().setZoom(19); });", id);
      b.waitUntil("the report as a single symbol", WAIT, "document.getElementById('legend').dataset.ready === 'true'"
          + " && document.querySelector('#rendered li[data-id=\"" + id + "\"]')");
      b.driver().findElement(By.cssSelector("#rendered-box summary")).click();
      b.driver().findElement(By.cssSelector("#rendered li[data-id=\"" + id + "\"] button")).click();
      b.waitUntil("the details", WAIT, "document.getElementById('details').dataset.id === '" + id + "'");
      String details = text(b, "details");
      assertTrue(details.contains("Nieprawidłowe parkowanie") && details.contains("Nowe") && details.contains("wieczorem"),
          details);
      assertTrue(details.contains("Opis nie został opublikowany."), "descriptions are public only once published");
      b.step("details");

      // A second report from the same address: the rate limit, with the time until the next one.
      new Select(b.driver().findElement(By.id("r-category"))).selectByValue("speeding");
      clickMapCentre(b);
      b.waitUntil("a chosen point", WAIT, "document.getElementById('r-location').dataset.lon !== ''");
      b.expectConsoleError("status of 429");
      b.driver().findElement(By.id("r-submit")).click();
      b.waitUntil("the rate-limit message", WAIT, "document.getElementById('form-message').textContent.includes('Kolejne')");
      // citizen.window is 24 hours by default: the wait is told in hours and minutes.
      assertTrue(text(b, "form-message").matches("(?s).*Kolejne można wysłać za 2[34] godz\\. \\d+ min\\..*"),
          text(b, "form-message"));
      b.step("rate-limited");
    }
  }
}
