package pl.kmzb.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.demo.DemoGenerator;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.http.Readiness;
import pl.kmzb.report.NewReport;
import pl.kmzb.store.ReportStore;

/**
 * Fills an empty store with synthetic reports in the background, so the HTTP server answers
 * {@code /health} (503, "demo-data") while it loads. A store that already holds reports is left
 * alone: the demo never mixes into real data, and a restart does not load it twice.
 */
final class DemoSeeder {
  static final String COMPONENT = "demo-data";
  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
  private static final int CHUNK = 10_000;

  private final ReportStore store;
  private final CategoryCatalog catalog;
  private final Readiness readiness;
  private final long count;
  private final long seed;
  private final Thread thread;

  DemoSeeder(ReportStore store, CategoryCatalog catalog, Readiness readiness, long count, long seed) {
    this.store = store;
    this.catalog = catalog;
    this.readiness = readiness;
    this.count = count;
    this.seed = seed;
    this.thread = new Thread(this::run, "demo-seeder");
  }

  void start() {
    readiness.waitFor(COMPONENT);
    thread.start();
  }

  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join(10_000);
  }

  private void run() {
    try {
      long existing = store.count(ReportFilter.ALL_INTERNAL);
      if (existing > 0) {
        LOG.info("store already holds {} reports; no demo data generated", existing);
      } else {
        seed();
      }
      readiness.ready(COMPONENT);
    } catch (RuntimeException e) {
      LOG.error("demo data could not be loaded", e);
      readiness.failed(COMPONENT, e.getMessage());
    }
  }

  private void seed() {
    long start = System.nanoTime();
    LOG.info("generating {} synthetic demo reports (seed {})", count, seed);
    List<NewReport> chunk = new ArrayList<>(CHUNK);
    long[] stored = {0};
    new DemoGenerator(catalog, seed, Instant.now()).generate(count, r -> {
      chunk.add(r);
      if (chunk.size() == CHUNK) {
        stored[0] += flush(chunk);
      }
    });
    stored[0] += flush(chunk);
    LOG.info("stored {} demo reports in {} ms", stored[0], (System.nanoTime() - start) / 1_000_000);
  }

  private int flush(List<NewReport> chunk) {
    if (Thread.currentThread().isInterrupted()) {
      throw new IllegalStateException("demo loading interrupted by shutdown");
    }
    int n = store.insertAll(chunk, "demo-generator");
    chunk.clear();
    return n;
  }
}
