package pl.kmzb.tiles;

import pl.kmzb.geo.Envelope;

/**
 * A quadtree tile matrix set (OGC Two Dimensional Tile Matrix Set): zoom z has 2^z × 2^z tiles over
 * one square extent. Positions are mapped to integer world coordinates in [0, 2^31) on both axes, y
 * growing downwards, so every set shares the index's Morton order and tile arithmetic; a set only
 * says how longitude/latitude land in that square.
 */
public interface TileMatrixSet {
  /** The identifier of OGC's registry, e.g. "WebMercatorQuad". */
  String id();

  /** The CRS URI of the set. */
  String crs();

  /** The deepest zoom whose tiles of 4096 units still have whole world units (31 - 12). */
  default int maxZoom() {
    return Morton.LEVELS - 12;
  }

  /** World x of a position, 0 ... 2^31 - 1, clamped to the set's extent. */
  int worldX(double lon, double lat);

  /** World y of a position, 0 ... 2^31 - 1 (0 at the top), clamped to the set's extent. */
  int worldY(double lon, double lat);

  /** Exact (fractional) world coordinates, for geometries clipped and scaled into tiles. */
  double[] world(double lon, double lat);

  /** The range of tiles at zoom {@code z} that touch {@code box}: {minX, minY, maxX, maxY}, inclusive. */
  default int[] tileRange(Envelope box, int z) {
    int shift = Morton.LEVELS - z;
    int x0 = worldX(box.minLon(), box.maxLat()) >> shift;
    int y0 = worldY(box.minLon(), box.maxLat()) >> shift;
    int x1 = worldX(box.maxLon(), box.minLat()) >> shift;
    int y1 = worldY(box.maxLon(), box.minLat()) >> shift;
    return new int[] {Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)};
  }
}
