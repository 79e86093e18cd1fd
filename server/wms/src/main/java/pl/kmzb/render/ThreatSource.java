package pl.kmzb.render;

import java.util.ArrayList;
import java.util.List;
import pl.kmzb.category.Category;
import pl.kmzb.cluster.ClusterFeature;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.cluster.IndexFilter;
import pl.kmzb.cluster.TileClusters;
import pl.kmzb.crs.Bounds;
import pl.kmzb.geo.LonLat;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * The public clusters of a map view, from the cluster index's tiles, never from a scan of the
 * store: the zoom whose grid cells are about 32 px on this map (a tile about 512 px), the tiles
 * covering the view, each cluster taken from the one tile that holds it (its position lies in
 * [0, 4096) of exactly one tile; the buffers repeat it). At the zooms of the unfiltered aggregates a
 * national map is a few hundred map lookups.
 */
final class ThreatSource {
  /** World units: 2^31 across, as {@link WebMercatorQuad} maps them. */
  private static final int WORLD_BITS = 31;
  /** Tile units per tile side in {@link ClusterFeature} positions. */
  private static final int EXTENT_BITS = 12;
  /** A map never reads more tiles than this; past it the zoom goes down one. */
  static final int MAX_TILES = 400;
  /**
   * A map never holds more clusters than this. Clustered tiles hold at most 18 × 18 cells, so it
   * binds only where an operator set {@code tiles.cluster-max-zoom} below the deepest zoom and
   * tiles carry every single report: memory per request stays bounded whatever the data.
   */
  static final int MAX_FEATURES = 150_000;

  private final ClusterIndex index;

  ThreatSource(ClusterIndex index) {
    this.index = index;
  }

  /** The zoom whose tiles are about 512 px on this map, plus {@code finer}, within the index's zooms. */
  int zoomFor(ViewTransform vt, int finer) {
    MapView v = vt.view();
    LonLat a = vt.lonLatOf(v.width() / 2.0, v.height() / 2.0);
    LonLat b = vt.lonLatOf(v.width() / 2.0 + 1, v.height() / 2.0 + 1);
    double[] wa = WebMercatorQuad.INSTANCE.world(a.lon(), clampLat(a.lat()));
    double[] wb = WebMercatorQuad.INSTANCE.world(b.lon(), clampLat(b.lat()));
    double unitsPerPixel = Math.sqrt(Math.abs((wb[0] - wa[0]) * (wb[1] - wa[1])));
    if (!(unitsPerPixel > 0)) {
      Bounds ll = vt.lonLatBounds();
      unitsPerPixel = ll.width() / 360 * (1L << WORLD_BITS) / v.width();
    }
    long z = Math.round(WORLD_BITS - 9 - Math.log(unitsPerPixel) / Math.log(2)) + finer;
    return (int) Math.max(0, Math.min(index.settings().maxZoom(), z));
  }

  /** The clusters of {@code filter} at {@code zoom} inside the view (lon/lat set; pixels not yet). */
  List<ThreatPoint> gather(ViewTransform vt, IndexFilter filter, int zoom, List<Category> categories,
      String language) {
    return gather(vt, List.of(filter), zoom, categories, language).get(0);
  }

  /**
   * The clusters of each of {@code filters} (which differ only in their categories) at {@code zoom}
   * inside the view, the index's tiles read once for all of them ({@link ClusterIndex#tiles}): element
   * i is what {@code gather} answers for filter i alone, its own cap of features included.
   */
  List<List<ThreatPoint>> gather(ViewTransform vt, List<IndexFilter> filters, int zoom, List<Category> categories,
      String language) {
    Bounds ll = vt.lonLatBounds();
    double maxLat = WebMercatorQuad.MAX_LAT;
    int x0 = world(WebMercatorQuad.INSTANCE.worldX(ll.minX(), 0));
    int x1 = world(WebMercatorQuad.INSTANCE.worldX(ll.maxX(), 0));
    int y0 = world(WebMercatorQuad.INSTANCE.worldY(0, Math.min(maxLat, ll.maxY())));
    int y1 = world(WebMercatorQuad.INSTANCE.worldY(0, Math.max(-maxLat, ll.minY())));
    int z = zoom;
    while (z > 0 && tiles(x0, x1, z) * (long) tiles(y0, y1, z) > MAX_TILES) {
      z--;
    }
    List<List<ThreatPoint>> out = new ArrayList<>();
    for (int i = 0; i < filters.size(); i++) {
      out.add(new ArrayList<>());
    }
    // A filter whose features would pass the cap stops at that tile, as a map of it alone does.
    boolean[] full = new boolean[filters.size()];
    int shift = WORLD_BITS - z;
    int unitShift = WORLD_BITS - z - EXTENT_BITS;
    int open = filters.size();
    for (int ty = y0 >> shift; ty <= y1 >> shift && open > 0; ty++) {
      for (int tx = x0 >> shift; tx <= x1 >> shift && open > 0; tx++) {
        TileCoord t = new TileCoord(z, tx, ty);
        List<TileClusters> tiles = index.tiles(t, filters);
        for (int i = 0; i < filters.size(); i++) {
          List<ThreatPoint> mine = out.get(i);
          List<ClusterFeature> features = tiles.get(i).features();
          if (full[i]) {
            continue;
          }
          if (mine.size() + features.size() > MAX_FEATURES) {
            full[i] = true;
            open--;
            continue;
          }
          for (ClusterFeature f : features) {
            if (f.x() < 0 || f.y() < 0 || f.x() >= 1 << EXTENT_BITS || f.y() >= 1 << EXTENT_BITS) {
              continue; // a buffer copy: the tile that holds it gives it
            }
            double wx = t.worldMinX() + ((f.x() + 0.5) * (1L << unitShift));
            double wy = t.worldMinY() + ((f.y() + 0.5) * (1L << unitShift));
            mine.add(new ThreatPoint(f, WebMercatorQuad.lon(wx), WebMercatorQuad.lat(wy), categories, language));
          }
        }
      }
    }
    return out;
  }

  /** Sets every point's pixel position, in one bulk transform. */
  static void project(ViewTransform vt, List<ThreatPoint> points) {
    double[] xy = new double[points.size() * 2];
    for (int i = 0; i < points.size(); i++) {
      xy[2 * i] = points.get(i).lon;
      xy[2 * i + 1] = points.get(i).lat;
    }
    vt.toPixels(xy, points.size());
    for (int i = 0; i < points.size(); i++) {
      points.get(i).x = xy[2 * i];
      points.get(i).y = xy[2 * i + 1];
    }
  }

  private static int tiles(int lo, int hi, int z) {
    return (hi >> (WORLD_BITS - z)) - (lo >> (WORLD_BITS - z)) + 1;
  }

  private static int world(int w) {
    return Math.max(0, Math.min(Integer.MAX_VALUE, w));
  }

  private static double clampLat(double lat) {
    return Math.max(-WebMercatorQuad.MAX_LAT, Math.min(WebMercatorQuad.MAX_LAT, lat));
  }
}
