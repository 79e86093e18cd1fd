package pl.kmzb.tiles;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.geo.Envelope;

/**
 * The tiles of one matrix that cover Poland, inclusive: what WMTS capabilities publish as
 * TileMatrixLimits and OGC API – Tiles as tileMatrixSetLimits, so clients do not ask for tiles
 * outside the country. Poland's envelope is taken into the set's CRS densified (its edges curve
 * there), so the limits cover it.
 */
public record TileLimits(long minCol, long minRow, long maxCol, long maxRow) {
  private static final Map<String, Bounds> POLAND = new ConcurrentHashMap<>();

  public boolean contains(long col, long row) {
    return col >= minCol && col <= maxCol && row >= minRow && row <= maxRow;
  }

  /** The tiles of {@code m} (a level of {@code set}) covering Poland. */
  public static TileLimits poland(MatrixSet set, TileMatrix m) {
    Bounds b = POLAND.computeIfAbsent(set.id(), id -> {
      CrsRegistry crs = CrsRegistry.standard();
      return crs.fromLonLat(crs.require(set.crsCode())).apply(Bounds.of(Envelope.POLAND));
    });
    long minCol = Math.max(0, m.column(b.minX()));
    long maxCol = Math.min(m.matrixWidth() - 1, m.column(b.maxX()));
    long minRow = Math.max(0, m.row(b.maxY()));
    long maxRow = Math.min(m.matrixHeight() - 1, m.row(b.minY()));
    return new TileLimits(minCol, minRow, maxCol, maxRow);
  }
}
