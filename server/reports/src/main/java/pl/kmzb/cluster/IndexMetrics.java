package pl.kmzb.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import pl.kmzb.store.ChangeKind;
import pl.kmzb.store.ReportStore;

/**
 * The cluster index's metrics: how far it is behind the store's change log ({@code kmzb_index_lag}, in
 * log entries, read at each scrape), how long loads and catch-up passes take, and what the passes
 * applied (reports by kind of change, imports included: an import is inserted reports; bulk loads
 * and their reports besides).
 */
public final class IndexMetrics implements IndexFollower.Progress {
  private final MeterRegistry registry;
  private final Timer loads;
  private final Timer catchUps;
  private final Counter bulkLoads;
  private final Counter bulkLoadedReports;

  private IndexMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.loads = Timer.builder("kmzb.index.load").description("Full loads of the cluster index from the store")
        .register(registry);
    this.catchUps = Timer.builder("kmzb.index.catchup")
        .description("Catch-up passes of the cluster index that applied at least one change-log entry")
        .publishPercentiles(0.5, 0.99).register(registry);
    this.bulkLoads = Counter.builder("kmzb.index.bulk.loads")
        .description("Bulk imports (one change-log entry covering a range of new reports) applied").register(registry);
    this.bulkLoadedReports = Counter.builder("kmzb.index.bulk.loaded.reports")
        .description("Reports added by bulk imports, as applied to the index").register(registry);
  }

  /** Registers the metrics of {@code follower}, which follows {@code store}'s change log. */
  public static void bind(MeterRegistry registry, IndexFollower follower, ReportStore store) {
    IndexMetrics m = new IndexMetrics(registry);
    Gauge.builder("kmzb.index.applied.seq", follower, IndexFollower::appliedSeq)
        .description("The last change-log sequence the cluster index applied (-1 before its first load)")
        .register(registry);
    Gauge.builder("kmzb.index.lag", follower, f -> lag(store, f))
        .description("Change-log entries the cluster index is behind the store (NaN before its first load)")
        .register(registry);
    follower.observe(m);
  }

  private static double lag(ReportStore store, IndexFollower follower) {
    long applied = follower.appliedSeq();
    return applied < 0 ? Double.NaN : Math.max(0, store.lastChangeSeq() - applied);
  }

  @Override
  public void loaded(long nanos) {
    loads.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void caughtUp(long nanos, AppliedChanges applied) {
    catchUps.record(nanos, TimeUnit.NANOSECONDS);
    applied.reportsByKind().forEach((ChangeKind kind, Long n) -> Counter.builder("kmzb.index.changes")
        .description("Reports changed in the store, by kind of change, as applied to the cluster index")
        .tag("kind", kind.code()).register(registry).increment(n));
    bulkLoads.increment(applied.bulkLoads());
    bulkLoadedReports.increment(applied.bulkLoadedReports());
  }
}
