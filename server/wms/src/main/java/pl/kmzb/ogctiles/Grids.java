package pl.kmzb.ogctiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.geo.Envelope;
import pl.kmzb.http.ApiException;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.tiles.TileMatrix;

/**
 * The tile matrix sets of the server ({@link MatrixSets}: WebMercatorQuad, WorldCRS84Quad,
 * Geoportal's EPSG:2180 set) with the tiles of each level that cover Poland, the tilesets' limits
 * (a tile outside them is a 404). Vector tiles exist in WebMercatorQuad only: the cluster index and
 * the tile cache are cut in it; map tiles are drawn in every set.
 */
final class Grids {
  static final String VECTOR_SET = MatrixSets.WEB_MERCATOR_QUAD.id();

  /** A level's tiles over Poland, inclusive. */
  record Limits(long minCol, long minRow, long maxCol, long maxRow) {
    boolean contains(long col, long row) {
      return col >= minCol && col <= maxCol && row >= minRow && row <= maxRow;
    }
  }

  private final Map<String, Bounds> poland = new LinkedHashMap<>();

  Grids(CrsRegistry crs) {
    for (MatrixSet s : MatrixSets.all()) {
      poland.put(s.id(), crs.fromLonLat(crs.require(s.crsCode())).apply(Bounds.of(Envelope.POLAND)));
    }
  }

  static List<MatrixSet> all() {
    return MatrixSets.all();
  }

  /** The set of the path, or 404 naming those offered. */
  static MatrixSet require(String id) {
    return MatrixSets.byId(id).orElseThrow(() -> new ApiException(404, "Not Found", "no tile matrix set '"
        + TileFilters.clip(id) + "'; offered: " + all().stream().map(MatrixSet::id).toList()));
  }

  Limits limits(MatrixSet set, TileMatrix m) {
    Bounds b = poland.get(set.id());
    long minCol = Math.max(0, m.column(b.minX()));
    long maxCol = Math.min(m.matrixWidth() - 1, m.column(b.maxX()));
    long minRow = Math.max(0, m.row(b.maxY()));
    long maxRow = Math.min(m.matrixHeight() - 1, m.row(b.minY()));
    return new Limits(minCol, minRow, maxCol, maxRow);
  }

  /** The levels {@code from}…{@code to} (indexes, clamped to the set). */
  static List<TileMatrix> levels(MatrixSet set, int from, int to) {
    return set.matrices().subList(Math.min(from, set.matrices().size() - 1), Math.min(to, set.matrices().size() - 1) + 1);
  }

  static Optional<TileMatrix> matrix(MatrixSet set, String id) {
    return set.matrix(id);
  }
}
