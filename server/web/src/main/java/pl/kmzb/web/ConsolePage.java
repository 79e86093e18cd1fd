package pl.kmzb.web;

import pl.kmzb.http.Router;
import pl.kmzb.plugin.PluginContext;

/**
 * The officer console at {@code /console}: one page and its files from the jar
 * ({@code src/main/resources/web/console/}) and the catalogue it reads
 * ({@code /web/console/catalogue.json}, see {@link ConsoleCatalogue}). Everything the console does
 * goes through the public report, auth, user and tile APIs with the officer's bearer token; this
 * class adds no police data route of its own.
 */
final class ConsolePage {
  static final String PATH = "/console";
  static final String FILES = WebPlugin.ASSETS + "console/";

  /**
   * The console may load and ask nothing but this server (a bearer token must never reach another
   * host); OpenLayers sets inline styles on its elements, and attachments are saved from blob URLs.
   */
  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none';"
      + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private ConsolePage() {}

  static void register(PluginContext context) {
    StaticAssets files = new StaticAssets(ConsolePage.class.getClassLoader(), "web/console/");
    StaticAssets.Asset page = files.require("index.html");
    StaticAssets.Asset catalogue = StaticAssets.of("catalogue.json", ConsoleCatalogue.json(context));
    Router router = context.router();
    router.get(PATH, ex -> {
      ex.response().getHeaders().put("Content-Security-Policy", POLICY);
      ex.response().getHeaders().put("Referrer-Policy", "no-referrer");
      StaticAssets.send(ex, page, WebPlugin.NO_CACHE);
    });
    router.get(FILES + "catalogue.json", ex -> StaticAssets.send(ex, catalogue, WebPlugin.NO_CACHE));
    router.get(FILES + "{file}", ex -> files.serve(ex, "file", WebPlugin.NO_CACHE));
  }
}
