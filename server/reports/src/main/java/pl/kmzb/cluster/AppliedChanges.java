package pl.kmzb.cluster;

import java.util.EnumMap;
import java.util.Map;
import pl.kmzb.store.Change;
import pl.kmzb.store.ChangeKind;

/**
 * What one catch-up pass applied, counted rather than kept (a pass after an outage may cover
 * millions of entries): reports changed by kind, and bulk loads: PostGIS imports that took the bulk
 * way (at least 50,000 rows into a smaller table) log one entry over the range of new ids, wherever
 * the import ran (the import-reports command is another process: the log is where a server sees it).
 * Smaller imports log one inserted entry per report.
 */
public final class AppliedChanges {
  private final Map<ChangeKind, Long> reportsByKind = new EnumMap<>(ChangeKind.class);
  private long bulkLoads;
  private long bulkLoadedReports;

  void add(Change c) {
    reportsByKind.merge(c.kind(), c.reportCount(), Long::sum);
    if (c.lastReportId() != null) {
      bulkLoads++;
      bulkLoadedReports += c.reportCount();
    }
  }

  public boolean isEmpty() {
    return reportsByKind.isEmpty();
  }

  /** Reports changed, by kind of change (a reset counts no reports). */
  public Map<ChangeKind, Long> reportsByKind() {
    return Map.copyOf(reportsByKind);
  }

  public long bulkLoads() {
    return bulkLoads;
  }

  public long bulkLoadedReports() {
    return bulkLoadedReports;
  }
}
