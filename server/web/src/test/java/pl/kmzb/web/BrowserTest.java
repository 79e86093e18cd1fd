package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself: it opens the map, saves screenshots, and catches what must fail a test. */
class BrowserTest {
  static MapServer server;

  @BeforeAll
  static void start() throws Exception {
    server = MapServer.shared();
  }

  @Test
  void opensTheMapAndSavesAScreenshotPerStep() throws Exception {
    try (Browser b = Browser.open(server.origin(), "BrowserTest-map", Browser.Viewport.DESKTOP)) {
      b.get("/");
      b.waitUntil("the map's viewport", Duration.ofSeconds(20), "document.querySelector('#map .ol-viewport')");
      b.step("map");
      assertTrue(Files.size(Browser.SCREENSHOTS.resolve("BrowserTest-map/01-map.png")) > 1_000);
      assertTrue(b.requests().stream().anyMatch(u -> u.endsWith("/web/ol/" + WebPlugin.OL_VERSION + "/ol.js")),
          "the performance log shows the page's requests: " + b.requests());
    }
  }

  @Test
  void aConsoleErrorFailsTheStep() throws Exception {
    try (Browser b = Browser.open(server.origin(), "BrowserTest-console", Browser.Viewport.DESKTOP)) {
      b.get("/");
      b.js("console.error('broken on purpose');");
      AssertionError e = assertThrows(AssertionError.class, b::assertClean);
      assertTrue(e.getMessage().contains("broken on purpose"), e.getMessage());
      b.expectConsoleError("expected on purpose");
      b.js("console.error('expected on purpose');");
      b.assertClean();
    }
  }

  @Test
  void aRequestToAnotherHostFailsTheStep() throws Exception {
    try (Browser b = Browser.open(server.origin(), "BrowserTest-host", Browser.Viewport.DESKTOP)) {
      // The map page's Content-Security-Policy refuses other hosts, and the refusal is a console error.
      b.get("/");
      b.js("fetch('http://192.0.2.1/tile.png', {mode: 'no-cors'}).catch(() => {});");
      Thread.sleep(300);
      AssertionError refused = assertThrows(AssertionError.class, b::assertClean);
      assertTrue(refused.getMessage().contains("Content Security Policy"), refused.getMessage());
      // A document without that policy (a JSON answer) sends the request: the performance log shows it.
      // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): the request is logged when it is sent, and never reaches anyone.
      b.get("/web/catalogue.json");
      b.expectConsoleError("192\\.0\\.2\\.1");
      b.js("fetch('http://192.0.2.1/tile.png', {mode: 'no-cors'}).catch(() => {});");
      Thread.sleep(300);
      AssertionError e = assertThrows(AssertionError.class, b::assertClean);
      assertTrue(e.getMessage().contains("asked another host: http://192.0.2.1/tile.png"), e.getMessage());
    }
  }

  @Test
  void aPhoneViewportIsNarrow() throws Exception {
    try (Browser b = Browser.open(server.origin(), "BrowserTest-phone", Browser.Viewport.PHONE)) {
      b.get("/");
      b.waitUntil("the map's viewport", Duration.ofSeconds(20), "document.querySelector('#map .ol-viewport')");
      assertTrue(((Number) b.js("return window.innerWidth;")).intValue() <= 400);
      b.step("phone");
    }
  }
}
