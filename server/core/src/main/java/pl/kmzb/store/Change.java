package pl.kmzb.store;

import java.time.Instant;
import java.util.stream.LongStream;

/**
 * One entry of the durable change log. Sequence numbers increase in commit order (gaps are
 * possible), so a listener resumes from the last {@code seq} it processed. An entry is about one
 * report, or, for the reports a bulk import added, about a range of ids (one entry per import).
 *
 * @param reportId the report, or the first of the range; null only for {@link ChangeKind#RESET}
 * @param lastReportId the last report of the range (inclusive), or null for an entry about one report
 */
public record Change(long seq, Long reportId, Long lastReportId, ChangeKind kind, Instant at) {
  public Change {
    if (lastReportId != null && (reportId == null || kind != ChangeKind.INSERTED || lastReportId <= reportId)) {
      throw new IllegalArgumentException("only inserted entries cover a range of ids, first < last");
    }
  }

  /** An entry about one report (or, with a null id, a reset). */
  public Change(long seq, Long reportId, ChangeKind kind, Instant at) {
    this(seq, reportId, null, kind, at);
  }

  /** The reports this entry is about, ascending; none for a reset. */
  public LongStream reportIds() {
    if (reportId == null) {
      return LongStream.empty();
    }
    return LongStream.rangeClosed(reportId, lastReportId == null ? reportId : lastReportId);
  }

  /** How many reports this entry is about. */
  public long reportCount() {
    return reportId == null ? 0 : (lastReportId == null ? 1 : lastReportId - reportId + 1);
  }
}
