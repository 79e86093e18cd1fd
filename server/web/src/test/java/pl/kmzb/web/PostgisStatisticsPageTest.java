package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.By;
import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.testing.TestPostgis;

/** The statistics page over the PostGIS store (the other statistics page tests run on the embedded one). */
class PostgisStatisticsPageTest {
  @TempDir
  Path dir;

  @Test
  void theStatisticsPageShowsTheApiFiguresOnPostgis() throws Exception {
    String url = TestPostgis.createDatabase();
    try (MapServer server = MapServer.start(dir, 3000, "--store=postgis", "--postgis.url=" + url,
        "--reference.poll-interval=PT0.2S")) {
      try (ReportStore store = PostgisReportStore.open(url, null, null, 2)) {
        StatisticsPageTest.importBoundaries(server, store);
      }
      try (Browser b = StatisticsPageTest.open(server, "PostgisStatisticsPageTest")) {
        b.get("/statistics");
        String query = "/api/statistics?level=voivodeship&period=month";
        StatisticsPageTest.awaitTable(b, query);
        JsonNode doc = server.getJson(query);
        Map<String, JsonNode> rows = StatisticsPageTest.apiRows(doc, StatisticsPageTest.latestPeriod(doc));
        assertTrue(rows.size() >= 3, "reports in several voivodeships: " + rows.keySet());
        StatisticsPageTest.assertTableIsTheApi(b, rows, List.of("count", "confirmed", "confirmationRate",
            "medianHoursToVerification", "pastDeadlineShare", "trend"));
        b.step("postgis-voivodeships");

        new Select(b.driver().findElement(By.id("s-level"))).selectByValue("county");
        query = "/api/statistics?level=county&period=year";
        new Select(b.driver().findElement(By.id("s-period"))).selectByValue("year");
        StatisticsPageTest.awaitTable(b, query);
        doc = server.getJson(query);
        rows = StatisticsPageTest.apiRows(doc, StatisticsPageTest.latestPeriod(doc));
        StatisticsPageTest.assertTableIsTheApi(b, rows, List.of("count", "confirmed", "confirmationRate", "trend"));
        assertEquals(3L, b.js("return kmzbStats.map.getLayers().item(1).getSource().getFeatures().length;"));
        b.step("postgis-counties");
      }
    }
  }
}
