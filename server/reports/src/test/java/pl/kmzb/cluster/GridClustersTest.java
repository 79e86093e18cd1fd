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

  /**
   * The aggregated levels (EPSG:2180 0–8, WorldCRS84Quad 0–10) answer exactly what the scan of the
   * point store answers, cell by cell (count, mean position, categories, statuses, a single report's
   * id, category, status and time), after the bulk build and after a batch of inserts, status changes,
   * moves and removals; each set's aggregates hold exactly the oracle's cells, none left behind.
   */
  @Test
  void aggregatedLevelsAreExactlyTheScanBeforeAndAfterChanges() {
    List<IndexEntry> entries = new java.util.ArrayList<>(ClusterIndexTest.entries(3, 20_000, 1,
        ClusterIndexTest.freshAreas()));
    ClusterIndex index = ClusterIndexTest.built(ClusterSettings.DEFAULT, entries);
    IndexFilter all = IndexFilter.compile(ClusterIndexTest.PUBLIC_ALL, ClusterIndexTest.ORDER, ClusterIndexTest.TMS);
    assertEquals(8, new GridAggregates(MatrixSets.GEOPORTAL_2180, ClusterIndexTest.CATEGORIES, STATUSES).maxLevel(),
        "cells of 846 m and wider: levels 0-8");
    assertEquals(10, new GridAggregates(MatrixSets.WORLD_CRS84_QUAD, ClusterIndexTest.CATEGORIES, STATUSES)
        .maxLevel(), "cells of 1,223 m nominal and wider: levels 0-10");
    Map<Long, IndexEntry> current = new HashMap<>();
    entries.forEach(e -> current.put(e.id(), e));
    List<IndexEntry> ever = new java.util.ArrayList<>(entries);
    int compared = 0;
    for (MatrixSet set : ClusterIndex.GRID_SETS) {
      compared += sameAsScan(index, all, set, ever, current.values());
    }
    assertTrue(compared > 2_000, "cells compared: " + compared);
    java.util.Random r = new java.util.Random(5);
    List<IndexEntry> upserts = new java.util.ArrayList<>();
    long[] removals = new long[500];
    for (int k = 0; k < removals.length; k++) {
      removals[k] = entries.get(k).id();
      current.remove(removals[k]);
    }
    for (int k = 500; k < 1_500; k++) {
      IndexEntry e = entries.get(k);
      // a status change, and every third one moved a little too
      int dx = k % 3 == 0 ? r.nextInt(20_001) - 10_000 : 0;
      upserts.add(new IndexEntry(e.id(), Math.max(0, e.x() + dx), e.y(), e.category(), (e.status() + 1) % STATUSES,
          e.source(), e.time(), e.area()));
    }
    for (int k = 0; k < 300; k++) {
      IndexEntry e = entries.get(2_000 + k);
      upserts.add(new IndexEntry(900_000_000L + k, e.x() + 7, e.y() + 3, (e.category() + 1)
          % ClusterIndexTest.CATEGORIES, e.status(), e.source(), e.time() + 1, e.area()));
    }
    upserts.forEach(e -> current.put(e.id(), e));
    ever.addAll(upserts);
    index.apply(upserts, removals);
    for (MatrixSet set : ClusterIndex.GRID_SETS) {
      sameAsScan(index, all, set, ever, current.values());
    }
    // and everything gone: no cell left behind
    long[] everything = current.keySet().stream().mapToLong(Long::longValue).toArray();
    index.apply(List.of(), everything);
    for (MatrixSet set : ClusterIndex.GRID_SETS) {
      assertEquals(0, index.gridCellCount(set), set.id() + ": removing every report empties every aggregated cell");
    }
  }

  /**
   * Compares with the scan every tile of the aggregated levels that holds or held an entry (of
   * {@code ever}); checks the aggregates hold as many cells as the {@code current} entries occupy, so
   * no stale cell hides in a tile not compared. Returns the cells compared.
   */
  private static int sameAsScan(ClusterIndex index, IndexFilter all, MatrixSet set, List<IndexEntry> ever,
      java.util.Collection<IndexEntry> current) {
    int maxLevel = new GridAggregates(set, ClusterIndexTest.CATEGORIES, STATUSES).maxLevel();
    CrsTransform to = CRS.fromLonLat(CRS.require(set.crsCode()));
    int cells = 0;
    int occupied = 0;
    for (int level = 0; level <= maxLevel; level++) {
      TileMatrix m = set.level(level);
      Set<List<Long>> tiles = new HashSet<>();
      for (IndexEntry e : ever) {
        double[] ll = GridClusters.lonLat(e.x(), e.y());
        double[] p = to.apply(ll[0], ll[1]);
        tiles.add(List.of(m.column(p[0]), m.row(p[1])));
      }
      Set<List<Long>> oracleCells = new HashSet<>();
      for (IndexEntry e : current) {
        double[] ll = GridClusters.lonLat(e.x(), e.y());
        double[] p = to.apply(ll[0], ll[1]);
        oracleCells.add(List.of(GridClusters.cellColumn(m, p[0]), GridClusters.cellRow(m, p[1])));
      }
      occupied += oracleCells.size();
      for (List<Long> t : tiles) {
        long col = t.get(0);
        long row = t.get(1);
        List<GridClusters.Cell> fast = GridClusters.of(index, all, ClusterIndexTest.CATEGORIES, STATUSES, CRS, set, m,
            col, row);
        List<GridClusters.Cell> scan = GridClusters.scan(index, all, ClusterIndexTest.CATEGORIES, STATUSES, CRS, set,
            m, col, row);
        assertEquals(describe(scan), describe(fast), set.id() + " level " + level + " tile " + col + "/" + row);
        cells += scan.size();
      }
    }
    assertEquals(occupied, index.gridCellCount(set), set.id() + ": the aggregates hold exactly the occupied cells");
    assertTrue(index.gridCellCount(set) <= index.gridCellBound(set), set.id() + ": within the bound");
    return cells;
  }

  /**
   * WorldCRS84Quad's aggregated levels against the brute-force oracle ({@link #check}: every cell's
   * count, statuses and categories, the cluster inside its cell, every report in exactly one tile)
   * after the build and after three rounds of random inserts, status changes, moves and deletions.
   */
  @Test
  void worldCrs84QuadAggregatesMatchTheOracleAfterRandomChanges() {
    List<IndexEntry> entries = ClusterIndexTest.entries(17, 20_000, 1, ClusterIndexTest.freshAreas());
    ClusterIndex index = ClusterIndexTest.built(ClusterSettings.DEFAULT, entries);
    IndexFilter all = IndexFilter.compile(ClusterIndexTest.PUBLIC_ALL, ClusterIndexTest.ORDER, ClusterIndexTest.TMS);
    MatrixSet set = MatrixSets.WORLD_CRS84_QUAD;
    Map<Long, IndexEntry> current = new java.util.LinkedHashMap<>();
    entries.forEach(e -> current.put(e.id(), e));
    java.util.Random r = new java.util.Random(23);
    long nextId = 800_000_000L;
    for (int round = 0; round <= 3; round++) {
      if (round > 0) {
        List<IndexEntry> live = List.copyOf(current.values());
        List<IndexEntry> upserts = new java.util.ArrayList<>();
        Set<Long> removed = new HashSet<>();
        for (int k = 0; k < 400; k++) {
          removed.add(live.get(r.nextInt(live.size())).id());
        }
        Set<Long> touched = new HashSet<>(removed);
        for (int k = 0; k < 800; k++) {
          IndexEntry e = live.get(r.nextInt(live.size()));
          if (!touched.add(e.id())) {
            continue;
          }
          Status to = Status.values()[r.nextInt(STATUSES)];
          if (!Status.PUBLIC.contains(to)) {
            // out of public view: the public index drops the report (PublicPoints)
            removed.add(e.id());
            continue;
          }
          // a public status move, a third of them moved too (up to ~230 m at 52° N: across cell and tile borders)
          int dx = r.nextInt(3) == 0 ? r.nextInt(40_001) - 20_000 : 0;
          int dy = r.nextInt(3) == 0 ? r.nextInt(40_001) - 20_000 : 0;
          upserts.add(new IndexEntry(e.id(), e.x() + dx, e.y() + dy, e.category(), to.ordinal(), e.source(),
              e.time(), e.area()));
        }
        for (int k = 0; k < 500; k++) {
          IndexEntry e = live.get(r.nextInt(live.size()));
          upserts.add(new IndexEntry(nextId++, e.x() + r.nextInt(1_001) - 500, e.y() + r.nextInt(1_001) - 500,
              r.nextInt(ClusterIndexTest.CATEGORIES), ClusterIndexTest.PUBLIC[r.nextInt(ClusterIndexTest.PUBLIC.length)]
                  .ordinal(), e.source(), e.time() + 1, e.area()));
        }
        removed.forEach(current::remove);
        upserts.forEach(e -> current.put(e.id(), e));
        index.apply(upserts, removed.stream().mapToLong(Long::longValue).toArray());
      }
      List<IndexEntry> now = List.copyOf(current.values());
      for (int level = 0; level <= 10; level++) {
        check(index, now, all, e -> true, set, level);
      }
      // one scanned level below the aggregates, for the same oracle
      check(index, now, all, e -> true, set, 11);
    }
  }

  private static List<String> describe(List<GridClusters.Cell> cells) {
    return cells.stream().map(c -> c.i() + "," + c.j() + " n=" + c.count() + " e=" + c.east() + " n=" + c.north()
        + " cat=" + java.util.Arrays.toString(c.categories()) + " st=" + java.util.Arrays.toString(c.statuses())
        + " id=" + c.id() + " c=" + c.category() + " s=" + c.status() + " t=" + c.time()).toList();
  }

  /**
   * Where levels halve (EPSG:2180 6 → 7 aggregated, 9 → 10 scanned; WorldCRS84Quad 9 → 10 aggregated,
   * 10 aggregated → 11 scanned), a tile's 2 × 2 child tiles split each of its cells into 2 × 2 child
   * cells: the four children's counts, per category and status too, sum exactly to the parent's, for
   * every cell, so clusters agree across tile borders and across the aggregated/scanned boundary.
   */
  @Test
  void countsOfA2x2BlockOfTilesSumExactlyToTheirParentTile() {
    List<IndexEntry> entries = ClusterIndexTest.entries(13, 20_000, 1, ClusterIndexTest.freshAreas());
    ClusterIndex index = ClusterIndexTest.built(ClusterSettings.DEFAULT, entries);
    IndexFilter all = IndexFilter.compile(ClusterIndexTest.PUBLIC_ALL, ClusterIndexTest.ORDER, ClusterIndexTest.TMS);
    record Step(MatrixSet set, int parentLevel) {}
    int blocks = 0;
    for (Step step : List.of(new Step(MatrixSets.GEOPORTAL_2180, 6), new Step(MatrixSets.GEOPORTAL_2180, 9),
        new Step(MatrixSets.WORLD_CRS84_QUAD, 9), new Step(MatrixSets.WORLD_CRS84_QUAD, 10))) {
      MatrixSet set = step.set();
      int parentLevel = step.parentLevel();
      TileMatrix parent = set.level(parentLevel);
      TileMatrix child = set.level(parentLevel + 1);
      assertEquals(parent.tileSpanX() / 2, child.tileSpanX(), 1e-6, "level " + parentLevel + " halves");
      // the parent tiles holding a report (the others are empty, with empty children, as the oracle test shows)
      CrsTransform to = CRS.fromLonLat(CRS.require(set.crsCode()));
      Set<List<Long>> held = new HashSet<>();
      for (IndexEntry e : entries) {
        double[] ll = GridClusters.lonLat(e.x(), e.y());
        double[] p = to.apply(ll[0], ll[1]);
        held.add(List.of(parent.column(p[0]), parent.row(p[1])));
      }
      for (long row = 0; row < parent.matrixHeight(); row++) {
        for (long col = 0; col < parent.matrixWidth(); col++) {
          if (!held.contains(List.of(col, row))) {
            continue;
          }
          Map<List<Long>, int[]> sums = new HashMap<>();
          for (int d = 0; d < 4; d++) {
            long cc = 2 * col + d % 2;
            long cr = 2 * row + d / 2;
            for (GridClusters.Cell c : GridClusters.of(index, all, ClusterIndexTest.CATEGORIES, STATUSES, CRS, set,
                child, cc, cr)) {
              List<Long> up = List.of((cc * GridClusters.CELLS + c.i()) / 2, (cr * GridClusters.CELLS + c.j()) / 2);
              int[] sum = sums.computeIfAbsent(up, k -> new int[1 + ClusterIndexTest.CATEGORIES + STATUSES]);
              sum[0] += c.count();
              for (int k = 0; k < ClusterIndexTest.CATEGORIES; k++) {
                sum[1 + k] += c.categories()[k];
              }
              for (int k = 0; k < STATUSES; k++) {
                sum[1 + ClusterIndexTest.CATEGORIES + k] += c.statuses()[k];
              }
            }
          }
          List<GridClusters.Cell> cells = GridClusters.of(index, all, ClusterIndexTest.CATEGORIES, STATUSES, CRS, set,
              parent, col, row);
          assertEquals(sums.size(), cells.size(), set.id() + " level " + parentLevel + " tile " + col + "/" + row);
          for (GridClusters.Cell c : cells) {
            int[] sum = sums.get(List.of(col * GridClusters.CELLS + c.i(), row * GridClusters.CELLS + c.j()));
            assertNotNull(sum, "a parent cell without children");
            assertEquals(sum[0], c.count());
            for (int k = 0; k < ClusterIndexTest.CATEGORIES; k++) {
              assertEquals(sum[1 + k], c.categories()[k]);
            }
            for (int k = 0; k < STATUSES; k++) {
              assertEquals(sum[1 + ClusterIndexTest.CATEGORIES + k], c.statuses()[k]);
            }
          }
          blocks += cells.isEmpty() ? 0 : 1;
        }
      }
    }
    assertTrue(blocks > 40, "non-empty 2x2 blocks compared: " + blocks);
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
