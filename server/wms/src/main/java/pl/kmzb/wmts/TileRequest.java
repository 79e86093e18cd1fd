package pl.kmzb.wmts;

import java.util.List;
import java.util.Map;
import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.TileMatrix;

/**
 * A GetTile request as parsed from KVP or a RESTful path: the layer, its style by name, the format,
 * the tile, the TIME dimension's value (null for the default: no time filter) and the shared filters
 * asked as vendor parameters ({@link WmtsRequests#FILTERS}, names in lower case, values as given:
 * the one filter model parses and canonicalises them when the tile is drawn), or for an indicator
 * layer the parameters choosing its map ({@link WmtsRequests#INDICATOR}, checked by the WMS parser).
 */
public record TileRequest(PublishedLayer layer, String style, TileFormat format, MatrixSet set, TileMatrix matrix,
    long row, long col, String time, Map<String, List<String>> filters) {
  public TileRequest {
    filters = Map.copyOf(filters);
  }

  /** Whether the tile is narrowed by filters (a variant of its own, never answered inline). */
  boolean filtered() {
    return !filters.isEmpty();
  }

  /** The canonical cache key: equal for every spelling of one tile. */
  String key(String language) {
    return layer.id() + '|' + style + '|' + format.name() + '|' + set.id() + '|' + matrix.id() + '|' + row + '|' + col
        + '|' + (time == null ? "" : time) + '|' + language;
  }
}
