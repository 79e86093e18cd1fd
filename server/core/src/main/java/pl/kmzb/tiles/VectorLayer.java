package pl.kmzb.tiles;

import java.util.LinkedHashMap;
import java.util.Map;

/** A layer inside a tileset's tiles, as TileJSON 3.0 lists it: fields map a property to its description. */
public record VectorLayer(String id, String description, int minZoom, int maxZoom, Map<String, String> fields) {
  public VectorLayer {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }
}
