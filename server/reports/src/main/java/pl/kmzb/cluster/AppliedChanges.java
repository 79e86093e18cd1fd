package pl.kmzb.cluster;

import java.util.EnumMap;
import java.util.Map;
import pl.kmzb.store.Change;
import pl.kmzb.store.ChangeKind;

/**
 * What one catch-up pass applied, counted rather than kept (a pass after an outage may cover
 * millions of entries): reports changed by kind, and bulk imports (one log entry covering a range of
 * inserted ids, wherever the import ran: this server's API or the import-reports command).
 */
public final class AppliedChanges {
  private final Map<ChangeKind, Long> reportsByKind = new EnumMap<>(ChangeKind.class);
  private long imports;
  private long importedReports;

  void add(Change c) {
    reportsByKind.merge(c.kind(), c.reportCount(), Long::sum);
    if (c.lastReportId() != null) {
      imports++;
      importedReports += c.reportCount();
    }
  }

  public boolean isEmpty() {
    return reportsByKind.isEmpty();
  }

  /** Reports changed, by kind of change (a reset counts no reports). */
  public Map<ChangeKind, Long> reportsByKind() {
    return Map.copyOf(reportsByKind);
  }

  public long imports() {
    return imports;
  }

  public long importedReports() {
    return importedReports;
  }
}
