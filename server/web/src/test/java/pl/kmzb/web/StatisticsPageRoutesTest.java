package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The statistics page, its files and its outlines over HTTP (the shared server: no boundaries imported). */
class StatisticsPageRoutesTest {
  static MapServer server;

  @BeforeAll
  static void start() throws Exception {
    server = MapServer.shared();
  }

  @Test
  void thePageAndEveryFileItLoadsAreServedFromThisServerOnly() throws Exception {
    HttpResponse<byte[]> page = server.get("/statistics");
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", WebPluginTest.header(page, "content-type"));
    String csp = WebPluginTest.header(page, "content-security-policy");
    assertTrue(csp.contains("connect-src 'self';") && csp.contains("script-src 'self';"), csp);
    String html = new String(page.body(), StandardCharsets.UTF_8);
    List<String> urls = new ArrayList<>();
    Matcher m = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"").matcher(html);
    while (m.find()) {
      urls.add(m.group(1));
    }
    assertTrue(urls.contains("/web/statistics/statistics.js") && urls.contains("/web/statistics/i18n.js"), urls.toString());
    for (String url : urls) {
      HttpResponse<byte[]> r = server.get(url);
      assertEquals(200, r.statusCode(), url);
    }
    assertFalse(html.contains("http://") || html.contains("https://"), "the page names no other host");
  }

  @Test
  void outlinesAreServedPerLevelAndAnUnknownOneIsAProblem() throws Exception {
    HttpResponse<byte[]> r = server.get("/web/statistics/areas/county.json");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", WebPluginTest.header(r, "content-type"));
    assertEquals("no-cache", WebPluginTest.header(r, "cache-control"));
    assertEquals("FeatureCollection", MapServer.JSON.readTree(r.body()).path("type").asText());
    assertEquals(304, server.get("/web/statistics/areas/county.json", "If-None-Match",
        WebPluginTest.header(r, "etag")).statusCode());
    // An encoded slash never reaches a file outside the folder (the server refuses it as ambiguous).
    int escape = server.get("/web/statistics/areas/..%2Fmap.js").statusCode();
    assertTrue(escape == 400 || escape == 404, "refused: " + escape);
    for (String bad : List.of("country.json", "county.geojson")) {
      HttpResponse<byte[]> problem = server.get("/web/statistics/areas/" + bad);
      assertEquals(404, problem.statusCode(), bad);
      assertTrue(WebPluginTest.header(problem, "content-type").startsWith("application/problem+json"), bad);
    }
    assertEquals(404, server.get("/web/statistics/nothing.js").statusCode());
  }
}
