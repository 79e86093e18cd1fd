package pl.kmzb.render;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.cluster.ClusterIndex;
import pl.kmzb.cluster.IndexFilter;
import pl.kmzb.tiles.TileCoord;

/**
 * Public reports per area for the choropleth: one pass over the cluster index per filter and level
 * ({@link ClusterIndex#countByArea}, 0.25 s at 5 M reports), computed ahead so a map does not wait
 * for it. Counts are kept per filter and level with the index stamp they were taken at. Without the
 * refresher ({@link #keepCurrent}) a stale entry is recomputed by the map that finds it (tests, tools).
 * With it, a map takes the entry as it is, and a background thread recomputes the entries used in
 * the last {@link #KEEP_NANOS} once the index has been quiet for {@link #QUIET_NANOS} (at most
 * {@link #MAX_WAIT_NANOS} after the first change), so a burst of changes costs one pass per entry;
 * {@link #version} moves when it has, so the image cache drops maps drawn with the older counts.
 */
final class AreaCounts {
  private static final Logger LOG = LoggerFactory.getLogger(AreaCounts.class);
  private static final TileCoord WHOLE_WORLD = new TileCoord(0, 0, 0);
  static final int MAX_ENTRIES = 64;
  static final long KEEP_NANOS = TimeUnit.MINUTES.toNanos(10);
  static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);
  /**
   * Under a steady stream of changes the index is never quiet: the counts then follow it every 30 s,
   * so the three default choropleths cost about 0.75 s of one core per 30 s at 5 M reports (2.5 %),
   * not a pass per change.
   */
  static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long POLL_MS = 250;

  private record Key(String filter, BoundaryLevel level) {}

  private static final class Entry {
    final IndexFilter filter;
    final long stamp;
    final Map<String, Integer> byCode;
    volatile long usedAt;

    Entry(IndexFilter filter, long stamp, Map<String, Integer> byCode) {
      this.filter = filter;
      this.stamp = stamp;
      this.byCode = byCode;
      this.usedAt = System.nanoTime();
    }
  }

  private final ClusterIndex index;
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();
  private volatile Thread refresher;

  AreaCounts(ClusterIndex index) {
    this.index = index;
  }

  /** Moves whenever the refresher replaced counts that maps may have been drawn with. */
  long version() {
    return version.get();
  }

  Map<String, Integer> get(IndexFilter filter, BoundaryLevel level) {
    Key key = new Key(filter.key(), level);
    Entry e = entries.get(key);
    if (e != null && (refresher != null || e.stamp == index.stamp(WHOLE_WORLD))) {
      e.usedAt = System.nanoTime();
      return e.byCode;
    }
    return compute(key, filter).byCode;
  }

  private Entry compute(Key key, IndexFilter filter) {
    long stamp = index.stamp(WHOLE_WORLD);
    Entry e = new Entry(filter, stamp, Map.copyOf(index.countByArea(filter, key.level().codeLength())));
    if (entries.size() >= MAX_ENTRIES && !entries.containsKey(key)) {
      entries.entrySet().stream().min(Comparator.comparingLong(x -> x.getValue().usedAt))
          .ifPresent(oldest -> entries.remove(oldest.getKey(), oldest.getValue()));
    }
    entries.put(key, e);
    return e;
  }

  /** Starts the background refresher (a daemon thread); closing the returned handle stops it. */
  synchronized AutoCloseable keepCurrent() {
    if (refresher != null) {
      throw new IllegalStateException("the area counts are already kept current");
    }
    Thread t = new Thread(this::refreshLoop, "wms-area-counts");
    t.setDaemon(true);
    refresher = t;
    t.start();
    return () -> {
      t.interrupt();
      refresher = null;
    };
  }

  /**
   * Each tick: if some entry is older than the index, recompute once the stamp has stood still for
   * {@link #QUIET_NANOS} or the entries have been stale for {@link #MAX_WAIT_NANOS}. Staleness is
   * judged on the entries, not on a change seen by this thread, so a change made before the thread
   * first looked is not missed.
   */
  private void refreshLoop() {
    long seenStamp = Long.MIN_VALUE;
    long movedAt = 0;
    long staleSince = 0;
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      long stamp = index.stamp(WHOLE_WORLD);
      if (stamp != seenStamp) {
        seenStamp = stamp;
        movedAt = now;
      }
      if (!anyStale(stamp)) {
        staleSince = 0;
        continue;
      }
      staleSince = staleSince == 0 ? now : staleSince;
      if (now - movedAt >= QUIET_NANOS || now - staleSince >= MAX_WAIT_NANOS) {
        staleSince = 0;
        try {
          refreshStale(stamp);
        } catch (RuntimeException e) {
          LOG.warn("recomputing the counts per area failed; maps use the previous counts", e);
        }
      }
    }
  }

  private boolean anyStale(long stamp) {
    for (Entry e : entries.values()) {
      if (e.stamp != stamp) {
        return true;
      }
    }
    return false;
  }

  /** Recomputes the stale entries used lately and forgets those unused for {@link #KEEP_NANOS}. */
  void refreshStale(long stamp) {
    long started = System.nanoTime();
    int done = 0;
    for (Map.Entry<Key, Entry> me : entries.entrySet()) {
      Entry e = me.getValue();
      if (started - e.usedAt > KEEP_NANOS) {
        entries.remove(me.getKey(), e);
      } else if (e.stamp != stamp) {
        Entry fresh = new Entry(e.filter, index.stamp(WHOLE_WORLD),
            Map.copyOf(index.countByArea(e.filter, me.getKey().level().codeLength())));
        fresh.usedAt = e.usedAt;
        entries.replace(me.getKey(), e, fresh);
        done++;
      }
    }
    if (done > 0) {
      version.incrementAndGet();
      LOG.debug("recomputed {} counts per area in {} ms", done, (System.nanoTime() - started) / 1_000_000);
    }
  }
}
