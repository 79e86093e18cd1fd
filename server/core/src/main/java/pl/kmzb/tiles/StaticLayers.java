package pl.kmzb.tiles;

import java.util.List;
import java.util.Map;
import pl.kmzb.http.ApiException;

/**
 * What the layers of reference data (boundaries, police units) have in common. Each instance holds
 * one generation of the data; a reload registers a new instance with a higher generation, which is
 * its {@link TileLayer#stamp}, so the tile cache drops the old generation's tiles.
 */
final class StaticLayers {
  /**
   * Boundaries and units change only by an import, which running servers pick up within seconds;
   * an hour in browsers and proxies keeps the map light without hiding an import for long.
   */
  static final String CACHE_CONTROL = "public, max-age=3600";
  static final TileLayer.Variant NO_PARAMETERS = new TileLayer.Variant("", null);

  private StaticLayers() {}

  /** These layers take no query parameters; any is a client mistake worth telling about. */
  static TileLayer.Variant noParameters(String layer, Map<String, List<String>> query) {
    if (!query.isEmpty()) {
      String name = query.keySet().iterator().next();
      throw ApiException.badRequest(name, "tileset '" + layer + "' takes no query parameters; got '" + name + "'");
    }
    return NO_PARAMETERS;
  }
}
