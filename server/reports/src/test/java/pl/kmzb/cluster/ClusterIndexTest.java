package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.geo.Envelope;
import pl.kmzb.report.Source;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.tiles.Morton;
import pl.kmzb.tiles.TileCoord;
import pl.kmzb.tiles.WebMercatorQuad;

/**
 * The cluster index against an independent oracle that groups reports by grid cell by brute
 * force: counts, centres, category and status counts, split zooms, buffers across tile borders,
 * independence from insertion order, incremental changes, and the bounded cost of an update.
 */
class ClusterIndexTest {
  static final int CATEGORIES = 25;
  static final List<String> ORDER = java.util.stream.IntStream.range(0, CATEGORIES).mapToObj(i -> "c" + i).toList();
  static final WebMercatorQuad TMS = WebMercatorQuad.INSTANCE;
  static final ReportFilter PUBLIC_ALL = new ReportFilter(Set.of(), Status.PUBLIC, Set.of(), null, null, Set.of(), null,
      Visibility.PUBLIC, Set.of());
  static final List<Teryt> AREAS = List.of(Teryt.NONE, Teryt.ofMunicipality("1261011"),
      Teryt.ofMunicipality("1261021"), Teryt.ofMunicipality("1465011"), new Teryt("14", "1465", null));
  static final Status[] PUBLIC = Status.PUBLIC.stream().sorted().toArray(Status[]::new);
  static final double[][] CENTRES = {{21.01, 52.23}, {19.94, 50.06}, {16.93, 52.41}, {18.64, 54.35}, {22.57, 51.25}};

  final ClusterSettings settings = ClusterSettings.DEFAULT;

  /** Random public entries around a few cities, a tenth of them stacked on an earlier position. */
  static List<IndexEntry> entries(long seed, int n, long firstId, AreaTable areas) {
    Random rnd = new Random(seed);
    List<IndexEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int x;
      int y;
      if (!out.isEmpty() && rnd.nextInt(10) == 0) {
        IndexEntry twin = out.get(rnd.nextInt(out.size()));
        x = twin.x();
        y = twin.y();
      } else {
        double[] c = CENTRES[rnd.nextInt(CENTRES.length)];
        double spread = rnd.nextInt(4) == 0 ? 1.5 : 0.05;
        double lon = c[0] + rnd.nextGaussian() * spread;
        double lat = Math.max(49, Math.min(54.8, c[1] + rnd.nextGaussian() * spread * 0.6));
        x = TMS.worldX(lon, lat);
        y = TMS.worldY(lon, lat);
      }
      out.add(new IndexEntry(firstId + i, x, y, rnd.nextInt(CATEGORIES), PUBLIC[rnd.nextInt(PUBLIC.length)].ordinal(),
          rnd.nextInt(Source.values().length), IndexFilter.nanos(Instant.parse("2020-01-01T00:00:00Z")
              .plusSeconds(rnd.nextInt(200_000_000))), areas.indexOf(AREAS.get(rnd.nextInt(AREAS.size())))));
    }
    return out;
  }

  /** A bulk-built index whose area table holds AREAS in order, so entries' area indexes mean the same in both. */
  static ClusterIndex built(ClusterSettings s, List<IndexEntry> entries) {
    ClusterIndex index = new ClusterIndex(s, CATEGORIES);
    AREAS.forEach(index.areas()::indexOf);
    EntryColumns cols = new EntryColumns(entries.size());
    entries.forEach(cols::add);
    index.build(cols);
    return index;
  }

  static Teryt areaOf(IndexEntry e) {
    return AREAS.get(e.area());
  }

  static AreaTable freshAreas() {
    AreaTable t = new AreaTable();
    AREAS.forEach(t::indexOf);
    return t;
  }

  // --- the oracle ---

  /** Everything the oracle knows of one cell at one zoom. */
  record Expected(int count, long sumX, long sumY, int[] categories, int[] statuses, List<IndexEntry> members) {}

  Map<Long, Expected> oracle(List<IndexEntry> entries, Predicate<IndexEntry> filter, int z) {
    int shift = Morton.LEVELS - ClusterGrid.level(z);
    Map<Long, List<IndexEntry>> groups = new TreeMap<>();
    for (IndexEntry e : entries) {
      if (filter.test(e)) {
        groups.computeIfAbsent(Morton.encode(e.x() >>> shift, e.y() >>> shift), k -> new ArrayList<>()).add(e);
      }
    }
    Map<Long, Expected> out = new LinkedHashMap<>();
    groups.forEach((cell, members) -> {
      int[] cats = new int[CATEGORIES];
      int[] sts = new int[Status.values().length];
      long sx = 0;
      long sy = 0;
      for (IndexEntry e : members) {
        cats[e.category()]++;
        sts[e.status()]++;
        sx += e.x();
        sy += e.y();
      }
      out.put(cell, new Expected(members.size(), sx, sy, cats, sts, members));
    });
    return out;
  }

  /** The first zoom after {@code z} at which the members fall into two cells, by brute force. */
  int expectedSplit(List<IndexEntry> members, int z) {
    int cap = settings.expansionCap();
    for (int zz = z + 1; zz <= cap; zz++) {
      int shift = Morton.LEVELS - ClusterGrid.level(zz);
      Set<Long> cells = new HashSet<>();
      for (IndexEntry e : members) {
        cells.add(Morton.encode(e.x() >>> shift, e.y() >>> shift));
      }
      if (cells.size() > 1) {
        return zz;
      }
    }
    return cap;
  }

  /** Checks every tile of zoom {@code z} that shows anything against the oracle; returns the reports counted. */
  int checkZoom(ClusterIndex index, List<IndexEntry> entries, Predicate<IndexEntry> oracleFilter, IndexFilter filter,
      int z) {
    Map<Long, Expected> cells = oracle(entries, oracleFilter, z);
    Map<Long, Long> idToCell = new HashMap<>();
    cells.forEach((cell, ex) -> ex.members().forEach(m -> idToCell.put(m.id(), cell)));
    Set<Long> tiles = new HashSet<>();
    for (long cell : cells.keySet()) {
      int cx = Morton.x(cell);
      int cy = Morton.y(cell);
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          int tx = (cx + dx) >> ClusterGrid.CELL_BITS;
          int ty = (cy + dy) >> ClusterGrid.CELL_BITS;
          if (tx >= 0 && ty >= 0 && tx < (1 << z) && ty < (1 << z)) {
            tiles.add(Morton.encode(tx, ty));
          }
        }
      }
    }
    int counted = 0;
    for (long packed : tiles) {
      TileCoord t = new TileCoord(z, Morton.x(packed), Morton.y(packed));
      Set<Long> seen = new HashSet<>();
      for (ClusterFeature f : index.tile(t, filter).features()) {
        long cell = f.isCluster() ? f.id() & ((1L << 56) - 1) : idToCell.get(f.id());
        assertTrue(seen.add(cell), "cell drawn twice in " + t);
        Expected ex = cells.get(cell);
        assertNotNull(ex, "feature without oracle cell in " + t + ": " + f);
        assertEquals(ex.count(), f.count(), "count in " + t);
        int wx = (int) Math.floorDiv(ex.sumX(), ex.count());
        int wy = (int) Math.floorDiv(ex.sumY(), ex.count());
        int shift = Morton.LEVELS - z - 12;
        assertEquals((int) (((long) wx - t.worldMinX()) >> shift), f.x(), "x in " + t);
        assertEquals((int) (((long) wy - t.worldMinY()) >> shift), f.y(), "y in " + t);
        if (f.isCluster()) {
          assertEquals(((long) (z + 1) << 56) | cell, f.id());
          assertTrue(Arrays.equals(ex.categories(), f.categories()), "category counts in " + t);
          assertTrue(Arrays.equals(ex.statuses(), f.statuses()), "status counts in " + t);
          assertEquals(expectedSplit(ex.members(), z), f.expansionZoom(), "expansion zoom in " + t);
        } else {
          IndexEntry only = ex.members().get(0);
          assertEquals(only.id(), f.id());
          assertEquals(only.category(), f.category());
          assertEquals(only.status(), f.status());
          assertEquals(only.time(), f.time());
        }
        boolean inner = f.x() >= 0 && f.x() < 4096 && f.y() >= 0 && f.y() < 4096;
        boolean cellInTile = (Morton.x(cell) >> ClusterGrid.CELL_BITS) == t.x()
            && (Morton.y(cell) >> ClusterGrid.CELL_BITS) == t.y();
        assertEquals(cellInTile, inner, "a cluster lies in the tile exactly when its cell does");
        if (inner) {
          counted += f.count();
        }
      }
      // Every oracle cell of the tile and its buffer ring is drawn.
      for (long cell : cells.keySet()) {
        int gx = Morton.x(cell) - t.x() * ClusterGrid.CELLS;
        int gy = Morton.y(cell) - t.y() * ClusterGrid.CELLS;
        if (gx >= -1 && gx <= ClusterGrid.CELLS && gy >= -1 && gy <= ClusterGrid.CELLS) {
          assertTrue(seen.contains(cell), "cell missing from " + t);
        }
      }
    }
    return counted;
  }

  static Predicate<IndexEntry> oracleFilter(ReportFilter f) {
    long from = f.from() == null ? Long.MIN_VALUE : IndexFilter.nanos(f.from());
    long to = f.to() == null ? Long.MAX_VALUE : IndexFilter.nanos(f.to());
    return e -> (f.categories().isEmpty() || f.categories().contains(ORDER.get(e.category())))
        && f.statuses().contains(Status.values()[e.status()])
        && (f.sources().isEmpty() || f.sources().contains(Source.values()[e.source()]))
        && e.time() >= from && e.time() < to
        && (f.areas().isEmpty() || f.areas().stream().anyMatch(areaOf(e)::within))
        && (f.bbox() == null || (e.x() >= TMS.worldX(f.bbox().minLon(), 0) && e.x() <= TMS.worldX(f.bbox().maxLon(), 0)
            && e.y() >= TMS.worldY(0, f.bbox().maxLat()) && e.y() <= TMS.worldY(0, f.bbox().minLat())));
  }

  static List<ReportFilter> filters(long seed) {
    Random rnd = new Random(seed);
    List<ReportFilter> out = new ArrayList<>();
    out.add(PUBLIC_ALL);
    for (int i = 0; i < 5; i++) {
      Set<String> cats = new HashSet<>();
      for (int c = 0; c < 1 + rnd.nextInt(6); c++) {
        cats.add(ORDER.get(rnd.nextInt(CATEGORIES)));
      }
      Set<Status> sts = new HashSet<>();
      sts.add(PUBLIC[rnd.nextInt(PUBLIC.length)]);
      Instant from = i % 2 == 0 ? Instant.parse("2021-01-01T00:00:00Z").plusSeconds(rnd.nextInt(50_000_000)) : null;
      Set<String> areas = i == 2 ? Set.of("1261011", "1465") : i == 3 ? Set.of("14") : Set.of();
      Envelope box = i == 4 ? new Envelope(18.5, 49.5, 21.5, 52.5) : null;
      out.add(new ReportFilter(i == 1 ? Set.of() : cats, i == 3 ? Set.of() : sts,
          Set.of(), from, null, areas, box, Visibility.PUBLIC,
          Set.of()));
    }
    return out;
  }

  @Test
  void everyTileMatchesTheOracleAtEveryZoomForEveryFilter() {
    AreaTable areas = freshAreas();
    List<IndexEntry> entries = entries(1, 6_000, 1, areas);
    ClusterIndex index = built(settings, entries);
    for (ReportFilter f : filters(7)) {
      Predicate<IndexEntry> oracle = oracleFilter(f);
      IndexFilter compiled = IndexFilter.compile(f, ORDER, TMS);
      long total = entries.stream().filter(oracle).count();
      assertTrue(total > 0, "filter selects something: " + f);
      for (int z = 0; z <= settings.maxZoom(); z++) {
        assertEquals(total, checkZoom(index, entries, oracle, compiled, z), "sum of counts at zoom " + z + " for " + f);
      }
    }
  }

  @Test
  void aStackAtOneSpotNeverSplits() {
    AreaTable areas = freshAreas();
    List<IndexEntry> stack = new ArrayList<>();
    int x = TMS.worldX(19.94, 50.06);
    int y = TMS.worldY(19.94, 50.06);
    for (int i = 1; i <= 50; i++) {
      stack.add(new IndexEntry(i, x, y, i % 3, Status.NEW.ordinal(), 0, i, areas.indexOf(Teryt.NONE)));
    }
    ClusterIndex index = built(settings, stack);
    for (int z = 0; z <= settings.maxZoom(); z++) {
      int s = Morton.LEVELS - z;
      List<ClusterFeature> fs = index.tile(new TileCoord(z, x >>> s, y >>> s), IndexFilter.compile(
          PUBLIC_ALL, ORDER, TMS)).features();
      assertEquals(1, fs.size());
      assertEquals(50, fs.get(0).count());
      assertEquals(settings.maxZoom(), fs.get(0).expansionZoom());
    }
  }

  /** Every feature of every tile holding data, in a canonical text form. */
  static String dump(ClusterIndex index, List<IndexEntry> entries, IndexFilter filter, int maxZoom) {
    StringBuilder sb = new StringBuilder();
    for (int z = 0; z <= maxZoom; z++) {
      Set<Long> tiles = new java.util.TreeSet<>();
      for (IndexEntry e : entries) {
        tiles.add(Morton.encode(e.x() >>> (Morton.LEVELS - z), e.y() >>> (Morton.LEVELS - z)));
      }
      for (long p : tiles) {
        TileCoord t = new TileCoord(z, Morton.x(p), Morton.y(p));
        sb.append(t).append(':');
        for (ClusterFeature f : index.tile(t, filter).features()) {
          sb.append(f.id()).append(',').append(f.x()).append(',').append(f.y()).append(',').append(f.count())
              .append(Arrays.toString(f.categories())).append(Arrays.toString(f.statuses())).append(f.expansionZoom())
              .append(',').append(f.category()).append(',').append(f.status()).append(',').append(f.time()).append(';');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void theSameDataGivesTheSameTilesWhateverTheOrderOfIngestion() {
    AreaTable areas = freshAreas();
    List<IndexEntry> entries = entries(3, 3_000, 1, areas);
    IndexFilter all = IndexFilter.compile(PUBLIC_ALL, ORDER, TMS);
    IndexFilter some = IndexFilter.compile(filters(5).get(2), ORDER, TMS);
    ClusterIndex bulk = built(settings, entries);
    String expectedAll = dump(bulk, entries, all, 16);
    String expectedSome = dump(bulk, entries, some, 16);
    for (long seed = 1; seed <= 2; seed++) {
      List<IndexEntry> shuffled = new ArrayList<>(entries);
      Collections.shuffle(shuffled, new Random(seed));
      ClusterIndex incremental = built(settings, List.of());
      for (IndexEntry e : shuffled) {
        incremental.put(e);
      }
      assertEquals(expectedAll, dump(incremental, entries, all, 16));
      assertEquals(expectedSome, dump(incremental, entries, some, 16));
    }
  }

  @Test
  void incrementalChangesGiveTheTilesOfAFreshBuild() {
    AreaTable areas = freshAreas();
    List<IndexEntry> live = new ArrayList<>(entries(11, 4_000, 1, areas));
    ClusterIndex index = built(settings, live);
    Random rnd = new Random(99);
    long nextId = 100_000;
    List<IndexEntry> fresh = entries(12, 2_000, nextId, areas);
    IndexFilter all = IndexFilter.compile(PUBLIC_ALL, ORDER, TMS);
    IndexFilter some = IndexFilter.compile(filters(5).get(1), ORDER, TMS);
    for (int round = 0; round < 5; round++) {
      List<IndexEntry> upserts = new ArrayList<>();
      List<Long> removals = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        int op = rnd.nextInt(3);
        if (op == 0 && !fresh.isEmpty()) {
          IndexEntry e = fresh.remove(fresh.size() - 1);
          upserts.add(e);
        } else if (op == 1 && !live.isEmpty()) {
          removals.add(live.get(rnd.nextInt(live.size())).id());
        } else if (!live.isEmpty()) {
          IndexEntry e = live.get(rnd.nextInt(live.size()));
          upserts.add(new IndexEntry(e.id(), e.x() + rnd.nextInt(2_000_000) - 1_000_000, e.y(),
              rnd.nextInt(CATEGORIES), PUBLIC[rnd.nextInt(PUBLIC.length)].ordinal(), e.source(), e.time(), e.area()));
        }
      }
      // Removals win over upserts of the same id in one batch, as the follower never sends both.
      Set<Long> removed = new HashSet<>(removals);
      upserts.removeIf(e -> removed.contains(e.id()));
      Map<Long, IndexEntry> state = new LinkedHashMap<>();
      live.forEach(e -> state.put(e.id(), e));
      upserts.forEach(e -> state.put(e.id(), e));
      removed.forEach(state::remove);
      index.apply(upserts, removals.stream().mapToLong(Long::longValue).toArray());
      live = new ArrayList<>(state.values());
      ClusterIndex rebuilt = built(settings, live);
      assertEquals(dump(rebuilt, live, all, 16), dump(index, live, all, 16), "round " + round);
      assertEquals(dump(rebuilt, live, some, 12), dump(index, live, some, 12), "round " + round);
      assertEquals(live.size(), index.size());
      assertNull(index.check(), "changes made one by one pass the check a restore's content gets, round " + round);
    }
  }

  @Test
  void anUpdateTouchesABoundedNumberOfEntriesWhateverTheSize() {
    int[] worst = null;
    for (int n : new int[] {1_000, 200_000}) {
      AreaTable areas = freshAreas();
      List<IndexEntry> entries = entries(21, n, 1, areas);
      ClusterIndex index = built(settings, entries);
      List<IndexEntry> more = entries(22, 300, 10_000_000, areas);
      int moved = 0;
      int cells = 0;
      int tiles = 0;
      for (int i = 0; i < more.size(); i++) {
        ClusterIndex.UpdateCost c = i % 2 == 0 ? index.put(more.get(i)) : index.remove(entries.get(i).id());
        moved = Math.max(moved, c.pointsMoved());
        cells = Math.max(cells, c.cellsTouched());
        tiles = Math.max(tiles, c.tilesMarked());
      }
      assertTrue(moved <= PointChunk.CAPACITY, "elements moved " + moved);
      assertTrue(cells <= settings.aggregateMaxZoom() + 1, "aggregate cells " + cells);
      assertTrue(tiles <= 4 * (settings.maxZoom() + 1), "tile stamps " + tiles);
      worst = new int[] {moved, cells, tiles};
    }
    assertNotNull(worst);
  }

  @Test
  void aChangeMakesStaleOnlyTheTilesItTouches() {
    AreaTable areas = freshAreas();
    List<IndexEntry> entries = entries(31, 2_000, 1, areas);
    ClusterIndex index = built(settings, entries);
    IndexFilter all = IndexFilter.compile(PUBLIC_ALL, ORDER, TMS);
    int x = TMS.worldX(21.01, 52.23);
    int y = TMS.worldY(21.01, 52.23);
    TileCoord here = new TileCoord(12, x >>> 19, y >>> 19);
    TileCoord far = new TileCoord(12, TMS.worldX(16.93, 52.41) >>> 19, TMS.worldY(16.93, 52.41) >>> 19);
    long renderedHere = index.tile(here, all).version();
    long renderedFar = index.tile(far, all).version();
    index.put(new IndexEntry(9_999_999, x, y, 1, Status.NEW.ordinal(), 0, 0, 0));
    assertTrue(index.stamp(here) > renderedHere, "the tile holding the new report is stale");
    assertTrue(index.stamp(far) <= renderedFar, "a tile far away stays cached");
    assertTrue(index.stamp(new TileCoord(0, 0, 0)) > renderedHere, "the world tile is stale too");
  }

  /**
   * A cached tile is answered on Jetty's network thread, which asks for the tile's stamp: that
   * must not wait while a change (a catch-up of thousands) holds the write lock.
   */
  @Test
  void aStampIsReadWhileAChangeHoldsTheWriteLock() throws Exception {
    AreaTable areas = freshAreas();
    ClusterIndex index = built(settings, entries(32, 2_000, 1, areas));
    IndexFilter all = IndexFilter.compile(PUBLIC_ALL, ORDER, TMS);
    int x = TMS.worldX(21.01, 52.23);
    int y = TMS.worldY(21.01, 52.23);
    TileCoord here = new TileCoord(12, x >>> 19, y >>> 19);
    long rendered = index.tile(here, all).version();
    java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    IndexEntry added = new IndexEntry(9_999_998, x, y, 1, Status.NEW.ordinal(), 0, 0, 0);
    // apply() reads its upserts under the write lock: this list holds it until released.
    List<IndexEntry> slow = new java.util.AbstractList<>() {
      @Override
      public IndexEntry get(int i) {
        inside.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return added;
      }

      @Override
      public int size() {
        return 1;
      }
    };
    Thread writer = new Thread(() -> index.apply(slow, new long[0]));
    writer.start();
    try {
      assertTrue(inside.await(5, java.util.concurrent.TimeUnit.SECONDS));
      java.util.concurrent.CompletableFuture<Long> stamp =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> index.stamp(here));
      long got = stamp.get(1, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(got <= rendered, "nothing changed yet, the cached tile is current: " + got + " > " + rendered);
    } finally {
      release.countDown();
      writer.join();
    }
    assertTrue(index.stamp(here) > rendered, "after the change the tile is stale");
  }
}
