package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import pl.kmzb.report.Status;
import pl.kmzb.snapshot.SnapshotOutput;
import pl.kmzb.tiles.MatrixSet;
import pl.kmzb.tiles.MatrixSets;
import pl.kmzb.tiles.Morton;
import pl.kmzb.tiles.TileCoord;

/**
 * The in-memory index behind the threats tiles: every public report at its public position, in
 * Morton order ({@link PointStore}), the unfiltered low-zoom clusters ({@link CellAggregates}), where
 * each report sits (id → Morton code), and which tiles changed at which version.
 *
 * <p>A change costs one map lookup and at most one chunk of array copying in the point store, one
 * cell per aggregated zoom, and at most four tile stamps per zoom: bounded by the number of zoom
 * levels, not by the number of reports. Tiles are computed from the grid of {@link ClusterGrid}
 * under a read lock; changes take the write lock briefly; tile stamps are read without a lock
 * ({@link TileStamps}).
 */
public final class ClusterIndex {
  /** A batch with more changes than this marks every tile changed instead of each touched one. */
  static final int MARK_EACH_LIMIT = 4096;

  /** What one change cost: elements moved in the point store, aggregate cells and tile stamps written. */
  public record UpdateCost(int pointsMoved, int cellsTouched, int tilesMarked) {
    UpdateCost plus(UpdateCost o) {
      return new UpdateCost(pointsMoved + o.pointsMoved, cellsTouched + o.cellsTouched, tilesMarked + o.tilesMarked);
    }
  }

  private static final UpdateCost NOTHING = new UpdateCost(0, 0, 0);
  private static final long ABSENT = -1;
  /** The matrix sets other than the index's own Web Mercator quadtree whose coarse levels are aggregated. */
  public static final List<MatrixSet> GRID_SETS = List.of(MatrixSets.GEOPORTAL_2180, MatrixSets.WORLD_CRS84_QUAD);

  private final ClusterSettings settings;
  private final int categoryCount;
  private final int statusCount = Status.values().length;
  private final AreaTable areas = new AreaTable();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private PointStore points = new PointStore();
  private CellAggregates aggregates;
  /** The clusters of each category at the coarsest zooms (category layers at national scale). */
  private CategoryAggregates byCategory;
  /**
   * The public index's clusters of the coarse levels of each of {@link #GRID_SETS}, in that order
   * (empty in the police index).
   */
  private List<GridAggregates> grids;
  private IdPositions positions = new IdPositions(16);
  /** Read without the lock: see {@link #stamp}. */
  private final TileStamps tileStamps = new TileStamps();
  private long version;
  private boolean markEach = true;
  private volatile boolean loaded;
  /** Whether single reports carry their source and deadline state (the police index); see {@link #passDeadlines}. */
  private final boolean reportDetails;
  /** Reports in status new by take-up deadline, when {@link #reportDetails}; else empty. */
  private DeadlineHeap deadlines = new DeadlineHeap();
  /** Up to when {@link #passDeadlines} has stamped the tiles of reports passing their deadline. */
  private volatile long deadlinesAt = Long.MIN_VALUE;

  public ClusterIndex(ClusterSettings settings, int categoryCount) {
    this(settings, categoryCount, false);
  }

  /**
   * @param reportDetails true for the police index: single reports in tiles carry their source, and
   *     the index follows the 72-hour take-up deadline of reports in status {@code new}
   */
  public ClusterIndex(ClusterSettings settings, int categoryCount, boolean reportDetails) {
    this.reportDetails = reportDetails;
    if (categoryCount > 63) {
      throw new IllegalArgumentException("the index supports at most 63 categories, the catalogue has " + categoryCount);
    }
    this.settings = settings;
    this.categoryCount = categoryCount;
    this.aggregates = new CellAggregates(settings.aggregateMaxZoom(), categoryCount, statusCount);
    this.byCategory = new CategoryAggregates(settings.aggregateMaxZoom(), categoryCount, statusCount);
    this.grids = newGrids();
  }

  public ClusterSettings settings() {
    return settings;
  }

  AreaTable areas() {
    return areas;
  }

  /** Cells of the per-category aggregates (their memory: a few kB each). */
  public int categoryCellCount() {
    lock.readLock().lock();
    try {
      return byCategory.cellCount();
    } finally {
      lock.readLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return points.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Replaces the whole content with {@code cols} (any order; ids must be unique). */
  void build(EntryColumns cols) {
    build(cols, Long.MIN_VALUE);
  }

  /**
   * As {@link #build(EntryColumns)}, at time {@code nowNanos} (epoch nanoseconds): reports already
   * past their take-up deadline then are shown so without waiting for {@link #passDeadlines}.
   */
  void build(EntryColumns cols, long nowNanos) {
    int n = cols.size;
    long[] morton = new long[n];
    for (int i = 0; i < n; i++) {
      morton[i] = Morton.encode(cols.x[i], cols.y[i]);
    }
    int[] order = RadixSort.order(morton, cols.id, n);
    PointStore store = new PointStore();
    store.bulkLoad(cols, morton, order);
    install(prepare(store, null, nowNanos));
  }

  /** A whole content built beside the one served, for {@link #install} to swap in at once. */
  record Content(PointStore points, CellAggregates cells, CategoryAggregates byCategory, List<GridAggregates> grids,
      IdPositions positions, DeadlineHeap deadlines, long nowNanos) {}

  /**
   * Builds what is derived from {@code store} (the aggregates, taken from the snapshot's part
   * {@code restored} instead when not null, the id map, the deadlines) without touching what is served. Only
   * reports still before their take-up deadline at {@code nowNanos} wait in the deadline heap: the
   * rest are past it in every tile drawn from here on ({@link #deadlinesAt} is set to
   * {@code nowNanos} and every tile is stamped), so the first {@link #passDeadlines} after a load
   * does not pop and look up every old unhandled report of the store, most of them on a restart.
   */
  private Content prepare(PointStore store, IndexSnapshotFile.Part restored, long nowNanos) {
    CellAggregates cells;
    CategoryAggregates categoryCells;
    List<GridAggregates> gridCells;
    if (restored != null) {
      cells = restored.cells();
      categoryCells = restored.byCategory();
      gridCells = restored.grids();
    } else {
      cells = emptyCells();
      cells.bulkLoad(store);
      categoryCells = emptyByCategory();
      categoryCells.bulkLoad(store);
      gridCells = newGrids();
      gridCells.forEach(g -> g.bulkLoad(store));
    }
    IdPositions where = IdPositions.of(store);
    DeadlineHeap due = new DeadlineHeap();
    if (reportDetails) {
      store.forEach(0, Long.MAX_VALUE, (chunk, from, to) -> {
        for (int i = from; i < to; i++) {
          if (chunk.status[i] == Status.NEW.ordinal() && deadlineOf(chunk.time[i]) >= nowNanos) {
            due.push(deadlineOf(chunk.time[i]), chunk.id[i]);
          }
        }
      });
    }
    return new Content(store, cells, categoryCells, gridCells, where, due, nowNanos);
  }

  /** Makes {@code c} the content, every tile stamped changed. */
  void install(Content c) {
    lock.writeLock().lock();
    try {
      points = c.points();
      aggregates = c.cells();
      byCategory = c.byCategory();
      grids = c.grids();
      positions = c.positions();
      deadlines = c.deadlines();
      deadlinesAt = Math.max(deadlinesAt, c.nowNanos());
      version++;
      tileStamps.markAll(version);
      loaded = true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Writes the areas, every entry and the grid aggregates to a snapshot ({@link IndexSnapshotFile})
   * under the read lock: tiles are answered meanwhile, changes wait.
   */
  void writeEntries(SnapshotOutput out) {
    lock.readLock().lock();
    try {
      IndexSnapshotFile.writePart(out, areas.all(), points.size(), points);
      out.putInt(grids.size());
      for (GridAggregates g : grids) {
        g.write(out);
      }
      aggregates.write(out);
      byCategory.write(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The content of a snapshot's entries (already in point-store order, in chunks), for
   * {@link #install}: their areas (numbered as in the snapshot) renumbered into this index's area
   * table, the deadlines as of {@code nowNanos} ({@link #build(EntryColumns, long)}).
   */
  Content restored(IndexSnapshotFile.Part part, long nowNanos) {
    List<pl.kmzb.report.Teryt> areaList = part.areas();
    short[] renumbered = new short[areaList.size()];
    for (int a = 0; a < renumbered.length; a++) {
      renumbered[a] = (short) areas.indexOf(areaList.get(a));
    }
    boolean same = true;
    for (int a = 0; a < renumbered.length; a++) {
      same &= renumbered[a] == a;
    }
    PointStore store = new PointStore();
    store.bulkLoad(part.chunks());
    if (!same) { // as after any restart into a fresh index: its table fills in the snapshot's order
      store.forEach(0, Long.MAX_VALUE, (chunk, from, to) -> {
        for (int i = from; i < to; i++) {
          chunk.area[i] = renumbered[chunk.area[i]];
        }
      });
    }
    return prepare(store, part, nowNanos);
  }

  /**
   * What is wrong with the content, or null: an entry whose values are out of their ranges, whose
   * Morton code is not its position's, or that is out of the point store's order (Morton code, then
   * id); grid aggregates that do not add up; Web Mercator aggregates that are not those the entries
   * make (built again to compare). A restore takes a snapshot's entries with only its
   * checksums checked (see {@link IndexSnapshotFile}); this looks at each once the server is ready,
   * under the read lock (tiles are answered meanwhile; {@link IndexFollower#check} keeps changes
   * waiting on its own lock, not on this one's write lock).
   */
  String check() {
    lock.readLock().lock();
    try {
      int areaCount = areas.all().length;
      int sources = pl.kmzb.report.Source.values().length;
      String[] problem = {null};
      long[] last = {Long.MIN_VALUE, Long.MIN_VALUE};
      int[] at = {0};
      points.forEach(0, Long.MAX_VALUE, (c, from, to) -> {
        for (int i = from; i < to && problem[0] == null; i++, at[0]++) {
          if (c.x[i] < 0 || c.y[i] < 0 || c.category[i] < 0 || c.category[i] >= categoryCount || c.status[i] < 0
              || c.status[i] >= statusCount || c.source[i] < 0 || c.source[i] >= sources || c.area[i] < 0
              || c.area[i] >= areaCount) {
            problem[0] = "entry " + at[0] + " (report " + c.id[i] + ") holds a value out of range";
          } else if (c.morton[i] != Morton.encode(c.x[i], c.y[i])) {
            problem[0] = "entry " + at[0] + " (report " + c.id[i] + ") is not at its position's Morton code";
          } else if (c.morton[i] < last[0] || c.morton[i] == last[0] && c.id[i] <= last[1]) {
            problem[0] = "entry " + at[0] + " (report " + c.id[i] + ") is out of the point store's order";
          }
          last[0] = c.morton[i];
          last[1] = c.id[i];
        }
      });
      for (int g = 0; g < grids.size() && problem[0] == null; g++) {
        problem[0] = grids.get(g).check(points.size());
      }
      if (problem[0] == null) {
        CellAggregates fresh = emptyCells();
        fresh.bulkLoad(points);
        problem[0] = aggregates.difference(fresh);
      }
      if (problem[0] == null) {
        CategoryAggregates fresh = emptyByCategory();
        fresh.bulkLoad(points);
        problem[0] = byCategory.difference(fresh);
      }
      return problem[0];
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Every grid aggregate's cells as text, for tests. */
  List<String> describeGrids() {
    lock.readLock().lock();
    try {
      return grids.stream().flatMap(g -> g.describe().stream()).toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Empty grid aggregates of this index's sets, for a snapshot's to be read into. */
  List<GridAggregates> emptyGrids() {
    return newGrids();
  }

  /** Empty Web Mercator aggregates of this index's zooms and categories, for a snapshot's to be read into. */
  CellAggregates emptyCells() {
    return new CellAggregates(settings.aggregateMaxZoom(), categoryCount, statusCount);
  }

  CategoryAggregates emptyByCategory() {
    return new CategoryAggregates(settings.aggregateMaxZoom(), categoryCount, statusCount);
  }

  /** Whether a bulk build has happened (the server is not ready before). */
  public boolean isLoaded() {
    return loaded;
  }

  /** Adds or replaces each of {@code upserts} and removes each id of {@code removals}, as one batch. */
  public UpdateCost apply(List<IndexEntry> upserts, long[] removals) {
    lock.writeLock().lock();
    try {
      version++;
      markEach = upserts.size() + removals.length <= MARK_EACH_LIMIT;
      if (!markEach) {
        tileStamps.markAll(version);
      }
      UpdateCost cost = NOTHING;
      for (long id : removals) {
        cost = cost.plus(removeLocked(id));
      }
      for (IndexEntry e : upserts) {
        cost = cost.plus(removeLocked(e.id())).plus(insertLocked(e));
      }
      return cost;
    } finally {
      markEach = true;
      lock.writeLock().unlock();
    }
  }

  public UpdateCost put(IndexEntry e) {
    return apply(List.of(e), new long[0]);
  }

  public UpdateCost remove(long id) {
    return apply(List.of(), new long[] {id});
  }

  private UpdateCost insertLocked(IndexEntry e) {
    if (reportDetails && e.status() == Status.NEW.ordinal()) {
      deadlines.push(deadlineOf(e.time()), e.id());
    }
    int moved = points.insert(e);
    int cells = aggregates.add(e);
    byCategory.add(e);
    for (GridAggregates g : grids) {
      g.add(e);
    }
    positions.put(e.id(), e.morton());
    return new UpdateCost(moved, cells, mark(e.x(), e.y()));
  }

  private UpdateCost removeLocked(long id) {
    long m = positions.remove(id, ABSENT);
    if (m == ABSENT) {
      return NOTHING;
    }
    IndexEntry old = points.get(m, id);
    int moved = points.remove(m, id);
    int cells = aggregates.remove(old, points);
    byCategory.remove(old, points);
    for (GridAggregates g : grids) {
      g.remove(old);
    }
    return new UpdateCost(moved, cells, mark(old.x(), old.y()));
  }

  /** When a report reported at {@code time} (epoch nanoseconds) passes its take-up deadline. */
  static long deadlineOf(long time) {
    long d = pl.kmzb.report.Report.TAKE_UP_DEADLINE.toNanos();
    return time > Long.MAX_VALUE - d ? Long.MAX_VALUE : time + d;
  }

  /**
   * Stamps the tiles of every report in status {@code new} whose take-up deadline lies before
   * {@code nowNanos} and was not stamped yet, and records {@code nowNanos} as the time tiles judge
   * "past the deadline" by ({@link TileClusters#deadlinesAt}). So a cached police tile is stale
   * exactly when one of its reports has passed its deadline since it was drawn. Called by the
   * follower after each pass (at least once a second); the write lock is taken only when a
   * deadline passed. Returns the number of reports that passed.
   */
  public int passDeadlines(long nowNanos) {
    if (!reportDetails) {
      return 0;
    }
    lock.readLock().lock();
    try {
      if (deadlines.isEmpty() || deadlines.peekDeadline() >= nowNanos) {
        // Nothing passes in between: tiles drawn before and after agree, no lock needed to move on.
        deadlinesAt = Math.max(deadlinesAt, nowNanos);
        return 0;
      }
    } finally {
      lock.readLock().unlock();
    }
    lock.writeLock().lock();
    try {
      List<IndexEntry> passed = new ArrayList<>();
      while (!deadlines.isEmpty() && deadlines.peekDeadline() < nowNanos) {
        long id = deadlines.peekId();
        long due = deadlines.peekDeadline();
        deadlines.pop();
        long m = positions.get(id, ABSENT);
        IndexEntry e = m == ABSENT ? null : points.get(m, id);
        // A report that left 'new' (or was replaced) since its entry was pushed: nothing passes.
        if (e != null && e.status() == Status.NEW.ordinal() && deadlineOf(e.time()) == due) {
          passed.add(e);
        }
      }
      if (!passed.isEmpty()) {
        version++;
        markEach = passed.size() <= MARK_EACH_LIMIT;
        if (!markEach) {
          tileStamps.markAll(version);
        }
        for (IndexEntry e : passed) {
          mark(e.x(), e.y());
        }
      }
      deadlinesAt = Math.max(deadlinesAt, nowNanos);
      return passed.size();
    } finally {
      markEach = true;
      lock.writeLock().unlock();
    }
  }

  /** Reports in status new waiting for their deadline, with entries that no longer apply (for the memory figures). */
  int deadlineEntries() {
    lock.readLock().lock();
    try {
      return deadlines.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Stamps every tile whose cells or buffer ring hold world position (x, y), at every zoom. */
  private int mark(int x, int y) {
    if (!markEach) {
      return 0;
    }
    int marked = 0;
    for (int z = 0; z <= settings.maxZoom(); z++) {
      int shift = Morton.LEVELS - ClusterGrid.level(z);
      int cx = x >>> shift;
      int cy = y >>> shift;
      int inX = cx & (ClusterGrid.CELLS - 1);
      int inY = cy & (ClusterGrid.CELLS - 1);
      int tiles = 1 << z;
      for (int dy = inY == 0 ? -1 : 0; dy <= (inY == ClusterGrid.CELLS - 1 ? 1 : 0); dy++) {
        for (int dx = inX == 0 ? -1 : 0; dx <= (inX == ClusterGrid.CELLS - 1 ? 1 : 0); dx++) {
          int tx = (cx >> ClusterGrid.CELL_BITS) + dx;
          int ty = (cy >> ClusterGrid.CELL_BITS) + dy;
          if (tx >= 0 && ty >= 0 && tx < tiles && ty < tiles) {
            tileStamps.mark(new TileCoord(z, tx, ty).packed(), version);
            marked++;
          }
        }
      }
    }
    return marked;
  }

  /**
   * The version of the last change that touched {@code t}: a tile computed at a lower version is
   * stale. Takes no lock (a cached tile is answered on the network thread, which must not wait for
   * a scan or a catch-up); during a change it answers as before or after it, never lower.
   */
  public long stamp(TileCoord t) {
    return tileStamps.get(t.packed());
  }

  /** One entry as {@link #forEachIn} hands it out: id, world position, category and status ordinals, time. */
  public interface EntryVisitor {
    void visit(long id, int x, int y, int category, int status, long time);
  }

  /**
   * Every entry passing {@code filter} whose world position lies in [x0, x1] × [y0, y1] (inclusive),
   * under the read lock, in Morton order: for tile grids that are not the index's quadtree (Geoportal's
   * EPSG:2180 set, {@link GridClusters}). The rectangle is covered by the quadtree tiles of the finest
   * zoom at which at most 64 of them cover it, each one contiguous range of the point store.
   */
  public void forEachIn(int x0, int y0, int x1, int y1, IndexFilter filter, EntryVisitor v) {
    int z = Morton.LEVELS;
    while (z > 0 && ((long) (x1 >>> (Morton.LEVELS - z)) - (x0 >>> (Morton.LEVELS - z)) + 1)
        * ((long) (y1 >>> (Morton.LEVELS - z)) - (y0 >>> (Morton.LEVELS - z)) + 1) > 64) {
      z--;
    }
    int shift = Morton.LEVELS - z;
    lock.readLock().lock();
    try {
      boolean[] areaMatch = areas.matching(filter.areas());
      boolean all = filter.isDefault();
      for (int ty = y0 >>> shift; ty <= y1 >>> shift; ty++) {
        for (int tx = x0 >>> shift; tx <= x1 >>> shift; tx++) {
          long lo = Morton.cellStart(z, tx, ty);
          points.forEach(lo, lo + Morton.cellSpan(z), (c, from, to) -> {
            for (int i = from; i < to; i++) {
              int x = c.x[i];
              int y = c.y[i];
              if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && (all || filter.test(c, i, areaMatch))) {
                v.visit(c.id[i], x, y, c.category[i], c.status[i], c.time[i]);
              }
            }
          });
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The unfiltered clusters of tile (col, row) at {@code level} of {@code set} from the aggregates
   * ({@link GridAggregates}), or null when that set's level is not aggregated (then scan).
   */
  List<GridClusters.Cell> gridTile(MatrixSet set, int level, long col, long row) {
    lock.readLock().lock();
    try {
      GridAggregates g = grid(set);
      return g == null ? null : g.tile(level, col, row);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Cells of the aggregates of every set (their memory: about 200–240 bytes each, {@link GridCells}). */
  public int gridCellCount() {
    lock.readLock().lock();
    try {
      return grids.stream().mapToInt(GridAggregates::cellCount).sum();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Cells of the aggregates of {@code set} (0 when not aggregated, or in the police index). */
  public int gridCellCount(MatrixSet set) {
    lock.readLock().lock();
    try {
      GridAggregates g = grid(set);
      return g == null ? 0 : g.cellCount();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The most cells {@code set}'s aggregates can hold, every report lying in Poland (0 when not aggregated). */
  public long gridCellBound(MatrixSet set) {
    lock.readLock().lock();
    try {
      GridAggregates g = grid(set);
      return g == null ? 0 : g.maxCells();
    } finally {
      lock.readLock().unlock();
    }
  }

  private GridAggregates grid(MatrixSet set) {
    for (GridAggregates g : grids) {
      if (g.set().id().equals(set.id())) {
        return g;
      }
    }
    return null;
  }

  private List<GridAggregates> newGrids() {
    return reportDetails ? List.of()
        : GRID_SETS.stream().map(s -> new GridAggregates(s, categoryCount, statusCount)).toList();
  }

  /** The features of tile {@code t} for {@code filter}. */
  public TileClusters tile(TileCoord t, IndexFilter filter) {
    if (t.z() > settings.maxZoom()) {
      throw new IllegalArgumentException("zoom " + t.z() + " is deeper than the index's " + settings.maxZoom());
    }
    lock.readLock().lock();
    try {
      TileWindow w = new TileWindow(t);
      List<ClusterFeature> out;
      if (t.z() > settings.clusterMaxZoom()) {
        out = singles(w, filter);
      } else if (filter.isDefault() && t.z() <= aggregates.maxZoom()) {
        out = features(w, fromAggregates(w));
      } else if (filter.onlyCategories() && t.z() <= byCategory.maxZoom()) {
        out = features(w, fromCategoryAggregates(w, filter.categoryMask()));
      } else {
        out = features(w, scan(w, filter));
      }
      return new TileClusters(out, version, reportDetails ? deadlinesAt : Long.MIN_VALUE);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The features of tile {@code t} for each of {@code filters}, which differ only in their
   * categories (the layers of one map: clusters, category groups, categories): element i equals
   * {@code tile(t, filters.get(i))}, but the tile's entries are read once for all of them, each
   * filter's cells summed from per-category parts ({@link CategoryCellScan}). Filters the unfiltered
   * aggregates answer still come from them.
   *
   * @throws IllegalArgumentException if the filters differ in anything but their categories
   */
  public List<TileClusters> tiles(TileCoord t, List<IndexFilter> filters) {
    for (IndexFilter f : filters) {
      if (!f.sameExceptCategories(filters.get(0))) {
        throw new IllegalArgumentException("the filters of one pass may differ only in their categories");
      }
    }
    if (filters.size() == 1) {
      return List.of(tile(t, filters.get(0)));
    }
    if (t.z() > settings.maxZoom()) {
      throw new IllegalArgumentException("zoom " + t.z() + " is deeper than the index's " + settings.maxZoom());
    }
    long union = 0;
    for (IndexFilter f : filters) {
      union |= f.categoryMask();
    }
    IndexFilter all = filters.get(0).withCategories(union);
    lock.readLock().lock();
    try {
      TileWindow w = new TileWindow(t);
      List<TileClusters> out = new ArrayList<>();
      if (t.z() > settings.clusterMaxZoom()) {
        List<ClusterFeature> singles = singles(w, all);
        for (IndexFilter f : filters) {
          List<ClusterFeature> mine = new ArrayList<>();
          for (ClusterFeature s : singles) {
            if ((f.categoryMask() >>> s.category() & 1) != 0) {
              mine.add(s);
            }
          }
          out.add(new TileClusters(mine, version));
        }
        return out;
      }
      CategoryCellScan.Parts[] parts = null;
      CategoryCellScan.Parts[] kept = null;
      for (IndexFilter f : filters) {
        if (f.isDefault() && t.z() <= aggregates.maxZoom()) {
          out.add(new TileClusters(features(w, fromAggregates(w)), version));
          continue;
        }
        if (f.onlyCategories() && t.z() <= byCategory.maxZoom()) {
          if (kept == null) {
            kept = categoryParts(w);
          }
          out.add(new TileClusters(features(w, sum(kept, f.categoryMask())), version));
          continue;
        }
        if (parts == null) {
          parts = new CategoryCellScan.Parts[ClusterGrid.SPAN * ClusterGrid.SPAN];
          forEachRange(w, new CategoryCellScan(parts, w.level, w.gx0, w.gy0, all, areas.matching(all.areas()),
              categoryCount, statusCount));
        }
        out.add(new TileClusters(features(w, sum(parts, f.categoryMask())), version));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A tile with its ring of buffer cells: grid cells gx0 ... gx0 + SPAN - 1 (likewise y) at the zoom's level. */
  private record TileWindow(TileCoord tile, int level, int gx0, int gy0, int cellsPerSide) {
    TileWindow(TileCoord tile) {
      this(tile, ClusterGrid.level(tile.z()), tile.x() * ClusterGrid.CELLS - 1, tile.y() * ClusterGrid.CELLS - 1,
          1 << ClusterGrid.level(tile.z()));
    }

    boolean valid(int gx, int gy) {
      return gx >= 0 && gy >= 0 && gx < cellsPerSide && gy < cellsPerSide;
    }

    boolean ring(int i, int j) {
      return i == 0 || j == 0 || i == ClusterGrid.SPAN - 1 || j == ClusterGrid.SPAN - 1;
    }
  }

  private Cell[] fromAggregates(TileWindow w) {
    Cell[] grid = new Cell[ClusterGrid.SPAN * ClusterGrid.SPAN];
    for (int j = 0; j < ClusterGrid.SPAN; j++) {
      for (int i = 0; i < ClusterGrid.SPAN; i++) {
        if (w.valid(w.gx0 + i, w.gy0 + j)) {
          grid[j * ClusterGrid.SPAN + i] = aggregates.get(w.tile.z(), Morton.encode(w.gx0 + i, w.gy0 + j));
        }
      }
    }
    return grid;
  }

  /** The window's cells of the categories in {@code mask}, summed from the per-category aggregates. */
  private Cell[] fromCategoryAggregates(TileWindow w, long mask) {
    return sum(categoryParts(w), mask);
  }

  /** The window's cells (SPAN per row) of the per-category aggregates. */
  private CategoryCellScan.Parts[] categoryParts(TileWindow w) {
    CategoryCellScan.Parts[] parts = new CategoryCellScan.Parts[ClusterGrid.SPAN * ClusterGrid.SPAN];
    for (int j = 0; j < ClusterGrid.SPAN; j++) {
      for (int i = 0; i < ClusterGrid.SPAN; i++) {
        if (w.valid(w.gx0 + i, w.gy0 + j)) {
          parts[j * ClusterGrid.SPAN + i] = byCategory.get(w.tile.z(), Morton.encode(w.gx0 + i, w.gy0 + j));
        }
      }
    }
    return parts;
  }

  /** Each cell of {@code parts} summed over the categories of {@code mask}. */
  private Cell[] sum(CategoryCellScan.Parts[] parts, long mask) {
    Cell[] grid = new Cell[parts.length];
    for (int k = 0; k < parts.length; k++) {
      grid[k] = CategoryCellScan.cell(parts[k], mask, categoryCount, statusCount);
    }
    return grid;
  }

  private Cell[] scan(TileWindow w, IndexFilter filter) {
    Cell[] grid = new Cell[ClusterGrid.SPAN * ClusterGrid.SPAN];
    forEachRange(w, new CellScan(grid, w.level, w.gx0, w.gy0, filter, areas.matching(filter.areas()), categoryCount,
        statusCount));
    return grid;
  }

  /** Visits the tile's own range, then each buffer cell's range, in a fixed order. */
  private void forEachRange(TileWindow w, PointStore.RunVisitor visitor) {
    points.forEach(w.tile.mortonStart(), w.tile.mortonEnd(), visitor);
    long span = Morton.cellSpan(w.level);
    for (int j = 0; j < ClusterGrid.SPAN; j++) {
      for (int i = 0; i < ClusterGrid.SPAN; i++) {
        if (w.ring(i, j) && w.valid(w.gx0 + i, w.gy0 + j)) {
          long lo = Morton.cellStart(w.level, w.gx0 + i, w.gy0 + j);
          points.forEach(lo, lo + span, visitor);
        }
      }
    }
  }

  private List<ClusterFeature> features(TileWindow w, Cell[] grid) {
    List<ClusterFeature> out = new ArrayList<>();
    for (Cell c : grid) {
      if (c == null || c.count == 0) {
        continue;
      }
      int x = toTile(c.centreX(), w.tile.worldMinX(), w.tile.z());
      int y = toTile(c.centreY(), w.tile.worldMinY(), w.tile.z());
      if (c.count == 1) {
        out.add(new ClusterFeature(c.lastId, x, y, 1, null, null, 0, c.lastCategory, c.lastStatus, c.lastTime,
            reportDetails ? sourceOf(c.lastId) : -1));
      } else {
        int split = Morton.commonLevel(c.minMorton, c.maxMorton) - ClusterGrid.CELL_BITS + 1;
        long id = ((long) (w.tile.z() + 1) << 56) | c.code;
        out.add(new ClusterFeature(id, x, y, c.count, c.categories.clone(), c.statuses.clone(),
            Math.min(split, settings.expansionCap()), -1, -1, 0));
      }
    }
    return out;
  }

  private List<ClusterFeature> singles(TileWindow w, IndexFilter filter) {
    List<ClusterFeature> out = new ArrayList<>();
    boolean[] areaMatch = areas.matching(filter.areas());
    int z = w.tile.z();
    forEachRange(w, (c, from, to) -> {
      for (int i = from; i < to; i++) {
        if (filter.isDefault() || filter.test(c, i, areaMatch)) {
          out.add(new ClusterFeature(c.id[i], toTile(c.x[i], w.tile.worldMinX(), z), toTile(c.y[i], w.tile.worldMinY(), z),
              1, null, null, 0, c.category[i], c.status[i], c.time[i], reportDetails ? c.source[i] : -1));
        }
      }
    });
    return out;
  }

  /**
   * Public reports per area for {@code filter}: TERYT code → count, the code cut to
   * {@code codeLength} digits (2 voivodeship, 4 county, 7 municipality), judged at the public
   * position's areas as every public filter is. One pass over the index under the read lock
   * (the WMS choropleth caches the answer per filter and {@link #stamp} of tile 0/0/0).
   */
  public java.util.Map<String, Integer> countByArea(IndexFilter filter, int codeLength) {
    lock.readLock().lock();
    try {
      boolean[] areaMatch = areas.matching(filter.areas());
      int[] perArea = new int[AreaTable.MAX + 1];
      points.forEach(0, Long.MAX_VALUE, (c, from, to) -> {
        for (int i = from; i < to; i++) {
          if (filter.isDefault() || filter.test(c, i, areaMatch)) {
            perArea[c.area[i]]++;
          }
        }
      });
      java.util.Map<String, Integer> out = new java.util.HashMap<>();
      for (int a = 0; a < perArea.length; a++) {
        if (perArea[a] > 0) {
          String code = areas.codeOf(a, codeLength);
          if (code != null) {
            out.merge(code, perArea[a], Integer::sum);
          }
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The source ordinal of an indexed report (cells keep no source: looked up for single reports only). */
  private int sourceOf(long id) {
    long m = positions.get(id, ABSENT);
    IndexEntry e = m == ABSENT ? null : points.get(m, id);
    return e == null ? -1 : e.source();
  }

  /** World coordinate to tile units (4096 per tile), rounding down so every tile agrees. */
  private static int toTile(int world, int tileMin, int z) {
    return (int) (((long) world - tileMin) >> (Morton.LEVELS - z - 12));
  }
  /**
   * Public reports per area in one pass, for the feature services' area collections: TERYT code
   * (cut to {@code codeLength} digits) → counts, the first {@code categoryCount} entries per
   * category in the catalogue's order, then one per {@link Status} ordinal. Judged at the public
   * position's areas, like {@link #countByArea}; callers cache the answer per {@link #stamp} of 0/0/0.
   */
  public java.util.Map<String, int[]> countByAreaCategoryStatus(int codeLength) {
    lock.readLock().lock();
    try {
      int width = categoryCount + statusCount;
      int[][] perArea = new int[AreaTable.MAX + 1][];
      points.forEach(0, Long.MAX_VALUE, (c, from, to) -> {
        for (int i = from; i < to; i++) {
          int[] counts = perArea[c.area[i]];
          if (counts == null) {
            counts = new int[width];
            perArea[c.area[i]] = counts;
          }
          counts[c.category[i]]++;
          counts[categoryCount + c.status[i]]++;
        }
      });
      java.util.Map<String, int[]> out = new java.util.HashMap<>();
      for (int a = 0; a < perArea.length; a++) {
        String code = perArea[a] == null ? null : areas.codeOf(a, codeLength);
        if (code != null) {
          int[] sum = out.computeIfAbsent(code, k -> new int[width]);
          for (int k = 0; k < width; k++) {
            sum[k] += perArea[a][k];
          }
        }
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }
}
