package pl.kmzb.web;

import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Router;
import pl.kmzb.plugin.PluginContext;

/**
 * The statistics page at {@code /statistics}: one page and its files from the jar
 * ({@code src/main/resources/web/statistics/}) and the generalised area outlines its choropleth
 * draws ({@code /web/statistics/areas/{level}.json}, see {@link AreaShapes}). The figures themselves
 * come from the public statistics APIs ({@code /api/statistics}, and the police indicators at
 * {@code /api/statistics/indicators} where that service runs); this class adds no data route but
 * the outlines.
 */
final class StatisticsPage {
  static final String PATH = "/statistics";
  static final String FILES = WebPlugin.ASSETS + "statistics/";

  /** Nothing but this server: no basemap (the areas are the map), no inline script. */
  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
      + " img-src 'self' data: blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none';"
      + " base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

  private StatisticsPage() {}

  static void register(PluginContext context) {
    StaticAssets files = new StaticAssets(StatisticsPage.class.getClassLoader(), "web/statistics/");
    StaticAssets.Asset page = files.require("index.html");
    AreaShapes shapes = new AreaShapes(() -> context.areas().index());
    Router router = context.router();
    router.get(PATH, ex -> {
      ex.response().getHeaders().put("Content-Security-Policy", POLICY);
      StaticAssets.send(ex, page, WebPlugin.NO_CACHE);
    });
    router.get(FILES + "areas/{file}", ex -> {
      String file = ex.pathParam("file");
      BoundaryLevel level = switch (file) {
        case "voivodeship.json" -> BoundaryLevel.VOIVODESHIP;
        case "county.json" -> BoundaryLevel.COUNTY;
        case "municipality.json" -> BoundaryLevel.MUNICIPALITY;
        default -> throw new ApiException(404, "Not Found",
            "no areas '" + file + "'; levels: voivodeship.json, county.json, municipality.json");
      };
      StaticAssets.send(ex, shapes.of(level), WebPlugin.NO_CACHE);
    });
    router.get(FILES + "{file}", ex -> files.serve(ex, "file", WebPlugin.NO_CACHE));
  }
}
