package pl.kmzb.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Router;

/**
 * OpenLayers for the small maps of the HTML pages, served from the jar (the OpenLayers WebJar's
 * bundled {@code dist/ol.js} and {@code ol.css}) under {@code /ogc/features/assets/}: the pages load
 * nothing from other hosts and draw no background tiles, so they work offline.
 */
final class MapAssets {
  static final String VERSION = "10.7.0";
  static final String PATH = FeaturesApi.BASE + "/assets/";
  private static final String ROOT = "META-INF/resources/webjars/ol/" + VERSION + "/";
  private static final Map<String, String> FILES = Map.of("ol.js", "dist/ol.js", "ol.css", "ol.css");

  private MapAssets() {}

  static void register(Router router) {
    byte[] js = read(FILES.get("ol.js"));
    byte[] css = read(FILES.get("ol.css"));
    router.get(PATH + "ol.js", ex -> send(ex, "text/javascript; charset=utf-8", js));
    router.get(PATH + "ol.css", ex -> send(ex, "text/css; charset=utf-8", css));
  }

  private static void send(Exchange ex, String type, byte[] body) {
    // The file name carries no version, but a server update changes it: a day's caching is enough.
    ex.response().getHeaders().put("Cache-Control", "public, max-age=86400");
    ex.send(200, type, body);
  }

  private static byte[] read(String file) {
    try (InputStream in = MapAssets.class.getClassLoader().getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalStateException("OpenLayers " + VERSION + " is missing from the class path: " + ROOT + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
