package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.Category;

/** The page, its files and OpenLayers over HTTP from the running server. */
class WebPluginTest {
  static MapServer server;

  @BeforeAll
  static void start() throws Exception {
    server = MapServer.shared();
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse("");
  }

  @Test
  void thePageAndEveryFileItLoadsAreServedWithTheirTypes() throws Exception {
    HttpResponse<byte[]> page = server.get("/");
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", header(page, "content-type"));
    assertEquals("no-cache", header(page, "cache-control"));
    String html = new String(page.body(), StandardCharsets.UTF_8);
    List<String> urls = new ArrayList<>();
    Matcher m = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"").matcher(html);
    while (m.find()) {
      urls.add(m.group(1));
    }
    assertTrue(urls.contains("/web/ol/" + WebPlugin.OL_VERSION + "/ol.js"), urls.toString());
    for (String url : urls) {
      HttpResponse<byte[]> r = server.get(url);
      assertEquals(200, r.statusCode(), url);
      String expected = url.endsWith(".js") ? "text/javascript; charset=utf-8"
          : url.endsWith(".css") ? "text/css; charset=utf-8" : "";
      assertEquals(expected, url.endsWith(".js") || url.endsWith(".css") ? header(r, "content-type") : "", url);
      assertFalse(header(r, "etag").isEmpty(), url);
    }
    assertFalse(html.contains("http://") || html.contains("https://"), "the page names no other host");
  }

  @Test
  void anUnchangedFileIsA304AndGzipIsItsOwnRepresentation() throws Exception {
    HttpResponse<byte[]> plain = server.get("/web/map.js");
    String etag = header(plain, "etag");
    assertEquals(304, server.get("/web/map.js", "If-None-Match", etag).statusCode());
    HttpResponse<byte[]> zipped = server.get("/web/map.js", "Accept-Encoding", "gzip");
    assertEquals("gzip", header(zipped, "content-encoding"));
    assertFalse(etag.equals(header(zipped, "etag")));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
      assertEquals(new String(plain.body(), StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(304, server.get("/web/map.js", "If-None-Match", header(zipped, "etag")).statusCode());
    assertEquals(200, server.get("/web/map.js", "If-None-Match", "\"other\"").statusCode());
  }

  @Test
  void openLayersIsServedUnderItsVersionAndCachedForGood() throws Exception {
    HttpResponse<byte[]> js = server.get("/web/ol/" + WebPlugin.OL_VERSION + "/ol.js");
    assertEquals(200, js.statusCode());
    assertTrue(header(js, "cache-control").contains("immutable"));
    assertTrue(js.body().length > 100_000, "the bundled dist/ol.js");
    assertEquals(200, server.get("/web/ol/" + WebPlugin.OL_VERSION + "/ol.css").statusCode());
    assertEquals(404, server.get("/web/ol/9.0.0/ol.js").statusCode());
    assertEquals(404, server.get("/web/ol/" + WebPlugin.OL_VERSION + "/package.json").statusCode());
  }

  @Test
  void theCategoriesIconsAreServedAndNothingElse() throws Exception {
    for (Category c : pl.kmzb.category.CategoryCatalog.load(null).all()) {
      HttpResponse<byte[]> r = server.get("/web/icons/" + c.icon() + ".svg");
      assertEquals(200, r.statusCode(), c.icon());
      assertEquals("image/svg+xml", header(r, "content-type"));
    }
    assertEquals(404, server.get("/web/icons/rocket.svg").statusCode(), "a Maki icon no category uses");
  }

  @Test
  void namesOutsideTheFolderAreNotFound() throws Exception {
    for (String path : List.of("/web/nothing.js", "/web/index", "/web/.hidden.js", "/web/icons/..svg")) {
      HttpResponse<byte[]> r = server.get(path);
      assertEquals(404, r.statusCode(), path);
      assertEquals("application/problem+json", header(r, "content-type"), path);
    }
    // Jetty refuses encoded separators and dot segments before any route sees them.
    for (String path : List.of("/web/..%2Fpom.xml", "/web/%2E%2E", "/web/META-INF%2FMANIFEST.MF")) {
      assertEquals(400, server.get(path).statusCode(), path);
    }
  }

  @Test
  void theCatalogueAndPolandsOutlineAreServedAndThePageMayAskOnlyThisServer() throws Exception {
    HttpResponse<byte[]> page = server.get("/");
    assertEquals(WebPlugin.contentSecurityPolicy(new pl.kmzb.config.WebSettings("", "")),
        header(page, "content-security-policy"));
    assertTrue(header(page, "content-security-policy").startsWith("default-src 'self';"));
    var catalogue = MapServer.JSON.readTree(server.get("/web/catalogue.json").body());
    assertEquals(5, catalogue.get("statuses").size());
    var outline = MapServer.JSON.readTree(server.get("/web/outline.json").body());
    var geometry = outline.get("features").get(0).get("geometry");
    assertEquals("MultiPolygon", geometry.get("type").asText());
    double minLon = 180;
    double maxLon = -180;
    for (var polygon : geometry.get("coordinates")) {
      for (var point : polygon.get(0)) {
        minLon = Math.min(minLon, point.get(0).asDouble());
        maxLon = Math.max(maxLon, point.get(0).asDouble());
      }
    }
    assertTrue(minLon > 14.0 && minLon < 14.3 && maxLon > 24.0 && maxLon < 24.3, "Poland: " + minLon + ".." + maxLon);
    assertTrue(server.get("/web/outline.json").body().length < 200_000, "simplified for the map");
  }
}
