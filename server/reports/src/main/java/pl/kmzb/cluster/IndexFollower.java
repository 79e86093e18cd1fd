package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Report;
import pl.kmzb.store.Change;
import pl.kmzb.store.ChangeKind;
import pl.kmzb.store.ReportEvent;
import pl.kmzb.store.ReportListener;
import pl.kmzb.store.ReportStore;

/**
 * Keeps a {@link ClusterIndex} equal to the store by following the durable change log: it loads
 * every public report once, then applies each logged change by reading the report's current state.
 * The log is the one source of truth, so changes from this process, from other servers on the same
 * PostGIS and direct SQL edits are handled alike, in commit order, and a missed wake-up only
 * delays (never loses) a change. Wake-ups: this process's own commits (so a report is in the tiles
 * before its POST returns), NOTIFY through {@link pl.kmzb.store.PostgisChangeFeed}, and a timed poll.
 */
public final class IndexFollower implements ReportListener {
  private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);
  static final int PAGE = 10_000;
  /** More changed ids than this are read by paging through their id range instead of one by one. */
  private static final int READ_ONE_BY_ONE = 256;

  private final ReportStore store;
  private final ClusterIndex index;
  private final PublicPoints points;
  private final ReentrantLock lock = new ReentrantLock();
  private final AtomicBoolean pending = new AtomicBoolean();
  private long lastSeq = -1;

  public IndexFollower(ReportStore store, ClusterIndex index, PublicPoints points) {
    this.store = store;
    this.index = index;
    this.points = points;
  }

  /** Loads every public report; changes committed meanwhile are applied by the next {@link #catchUp}. */
  public void load() {
    lock.lock();
    try {
      loadLocked();
    } finally {
      lock.unlock();
    }
  }

  private void loadLocked() {
    long seq = store.lastChangeSeq();
    EntryColumns cols = new EntryColumns(1 << 16);
    store.scan(points.publicFilter(), r -> {
      IndexEntry e = points.entryOf(r);
      if (e != null) {
        cols.add(e);
      }
    });
    index.build(cols);
    lastSeq = seq;
  }

  /** The last change-log sequence applied. */
  public long lastSeq() {
    lock.lock();
    try {
      return lastSeq;
    } finally {
      lock.unlock();
    }
  }

  /** Applies every change logged since the last one applied. */
  public void catchUp() {
    lock.lock();
    try {
      catchUpLocked();
    } finally {
      lock.unlock();
    }
  }

  private void catchUpLocked() {
    if (lastSeq < 0) {
      return;
    }
    while (true) {
      List<Change> batch = store.changesSince(lastSeq, PAGE);
      if (batch.isEmpty()) {
        return;
      }
      if (batch.stream().anyMatch(c -> c.kind() == ChangeKind.RESET)) {
        LOG.info("change log reset (table truncated); reloading the cluster index");
        loadLocked();
        continue;
      }
      apply(batch);
      lastSeq = batch.get(batch.size() - 1).seq();
      if (batch.size() < PAGE) {
        return;
      }
    }
  }

  private void apply(List<Change> batch) {
    long[] ids = batch.stream().mapToLong(Change::reportId).sorted().distinct().toArray();
    Map<Long, Report> current = read(ids);
    List<IndexEntry> upserts = new ArrayList<>();
    long[] removals = new long[ids.length];
    int removed = 0;
    for (long id : ids) {
      Report r = current.get(id);
      IndexEntry e = r == null ? null : points.entryOf(r);
      if (e != null) {
        upserts.add(e);
      } else {
        removals[removed++] = id;
      }
    }
    index.apply(upserts, Arrays.copyOf(removals, removed));
  }

  /** The current, not deleted reports among {@code ids} (sorted); missing ones are gone or deleted. */
  private Map<Long, Report> read(long[] ids) {
    Map<Long, Report> out = new HashMap<>();
    if (ids.length <= READ_ONE_BY_ONE) {
      for (long id : ids) {
        Optional<Report> r = store.find(id);
        r.filter(x -> !x.deleted()).ifPresent(x -> out.put(id, x));
      }
      return out;
    }
    long after = ids[0] - 1;
    long last = ids[ids.length - 1];
    while (after < last) {
      List<Report> page = store.list(ReportFilter.ALL_INTERNAL, after, PAGE).items();
      if (page.isEmpty()) {
        break;
      }
      for (Report r : page) {
        if (r.id() <= last && Arrays.binarySearch(ids, r.id()) >= 0) {
          out.put(r.id(), r);
        }
      }
      after = page.get(page.size() - 1).id();
    }
    return out;
  }

  @Override
  public void changed(ReportEvent event) {
    wake();
  }

  @Override
  public void batchInserted(long fromSeq, long toSeq, int count) {
    wake();
  }

  /**
   * Catches up now, unless another thread is doing it: then that thread goes round once more, so
   * a writer never waits behind a long catch-up (or the initial load). A failure (database down) is
   * left to the next poll, never thrown at the writer.
   */
  public void wake() {
    pending.set(true);
    while (pending.get() && lock.tryLock()) {
      try {
        pending.set(false);
        catchUpLocked();
      } catch (RuntimeException e) {
        LOG.warn("cluster index could not catch up now ({}); the next poll retries", e.getMessage());
        return;
      } finally {
        lock.unlock();
      }
    }
  }
}
