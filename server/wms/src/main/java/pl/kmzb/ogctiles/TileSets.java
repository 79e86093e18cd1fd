package pl.kmzb.ogctiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.geo.Envelope;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.TileMatrix;
import pl.kmzb.tiles.VectorLayer;

/**
 * Tileset metadata documents: OGC 2D-TMS 2.0 TileSetMetadata (the JSON encoding OGC API – Tiles
 * requires) for the tiles over Poland in any matrix set, and TileJSON 3.0.0 (what MapLibre,
 * OpenLayers and QGIS read) for those in WebMercatorQuad.
 */
final class TileSets {
  private TileSets() {}

  static Map<String, Object> metadata(String title, String dataType, MatrixSet set, Map<String, Object> box,
      List<Map<String, Object>> limits,
      String centreMatrix, List<Map<String, Object>> links, List<Map<String, Object>> layers, String attribution,
      List<String> mediaTypes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("dataType", dataType);
    m.put("crs", set.crsUri());
    if (set.uri() != null) {
      m.put("tileMatrixSetURI", set.uri());
    }
    m.put("links", links);
    m.put("tileMatrixSetLimits", limits);
    if (layers != null && !layers.isEmpty()) {
      m.put("layers", layers);
    }
    Envelope p = Envelope.POLAND;
    // TMS 2.0: the tileset's bounding box is in the tileset's CRS, in that CRS's axis order.
    m.put("boundingBox", box);
    m.put("centerPoint", Map.of("coordinates", List.of((p.minLon() + p.maxLon()) / 2, (p.minLat() + p.maxLat()) / 2),
        "crs", OgcTilesApi.CRS84, "tileMatrix", centreMatrix));
    if (attribution != null) {
      m.put("attribution", attribution);
    }
    m.put("mediaTypes", mediaTypes);
    return m;
  }

  /** Rows and columns of every matrix of the tileset that touch Poland. */
  static List<Map<String, Object>> limits(Grids grids, MatrixSet set, List<TileMatrix> levels) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TileMatrix tm : levels) {
      pl.kmzb.tiles.TileLimits r = grids.limits(set, tm);
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("tileMatrix", tm.id());
      l.put("minTileRow", r.minRow());
      l.put("maxTileRow", r.maxRow());
      l.put("minTileCol", r.minCol());
      l.put("maxTileCol", r.maxCol());
      out.add(l);
    }
    return out;
  }

  /** The MVT layers of a vector tileset as OGC geospatialData entries with their properties. */
  static List<Map<String, Object>> layers(List<VectorLayer> layers) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (VectorLayer v : layers) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("id", v.id());
      l.put("description", v.description());
      l.put("dataType", "vector");
      l.put("minTileMatrix", Integer.toString(v.minZoom()));
      l.put("maxTileMatrix", Integer.toString(v.maxZoom()));
      Map<String, Object> props = new LinkedHashMap<>();
      v.fields().forEach((name, description) -> props.put(name, Map.of("description", description)));
      l.put("propertiesSchema", Map.of("type", "object", "properties", props));
      out.add(l);
    }
    return out;
  }

  /** TileJSON 3.0.0 of a tileset: vector when {@code vectorLayers} is given, raster otherwise. */
  static Map<String, Object> tileJson(String name, String description, String template, int[] zooms,
      List<VectorLayer> vectorLayers) {
    Envelope p = Envelope.POLAND;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tilejson", "3.0.0");
    m.put("name", name);
    m.put("description", description);
    m.put("scheme", "xyz");
    m.put("tiles", List.of(template));
    m.put("minzoom", zooms[0]);
    m.put("maxzoom", zooms[1]);
    m.put("bounds", OgcTilesApi.bbox(p));
    m.put("center", List.of((p.minLon() + p.maxLon()) / 2, (p.minLat() + p.maxLat()) / 2,
        Math.max(zooms[0], Math.min(6, zooms[1]))));
    m.put("attribution", "Krajowa Mapa Zagrożeń Bezpieczeństwa");
    if (vectorLayers != null) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (VectorLayer v : vectorLayers) {
        Map<String, Object> vl = new LinkedHashMap<>();
        vl.put("id", v.id());
        vl.put("description", v.description());
        vl.put("minzoom", v.minZoom());
        vl.put("maxzoom", v.maxZoom());
        vl.put("fields", v.fields());
        list.add(vl);
      }
      m.put("vector_layers", list);
    }
    return m;
  }
}
