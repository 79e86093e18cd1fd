package pl.kmzb.wms;

import java.util.List;
import java.util.Optional;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.tiles.TileMatrix;

/**
 * The tile grids a TILED=true request is matched against, as GeoWebCache's WMS integration does:
 * when the bounds are one tile of a standard grid (within a millionth of a tile), the request is
 * keyed by that tile instead of its decimal bounds, so every client's spelling of a tile hits one
 * cache entry, and it is drawn at the grid's exact bounds.
 *
 * <p>The grids are the tile matrix sets WMTS and OGC API – Tiles publish ({@link MatrixSets}), one
 * definition for all three services, so a WMS tiled client and a WMTS client asking for the same
 * EPSG:2180 tile share its bounds:
 *
 * <ul>
 *   <li>WebMercatorQuad (EPSG:3857) and WorldCRS84Quad (CRS:84, and EPSG:4326 whose bounds are held
 *       in the same east/north order internally): 256-pixel tiles, or the same tiles drawn at 512
 *       pixels (high-DPI clients ask for those).
 *   <li>Geoportal's EPSG:2180 set ({@link MatrixSets#GEOPORTAL_2180}): 512-pixel tiles only, its own
 *       seventeen levels (not a quadtree).
 * </ul>
 */
public final class StandardGrids {
  /** One tile of a grid: the level's index in its set and column/row counted from the top-left corner. */
  public record GridTile(String grid, int z, long x, long y) {
    public String key() {
      return grid + "/" + z + "/" + x + "/" + y;
    }
  }

  /** A matrix set under one CRS code, and the pixel sizes a tile of it may be drawn at. */
  private record Grid(MatrixSet set, String crs, List<Integer> sizes) {}

  private static final List<Grid> GRIDS = List.of(
      new Grid(MatrixSets.WEB_MERCATOR_QUAD, "EPSG:3857", List.of(256, 512)),
      new Grid(MatrixSets.WORLD_CRS84_QUAD, "CRS:84", List.of(256, 512)),
      new Grid(MatrixSets.WORLD_CRS84_QUAD, "EPSG:4326", List.of(256, 512)),
      new Grid(MatrixSets.GEOPORTAL_2180, "EPSG:2180", List.of(512)));
  private static final double TOLERANCE = 1e-6;

  private StandardGrids() {}

  /** The tile {@code bbox} (internal east/north order) is, if it is exactly one of a standard grid. */
  public static Optional<GridTile> match(Crs crs, Bounds bbox, int width, int height) {
    if (width != height) {
      return Optional.empty();
    }
    for (Grid g : GRIDS) {
      if (g.crs.equals(crs.code()) && g.sizes.contains(width)) {
        Optional<GridTile> tile = match(g, bbox, width);
        if (tile.isPresent()) {
          return tile;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<GridTile> match(Grid g, Bounds bbox, int width) {
    List<TileMatrix> levels = g.set.matrices();
    for (int z = 0; z < levels.size(); z++) {
      TileMatrix m = levels.get(z);
      double spanX = m.tileSpanX();
      double spanY = m.tileSpanY();
      if (Math.abs(bbox.width() - spanX) > spanX * TOLERANCE || Math.abs(bbox.height() - spanY) > spanY * TOLERANCE) {
        continue;
      }
      double col = (bbox.minX() - m.originEast()) / spanX;
      double row = (m.originNorth() - bbox.maxY()) / spanY;
      if (Math.abs(col - Math.rint(col)) <= TOLERANCE && Math.abs(row - Math.rint(row)) <= TOLERANCE
          && m.contains(Math.round(col), Math.round(row))) {
        return Optional.of(new GridTile(g.set.id() + "@" + width, z, Math.round(col), Math.round(row)));
      }
    }
    return Optional.empty();
  }

  /** The exact bounds of {@code tile} (internal order), for drawing. */
  public static Bounds bounds(Crs crs, GridTile tile) {
    for (Grid g : GRIDS) {
      if (g.crs.equals(crs.code()) && tile.grid().startsWith(g.set.id() + "@")) {
        return g.set.level(tile.z()).tileBounds(tile.x(), tile.y());
      }
    }
    throw new IllegalArgumentException("no grid " + tile.grid() + " in " + crs.code());
  }
}
