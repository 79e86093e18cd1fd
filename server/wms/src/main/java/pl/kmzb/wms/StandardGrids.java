package pl.kmzb.wms;

import java.util.List;
import java.util.Optional;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;

/**
 * The tile grids a TILED=true request is matched against, as GeoWebCache's WMS integration does:
 * when the bounds are one tile of a standard grid (within a millionth of a tile), the request is
 * keyed by that tile instead of its decimal bounds, so every client's spelling of a tile hits one
 * cache entry, and it is drawn at the grid's exact bounds.
 *
 * <ul>
 *   <li>WebMercatorQuad (EPSG:3857), OGC 2D-TMS: origin at (-20037508.34, 20037508.34), one tile at z0.
 *   <li>WorldCRS84Quad (CRS:84 and EPSG:4326), OGC 2D-TMS: two 180° tiles at z0.
 *   <li>Geoportal's EPSG:2180 grid (DOMAIN.md): top-left 850,000 N / 100,000 E, 512-pixel tiles of
 *       7,559,523.8095 scale at level 0 (0.28 mm pixels: 2,116.67 m), halving at each level.
 * </ul>
 */
public final class StandardGrids {
  /** One tile of a grid: its level and column/row counted from the top-left corner. */
  public record GridTile(String grid, int z, long x, long y) {
    public String key() {
      return grid + "/" + z + "/" + x + "/" + y;
    }
  }

  private record Grid(String name, String crs, double originX, double originY, double span0, List<Integer> sizes) {}

  private static final double MERCATOR = 20037508.342789244;
  private static final List<Grid> GRIDS = List.of(
      new Grid("WebMercatorQuad", "EPSG:3857", -MERCATOR, MERCATOR, 2 * MERCATOR, List.of(256, 512)),
      new Grid("WorldCRS84Quad", "CRS:84", -180, 90, 180, List.of(256, 512)),
      new Grid("WorldCRS84Quad", "EPSG:4326", -180, 90, 180, List.of(256, 512)),
      new Grid("PL-2180", "EPSG:2180", 100_000, 850_000, 512 * 7_559_523.809523809 * 0.00028, List.of(512)));
  private static final int MAX_LEVEL = 24;
  private static final double TOLERANCE = 1e-6;

  private StandardGrids() {}

  /** The tile {@code bbox} (internal east/north order) is, if it is exactly one of a standard grid. */
  public static Optional<GridTile> match(Crs crs, Bounds bbox, int width, int height) {
    if (width != height) {
      return Optional.empty();
    }
    for (Grid g : GRIDS) {
      if (!g.crs.equals(crs.code()) || !g.sizes.contains(width)) {
        continue;
      }
      for (int z = 0; z <= MAX_LEVEL; z++) {
        double span = g.span0 / (1L << z);
        if (Math.abs(bbox.width() - span) > span * TOLERANCE || Math.abs(bbox.height() - span) > span * TOLERANCE) {
          continue;
        }
        double col = (bbox.minX() - g.originX) / span;
        double row = (g.originY - bbox.maxY()) / span;
        if (Math.abs(col - Math.rint(col)) <= TOLERANCE && Math.abs(row - Math.rint(row)) <= TOLERANCE
            && col >= 0 && row >= 0) {
          return Optional.of(new GridTile(g.name + "@" + width, z, Math.round(col), Math.round(row)));
        }
      }
    }
    return Optional.empty();
  }

  /** The exact bounds of {@code tile} (internal order), for drawing. */
  public static Bounds bounds(Crs crs, GridTile tile) {
    for (Grid g : GRIDS) {
      if (g.crs.equals(crs.code()) && tile.grid().startsWith(g.name + "@")) {
        double span = g.span0 / (1L << tile.z());
        double minX = g.originX + tile.x() * span;
        double maxY = g.originY - tile.y() * span;
        return new Bounds(minX, maxY - span, minX + span, maxY);
      }
    }
    throw new IllegalArgumentException("no grid " + tile.grid() + " in " + crs.code());
  }
}
