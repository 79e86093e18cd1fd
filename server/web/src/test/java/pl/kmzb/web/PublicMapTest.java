package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The public map in a real browser over the whole server with demo data: clusters add up to the
 * reports the public sees, filters change the counts and live in the URL, a threat added through
 * the form is on the map at once, English, a phone, and how many tiles a pan fetches. The report
 * test runs last: it uses the one citizen report the address may send.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicMapTest {
  static final int DEMO_REPORTS = MapServer.SHARED_DEMO_REPORTS;
  static final Duration WAIT = Duration.ofSeconds(30);

  static MapServer server;

  @BeforeAll
  static void start() throws Exception {
    server = MapServer.shared();
  }

  /** The reports the public sees with the public filter {@code params}, as the store counts them. */
  static long publicReports(Map<String, List<String>> params) {
    return server.app().store().count(server.app().visibility().parse(params));
  }

  static long total(Browser b) {
    return Long.parseLong((String) b.js("return document.getElementById('legend').dataset.total;"));
  }

  /**
   * Waits until every tile in view is loaded for the filter query {@code query} ("" for none), and
   * the summary is the present view's (not the last one's, still shown until the map's moveend).
   */
  static void awaitSummary(Browser b, String query) {
    b.waitUntil("the map's summary for '" + query + "'", WAIT, "document.body.dataset.ready === 'true'"
        + " && document.getElementById('legend').dataset.ready === 'true'"
        + " && !kmzb.map.getView().getAnimating()"
        + " && document.getElementById('legend').dataset.view === kmzb.viewKey()"
        + " && document.getElementById('legend').dataset.query === " + jsString(query));
  }

  static String jsString(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  static String hash(Browser b) {
    return (String) b.js("return location.hash;");
  }

  @Test
  @Order(1)
  void theMapShowsClustersWithTheTotalOfTheReportsAndAClusterClickZoomsIn() throws Exception {
    try (Browser b = Browser.open(server.origin(), "PublicMapTest-load", Browser.Viewport.DESKTOP)) {
      b.get("/");
      awaitSummary(b, "");
      b.step("map-loaded");
      long expected = publicReports(Map.of());
      assertTrue(expected > 1000, "demo data has public reports: " + expected);
      assertEquals(expected, total(b), "the clusters of the national view add up to every public report");
      String counts = (String) b.js("return document.getElementById('rendered').dataset.counts;");
      assertTrue(counts.split(",").length > 10, "clusters are drawn: " + counts);
      assertTrue(b.requests().stream().anyMatch(u -> u.contains("/tiles/threats/")), "threat tiles were fetched");

      long zoom = ((Number) b.js("return kmzb.map.getView().getZoom();")).longValue();
      b.driver().findElement(By.cssSelector("#rendered-box summary")).click();
      b.driver().findElement(By.cssSelector("#rendered li[data-kind=cluster] button")).click();
      b.waitUntil("the view zoomed into the cluster", WAIT, "kmzb.map.getView().getZoom() > " + zoom
          + " && !kmzb.map.getView().getAnimating()");
      awaitSummary(b, "");
      b.step("cluster-expanded");

      // A click on the map itself: on the biggest cluster's circle.
      zoom = ((Number) b.js("return kmzb.map.getView().getZoom();")).longValue();
      List<?> pixel = (List<?>) b.js("const f = [...kmzb.summary().items].filter(i => i.cluster)"
          + ".sort((a, c) => c.count - a.count)[0]; return kmzb.map.getPixelFromCoordinate(f.coord);");
      WebElement mapElement = b.driver().findElement(By.id("map"));
      org.openqa.selenium.Rectangle r = mapElement.getRect();
      new Actions(b.driver()).moveToElement(mapElement, (int) Math.round(((Number) pixel.get(0)).doubleValue() - r.width / 2.0),
          (int) Math.round(((Number) pixel.get(1)).doubleValue() - r.height / 2.0)).click().perform();
      b.waitUntil("the view zoomed into the clicked cluster", WAIT, "kmzb.map.getView().getZoom() > " + zoom
          + " && !kmzb.map.getView().getAnimating()");
      b.step("cluster-clicked");
    }
  }

  @Test
  @Order(2)
  void filteringACategoryChangesTheCountsAndTheUrlKeepsTheFilter() throws Exception {
    try (Browser b = Browser.open(server.origin(), "PublicMapTest-filter", Browser.Viewport.DESKTOP)) {
      b.get("/");
      awaitSummary(b, "");
      long all = total(b);
      // Only "illegal_parking" of the road group: untick the group, then tick the one category.
      WebElement group = b.driver().findElement(By.cssSelector("#f-categories input[name=group][value=road]"));
      group.click();
      b.driver().findElement(By.cssSelector("#f-categories input[name=category][value=illegal_parking]")).click();
      String roadOthers = (String) b.js("return kmzb.catalogue.categories.filter(c => c.group !== 'road'"
          + " || c.code === 'illegal_parking').map(c => c.code).join(',');");
      awaitSummary(b, "category=" + roadOthers);
      b.step("one-road-category");
      long expected = publicReports(Map.of("category", List.of(roadOthers)));
      assertEquals(expected, total(b), "the counts follow the category filter");
      assertTrue(total(b) < all, "fewer reports than without the filter: " + total(b) + " of " + all);

      b.driver().findElement(By.cssSelector("#f-statuses input[value=new]")).click();
      String statuses = "verification,confirmed,confirmed_handed_over,confirmed_eliminated";
      b.driver().findElement(By.cssSelector("#f-period input[value='30d']")).click();
      String from = (String) b.js("const d = new Date(); d.setDate(d.getDate() - 30);"
          + " return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-'"
          + " + String(d.getDate()).padStart(2, '0');");
      String query = "category=" + roadOthers + "&status=" + statuses + "&from=" + from;
      awaitSummary(b, query);
      b.step("status-and-30-days");
      assertEquals(publicReports(Map.of("category", List.of(roadOthers), "status", List.of(statuses),
          "from", List.of(from))), total(b));
      String url = hash(b);
      assertTrue(url.contains("cat=") && url.contains("st=") && url.contains("period=30d"), url);

      // A reload restores position and filters from the URL.
      b.driver().navigate().refresh();
      awaitSummary(b, query);
      b.step("reloaded");
      assertFalse((Boolean) b.js("return document.querySelector('#f-categories input[value=speeding]').checked;"));
      assertTrue((Boolean) b.js("return document.querySelector(\"#f-period input[value='30d']\").checked;"));

      // A URL naming codes the catalogue does not have keeps the known ones (and asks no bad tile).
      b.get("/#cat=illegal_parking,no_such_category&st=new,bogus&period=custom&from=2020-01-01&to=2020-12-31");
      b.driver().navigate().refresh();
      awaitSummary(b, "category=illegal_parking&status=new&from=2020-01-01&to=2021-01-01");
      assertEquals(publicReports(Map.of("category", List.of("illegal_parking"), "status", List.of("new"),
          "from", List.of("2020-01-01"), "to", List.of("2021-01-01"))), total(b));
      b.step("custom-range-from-url");
    }
  }

  @Test
  @Order(3)
  void theMapSwitchesToEnglishAndKeepsItOnReload() throws Exception {
    try (Browser b = Browser.open(server.origin(), "PublicMapTest-english", Browser.Viewport.DESKTOP)) {
      b.get("/");
      awaitSummary(b, "");
      assertEquals("pl", b.js("return document.documentElement.lang;"));
      b.driver().findElement(By.id("lang")).click();
      b.waitUntil("English", WAIT, "document.documentElement.lang === 'en'");
      b.step("english");
      assertEquals("National Security Threat Map", b.driver().findElement(By.id("title")).getText());
      assertEquals("Report a threat", b.driver().findElement(By.id("add-open")).getText());
      assertTrue(b.driver().findElement(By.id("f-statuses")).getText().contains("Confirmed, eliminated"),
          "status names come in English from the style catalogue");
      b.driver().navigate().refresh();
      b.waitUntil("English after reload", WAIT, "document.body.dataset.ready === 'true'"
          + " && document.documentElement.lang === 'en'");
      assertEquals("Polski", b.driver().findElement(By.id("lang")).getText());
    }
  }

  @Test
  @Order(4)
  void onAPhoneTheMapAndPanelAreOneColumnWithLargeTargets() throws Exception {
    try (Browser b = Browser.open(server.origin(), "PublicMapTest-phone", Browser.Viewport.PHONE)) {
      b.get("/");
      awaitSummary(b, "");
      b.step("phone-map");
      assertEquals(publicReports(Map.of()), total(b), "the phone's view of Poland holds every report");
      Map<?, ?> layout = (Map<?, ?>) b.js("const m = document.getElementById('map').getBoundingClientRect();"
          + " const p = document.getElementById('panel').getBoundingClientRect();"
          + " const small = [...document.querySelectorAll('button, input[type=checkbox], input[type=radio]')]"
          + "   .filter(e => e.offsetParent !== null)"
          + "   .filter(e => { const r = (e.closest('label') || e).getBoundingClientRect(); return r.height < 44; })"
          + "   .map(e => e.id || e.value || e.textContent);"
          + " return {mapBottom: m.bottom, panelTop: p.top, panelWidth: p.width, width: innerWidth, small: small};");
      assertTrue(((Number) layout.get("panelTop")).doubleValue() >= ((Number) layout.get("mapBottom")).doubleValue() - 1,
          "the panel is below the map: " + layout);
      assertTrue(((Number) layout.get("panelWidth")).doubleValue() >= ((Number) layout.get("width")).doubleValue() - 2,
          "the panel takes the whole width: " + layout);
      assertEquals(List.of(), layout.get("small"), "every control is at least 44 px tall");
      b.driver().findElement(By.id("add-open")).click();
      b.waitUntil("the form", WAIT, "!document.getElementById('report-form').hidden");
      b.step("phone-form");
    }
  }

  @Test
  @Order(5)
  void panningAtZoom12FetchesOnlyTheTilesInViewAndARing() throws Exception {
    try (Browser b = Browser.open(server.origin(), "PublicMapTest-pan", Browser.Viewport.DESKTOP)) {
      b.get("/#map=12/52.22970/21.01180");
      awaitSummary(b, "");
      b.step("zoom-12");
      int bound = tilesInViewWithARing(b);
      int first = threatTiles(b.requests());
      assertTrue(first <= bound, first + " tile requests for the first view; at most " + bound);
      for (int i = 0; i < 3; i++) {
        int before = b.requests().size();
        b.js("const v = kmzb.map.getView(); const c = v.getCenter();"
            + " v.setCenter([c[0] + 700 * v.getResolution(), c[1] - 300 * v.getResolution()]);");
        awaitSummary(b, "");
        List<String> all = b.requests();
        int fetched = threatTiles(all.subList(before, all.size()));
        assertTrue(fetched <= bound, "pan " + i + " fetched " + fetched + " threat tiles; at most " + bound);
        assertTrue(fetched > 0, "a pan to new ground fetches its tiles");
      }
      b.step("panned");
    }
  }

  /** Tiles of the grid that touch the map's view, with one more row and column on every side. */
  static int tilesInViewWithARing(Browser b) {
    Number n = (Number) b.js("const m = kmzb.map; const v = m.getView(); const e = v.calculateExtent(m.getSize());"
        + " const g = m.getLayers().getArray().at(-1).getSource().getTileGrid();"
        + " const z = g.getZForResolution(v.getResolution(), 0); const r = g.getTileRangeForExtentAndZ(e, z);"
        + " return (r.getWidth() + 2) * (r.getHeight() + 2);");
    return n.intValue();
  }

  static int threatTiles(List<String> urls) {
    return (int) urls.stream().filter(u -> u.contains("/tiles/threats/")).count();
  }

  @Test
  @Order(6)
  void aFirstLoadIsMeasured() throws Exception {
    try (Browser b = Browser.open(server.origin(), "PublicMapTest-timing", Browser.Viewport.DESKTOP)) {
      b.get("/");
      awaitSummary(b, "");
      b.waitUntil("the first threats drawn", WAIT, "document.body.dataset.firstThreatsMs");
      Map<?, ?> t = (Map<?, ?>) b.js("const n = performance.getEntriesByType('navigation')[0];"
          + " return {domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd),"
          + " firstThreats: Number(document.body.dataset.firstThreatsMs),"
          + " tiles: performance.getEntriesByType('resource').filter(r => r.name.includes('/tiles/threats/')).length};");
      String line = "first load, " + DEMO_REPORTS + " demo reports, desktop 1280x900: " + t + System.lineSeparator();
      Files.createDirectories(Browser.SCREENSHOTS);
      Files.writeString(Browser.SCREENSHOTS.resolve("timing.txt"), line);
      System.out.println(line);
      assertTrue(((Number) t.get("firstThreats")).longValue() < 10_000, "threats drawn within 10 s: " + t);
    }
  }

  @Test
  @Order(7)
  void everyControlIsReachableByKeyboardAndLabelled() throws Exception {
    try (Browser b = Browser.open(server.origin(), "PublicMapTest-keyboard", Browser.Viewport.DESKTOP)) {
      b.get("/");
      awaitSummary(b, "");
      b.driver().findElement(By.id("add-open")).click();
      b.waitUntil("the form", WAIT, "!document.getElementById('report-form').hidden");
      java.util.Set<String> reached = new java.util.LinkedHashSet<>();
      b.js("document.activeElement.blur(); window.scrollTo(0, 0);");
      for (int i = 0; i < 200; i++) {
        new Actions(b.driver()).sendKeys(org.openqa.selenium.Keys.TAB).perform();
        String id = (String) b.js("const e = document.activeElement;"
            + " return e.id || (e.name ? e.name + '=' + e.value : e.tagName + ':' + e.textContent.trim());");
        reached.add(id);
      }
      for (String expected : List.of("add-open", "lang", "map", "r-category", "r-geolocate", "r-date", "r-time",
          "r-description", "r-files", "r-submit", "r-cancel", "f-reset", "category=illegal_parking", "status=new",
          "period=all", "group=road")) {
        assertTrue(reached.contains(expected), expected + " is reached by Tab: " + reached);
      }
      Object unlabelled = b.js("return [...document.querySelectorAll('button, input, select, textarea, [tabindex]')]"
          + ".filter(e => e.offsetParent !== null || e.id === 'map')"
          + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())"
          + ".map(e => e.outerHTML.slice(0, 80));");
      assertEquals(List.of(), unlabelled, "every control has a label for screen readers");
      b.step("keyboard");
    }
  }
}
