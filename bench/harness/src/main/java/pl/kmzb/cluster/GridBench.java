package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.Morton;
import pl.kmzb.tiles.TileLayer;
import pl.kmzb.tiles.TileLimits;
import pl.kmzb.tiles.TileMatrix;

/**
 * {@code grid COUNT [SET] [MAXLEVEL]} (run through {@link TileBench}): the MVT of every tile covering
 * Poland at levels 0 … MAXLEVEL of SET (WorldCRS84Quad unless named), in process, rendered twice with
 * nothing cached: once unfiltered (from the aggregates where the level has them, {@link
 * GridAggregates}) and once with a filter that keeps every report ({@code to=2100-01-01}), which
 * scans the point store as every tile of the set did before the aggregates. Prints per level the
 * tiles, p50 and max of both, and whether both paths wrote the same bytes; then the aggregates'
 * cells, their bound, the bulk load's time and the heap they retain.
 */
final class GridBench {
  private GridBench() {}

  static void run(long count, MatrixSet set, int maxLevel) {
    TileBench.Input in = TileBench.generate(count);
    in.index().build(in.cols());
    System.out.println("public_points=" + in.cols().size + " set=" + set.id());
    ThreatTileLayer layer = new ThreatTileLayer(in.index(), in.points(), in.catalog());
    CrsRegistry crs = CrsRegistry.standard();
    TileLayer.Variant unfiltered = layer.variant(Map.of());
    TileLayer.Variant scanned = layer.variant(Map.of("to", List.of("2100-01-01T00:00:00Z")));
    // JIT warm-up on both paths, at a level with several tiles
    TileMatrix warm = set.level(Math.min(maxLevel, 6));
    TileLimits wl = TileLimits.poland(set, warm);
    for (int r = 0; r < 2; r++) {
      for (long row = wl.minRow(); row <= wl.maxRow(); row++) {
        for (long col = wl.minCol(); col <= wl.maxCol(); col++) {
          layer.render(crs, set, warm, col, row, unfiltered);
          layer.render(crs, set, warm, col, row, scanned);
        }
      }
    }
    for (int level = 0; level <= maxLevel; level++) {
      TileMatrix m = set.level(level);
      TileLimits l = TileLimits.poland(set, m);
      List<Long> fast = new ArrayList<>();
      List<Long> slow = new ArrayList<>();
      boolean same = true;
      long bytes = 0;
      for (long row = l.minRow(); row <= l.maxRow(); row++) {
        for (long col = l.minCol(); col <= l.maxCol(); col++) {
          long t0 = System.nanoTime();
          byte[] a = layer.render(crs, set, m, col, row, unfiltered);
          long t1 = System.nanoTime();
          byte[] b = layer.render(crs, set, m, col, row, scanned);
          long t2 = System.nanoTime();
          fast.add(t1 - t0);
          slow.add(t2 - t1);
          same &= Arrays.equals(a, b);
          bytes += a.length;
        }
      }
      System.out.printf("%s_level%d tiles=%d aggregated=%b unfiltered_p50_ms=%.3f unfiltered_max_ms=%.3f "
          + "scan_p50_ms=%.3f scan_max_ms=%.3f same_bytes=%b mean_bytes=%d%n", set.id(), level, fast.size(),
          in.index().gridTile(set, level, l.minCol(), l.minRow()) != null, TileBench.pct(fast, 50),
          TileBench.pct(fast, 100), TileBench.pct(slow, 50), TileBench.pct(slow, 100), same,
          bytes / Math.max(1, fast.size()));
    }
    System.out.println("grid_cells=" + in.index().gridCellCount(set) + " grid_cell_bound="
        + in.index().gridCellBound(set));
    memory(in, set);
  }

  /** The bulk load's time and retained heap of one set's aggregates, over the same entries. */
  private static void memory(TileBench.Input in, MatrixSet set) {
    EntryColumns cols = in.cols();
    long[] morton = new long[cols.size];
    for (int i = 0; i < cols.size; i++) {
      morton[i] = Morton.encode(cols.x[i], cols.y[i]);
    }
    PointStore store = new PointStore();
    store.bulkLoad(cols, morton, RadixSort.order(morton, cols.id, cols.size));
    GridAggregates g = new GridAggregates(set, in.catalog().all().size(), pl.kmzb.report.Status.values().length);
    long before = TileBench.usedAfterGc();
    long t0 = System.nanoTime();
    g.bulkLoad(store);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    long retained = TileBench.usedAfterGc() - before;
    java.lang.ref.Reference.reachabilityFence(store);
    System.out.println("grid_bulk_load_ms=" + ms + " grid_retained_bytes=" + retained + " bytes_per_cell="
        + retained / Math.max(1, g.cellCount()) + " cells=" + g.cellCount() + " levels=0-" + g.maxLevel());
  }
}
