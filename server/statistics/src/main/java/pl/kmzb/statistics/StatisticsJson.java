package pl.kmzb.statistics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.kmzb.report.Status;

/** The JSON document of an answer (maps in a fixed order, written by the server's one JSON mapper). */
final class StatisticsJson {
  private StatisticsJson() {}

  static Map<String, Object> document(StatisticsQuery q, List<StatisticsRow> rows, Instant now, long version) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("view", q.police() ? "police" : "public");
    doc.put("level", q.level().code());
    doc.put("by", q.by().code());
    doc.put("period", q.period().code());
    doc.put("from", q.from() == null ? null : q.from().toString());
    doc.put("to", q.to() == null ? null : q.to().toString());
    doc.put("timeZone", StatisticsIndex.ZONE.getId());
    doc.put("asOf", now.toString());
    if (q.police()) {
      // The change-log position moves with hidden writes too (as /health's details, police only).
      doc.put("dataVersion", version);
    }
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    for (StatisticsRow r : rows) {
      out.add(row(r, q));
    }
    doc.put("rows", out);
    return doc;
  }

  private static Map<String, Object> row(StatisticsRow r, StatisticsQuery q) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("area", r.area());
    if (q.by() == Breakdown.CATEGORY) {
      m.put("category", r.category());
    } else if (q.by() == Breakdown.GROUP) {
      m.put("group", r.group());
    }
    m.put("period", r.period());
    m.put("start", r.start() == null ? null : r.start().toString());
    m.put("end", r.end() == null ? null : r.end().toString());
    m.put("count", r.count());
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    for (Map.Entry<Status, Integer> e : r.byStatus().entrySet()) {
      byStatus.put(e.getKey().code(), e.getValue());
    }
    m.put("byStatus", byStatus);
    m.put("confirmed", r.confirmed());
    m.put("confirmationRate", r.confirmationRate());
    m.put("pastDeadline", r.pastDeadline());
    m.put("pastDeadlineShare", r.pastDeadlineShare());
    m.put("medianSecondsToVerification", r.medianSecondsToVerification());
    m.put("medianHoursToVerification", r.medianSecondsToVerification() == null ? null
        : Math.round(r.medianSecondsToVerification() / 36.0) / 100.0);
    m.put("withVerificationTime", r.withVerificationTime());
    if (q.period() != Period.ALL) {
      m.put("previousCount", r.previousCount());
      m.put("trend", r.trend());
    }
    return m;
  }
}
