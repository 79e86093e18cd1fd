package pl.kmzb.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Keeps a {@link ClusterIndex} equal to the store by following the durable change log: it loads
 * every public report once, then applies each logged change by reading the report's current state.
 * The log is the one source of truth, so changes from this process, from other servers on the same
 * PostGIS and direct SQL edits are handled alike, in commit order, and a missed wake-up only
 * delays (never loses) a change. One thread applies ({@link #applyRequested}); it is woken by this
 * process's own commits (whose writers wait for it, so a report is in the tiles before its POST
 * returns), by NOTIFY through {@link pl.kmzb.store.PostgisChangeFeed}, and by a timed poll.
 *
 * <p>One follower can keep several indexes (the public one and the police one): the log is read
 * once and each changed report once, and each index takes what its {@link IndexPoints} place.
 *
 * <p>A stored row the domain rejects (possible through direct SQL, or from before the database
 * checked a rule) is left out of the index with one error log line and counted
 * ({@link #skippedRows}); it never stops the load or the changes after it.
 */
public final class IndexFollower implements ReportListener {
  private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);
  static final int PAGE = 10_000;
  /** Ids this close together (span / count) are paged through rather than read by id. */
  private static final int DENSE = 4;
  /** How long a writer waits for its change to reach the index before answering anyway. */
  static final long WRITER_WAIT_NANOS = 2_000_000_000L;

  /** One index kept by this follower and what decides its entries. */
  public record Target(ClusterIndex index, IndexPoints points) {}

  private final ReportStore store;
  private final List<Target> targets;
  /** What the load scans: the one target's selection, or every report the police may see for several. */
  private final ReportFilter selection;
  private final java.time.Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  /** Guards the pass counters: passes asked for, and the last one a finished pass covers. */
  private final Object passes = new Object();
  private long requested;
  private long completed;
  /** Volatile as well as guarded by the lock: {@link #appliedSeq} reads it without waiting for a pass. */
  private volatile long lastSeq = -1;
  private volatile Progress progress = Progress.NONE;
  private final AtomicLong skipped = new AtomicLong();
  /** Whether the last pass failed: a failure is logged when it begins, not on every retry. */
  private boolean failing;

  /** What a follower reports as it works (metrics); called on the applying thread, under its lock. */
  public interface Progress {
    Progress NONE = new Progress() {};

    /** A full load took {@code nanos}. */
    default void loaded(long nanos) {}

    /** A catch-up pass that applied {@code applied} (at least one change) took {@code nanos}. */
    default void caughtUp(long nanos, AppliedChanges applied) {}
  }

  /** Sets who hears about loads and catch-up passes. */
  public void observe(Progress progress) {
    this.progress = progress;
  }

  /** The last change-log sequence applied (-1 before the first load), without waiting for a running pass. */
  public long appliedSeq() {
    return lastSeq;
  }

  public IndexFollower(ReportStore store, ClusterIndex index, IndexPoints points) {
    this(store, List.of(new Target(index, points)), java.time.Clock.systemUTC());
  }

  /**
   * @param targets the indexes to keep, the first one deciding readiness (a writer waits for it)
   * @param clock the time reports pass their take-up deadline by ({@link ClusterIndex#passDeadlines})
   */
  public IndexFollower(ReportStore store, List<Target> targets, java.time.Clock clock) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("a follower needs an index to keep");
    }
    this.store = store;
    this.targets = List.copyOf(targets);
    this.selection = targets.size() == 1 ? targets.get(0).points().selection() : ReportFilter.ALL_INTERNAL;
    this.clock = clock;
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
    long t0 = System.nanoTime();
    // The sequence is read before the scan's snapshot begins: a change in between is in the log
    // after seq, and applying it again reads the report's current state, so nothing is lost.
    long seq = store.lastChangeSeq();
    List<EntryColumns> cols = new ArrayList<>();
    for (int t = 0; t < targets.size(); t++) {
      cols.add(new EntryColumns(1 << 16));
    }
    store.scan(selection, r -> {
      for (int t = 0; t < targets.size(); t++) {
        IndexEntry e = entryOf(targets.get(t), r);
        if (e != null) {
          cols.get(t).add(e);
        }
      }
    }, bad -> skip(bad.id(), bad));
    long now = IndexFilter.nanos(clock.instant());
    for (int t = 0; t < targets.size(); t++) {
      targets.get(t).index().build(cols.get(t), now);
    }
    lastSeq = seq;
    progress.loaded(System.nanoTime() - t0);
  }

  /** Work on the indexes while no change is applied: {@code seq} is the last change they hold. */
  interface AtRest<T> {
    T run(long seq, List<Target> targets) throws java.io.IOException;
  }

  /** Runs {@code work} under the follower's lock, so the indexes hold exactly the changes up to the seq it gets. */
  <T> T atRest(AtRest<T> work) throws java.io.IOException {
    lock.lock();
    try {
      return work.run(lastSeq, targets);
    } finally {
      lock.unlock();
    }
  }

  /** The indexes this follower keeps, the first one deciding readiness. */
  List<Target> targets() {
    return targets;
  }

  /** Reads index i's part of a snapshot; called for every index at once, each on its own thread. */
  interface PartReader {
    IndexSnapshotFile.Part read(int index) throws java.io.IOException;
  }

  /**
   * Starts from a snapshot instead of {@link #load}: each index reads its part and builds its content
   * on a thread of its own, and only when every part was read and checked are they all swapped in;
   * the next {@link #catchUp} applies what the log holds after {@code seq}.
   *
   * @throws java.io.IOException the first part that could not be read (no index changed)
   */
  void restore(long seq, PartReader reader) throws java.io.IOException {
    long now = IndexFilter.nanos(clock.instant());
    lock.lock();
    try {
      // The police index's part is the largest and the public one's carries the grid aggregates:
      // read and built side by side, a restart takes the longer of the two rather than their sum.
      ClusterIndex.Content[] built = new ClusterIndex.Content[targets.size()];
      Exception[] failed = new Exception[targets.size()];
      List<Thread> others = new ArrayList<>();
      for (int t = 1; t < targets.size(); t++) {
        int i = t;
        Thread th = new Thread(() -> restorePart(reader, i, now, built, failed), "cluster-index-restore-" + t);
        th.start();
        others.add(th);
      }
      restorePart(reader, 0, now, built, failed);
      for (Thread th : others) {
        th.join();
      }
      for (Exception e : failed) {
        if (e instanceof java.io.IOException io) {
          throw io;
        } else if (e != null) {
          throw (RuntimeException) e;
        }
      }
      for (int t = 0; t < targets.size(); t++) {
        targets.get(t).index().install(built[t]);
      }
      lastSeq = seq;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while restoring the cluster index", e);
    } finally {
      lock.unlock();
    }
  }

  private void restorePart(PartReader reader, int i, long now, ClusterIndex.Content[] built, Exception[] failed) {
    try {
      built[i] = targets.get(i).index().restored(reader.read(i), now);
    } catch (java.io.IOException | RuntimeException e) {
      failed[i] = e;
    }
  }

  /**
   * What is wrong with an index's content ({@link ClusterIndex#check}), or null. Under this
   * follower's lock: the applying thread waits here rather than on an index's write lock, where a
   * waiting writer would hold up every tile read behind it for as long as the check takes.
   */
  String check() {
    lock.lock();
    try {
      for (Target t : targets) {
        String problem = t.index().check();
        if (problem != null) {
          return problem;
        }
      }
      return null;
    } finally {
      lock.unlock();
    }
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
      long t0 = System.nanoTime();
      AppliedChanges applied = new AppliedChanges();
      catchUpLocked(applied);
      if (!applied.isEmpty()) {
        progress.caughtUp(System.nanoTime() - t0, applied);
      }
      long now = IndexFilter.nanos(clock.instant());
      for (Target t : targets) {
        t.index().passDeadlines(now);
      }
    } finally {
      lock.unlock();
    }
  }

  private void catchUpLocked(AppliedChanges applied) {
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
      batch.forEach(applied::add);
      lastSeq = batch.get(batch.size() - 1).seq();
      if (batch.size() < PAGE) {
        return;
      }
    }
  }

  private void apply(List<Change> batch) {
    pl.kmzb.store.ChangedIds.forEachPage(batch, PAGE, this::applyIds);
  }

  /** Brings the index up to date for {@code ids} (sorted, distinct). */
  private void applyIds(long[] ids) {
    Map<Long, Report> current = read(ids);
    for (Target t : targets) {
      List<IndexEntry> upserts = new ArrayList<>();
      long[] removals = new long[ids.length];
      int removed = 0;
      for (long id : ids) {
        Report r = current.get(id);
        IndexEntry e = r == null ? null : entryOf(t, r);
        if (e != null) {
          upserts.add(e);
        } else {
          removals[removed++] = id;
        }
      }
      t.index().apply(upserts, Arrays.copyOf(removals, removed));
    }
  }

  /** The current, not deleted reports among {@code ids} (sorted); missing ones are gone or deleted. */
  private Map<Long, Report> read(long[] ids) {
    Map<Long, Report> out = new HashMap<>();
    long span = ids[ids.length - 1] - ids[0] + 1;
    // Ids spread over the table (edits all over it, the changes a restart from a snapshot catches
    // up on) are read by id, a few hundred per query; ids close together (the new reports of a busy
    // minute, an import's range) by paging through their id range, a query per page.
    if (span > DENSE * ids.length) {
      try {
        for (Report r : store.findLive(ids)) {
          out.put(r.id(), r);
        }
      } catch (UnreadableRowException e) {
        out.clear();
        readOneByOne(ids, 0, out); // only the bad row is left out
      }
      return out;
    }
    long after = ids[0] - 1;
    long last = ids[ids.length - 1];
    while (after < last) {
      List<Report> page;
      try {
        page = store.list(ReportFilter.ALL_INTERNAL, after, (int) Math.min(PAGE, last - after)).items();
      } catch (UnreadableRowException e) {
        // A bad row in the range: the rest is read one by one, so only that row is left out.
        int from = Arrays.binarySearch(ids, after + 1);
        readOneByOne(ids, from < 0 ? -from - 1 : from, out);
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

  /** Reads {@code ids[from…]} one by one into {@code out}, skipping deleted, missing and unreadable rows. */
  private void readOneByOne(long[] ids, int from, Map<Long, Report> out) {
    for (int i = from; i < ids.length; i++) {
      long id = ids[i];
      Optional<Report> r;
      try {
        r = store.find(id);
      } catch (UnreadableRowException e) {
        skip(id, e);
        continue;
      }
      r.filter(x -> !x.deleted()).ifPresent(x -> out.put(id, x));
    }
  }

  /** The report's entry in {@code t}'s index; a report its rules cannot place is skipped like an unreadable row. */
  private IndexEntry entryOf(Target t, Report r) {
    try {
      return t.points().entryOf(r);
    } catch (RuntimeException e) {
      skip(r.id(), e);
      return null;
    }
  }

  private void skip(long id, RuntimeException why) {
    skipped.incrementAndGet();
    LOG.error("cluster index skips report {}: the stored row is not a valid report ({}); fix or remove the row,"
        + " its next change brings it back", id, why.getMessage());
  }

  /** Stored rows left out of the index because the domain rejects them, since this follower began. */
  public long skippedRows() {
    return skipped.get();
  }

  @Override
  public void changed(ReportEvent event) {
    requestAndWait(WRITER_WAIT_NANOS);
  }

  @Override
  public void batchInserted(long fromSeq, long toSeq, int count) {
    requestAndWait(WRITER_WAIT_NANOS);
  }

  /** Asks for a catch-up pass without waiting for it (NOTIFY, tests). */
  public void wake() {
    requestAndWait(0);
  }

  /**
   * Asks the applying thread ({@link #applyRequested}) for a pass that starts after this call and
   * waits up to {@code maxWaitNanos} for it. A writer calls it after its commit: that pass reads
   * the log after the commit, so the report is in the tiles when the write is acknowledged. One
   * thread applies, so concurrent writers share a pass instead of queueing for a lock. The wait is
   * bounded (and skipped before the first load) so a writer never hangs behind the initial load or
   * a database outage; the change is then applied by a later pass.
   */
  void requestAndWait(long maxWaitNanos) {
    long deadline = System.nanoTime() + maxWaitNanos;
    synchronized (passes) {
      long mine = ++requested;
      passes.notifyAll();
      while (completed < mine && targets.get(0).index().isLoaded()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          passes.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * The applying thread's step: waits until a pass is asked for (or {@code pollMillis} pass, so
   * changes nobody announced are found too), then catches up and wakes the writers it covered.
   */
  public void applyRequested(long pollMillis) throws InterruptedException {
    long upTo;
    synchronized (passes) {
      if (requested == completed) {
        passes.wait(pollMillis);
      }
      upTo = requested;
    }
    try {
      catchUp();
    } catch (RuntimeException e) {
      // Retried after the poll interval, not at once: the writers' requests stay open, and a
      // database outage must not become a busy loop writing a log line per attempt.
      if (!failing) {
        LOG.warn("cluster index could not catch up now ({}); retrying every {} ms", e.getMessage(), pollMillis);
        failing = true;
      }
      Thread.sleep(pollMillis);
      return;
    }
    if (failing) {
      LOG.info("cluster index caught up again");
      failing = false;
    }
    synchronized (passes) {
      completed = Math.max(completed, upTo);
      passes.notifyAll();
    }
  }
}
