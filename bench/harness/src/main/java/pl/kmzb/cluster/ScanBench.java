package pl.kmzb.cluster;

import java.util.EnumSet;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Status;
import pl.kmzb.report.Teryt;
import pl.kmzb.store.PostgisReportStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The load scan of the cluster indexes against a PostGIS database, both ways (bench/restart-benchmark.sh):
 *
 * <pre>ScanBench JDBC_URL RUNS</pre>
 *
 * times, per run, reading every report that is not deleted as one binary COPY (what the indexes
 * load now), the same selection through the cursor (what they loaded before), and the public
 * selection through the cursor (what a server without the police index loads).
 */
public final class ScanBench {
  public static void main(String[] args) {
    int runs = Integer.parseInt(args[1]);
    CategoryCatalog catalog = CategoryCatalog.load(null);
    ReportFilter publicFilter = new VisibilityPolicy(catalog, p -> Teryt.NONE).publicFilter();
    try (ReportStore store = PostgisReportStore.open(args[0], null, null, 2)) {
      for (int r = 0; r < runs; r++) {
        time("copy_all_internal", r, store, ReportFilter.ALL_INTERNAL);
        time("cursor_all_internal", r, store, ReportFilter.ALL_INTERNAL.withStatuses(EnumSet.allOf(Status.class)));
        time("cursor_public", r, store, publicFilter);
      }
    }
  }

  static void time(String what, int run, ReportStore store, ReportFilter filter) {
    long[] n = {0};
    long t0 = System.nanoTime();
    store.scan(filter, x -> n[0]++, e -> n[0]++);
    System.out.println(what + "_run_" + run + "_ms=" + (System.nanoTime() - t0) / 1_000_000 + " rows=" + n[0]);
  }
}
