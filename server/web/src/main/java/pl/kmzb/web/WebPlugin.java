package pl.kmzb.web;

import java.util.Set;
import java.util.TreeSet;
import pl.kmzb.category.Category;
import pl.kmzb.config.WebSettings;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Router;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;

/**
 * The web map at {@code /}: the public map page and its scripts and styles from the jar
 * ({@code src/main/resources/web/}), OpenLayers from its WebJar, and the Maki icons of the
 * categories. The page asks no host but this server.
 */
public final class WebPlugin implements ServerPlugin {
  /** OpenLayers' version in the WebJar; its files are served under a versioned URL, cached for good. */
  public static final String OL_VERSION = "10.7.0";
  /** Where the page's own files are served from (one path segment per name). */
  public static final String ASSETS = "/web/";

  static final String NO_CACHE = "no-cache";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";

  @Override
  public String name() {
    return "web";
  }

  /** After the services the page uses, so a missing one fails their start, not this one. */
  @Override
  public int order() {
    return 200;
  }

  @Override
  public void start(PluginContext context) {
    ClassLoader loader = WebPlugin.class.getClassLoader();
    StaticAssets web = new StaticAssets(loader, "web/");
    String olRoot = "META-INF/resources/webjars/ol/" + OL_VERSION + "/";
    OpenLayers ol = new OpenLayers(new StaticAssets(loader, olRoot + "dist/").require("ol.js"),
        new StaticAssets(loader, olRoot).require("ol.css"));
    StaticAssets maki = new StaticAssets(loader, "maki/");
    Set<String> icons = icons(context, maki);
    Style style = StyleCatalog.bundled(context).find(MapCatalogue.STYLE)
        .orElseThrow(() -> new IllegalStateException("the bundled styles have no " + MapCatalogue.STYLE));
    StaticAssets.Asset catalogue = StaticAssets.of("catalogue.json",
        MapCatalogue.json(context.catalog(), style, context.config().web()));
    String policy = contentSecurityPolicy(context.config().web());
    Router router = context.router();
    router.get("/", ex -> {
      ex.response().getHeaders().put("Content-Security-Policy", policy);
      StaticAssets.send(ex, web.require("index.html"), NO_CACHE);
    });
    router.get(ASSETS + "catalogue.json", ex -> StaticAssets.send(ex, catalogue, NO_CACHE));
    router.get(ASSETS + "outline.json", ex -> StaticAssets.send(ex, OutlineAsset.ASSET, NO_CACHE));
    register(router, web, ol, maki, icons);
    ConsolePage.register(context);
    StatisticsPage.register(context);
  }

  /**
   * Poland's outline as the map's basemap, made at the first request (reading the world atlas takes a
   * few hundred milliseconds of a cold JVM: not on the start's critical path).
   */
  private static final class OutlineAsset {
    static final StaticAssets.Asset ASSET = StaticAssets.of("outline.json", OutlineJson.poland());
  }

  /**
   * The page may load from this server only, plus the external basemap's host when one is
   * configured; a script that tried anything else would be refused by the browser (and the browser
   * tests see the refusal as a console error). OpenLayers sets inline styles on its elements.
   */
  static String contentSecurityPolicy(WebSettings web) {
    String basemap = web.hasBasemap() ? " " + java.net.URI.create(web.basemapUrl()
        .replaceAll("\\{-?[a-z]\\}", "0")).resolve("/").toString().replaceAll("/$", "") : "";
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:"
        + basemap + "; connect-src 'self'" + basemap + "; worker-src 'self' blob:; object-src 'none';"
        + " base-uri 'none'; form-action 'self'; frame-ancestors 'self'";
  }

  private static void register(Router router, StaticAssets web, OpenLayers ol, StaticAssets maki, Set<String> icons) {
    router.get(ASSETS + "{file}", ex -> web.serve(ex, "file", NO_CACHE));
    router.get(ASSETS + "ol/{version}/{file}", ex -> openLayers(ex, ol));
    router.get(ASSETS + "icons/{file}", ex -> {
      if (!icons.contains(ex.pathParam("file"))) {
        throw new ApiException(404, "Not Found", "no icon '" + ex.pathParam("file") + "'; the categories use " + icons);
      }
      maki.serve(ex, "file", NO_CACHE);
    });
  }

  /** OpenLayers' bundled script (the WebJar's dist/ol.js) and its style sheet. */
  private record OpenLayers(StaticAssets.Asset js, StaticAssets.Asset css) {}

  /** ol.js and ol.css under the version in the path. */
  private static void openLayers(Exchange ex, OpenLayers ol) {
    if (!OL_VERSION.equals(ex.pathParam("version"))) {
      throw new ApiException(404, "Not Found", "this server has OpenLayers " + OL_VERSION);
    }
    String file = ex.pathParam("file");
    StaticAssets.Asset asset = switch (file) {
      case "ol.js" -> ol.js();
      case "ol.css" -> ol.css();
      default -> throw new ApiException(404, "Not Found", "no file '" + file + "' of OpenLayers");
    };
    StaticAssets.send(ex, asset, IMMUTABLE);
  }

  /** The icon files the categories name, each checked to be on the class path. */
  private static Set<String> icons(PluginContext context, StaticAssets maki) {
    Set<String> out = new TreeSet<>();
    for (Category c : context.catalog().all()) {
      String file = c.icon() + ".svg";
      maki.require(file);
      out.add(file);
    }
    return out;
  }
}
