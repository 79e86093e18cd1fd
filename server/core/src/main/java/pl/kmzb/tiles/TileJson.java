package pl.kmzb.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.geo.Envelope;

/** TileJSON 3.0.0 documents (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
final class TileJson {
  private TileJson() {}

  /**
   * @param query the request's query string with its "?" (or empty): a filtered TileJSON points at
   *     equally filtered tiles
   */
  static Map<String, Object> of(TileLayer layer, String baseUrl, String query, Envelope bounds,
      TileLayer.Variant variant) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tilejson", "3.0.0");
    m.put("name", layer.id());
    m.put("description", layer.description());
    m.put("scheme", "xyz");
    m.put("tiles", List.of(baseUrl + "/tiles/" + layer.id() + "/{z}/{x}/{y}.mvt" + query));
    m.put("minzoom", layer.minZoom());
    m.put("maxzoom", layer.maxZoom());
    m.put("bounds", List.of(bounds.minLon(), bounds.minLat(), bounds.maxLon(), bounds.maxLat()));
    m.put("center", List.of((bounds.minLon() + bounds.maxLon()) / 2, (bounds.minLat() + bounds.maxLat()) / 2,
        Math.max(layer.minZoom(), Math.min(6, layer.maxZoom()))));
    m.put("attribution", "Krajowa Mapa Zagrożeń Bezpieczeństwa");
    List<Map<String, Object>> vectorLayers = new ArrayList<>();
    for (VectorLayer v : layer.vectorLayers()) {
      Map<String, Object> vl = new LinkedHashMap<>();
      vl.put("id", v.id());
      vl.put("description", v.description());
      vl.put("minzoom", v.minZoom());
      vl.put("maxzoom", v.maxZoom());
      vl.put("fields", v.fields());
      vectorLayers.add(vl);
    }
    m.put("vector_layers", vectorLayers);
    if (!variant.key().isEmpty()) {
      m.put("filter", variant.key());
    }
    return m;
  }
}
