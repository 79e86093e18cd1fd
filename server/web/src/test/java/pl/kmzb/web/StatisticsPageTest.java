package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Collator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryImport;
import pl.kmzb.boundary.BoundaryImporter;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

/**
 * The statistics page in a real browser over the whole server: demo reports, then five voivodeships
 * and three counties imported (every report gets its codes, the statistics reload), then the page's map, legend and table are held against what {@code /api/statistics} answers for
 * the same query, number for number; sorting both ways (names by Polish collation), a click on an
 * area and on a table row gives that area's trend, the CSV link is the API's CSV of the query, and
 * English. Without the police-indicator service its list is a 404 and the page lists report
 * measures only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatisticsPageTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final int REPORTS = 6000;
  /** The browser's own console line for the indicator list's 404 (the service is not in this build). */
  static final String NO_INDICATORS = "api/statistics/indicators.*404";

  static MapServer server;
  static Path dir;

  /** Voivodeships as boxes over the whole of Poland (every demo report falls in one), names with Polish letters. */
  static List<Boundary> voivodeships() {
    return List.of(
        new Boundary(BoundaryLevel.VOIVODESHIP, "02", "dolnośląskie", BoundaryBasemapTest.box(13.5, 48.5, 17.5, 52.0)),
        new Boundary(BoundaryLevel.VOIVODESHIP, "10", "łódzkie", BoundaryBasemapTest.box(17.5, 48.5, 21.0, 52.0)),
        new Boundary(BoundaryLevel.VOIVODESHIP, "12", "małopolskie", BoundaryBasemapTest.box(21.0, 48.5, 24.5, 52.0)),
        new Boundary(BoundaryLevel.VOIVODESHIP, "22", "pomorskie", BoundaryBasemapTest.box(13.5, 52.0, 19.0, 55.2)),
        new Boundary(BoundaryLevel.VOIVODESHIP, "14", "mazowieckie", BoundaryBasemapTest.box(19.0, 52.0, 24.5, 55.2)));
  }

  /** Three counties: the reports elsewhere have no county code (the API's row with a null area). */
  static List<Boundary> counties() {
    return List.of(
        new Boundary(BoundaryLevel.COUNTY, "1401", "białobrzeski", BoundaryBasemapTest.box(19.0, 52.0, 21.6, 55.2)),
        new Boundary(BoundaryLevel.COUNTY, "1465", "Warszawa", BoundaryBasemapTest.box(21.6, 52.0, 24.5, 55.2)),
        new Boundary(BoundaryLevel.COUNTY, "1261", "Kraków", BoundaryBasemapTest.box(21.0, 48.5, 24.5, 52.0)));
  }

  /**
   * Imports the boundaries through a second handle on the server's store (as the import command
   * does), then waits until the statistics count the reports at the new codes (they reload after an
   * import, within the reference poll interval).
   */
  static void importBoundaries(MapServer server, ReportStore store) throws Exception {
    BoundaryImporter.run(store, new BoundaryImport(BoundaryLevel.VOIVODESHIP, voivodeships(), 0, List.of()));
    BoundaryImporter.run(store, new BoundaryImport(BoundaryLevel.COUNTY, counties(), 0, List.of()));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      HttpResponse<byte[]> r = server.get("/api/statistics?level=county&period=all");
      String body = new String(r.body(), StandardCharsets.UTF_8);
      if (r.statusCode() == 200 && body.contains("\"area\":\"1465\"")
          && new String(server.get("/api/statistics?level=voivodeship&period=all").body(), StandardCharsets.UTF_8)
              .contains("\"area\":\"02\"")) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "the statistics did not take the imported areas: " + body);
      Thread.sleep(100);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("kmzb-stats-page");
    server = MapServer.start(dir, REPORTS, "--reference.poll-interval=PT0.2S");
    try (ReportStore store = EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"))) {
      importBoundaries(server, store);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Browser open(String name) throws Exception {
    return open(server, name);
  }

  static Browser open(MapServer server, String name) throws Exception {
    Browser b = Browser.open(server.origin(), name, Browser.Viewport.DESKTOP);
    b.expectConsoleErrors(NO_INDICATORS);
    return b;
  }

  /** Waits until the table shows the answer to {@code query} (the API URL the page asked). */
  static void awaitTable(Browser b, String query) {
    b.waitUntil("the table of " + query, WAIT, "document.body.dataset.ready === 'true'"
        + " && document.getElementById('s-table').dataset.ready === 'true'"
        + " && document.getElementById('s-table').dataset.query === " + PublicMapTest.jsString(query));
  }

  /** The API's rows of one period, by area code ("" for the row without an area). */
  static Map<String, JsonNode> apiRows(JsonNode doc, String period) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode r : doc.path("rows")) {
      if (r.path("period").asText().equals(period)) {
        out.put(r.path("area").isNull() ? "" : r.path("area").asText(), r);
      }
    }
    return out;
  }

  /** Every period of the answer's range (months or years: what the tests ask for), and any period of a row. */
  static TreeSet<String> periods(JsonNode doc) {
    TreeSet<String> periods = new TreeSet<>();
    doc.path("rows").forEach(r -> periods.add(r.path("period").asText()));
    java.time.LocalDate from = java.time.LocalDate.parse(doc.path("from").asText());
    java.time.LocalDate to = java.time.LocalDate.parse(doc.path("to").asText());
    switch (doc.path("period").asText()) {
      case "month" -> {
        for (java.time.YearMonth m = java.time.YearMonth.from(from); !m.isAfter(java.time.YearMonth.from(to)); m = m.plusMonths(1)) {
          periods.add(m.toString());
        }
      }
      case "year" -> {
        for (int y = from.getYear(); y <= to.getYear(); y++) {
          periods.add(Integer.toString(y));
        }
      }
      default -> throw new IllegalArgumentException("the tests ask for months and years: " + doc.path("period"));
    }
    return periods;
  }

  static String latestPeriod(JsonNode doc) {
    return periods(doc).last();
  }

  /** The table as the page shows it: per row, its code and the data-value of every numeric cell. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> table(Browser b) {
    return (List<Map<String, Object>>) b.js("return [...document.querySelectorAll('#s-body tr')].map(tr => {"
        + " const o = {code: tr.dataset.code, name: tr.querySelector('td[data-key=name]').textContent};"
        + " tr.querySelectorAll('td.num').forEach(td => { o[td.dataset.key] = td.dataset.value; });"
        + " return o; });");
  }

  /** Every figure of the table equals the API's row of the same area (null in the API is an empty cell). */
  static void assertTableIsTheApi(Browser b, Map<String, JsonNode> expected, List<String> keys) {
    List<Map<String, Object>> rows = table(b);
    assertEquals(expected.size(), rows.size(), "one table row per API row of the period");
    for (Map<String, Object> row : rows) {
      JsonNode api = expected.get((String) row.get("code"));
      assertTrue(api != null, "an API row for " + row);
      for (String key : keys) {
        JsonNode v = api.path(key);
        String shown = (String) row.get(key);
        if (v.isNull() || v.isMissingNode()) {
          assertEquals("", shown, key + " of " + row.get("code"));
        } else {
          assertEquals(v.asDouble(), Double.parseDouble(shown), key + " of " + row.get("code"));
        }
      }
    }
  }

  /** Quantile upper bounds as the page documents them: class i ends at the value ranked ceil(i·n/k). */
  static List<Double> quantiles(List<Double> values, int k) {
    List<Double> sorted = values.stream().sorted().toList();
    List<Double> out = new ArrayList<>();
    for (int i = 1; i <= k; i++) {
      double v = sorted.get((int) Math.ceil((double) i * sorted.size() / k) - 1);
      if (out.isEmpty() || v > out.get(out.size() - 1)) {
        out.add(v);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<Double> legendBounds(Browser b) {
    return ((List<Object>) b.js("return JSON.parse(document.getElementById('s-legend-list').dataset.bounds);"))
        .stream().map(o -> ((Number) o).doubleValue()).toList();
  }

  @Test
  @Order(1)
  void theMapLinksToThePageWhichShowsTheApiFiguresOnTheMapLegendAndTable() throws Exception {
    try (Browser b = open("StatisticsPageTest-load")) {
      b.get("/");
      PublicMapTest.awaitSummary(b, "");
      b.driver().findElement(By.id("stats-link")).click();
      String query = "/api/statistics?level=voivodeship&period=month";
      awaitTable(b, query);
      b.step("loaded");
      JsonNode doc = server.getJson(query);
      String period = latestPeriod(doc);
      assertEquals(period, new Select(b.driver().findElement(By.id("s-at"))).getFirstSelectedOption().getAttribute("value"),
          "the latest period is shown first");
      Map<String, JsonNode> rows = apiRows(doc, period);
      assertTrue(rows.size() >= 3, "demo reports in several voivodeships this month: " + rows.keySet());
      assertTableIsTheApi(b, rows, List.of("count", "confirmed", "confirmationRate", "medianHoursToVerification",
          "pastDeadlineShare", "trend"));
      // The names are the imported ones; the count reads as a Polish number.
      List<Map<String, Object>> shown = table(b);
      Map<String, Object> first = shown.get(0);
      assertEquals(voivodeships().stream().filter(v -> v.code().equals(first.get("code"))).findFirst().orElseThrow().name(),
          first.get("name"));

      // The map: each area's fill is the colour of the class its API count falls in, the classes
      // the quantiles of the API's counts, and the legend counts the areas per class.
      List<Double> counts = rows.entrySet().stream().filter(e -> !e.getKey().isEmpty())
          .map(e -> e.getValue().path("count").asDouble()).toList();
      List<Double> bounds = quantiles(counts, 5);
      assertEquals(bounds, legendBounds(b));
      for (Boundary v : voivodeships()) {
        JsonNode api = rows.get(v.code());
        int expectedClass = api == null ? -1 : classOf(api.path("count").asDouble(), bounds);
        Object fill = b.js("const f = kmzbStats.map.getLayers().item(1).getSource().getFeatureById(arguments[0]);"
            + " return kmzbStats.map.getLayers().item(1).getStyleFunction()(f).getFill().getColor();", v.code());
        Object expectedFill = b.js("const s = kmzbStats.shown(); return arguments[0] < 0 ? '#d9d9d9' : s.colours[arguments[0]];",
            expectedClass);
        assertEquals(expectedFill, fill, "the fill of " + v.code());
      }
      b.assertClean();
    }
  }

  static int classOf(double v, List<Double> bounds) {
    for (int i = 0; i < bounds.size(); i++) {
      if (v <= bounds.get(i)) {
        return i;
      }
    }
    return bounds.size() - 1;
  }

  @Test
  @Order(2)
  void classBreaksAreQuantilesOrEqualIntervalsOfKnownValues() throws Exception {
    try (Browser b = open("StatisticsPageTest-breaks")) {
      b.get("/statistics");
      awaitTable(b, "/api/statistics?level=voivodeship&period=month");
      assertEquals(List.of(2L, 4L, 6L, 8L, 10L), b.js("return kmzbStats.breaks([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 'quantile', 5);"));
      assertEquals(List.of(1L, 2L), b.js("return kmzbStats.breaks([1, 1, 1, 2], 'quantile', 4);"));
      assertEquals(List.of(2L, 4L, 6L, 8L, 10L), b.js("return kmzbStats.breaks([0, 10, 3], 'equal', 5);"));
      assertEquals(List.of(0.25, 0.5, 0.75, 1L), b.js("return kmzbStats.breaks([0, 1, 0.3], 'equal', 4);"));
      assertEquals(List.of("2025-11", "2025-12", "2026-01", "2026-02"),
          b.js("return kmzbStats.periodsOf('month', '2025-11-20', '2026-02-03');"));
      assertEquals(List.of("2020-W52", "2020-W53", "2021-W01"), b.js("return kmzbStats.periodsOf('week', '2020-12-27', '2021-01-05');"));
      assertEquals(List.of("2020", "2021", "2022"), b.js("return kmzbStats.periodsOf('year', '2020-03-15', '2022-06-30');"));
      assertEquals(List.of(0L, 0L, 1L, 2L), b.js("const b = [1, 2, 5]; return [0.5, 1, 1.5, 7].map(v => kmzbStats.classOf(v, b));"));
    }
  }

  @Test
  @Order(3)
  void choosingAnIndicatorAndALevelShowsTheirFiguresAndSortingWorksBothWays() throws Exception {
    try (Browser b = open("StatisticsPageTest-sort")) {
      b.get("/statistics");
      awaitTable(b, "/api/statistics?level=voivodeship&period=month");
      new Select(b.driver().findElement(By.id("s-indicator"))).selectByValue("report:confirmationRate");
      b.waitUntil("the confirmation rate shown", WAIT,
          "document.querySelector('#s-head th.shown') && document.querySelector('#s-head th.shown').dataset.key === 'confirmationRate'");
      JsonNode doc = server.getJson("/api/statistics?level=voivodeship&period=month");
      Map<String, JsonNode> rows = apiRows(doc, latestPeriod(doc));
      List<Double> rates = rows.entrySet().stream().filter(e -> !e.getKey().isEmpty())
          .map(e -> e.getValue().path("confirmationRate").asDouble()).toList();
      assertEquals(quantiles(rates, 5), legendBounds(b), "the classes follow the chosen indicator");
      // Sorted by the indicator, highest first.
      List<Double> shownRates = table(b).stream().map(r -> Double.parseDouble((String) r.get("confirmationRate"))).toList();
      assertEquals(shownRates.stream().sorted(Comparator.reverseOrder()).toList(), shownRates);
      b.step("confirmation-rate");

      // Names: ascending by Polish collation (ł after l, before m), then descending.
      clickHeader(b, "name");
      Collator polish = Collator.getInstance(Locale.forLanguageTag("pl"));
      List<String> names = column(b, "name");
      assertEquals(names.stream().sorted(polish).toList(), names);
      assertEquals("ascending", headerSort(b, "name"));
      int lodzkie = names.indexOf("łódzkie");
      if (lodzkie >= 0 && names.contains("małopolskie")) {
        assertTrue(lodzkie < names.indexOf("małopolskie"), "Polish order, not code points: " + names);
      }
      clickHeader(b, "name");
      List<String> reversed = new ArrayList<>(names);
      java.util.Collections.reverse(reversed);
      assertEquals(reversed, column(b, "name"));
      assertEquals("descending", headerSort(b, "name"));

      // Counts: numbers sort as numbers, first click highest first, then lowest first.
      clickHeader(b, "count");
      List<Double> desc = numbers(b, "count");
      assertEquals(desc.stream().sorted(Comparator.reverseOrder()).toList(), desc);
      clickHeader(b, "count");
      List<Double> asc = numbers(b, "count");
      assertEquals(asc.stream().sorted().toList(), asc);
      assertEquals("ascending", headerSort(b, "count"));
      b.step("sorted");

      // Counties: the three imported ones and the reports outside them (no county code).
      new Select(b.driver().findElement(By.id("s-level"))).selectByValue("county");
      String query = "/api/statistics?level=county&period=month";
      awaitTable(b, query);
      JsonNode counties = server.getJson(query);
      Map<String, JsonNode> countyRows = apiRows(counties, latestPeriod(counties));
      assertTableIsTheApi(b, countyRows, List.of("count", "confirmed", "confirmationRate", "pastDeadlineShare", "trend"));
      assertTrue(countyRows.containsKey(""), "demo reports outside the three counties: " + countyRows.keySet());
      assertTrue(column(b, "name").contains("bez obszaru (przed importem granic)"), column(b, "name").toString());
      assertEquals(3L, b.js("return kmzbStats.map.getLayers().item(1).getSource().getFeatures().length;"));
      b.step("counties");
    }
  }

  static void clickHeader(Browser b, String key) {
    String before = (String) b.js("return document.getElementById('s-table').dataset.sort;");
    b.driver().findElement(By.cssSelector("#s-head th[data-key=" + key + "] button")).click();
    b.waitUntil("the table sorted by " + key, WAIT, "document.getElementById('s-table').dataset.sort !== "
        + PublicMapTest.jsString(before) + " && document.getElementById('s-table').dataset.sort.startsWith('" + key + ":')");
  }

  static String headerSort(Browser b, String key) {
    return b.driver().findElement(By.cssSelector("#s-head th[data-key=" + key + "]")).getAttribute("aria-sort");
  }

  @SuppressWarnings("unchecked")
  static List<String> column(Browser b, String key) {
    return (List<String>) b.js("return [...document.querySelectorAll('#s-body td[data-key=" + key + "]')].map(td => td.textContent);");
  }

  static List<Double> numbers(Browser b, String key) {
    return table(b).stream().map(r -> (String) r.get(key)).filter(s -> !s.isEmpty()).map(Double::parseDouble).toList();
  }

  @Test
  @Order(4)
  void clickingAnAreaOrItsRowDrawsItsTrendAndTheCsvIsTheApisForTheQuery() throws Exception {
    try (Browser b = open("StatisticsPageTest-trend")) {
      b.get("/statistics");
      String query = "/api/statistics?level=voivodeship&period=month";
      awaitTable(b, query);
      JsonNode doc = server.getJson(query);
      // A click on the map, in the middle of mazowieckie's box.
      b.waitUntil("the areas drawn", WAIT, "kmzbStats.map.getLayers().item(1).getSource().getFeatureById('14')"
          + " && kmzbStats.map.getPixelFromCoordinate([0, 0]) && !kmzbStats.map.getView().getAnimating()");
      List<?> pixel = (List<?>) b.js("const f = kmzbStats.map.getLayers().item(1).getSource().getFeatureById('14');"
          + " return kmzbStats.map.getPixelFromCoordinate(ol.extent.getCenter(f.getGeometry().getExtent()));");
      WebElement mapElement = b.driver().findElement(By.id("s-map"));
      org.openqa.selenium.Rectangle r = mapElement.getRect();
      new Actions(b.driver()).moveToElement(mapElement,
          (int) Math.round(((Number) pixel.get(0)).doubleValue() - r.width / 2.0),
          (int) Math.round(((Number) pixel.get(1)).doubleValue() - r.height / 2.0)).click().perform();
      b.waitUntil("the trend of mazowieckie", WAIT, "document.getElementById('s-trend').dataset.area === '14'");
      assertTrend(b, doc, "14");
      assertTrue(b.driver().findElement(By.id("s-trend-title")).getText().contains("mazowieckie"));
      assertTrue(b.driver().findElement(By.cssSelector("#s-body tr[data-code='14']")).getAttribute("class").contains("selected"));
      b.step("trend-map");

      // By keyboard: the area's button in the table.
      WebElement button = b.driver().findElement(By.cssSelector("#s-body tr[data-code='02'] button.area"));
      button.sendKeys(Keys.ENTER);
      b.waitUntil("the trend of dolnośląskie", WAIT, "document.getElementById('s-trend').dataset.area === '02'");
      assertTrend(b, doc, "02");
      assertEquals("s-trend-title", b.js("return document.activeElement.id;"), "the focus moves to the chart");
      b.step("trend-table");

      // The CSV link is the API's CSV of the same query, and the file it gives has every row of it.
      WebElement csv = b.driver().findElement(By.id("s-csv"));
      assertEquals(server.origin() + query + "&f=csv", csv.getAttribute("href"));
      assertTrue(csv.getAttribute("download").endsWith(".csv"));
      // Selenium hands strings over with their CRLF line ends turned to LF: lines and bytes are compared.
      List<?> fetched = (List<?>) b.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
          + " fetch(document.getElementById('s-csv').href).then(r => r.arrayBuffer())"
          + ".then(buf => done([new TextDecoder().decode(buf), buf.byteLength]));");
      String text = (String) fetched.get(0);
      HttpResponse<byte[]> api = server.get(query + "&f=csv");
      assertEquals(new String(api.body(), StandardCharsets.UTF_8).lines().toList(), text.lines().toList());
      assertEquals(api.body().length, ((Number) fetched.get(1)).intValue(), "the same bytes");
      List<String> lines = text.lines().toList();
      assertTrue(lines.get(0).startsWith("area,period,start,end,count"), lines.get(0));
      assertEquals(doc.path("rows").size() + 1, lines.size(), "a header and one line per API row");
    }
  }

  /** The chart's points are the area's API values of every period of the answer (0 reports where it has no row). */
  @SuppressWarnings("unchecked")
  static void assertTrend(Browser b, JsonNode doc, String area) {
    TreeSet<String> periods = periods(doc);
    Map<String, Double> values = new LinkedHashMap<>();
    for (JsonNode r : doc.path("rows")) {
      if (area.equals(r.path("area").asText())) {
        values.put(r.path("period").asText(), r.path("count").asDouble());
      }
    }
    List<Map<String, Object>> points = (List<Map<String, Object>>) b.js(
        "return JSON.parse(document.getElementById('s-trend').dataset.points);");
    assertEquals(periods.size(), points.size(), "a point per period: " + points);
    int i = 0;
    for (String p : periods) {
      assertEquals(p, points.get(i).get("period"));
      assertEquals(values.getOrDefault(p, 0.0), ((Number) points.get(i).get("value")).doubleValue(), p);
      i++;
    }
    assertEquals(periods.size(), ((Number) b.js("return document.querySelectorAll('#s-chart circle.point').length;")).intValue());
  }

  @Test
  @Order(5)
  void englishKeepsTheChoiceAndFormatsNumbersInEnglish() throws Exception {
    try (Browser b = open("StatisticsPageTest-english")) {
      b.get("/statistics#ind=report:count&level=voivodeship&period=year&sort=name:asc");
      String query = "/api/statistics?level=voivodeship&period=year";
      awaitTable(b, query);
      assertEquals("Statystyki zgłoszeń", b.driver().findElement(By.id("title")).getText());
      b.driver().findElement(By.id("lang")).click();
      b.waitUntil("English", WAIT, "document.documentElement.lang === 'en'");
      assertEquals("Report statistics", b.driver().findElement(By.id("title")).getText());
      assertEquals("Area", b.driver().findElement(By.cssSelector("#s-head th[data-key=name] button")).getText());
      assertTrue(((String) b.js("return location.hash;")).contains("lang=en"));
      assertEquals("/#lang=en", b.driver().findElement(By.id("map-link")).getDomAttribute("href"));
      b.step("english");
      // Reloaded, the page keeps the language, the level and the period; counts read as English numbers.
      b.driver().navigate().refresh();
      awaitTable(b, query);
      assertEquals("Report statistics", b.driver().findElement(By.id("title")).getText());
      assertEquals("year", new Select(b.driver().findElement(By.id("s-period"))).getFirstSelectedOption().getAttribute("value"));
      JsonNode doc = server.getJson(query);
      Map<String, JsonNode> rows = apiRows(doc, latestPeriod(doc));
      for (WebElement td : b.driver().findElements(By.cssSelector("#s-body td[data-key=count]"))) {
        String code = td.findElement(By.xpath("..")).getAttribute("data-code");
        long count = rows.get(code).path("count").asLong();
        assertEquals(String.format(Locale.UK, "%,d", count), td.getText(), code);
      }
      assertFalse(b.driver().findElements(By.cssSelector("#s-indicator optgroup")).size() > 1,
          "no police indicators without their service");
      b.step("english-reloaded");
    }
  }

  @Test
  @Order(6)
  void onAPhoneThePageIsOneColumnAndOnlyTheTableScrollsSideways() throws Exception {
    try (Browser b = Browser.open(server.origin(), "StatisticsPageTest-phone", Browser.Viewport.PHONE)) {
      b.expectConsoleErrors(NO_INDICATORS);
      b.get("/statistics#level=county&period=year");
      awaitTable(b, "/api/statistics?level=county&period=year");
      assertEquals(Boolean.TRUE, b.js("return document.documentElement.scrollWidth <= window.innerWidth;"),
          "the page itself does not scroll sideways");
      Number mapBottom = (Number) b.js("return document.getElementById('s-map').getBoundingClientRect().bottom;");
      Number trendTop = (Number) b.js("return document.getElementById('s-trend').getBoundingClientRect().top;");
      assertTrue(trendTop.doubleValue() >= mapBottom.doubleValue(), "the chart below the map, not beside it");
      b.driver().findElement(By.cssSelector("#s-body tr[data-code='1465'] button.area")).click();
      b.waitUntil("the trend of Warszawa", WAIT, "document.getElementById('s-trend').dataset.area === '1465'");
      b.step("phone");
    }
  }

  /** Sets a date input as a picker would: the value, then the change event. */
  static void setDate(Browser b, String id, String value) {
    b.js("const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        + " e.dispatchEvent(new Event('change', {bubbles: true}));", id, value);
  }

  @Test
  @Order(7)
  void aDateRangeAsksTheApiForItAndABadOneShowsTheApisProblem() throws Exception {
    try (Browser b = open("StatisticsPageTest-range")) {
      b.get("/statistics#period=year");
      awaitTable(b, "/api/statistics?level=voivodeship&period=year");
      setDate(b, "s-from", "2020-03-15");
      setDate(b, "s-to", "2022-06-30");
      String query = "/api/statistics?level=voivodeship&period=year&from=2020-03-15&to=2022-06-30";
      awaitTable(b, query);
      JsonNode doc = server.getJson(query);
      assertEquals(List.of("2020", "2021", "2022"), b.driver().findElements(By.cssSelector("#s-at option")).stream()
          .map(o -> o.getAttribute("value")).toList(), "the API widens the range to whole years");
      assertEquals("2022", new Select(b.driver().findElement(By.id("s-at"))).getFirstSelectedOption().getAttribute("value"));
      assertTableIsTheApi(b, apiRows(doc, "2022"), List.of("count", "confirmed", "confirmationRate", "trend"));
      assertTrue(((String) b.js("return location.hash;")).contains("from=2020-03-15&to=2022-06-30"));
      assertEquals(server.origin() + query + "&f=csv", b.driver().findElement(By.id("s-csv")).getAttribute("href"));
      b.step("range");

      b.expectConsoleError("api/statistics.*400");
      setDate(b, "s-to", "2019-01-01");
      b.waitUntil("the API's problem shown", WAIT, "document.body.dataset.ready === 'error'");
      String status = b.driver().findElement(By.id("s-status")).getText();
      assertTrue(status.contains("400") && status.contains("before"), status);
      b.step("bad-range");
    }
  }
}
