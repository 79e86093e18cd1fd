package pl.kmzb.web;

import java.time.Duration;
import java.util.Map;

/**
 * Measures a first load of the public map in headless Chromium against a running server (not a
 * test: run it by hand, see docs/notes/web-map.md): for each run a new browser (empty cache) opens
 * the page and reports Navigation Timing's DOMContentLoaded and load, and when the first threat
 * tiles were drawn (the page's {@code data-first-threats-ms}: the first render with every tile in
 * view loaded), in milliseconds since navigation start.
 *
 * <p>Arguments: the server's origin (default http://127.0.0.1:8080) and the number of runs (5).
 */
public final class FirstLoadTiming {
  private FirstLoadTiming() {}

  public static void main(String[] args) throws Exception {
    String origin = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    for (int i = 0; i < runs; i++) {
      try (Browser b = Browser.open(origin, "FirstLoadTiming-" + i, Browser.Viewport.DESKTOP)) {
        b.get("/");
        b.waitUntil("the first threats drawn", Duration.ofSeconds(60), "document.body.dataset.firstThreatsMs");
        Map<?, ?> t = (Map<?, ?>) b.js("const n = performance.getEntriesByType('navigation')[0];"
            + " return {domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd),"
            + " firstThreats: Number(document.body.dataset.firstThreatsMs),"
            + " total: Number(document.getElementById('legend').dataset.total),"
            + " threatTiles: performance.getEntriesByType('resource').filter(r => r.name.includes('/tiles/threats/')).length,"
            + " bytes: performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, 0)"
            + "   + n.transferSize};");
        b.step("loaded");
        System.out.println("run " + (i + 1) + ": " + t);
      }
    }
  }
}
