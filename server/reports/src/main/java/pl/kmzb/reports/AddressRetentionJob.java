package pl.kmzb.reports;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.store.ReportStore;

/**
 * Deletes reporters' addresses once they are older than the retention period: KMZB keeps them only
 * for abuse control. Runs at start and then every hour.
 */
final class AddressRetentionJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AddressRetentionJob.class);
  private final ReportStore store;
  private final Duration retention;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "address-retention");
    t.setDaemon(true);
    return t;
  });

  AddressRetentionJob(ReportStore store, Duration retention, Clock clock) {
    this.store = store;
    this.retention = retention;
    this.clock = clock;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::runOnce, 0, 1, TimeUnit.HOURS);
  }

  /** One pass; returns how many addresses were deleted. */
  int runOnce() {
    try {
      int n = store.forgetReporterAddresses(clock.instant().minus(retention));
      if (n > 0) {
        LOG.info("deleted the reporter address of {} reports older than {}", n, retention);
      }
      return n;
    } catch (RuntimeException e) {
      // A failed pass is retried at the next one; the job must not die.
      LOG.error("address retention pass failed", e);
      return 0;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
