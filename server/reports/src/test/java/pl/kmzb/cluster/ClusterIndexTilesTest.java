package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Status;
import pl.kmzb.tiles.Morton;
import pl.kmzb.tiles.TileCoord;

/**
 * {@link ClusterIndex#tiles}: the tiles of several filters that differ only in their categories,
 * read in one pass, are exactly the tiles of each filter alone (which {@link ClusterIndexTest} holds
 * to its oracle), and their counts are the brute-force counts of the entries each filter selects.
 */
class ClusterIndexTilesTest {
  /** Clusters to zoom 12, single reports below, aggregates to zoom 6: every path of a tile. */
  static final ClusterSettings SETTINGS = new ClusterSettings(14, 12, 6);

  @Test
  void severalCategoryFiltersInOnePassEqualEachFilterAlone() {
    AreaTable areas = ClusterIndexTest.freshAreas();
    List<IndexEntry> entries = ClusterIndexTest.entries(11, 5_000, 1, areas);
    ClusterIndex index = ClusterIndexTest.built(SETTINGS, entries);
    Random rnd = new Random(5);
    int compared = 0;
    for (ReportFilter base : ClusterIndexTest.filters(3)) {
      List<ReportFilter> layers = layersOf(base, rnd);
      List<IndexFilter> compiled = layers.stream()
          .map(f -> IndexFilter.compile(f, ClusterIndexTest.ORDER, ClusterIndexTest.TMS)).toList();
      for (int z = 0; z <= SETTINGS.maxZoom(); z++) {
        long[] inside = new long[layers.size()];
        // Every tile up to zoom 8 (where the counts are checked); tiles of a sample of reports deeper.
        boolean everyTile = z <= 8;
        for (TileCoord t : tilesWithData(everyTile ? entries : entries.subList(0, 150), z)) {
          List<TileClusters> together = index.tiles(t, compiled);
          assertEquals(compiled.size(), together.size());
          for (int i = 0; i < compiled.size(); i++) {
            assertEquals(text(index.tile(t, compiled.get(i))), text(together.get(i)),
                "tile " + t + ", filter " + layers.get(i));
            inside[i] += countInside(together.get(i));
            compared++;
          }
        }
        for (int i = 0; i < layers.size() && everyTile; i++) {
          Predicate<IndexEntry> oracle = ClusterIndexTest.oracleFilter(layers.get(i));
          assertEquals(entries.stream().filter(oracle).count(), inside[i], "zoom " + z + ", " + layers.get(i));
        }
      }
    }
    assertTrue(compared > 1000, "compared " + compared + " tiles");
  }

  /**
   * Category filters at the zooms of the per-category aggregates give what a scan of the index
   * gives (the same filter with a time range holding every report is scanned), after a bulk build
   * and after every round of random inserts, moves, category changes and removals, stacked reports
   * among them.
   */
  @Test
  void perCategoryAggregatesGiveWhatAScanGivesThroughEveryChange() {
    AreaTable areas = ClusterIndexTest.freshAreas();
    ClusterSettings settings = new ClusterSettings(14, 12, 10);
    List<IndexEntry> live = new ArrayList<>(ClusterIndexTest.entries(21, 3_000, 1, areas));
    ClusterIndex index = ClusterIndexTest.built(settings, live);
    List<IndexEntry> fresh = new ArrayList<>(ClusterIndexTest.entries(22, 2_000, 100_000, areas));
    Random rnd = new Random(17);
    List<ReportFilter> categoryFilters = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      Set<String> cats = new HashSet<>();
      for (int c = 0; c <= k; c++) {
        cats.add(ClusterIndexTest.ORDER.get(rnd.nextInt(ClusterIndexTest.CATEGORIES)));
      }
      categoryFilters.add(narrowed(ClusterIndexTest.PUBLIC_ALL, cats));
    }
    for (int round = 0; round <= 6; round++) {
      if (round > 0) {
        List<IndexEntry> upserts = new ArrayList<>();
        Set<Long> removals = new HashSet<>();
        for (int i = 0; i < 400; i++) {
          int op = rnd.nextInt(4);
          if (op == 0 && !fresh.isEmpty()) {
            upserts.add(fresh.remove(fresh.size() - 1));
          } else if (op == 1) {
            removals.add(live.get(rnd.nextInt(live.size())).id());
          } else {
            IndexEntry e = live.get(rnd.nextInt(live.size()));
            IndexEntry other = live.get(rnd.nextInt(live.size()));
            boolean stack = op == 2;
            upserts.add(new IndexEntry(e.id(), stack ? other.x() : e.x() + rnd.nextInt(400_000) - 200_000,
                stack ? other.y() : e.y(), rnd.nextInt(ClusterIndexTest.CATEGORIES), e.status(), e.source(), e.time(),
                e.area()));
          }
        }
        upserts.removeIf(e -> removals.contains(e.id()));
        java.util.Map<Long, IndexEntry> state = new java.util.LinkedHashMap<>();
        live.forEach(e -> state.put(e.id(), e));
        upserts.forEach(e -> state.put(e.id(), e));
        removals.forEach(state::remove);
        index.apply(upserts, removals.stream().mapToLong(Long::longValue).toArray());
        live = new ArrayList<>(state.values());
      }
      for (ReportFilter f : categoryFilters) {
        IndexFilter byAggregates = IndexFilter.compile(f, ClusterIndexTest.ORDER, ClusterIndexTest.TMS);
        IndexFilter scanned = IndexFilter.compile(new ReportFilter(f.categories(), f.statuses(), f.sources(),
            java.time.Instant.EPOCH, null, f.areas(), f.bbox(), f.visibility(), f.hiddenUnlessConfirmed()),
            ClusterIndexTest.ORDER, ClusterIndexTest.TMS);
        assertTrue(byAggregates.onlyCategories() && !scanned.onlyCategories());
        for (int z = 0; z <= CategoryAggregates.DEEPEST; z++) {
          long inside = 0;
          for (TileCoord t : tilesWithData(live, z)) {
            TileClusters tile = index.tile(t, byAggregates);
            assertEquals(text(index.tile(t, scanned)), text(tile), "round " + round + ", tile " + t + ", " + f);
            inside += countInside(tile);
          }
          Predicate<IndexEntry> oracle = ClusterIndexTest.oracleFilter(f);
          assertEquals(live.stream().filter(oracle).count(), inside, "round " + round + ", zoom " + z + ", " + f);
        }
      }
    }
  }

  @Test
  void filtersThatDifferInMoreThanCategoriesAreRefused() {
    ClusterIndex index = ClusterIndexTest.built(SETTINGS,
        ClusterIndexTest.entries(1, 100, 1, ClusterIndexTest.freshAreas()));
    IndexFilter all = IndexFilter.compile(ClusterIndexTest.PUBLIC_ALL, ClusterIndexTest.ORDER, ClusterIndexTest.TMS);
    ReportFilter p = ClusterIndexTest.PUBLIC_ALL;
    IndexFilter confirmed = IndexFilter.compile(new ReportFilter(Set.of("c1"), Set.of(Status.CONFIRMED), p.sources(),
        p.from(), p.to(), p.areas(), p.bbox(), p.visibility(), p.hiddenUnlessConfirmed()), ClusterIndexTest.ORDER,
        ClusterIndexTest.TMS);
    assertThrows(IllegalArgumentException.class, () -> index.tiles(new TileCoord(0, 0, 0), List.of(all, confirmed)));
  }

  /**
   * The base filter as the layers of a map draw it: itself (the clusters layer), two random category
   * groups, one category, a category the base leaves out, and the base again.
   */
  static List<ReportFilter> layersOf(ReportFilter base, Random rnd) {
    List<ReportFilter> out = new ArrayList<>();
    out.add(base);
    for (int g = 0; g < 2; g++) {
      Set<String> group = new HashSet<>();
      for (int k = 0; k < 2 + rnd.nextInt(6); k++) {
        group.add(ClusterIndexTest.ORDER.get(rnd.nextInt(ClusterIndexTest.CATEGORIES)));
      }
      out.add(narrowed(base, group));
    }
    out.add(narrowed(base, Set.of(ClusterIndexTest.ORDER.get(rnd.nextInt(ClusterIndexTest.CATEGORIES)))));
    Set<String> left = new TreeSet<>(ClusterIndexTest.ORDER);
    left.removeAll(base.categories());
    if (!base.categories().isEmpty() && !left.isEmpty()) {
      out.add(new ReportFilter(Set.of(left.iterator().next()), base.statuses(), base.sources(), base.from(), base.to(),
          base.areas(), base.bbox(), base.visibility(), base.hiddenUnlessConfirmed()));
    }
    out.add(base);
    return out;
  }

  /** {@code base} kept to {@code group} (within its own categories, as the renderer narrows a layer). */
  static ReportFilter narrowed(ReportFilter base, Set<String> group) {
    Set<String> cats = new HashSet<>(group);
    if (!base.categories().isEmpty()) {
      cats.retainAll(base.categories());
    }
    if (cats.isEmpty()) {
      cats = Set.of("no-such-category");
    }
    return new ReportFilter(cats, base.statuses(), base.sources(), base.from(), base.to(), base.areas(), base.bbox(),
        base.visibility(), base.hiddenUnlessConfirmed());
  }

  static Set<TileCoord> tilesWithData(List<IndexEntry> entries, int z) {
    Set<TileCoord> out = new java.util.LinkedHashSet<>();
    int s = Morton.LEVELS - z;
    for (IndexEntry e : entries) {
      int tx = e.x() >>> s;
      int ty = e.y() >>> s;
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          if (tx + dx >= 0 && ty + dy >= 0 && tx + dx < 1 << z && ty + dy < 1 << z) {
            out.add(new TileCoord(z, tx + dx, ty + dy));
          }
        }
      }
    }
    return out;
  }

  /** The reports a tile holds in its own area (its buffer repeats its neighbours'). */
  static long countInside(TileClusters t) {
    long n = 0;
    for (ClusterFeature f : t.features()) {
      if (f.x() >= 0 && f.y() >= 0 && f.x() < ClusterGrid.EXTENT && f.y() < ClusterGrid.EXTENT) {
        n += f.count();
      }
    }
    return n;
  }

  static String text(TileClusters t) {
    StringBuilder sb = new StringBuilder();
    for (ClusterFeature f : t.features()) {
      sb.append(f.id()).append(',').append(f.x()).append(',').append(f.y()).append(',').append(f.count())
          .append(Arrays.toString(f.categories())).append(Arrays.toString(f.statuses())).append(f.expansionZoom())
          .append(',').append(f.category()).append(',').append(f.status()).append(',').append(f.time()).append(";\n");
    }
    return sb.append('@').append(t.version()).toString();
  }
}
