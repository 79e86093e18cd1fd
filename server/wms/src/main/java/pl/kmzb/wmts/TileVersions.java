package pl.kmzb.wmts;

import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.Morton;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.TileMatrix;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * The version of the report data one raster tile shows, from the cluster index's lock-free tile
 * stamps: the highest stamp of the index tiles covering the tile's area plus how far a change can
 * reach into it. So a report change moves the version of the raster tiles it can touch and no other,
 * in any matrix set (the index is in Web Mercator; a tile of Geoportal's EPSG:2180 set is covered
 * through its lon/lat envelope).
 *
 * <p>How far a change reaches: the renderer draws clusters of the index zoom whose tiles are about
 * 512 px on the map ({@code render.ThreatSource.zoomFor}), and a cluster sits at its reports' weighted
 * centre anywhere in its cell (1/16 of that index tile, 2^(27 - z) world units), so a change moves
 * pixels at most one cell away, plus the symbol around it, its label and the heat map's kernel
 * (6 cells of 4 px). {@link #REACH_PX} pixels cover the latter; the cell span is added at the
 * renderer's zoom. An index tile's stamp moves for changes inside it or in its buffer ring, so the
 * covering tiles' stamps are an upper bound: a tile may re-render when it did not need to, never stay
 * stale.
 */
final class TileVersions {
  /** Pixels a drawn report reaches beyond its cell: symbol radius, label, heat-map kernel (24 px). */
  static final int REACH_PX = 48;
  /**
   * The covering is read at the finest index zoom at which it is at most this many index tiles: about
   * a quarter of the raster tile per index tile, so a change near a tile's edge does not re-render the
   * tile beyond its neighbour. 64 lock-free lookups cost about a microsecond.
   */
  static final int MAX_COVER = 64;

  private final ClusterIndex index;
  private final CrsRegistry crs;

  TileVersions(ClusterIndex index, CrsRegistry crs) {
    this.index = index;
    this.crs = crs;
  }

  /** The highest stamp of the index tiles the tile's data can come from. */
  long version(MatrixSet set, TileMatrix m, long col, long row) {
    Bounds ll = crs.toLonLat(crs.require(set.crsCode())).apply(m.tileBounds(col, row));
    WebMercatorQuad w = WebMercatorQuad.INSTANCE;
    double maxLat = WebMercatorQuad.MAX_LAT;
    double x0 = w.world(ll.minX(), 0)[0];
    double x1 = w.world(ll.maxX(), 0)[0];
    double y0 = w.world(0, Math.min(maxLat, ll.maxY()))[1];
    double y1 = w.world(0, Math.max(-maxLat, ll.minY()))[1];
    if (!(Double.isFinite(x0) && Double.isFinite(x1) && Double.isFinite(y0) && Double.isFinite(y1))) {
      // a tile far outside where its CRS is defined: every change moves the world tile's stamp
      return index.stamp(new TileCoord(0, 0, 0));
    }
    int maxZoom = index.settings().maxZoom();
    double unitsPerPixel = Math.max(1e-9, (x1 - x0) / m.tileWidth());
    long rendererZoom = Math.max(0, Math.min(maxZoom, Math.round(Morton.LEVELS - 9 - Math.log(unitsPerPixel) / Math.log(2))));
    double reach = Math.pow(2, Morton.LEVELS - 4 - rendererZoom) + REACH_PX * unitsPerPixel;
    long wx0 = clamp(x0 - reach);
    long wx1 = clamp(x1 + reach);
    long wy0 = clamp(y0 - reach);
    long wy1 = clamp(y1 + reach);
    for (int z = maxZoom; z >= 0; z--) {
      int shift = Morton.LEVELS - z;
      long tx0 = wx0 >> shift;
      long tx1 = wx1 >> shift;
      long ty0 = wy0 >> shift;
      long ty1 = wy1 >> shift;
      if ((tx1 - tx0 + 1) * (ty1 - ty0 + 1) <= MAX_COVER) {
        long v = 0;
        for (long ty = ty0; ty <= ty1; ty++) {
          for (long tx = tx0; tx <= tx1; tx++) {
            v = Math.max(v, index.stamp(new TileCoord(z, (int) tx, (int) ty)));
          }
        }
        return v;
      }
    }
    throw new IllegalStateException("zoom 0 is one tile");
  }

  private static long clamp(double world) {
    return (long) Math.max(0, Math.min((1L << Morton.LEVELS) - 1, Math.floor(world)));
  }
}
