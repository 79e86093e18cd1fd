package pl.kmzb.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
import pl.kmzb.store.UnreadableRowException;

/**
 * Keeps a {@link StatisticsIndex} equal to the store the way {@code cluster.IndexFollower} keeps
 * the cluster index: one load (every report not deleted, then the first verdict of each from the
 * history in one query), then every change-log entry applied by reading the changed report's
 * current state, so changes of this process, of other servers and of direct SQL count alike and a
 * missed wake-up only delays a change. A report's facts are replaced whole, so nothing of its old
 * state is left over.
 */
public final class StatisticsFollower implements ReportListener {
  private static final Logger LOG = LoggerFactory.getLogger(StatisticsFollower.class);
  static final int PAGE = 10_000;
  /** Up to this many changed ids spread over the table are read one by one; more, a few hundred per query. */
  private static final int READ_ONE_BY_ONE = 256;
  private static final int DENSE = 4;

  private final ReportStore store;
  private final StatisticsIndex index;
  private final ReentrantLock lock = new ReentrantLock();
  private final Object passes = new Object();
  private long requested;
  private long lastSeq = -1;
  private final AtomicLong skipped = new AtomicLong();

  public StatisticsFollower(ReportStore store, StatisticsIndex index) {
    this.store = store;
    this.index = index;
  }

  /** Loads every report (not deleted) and its verification time; later changes come with {@link #catchUp}. */
  public void load() {
    lock.lock();
    try {
      loadLocked();
    } finally {
      lock.unlock();
    }
  }

  private void loadLocked() {
    // Read before the scans begin: a change in between is in the log after seq and is applied
    // again from the report's current state, which is harmless.
    long seq = store.lastChangeSeq();
    StatisticsIndex.Data data = index.newData();
    store.scan(ReportFilter.ALL_INTERNAL, r -> put(data, r, null), bad -> skip(bad.id(), bad));
    store.firstMovesInto(StatisticsIndex.VERDICTS, 0, Long.MAX_VALUE, (id, at) -> index.setFirstVerdict(data, id, at));
    index.replace(data);
    lastSeq = seq;
  }

  private void put(StatisticsIndex.Data data, Report r, Instant firstVerdict) {
    try {
      index.put(data, r, firstVerdict);
    } catch (RuntimeException e) {
      skip(r.id(), e);
    }
  }

  StatisticsIndex index() {
    return index;
  }

  /** Puts in what a snapshot held, counted up to change-log position {@code seq}; {@link #catchUp} goes on from there. */
  void restore(long seq, StatisticsIndex.Data data) {
    lock.lock();
    try {
      index.replace(data);
      lastSeq = seq;
    } finally {
      lock.unlock();
    }
  }

  /** What a snapshot is taken of: {@code write} runs with the position applied while no change is applied. */
  <T> T atRest(java.util.function.BiFunction<Long, StatisticsIndex.Data, T> write) {
    lock.lock();
    try {
      return write.apply(lastSeq, index.data());
    } finally {
      lock.unlock();
    }
  }

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
      if (lastSeq < 0) {
        return;
      }
      while (true) {
        List<Change> batch = store.changesSince(lastSeq, PAGE);
        if (batch.isEmpty()) {
          return;
        }
        if (batch.stream().anyMatch(c -> c.kind() == ChangeKind.RESET)) {
          LOG.info("change log reset (table truncated); loading the statistics again");
          loadLocked();
          continue;
        }
        apply(batch);
        lastSeq = batch.get(batch.size() - 1).seq();
        if (batch.size() < PAGE) {
          return;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  private void apply(List<Change> batch) {
    pl.kmzb.store.ChangedIds.forEachPage(batch, PAGE, this::applyIds);
  }

  private void applyIds(long[] ids) {
    // Ids spread over the table (edits all over it, what a restart from the snapshot catches up
    // on) are read by id, and their first verdicts by id from the history; ids close together
    // (new reports, an import's range) by paging through their id range, and the verdicts of the
    // range in one query. Paging through a range of scattered ids would read the whole table.
    boolean sparse = ids[ids.length - 1] - ids[0] + 1 > (long) DENSE * ids.length;
    Map<Long, Report> current = sparse ? readById(ids) : readRange(ids);
    Map<Long, Instant> verdicts = new HashMap<>();
    if (sparse) {
      // Verdicts the index does not know yet are read for all such reports at once, not one history each.
      long[] unknown = new long[current.size()];
      int n = 0;
      for (Report r : current.values()) {
        if (StatisticsIndex.VERDICTS.contains(r.status())) {
          Instant known = index.knownFirstVerdict(r);
          if (known != null) {
            verdicts.put(r.id(), known);
          } else {
            unknown[n++] = r.id();
          }
        }
      }
      if (n > 0) {
        store.firstMovesInto(StatisticsIndex.VERDICTS, Arrays.copyOf(unknown, n), verdicts::put);
      }
    } else if (current.values().stream().anyMatch(r -> StatisticsIndex.VERDICTS.contains(r.status()))) {
      store.firstMovesInto(StatisticsIndex.VERDICTS, ids[0], ids[ids.length - 1], (id, at) -> verdicts.put(id, at));
    }
    for (long id : ids) {
      Report r = current.get(id);
      if (r == null) {
        index.remove(id);
        continue;
      }
      try {
        index.put(r, verdicts.get(id));
      } catch (RuntimeException e) {
        index.remove(id);
        skip(id, e);
      }
    }
  }

  private Map<Long, Report> readRange(long[] ids) {
    Map<Long, Report> out = new HashMap<>();
    long after = ids[0] - 1;
    long last = ids[ids.length - 1];
    while (after < last) {
      List<Report> page;
      try {
        page = store.list(ReportFilter.ALL_INTERNAL, after, (int) Math.min(PAGE, last - after)).items();
      } catch (UnreadableRowException e) {
        int from = Arrays.binarySearch(ids, after + 1);
        out.putAll(readOneByOne(Arrays.copyOfRange(ids, from < 0 ? -from - 1 : from, ids.length)));
        return out;
      }
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

  /** Scattered ids: a few hundred per query where the store can ({@link ReportStore#findLive}). */
  private Map<Long, Report> readById(long[] ids) {
    if (ids.length <= READ_ONE_BY_ONE) {
      return readOneByOne(ids);
    }
    Map<Long, Report> out = new HashMap<>();
    try {
      for (Report r : store.findLive(ids)) {
        out.put(r.id(), r);
      }
      return out;
    } catch (UnreadableRowException e) {
      return readOneByOne(ids); // only the bad row is left out
    }
  }

  private Map<Long, Report> readOneByOne(long[] ids) {
    Map<Long, Report> out = new HashMap<>();
    for (long id : ids) {
      try {
        store.find(id).filter(r -> !r.deleted()).ifPresent(r -> out.put(id, r));
      } catch (UnreadableRowException e) {
        skip(id, e);
      }
    }
    return out;
  }

  private void skip(long id, RuntimeException why) {
    skipped.incrementAndGet();
    LOG.error("statistics skip report {}: the stored row is not a valid report ({}); its next change brings it back",
        id, why.getMessage());
  }

  public long skippedRows() {
    return skipped.get();
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
   * Asks the applying thread for a pass. Writers do not wait for the statistics (unlike the tiles,
   * a report need not be in them before its POST returns): they are current within one pass.
   */
  public void wake() {
    synchronized (passes) {
      requested++;
      passes.notifyAll();
    }
  }

  /** The applying thread's step: waits for a request or {@code pollMillis}, then catches up. */
  void applyRequested(long pollMillis) throws InterruptedException {
    synchronized (passes) {
      if (requested == 0) {
        passes.wait(pollMillis);
      }
      requested = 0;
    }
    catchUp();
  }
}
