package pl.kmzb.wmts;

import pl.kmzb.layer.PublishedLayer;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.TileMatrix;

/**
 * A GetTile request as parsed from KVP or a RESTful path: the layer, its style by name, the format,
 * the tile, and the TIME dimension's value (null for the default: no time filter).
 */
public record TileRequest(PublishedLayer layer, String style, TileFormat format, MatrixSet set, TileMatrix matrix,
    long row, long col, String time) {

  /** The canonical cache key: equal for every spelling of one tile. */
  String key(String language) {
    return layer.id() + '|' + style + '|' + format.name() + '|' + set.id() + '|' + matrix.id() + '|' + row + '|' + col
        + '|' + (time == null ? "" : time) + '|' + language;
  }
}
