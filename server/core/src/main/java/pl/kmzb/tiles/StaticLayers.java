package pl.kmzb.tiles;

import java.util.List;
import java.util.Map;
import pl.kmzb.http.ApiException;

/** What the layers whose data is fixed while the server runs have in common. */
final class StaticLayers {
  /** Boundaries and units change only by an import and a restart; a day of caching is safe. */
  static final String CACHE_CONTROL = "public, max-age=86400";
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
