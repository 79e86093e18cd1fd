package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.report.Status;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.tiles.TileMatrix;

/**
 * Clusters in Geoportal's EPSG:2180 tiles (and WorldCRS84Quad's) against an oracle that places every
 * index entry in its cell directly: every non-empty tile of a level is asked, each cell's count and
 * counts per category and status equal the oracle's, and the counts over all tiles add up to the
 * entries passing the filter, so adjacent tiles never count a report twice or lose one.
 */
class GridClustersTest {
  static final CrsRegistry CRS = CrsRegistry.standard();
  static final int STATUSES = Status.values().length;

  @Test
  void geoportalTilesMatchTheOracleAtEveryKindOfLevel() {
    List<IndexEntry> entries = ClusterIndexTest.entries(7, 20_000, 1, ClusterIndexTest.freshAreas());
    ClusterIndex index = ClusterIndexTest.built(ClusterSettings.DEFAULT, entries);
    IndexFilter all = IndexFilter.compile(ClusterIndexTest.PUBLIC_ALL, ClusterIndexTest.ORDER, ClusterIndexTest.TMS);
    // level 2 holds Poland in one tile; 5, 8 (after the first 2.5 step), 11 and 14: deeper and deeper
    for (int level : new int[] {2, 5, 8, 11, 14}) {
      check(index, entries, all, e -> true, MatrixSets.GEOPORTAL_2180, level);
    }
    check(index, entries, all, e -> true, MatrixSets.WORLD_CRS84_QUAD, 9);
  }

  @Test
  void aFilteredSelectionMatchesTheOracleToo() {
    List<IndexEntry> entries = ClusterIndexTest.entries(11, 10_000, 1, ClusterIndexTest.freshAreas());
    ClusterIndex index = ClusterIndexTest.built(ClusterSettings.DEFAULT, entries);
    String code = ClusterIndexTest.ORDER.get(1);
    ReportFilter f = new ReportFilter(Set.of(code), Status.PUBLIC, Set.of(), null, null, Set.of(), null,
        Visibility.PUBLIC, Set.of());
    IndexFilter some = IndexFilter.compile(f, ClusterIndexTest.ORDER, ClusterIndexTest.TMS);
    int passing = check(index, entries, some, e -> e.category() == 1, MatrixSets.GEOPORTAL_2180, 9);
    assertTrue(passing > 0 && passing < entries.size(), "the filter keeps some and not all: " + passing);
  }

  /** Asks every tile holding an oracle cell; returns how many entries passed. */
  private static int check(ClusterIndex index, List<IndexEntry> entries, IndexFilter filter,
      Predicate<IndexEntry> passes, MatrixSet set, int level) {
    TileMatrix m = set.level(level);
    CrsTransform to = CRS.fromLonLat(CRS.require(set.crsCode()));
    Map<List<Long>, int[]> oracle = new HashMap<>();
    Map<List<Long>, int[]> oracleCats = new HashMap<>();
    int passing = 0;
    for (IndexEntry e : entries) {
      if (!passes.test(e)) {
        continue;
      }
      passing++;
      double[] ll = GridClusters.lonLat(e.x(), e.y());
      double[] p = to.apply(ll[0], ll[1]);
      List<Long> cell = List.of(GridClusters.cellColumn(m, p[0]), GridClusters.cellRow(m, p[1]));
      oracle.computeIfAbsent(cell, k -> new int[STATUSES + 1])[0]++;
      oracle.get(cell)[1 + e.status()]++;
      oracleCats.computeIfAbsent(cell, k -> new int[ClusterIndexTest.CATEGORIES])[e.category()]++;
    }
    Set<List<Long>> tiles = new HashSet<>();
    oracle.keySet().forEach(c -> tiles.add(List.of(Math.floorDiv(c.get(0), GridClusters.CELLS),
        Math.floorDiv(c.get(1), GridClusters.CELLS))));
    int total = 0;
    int cells = 0;
    for (List<Long> t : tiles) {
      long col = t.get(0);
      long row = t.get(1);
      // the fixture's widest spread reaches beyond Poland, and so beyond the matrix: still one cell each
      for (GridClusters.Cell c : GridClusters.of(index, filter, ClusterIndexTest.CATEGORIES, STATUSES, CRS, set, m, col,
          row)) {
        List<Long> key = List.of(col * GridClusters.CELLS + c.i(), row * GridClusters.CELLS + c.j());
        int[] expected = oracle.get(key);
        assertNotNull(expected, set.id() + " level " + level + ": a cell the oracle has empty: " + key);
        assertEquals(expected[0], c.count(), set.id() + " level " + level + " cell " + key);
        for (int s = 0; s < STATUSES; s++) {
          assertEquals(expected[1 + s], c.statuses()[s], "status " + s + " in " + key);
        }
        assertArrayEquals(oracleCats.get(key), c.categories(), "categories in " + key);
        // the cluster's position lies in its cell
        assertEquals(key.get(0).longValue(), GridClusters.cellColumn(m, c.east()));
        assertEquals(key.get(1).longValue(), GridClusters.cellRow(m, c.north()));
        total += c.count();
        cells++;
      }
    }
    assertEquals(oracle.size(), cells, set.id() + " level " + level + ": every oracle cell is in one tile");
    assertEquals(passing, total, set.id() + " level " + level + ": no report counted twice or lost between tiles");
    return passing;
  }
}
