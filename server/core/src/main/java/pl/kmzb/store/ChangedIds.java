package pl.kmzb.store;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The report ids a batch of change-log entries touches, handed out a page at a time, each page
 * sorted and without repeats. A bulk import's entry covers its whole id range, maybe millions, so
 * ids are never gathered all at once; an id in two pages is handed out twice, which followers that
 * read each report's current state take harmlessly. Shared by every follower of the log (the
 * cluster index, the statistics).
 */
public final class ChangedIds {
  private ChangedIds() {}

  public static void forEachPage(List<Change> batch, int pageSize, Consumer<long[]> page) {
    long[] ids = new long[pageSize];
    int n = 0;
    for (Change c : batch) {
      if (c.reportId() == null) {
        continue; // a reset: the follower reloads instead
      }
      long last = c.lastReportId() == null ? c.reportId() : c.lastReportId();
      for (long id = c.reportId(); id <= last; id++) {
        ids[n++] = id;
        if (n == pageSize) {
          page.accept(sortedDistinct(ids, n));
          n = 0;
        }
      }
    }
    if (n > 0) {
      page.accept(sortedDistinct(ids, n));
    }
  }

  static long[] sortedDistinct(long[] ids, int n) {
    long[] sorted = Arrays.copyOf(ids, n);
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, distinct);
  }
}
