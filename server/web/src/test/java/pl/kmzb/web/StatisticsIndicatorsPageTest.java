package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.indicator.IndicatorCatalog;
import pl.kmzb.indicator.IndicatorImporter;
import pl.kmzb.store.EmbeddedReportStore;
import pl.kmzb.store.ReportStore;

/**
 * The police indicators on the statistics page: imported indicator values and population of the
 * five test voivodeships are offered after the report measures; the map's classes, the legend, the
 * table and the trend are the indicator API's numbers exactly (its class of each row, its breaks,
 * rates per 100,000), for Jenks and for plain counts too, and the CSV link is the API's CSV.
 */
class StatisticsIndicatorsPageTest {
  static final Duration WAIT = StatisticsPageTest.WAIT;

  @TempDir
  Path dir;

  /** Values for 2024 and 2025: road accidents (a count, so rates) and a survey share (no rate). */
  static String indicators() {
    StringBuilder csv = new StringBuilder("teryt,indicator,period,value\n");
    String[] codes = {"02", "10", "12", "14", "22"};
    int[][] accidents = {{120, 135}, {80, 70}, {200, 260}, {310, 295}, {95, 101}};
    for (int i = 0; i < codes.length; i++) {
      csv.append(codes[i]).append(",road_accidents,2024,").append(accidents[i][0]).append('\n');
      csv.append(codes[i]).append(",road_accidents,2025,").append(accidents[i][1]).append('\n');
      csv.append(codes[i]).append(",sense_of_safety,2025,").append(60 + i * 5.5).append('\n');
    }
    return csv.toString();
  }

  static String population() {
    StringBuilder csv = new StringBuilder("teryt,year,population\n");
    String[] codes = {"02", "10", "12", "14", "22"};
    long[] people = {2_900_000, 2_400_000, 3_400_000, 5_500_000, 2_300_000};
    for (int i = 0; i < codes.length; i++) {
      csv.append(codes[i]).append(",2024,").append(people[i]).append('\n');
      csv.append(codes[i]).append(",2025,").append(people[i] - 10_000).append('\n');
    }
    return csv.toString();
  }

  @Test
  void policeIndicatorsShowTheIndicatorApisFigures() throws Exception {
    try (MapServer server = MapServer.start(dir, 300, "--reference.poll-interval=PT0.2S")) {
      try (ReportStore store = EmbeddedReportStore.open(dir.resolve("kmzb.sqlite"))) {
        StatisticsPageTest.importBoundaries(server, store);
        Path values = Files.writeString(dir.resolve("indicators.csv"), indicators());
        Path people = Files.writeString(dir.resolve("population.csv"), population());
        IndicatorImporter.population(store, BoundaryLevel.VOIVODESHIP, people);
        IndicatorImporter.indicators(store, IndicatorCatalog.load(null), BoundaryLevel.VOIVODESHIP, values);
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!new String(server.get("/api/statistics/indicators").body(), StandardCharsets.UTF_8).contains("\"2025\"")) {
        assertTrue(System.nanoTime() < deadline, "the indicators were not served");
        Thread.sleep(100);
      }
      try (Browser b = Browser.open(server.origin(), "StatisticsIndicatorsPageTest", Browser.Viewport.DESKTOP)) {
        b.get("/statistics");
        StatisticsPageTest.awaitTable(b, "/api/statistics?level=voivodeship&period=month");
        List<String> options = b.driver().findElements(By.cssSelector("#s-indicator option")).stream()
            .map(o -> o.getAttribute("value")).toList();
        assertEquals(List.of("report:count", "report:confirmationRate", "report:medianHoursToVerification",
            "report:pastDeadlineShare", "report:trend", "police:road_accidents", "police:sense_of_safety"), options,
            "one list: report measures first, then the indicators with values");

        new Select(b.driver().findElement(By.id("s-indicator"))).selectByValue("police:road_accidents");
        String query = "/api/statistics/indicators/road_accidents?level=voivodeship&period=2025&per=100000&method=quantile";
        StatisticsPageTest.awaitTable(b, query);
        assertIndicator(b, server, query, "rate");
        assertEquals(List.of("county", "municipality"), disabledLevels(b), "the levels without values are disabled");
        b.step("road-accidents");

        // The trend: the rate of every period, by keyboard from the table.
        b.driver().findElement(By.cssSelector("#s-body tr[data-code='14'] button.area")).sendKeys(Keys.ENTER);
        b.waitUntil("the trend of mazowieckie", WAIT, "document.getElementById('s-trend').dataset.area === '14'"
            + " && document.getElementById('s-trend').dataset.ready === 'true'");
        List<Double> expected = new ArrayList<>();
        for (String period : List.of("2024", "2025")) {
          JsonNode doc = server.getJson("/api/statistics/indicators/road_accidents?level=voivodeship&period=" + period
              + "&per=100000&method=quantile");
          for (JsonNode r : doc.path("rows")) {
            if (r.path("code").asText().equals("14")) {
              expected.add(r.path("rate").asDouble());
            }
          }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> points = (List<Map<String, Object>>) b.js(
            "return JSON.parse(document.getElementById('s-trend').dataset.points);");
        assertEquals(expected, points.stream().map(p -> ((Number) p.get("value")).doubleValue()).toList());
        assertEquals(List.of("2024", "2025"), points.stream().map(p -> p.get("period")).toList());
        b.step("trend");

        // Jenks, then the plain counts: each is the server's classification.
        new Select(b.driver().findElement(By.id("s-method"))).selectByValue("jenks");
        query = "/api/statistics/indicators/road_accidents?level=voivodeship&period=2025&per=100000&method=jenks";
        StatisticsPageTest.awaitTable(b, query);
        assertIndicator(b, server, query, "rate");
        new Select(b.driver().findElement(By.id("s-per"))).selectByValue("1");
        query = "/api/statistics/indicators/road_accidents?level=voivodeship&period=2025&per=1&method=jenks";
        StatisticsPageTest.awaitTable(b, query);
        assertIndicator(b, server, query, "value");
        new Select(b.driver().findElement(By.id("s-at"))).selectByValue("2024");
        query = "/api/statistics/indicators/road_accidents?level=voivodeship&period=2024&per=1&method=jenks";
        StatisticsPageTest.awaitTable(b, query);
        assertIndicator(b, server, query, "value");
        assertEquals(server.origin() + query + "&f=csv", b.driver().findElement(By.id("s-csv")).getAttribute("href"));

        // A survey share has no rate: no rate base offered, its values classified.
        new Select(b.driver().findElement(By.id("s-indicator"))).selectByValue("police:sense_of_safety");
        query = "/api/statistics/indicators/sense_of_safety?level=voivodeship&period=2025&per=1&method=jenks";
        StatisticsPageTest.awaitTable(b, query);
        assertIndicator(b, server, query, "value");
        assertTrue(!b.driver().findElement(By.id("s-per-control")).isDisplayed());
        b.step("survey");
      }
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> disabledLevels(Browser b) {
    return (List<String>) b.js("return [...document.querySelectorAll('#s-level option')].filter(o => o.disabled).map(o => o.value);");
  }

  /** The table's figures, the legend's bounds and each area's fill are the API answer's. */
  static void assertIndicator(Browser b, MapServer server, String query, String classifiedBy) throws Exception {
    JsonNode doc = server.getJson(query);
    assertEquals(classifiedBy, doc.path("classifiedBy").asText());
    List<Map<String, Object>> table = StatisticsPageTest.table(b);
    assertEquals(doc.path("rows").size(), table.size());
    for (JsonNode r : doc.path("rows")) {
      Map<String, Object> row = table.stream().filter(t -> t.get("code").equals(r.path("code").asText())).findFirst()
          .orElseThrow(() -> new AssertionError("no table row for " + r));
      for (String key : List.of("value", "population", "rate")) {
        if (r.path(key).isNull()) {
          assertEquals("", row.get(key), key);
        } else {
          assertEquals(r.path(key).asDouble(), Double.parseDouble((String) row.get(key)), key + " of " + r);
        }
      }
      Object fill = b.js("const l = kmzbStats.map.getLayers().item(1); const f = l.getSource().getFeatureById(arguments[0]);"
          + " return l.getStyleFunction()(f).getFill().getColor();", r.path("code").asText());
      Object expected = b.js("return arguments[0] === null ? '#d9d9d9' : kmzbStats.shown().colours[arguments[0]];",
          r.path("class").isNull() ? null : r.path("class").asInt());
      assertEquals(expected, fill, "the fill of " + r.path("code").asText());
    }
    List<Double> uppers = new ArrayList<>();
    doc.path("classes").forEach(c -> uppers.add(c.path("upper").asDouble()));
    assertEquals(uppers, StatisticsPageTest.legendBounds(b));
    assertEquals(classifiedBy, b.js("return document.querySelector('#s-head th.shown').dataset.key;"));
  }
}
