package pl.kmzb.statistics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import pl.kmzb.report.Status;

/**
 * The CSV form of an answer: a header, then one line per row. Values are codes, dates and
 * numbers, never free text, so no field needs quoting; empty fields stand for null.
 */
final class StatisticsCsv {
  private StatisticsCsv() {}

  /** Writes the CSV to {@code target} as it goes (the caller closes it). */
  static void write(java.io.OutputStream target, List<StatisticsRow> rows, StatisticsQuery q) throws java.io.IOException {
    java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(target, StandardCharsets.UTF_8),
        1 << 16);
    List<Status> statuses = q.statuses().isEmpty()
        ? (q.police() ? List.of(Status.values()) : Status.PUBLIC.stream().sorted().toList())
        : q.statuses().stream().sorted().toList();
    w.append("area,");
    if (q.by() != Breakdown.NONE) {
      w.append(q.by().code()).append(',');
    }
    w.append("period,start,end,count");
    for (Status s : statuses) {
      w.append(',').append(s.code());
    }
    w.append(",confirmed_any,confirmation_rate,past_deadline,past_deadline_share,median_seconds_to_verification,"
        + "with_verification_time");
    if (q.period() != Period.ALL) {
      w.append(",previous_count,trend");
    }
    w.append("\r\n");
    for (StatisticsRow r : rows) {
      w.append(text(r.area())).append(',');
      if (q.by() == Breakdown.CATEGORY) {
        w.append(text(r.category())).append(',');
      } else if (q.by() == Breakdown.GROUP) {
        w.append(text(r.group())).append(',');
      }
      w.append(r.period()).append(',').append(text(r.start())).append(',').append(text(r.end())).append(',')
          .append(Integer.toString(r.count()));
      for (Status s : statuses) {
        w.append(',').append(Integer.toString(r.byStatus().getOrDefault(s, 0)));
      }
      w.append(',').append(Integer.toString(r.confirmed())).append(',').append(Double.toString(r.confirmationRate()))
          .append(',').append(Integer.toString(r.pastDeadline())).append(',')
          .append(Double.toString(r.pastDeadlineShare())).append(',').append(text(r.medianSecondsToVerification()))
          .append(',').append(Integer.toString(r.withVerificationTime()));
      if (q.period() != Period.ALL) {
        w.append(',').append(text(r.previousCount())).append(',').append(text(r.trend()));
      }
      w.append("\r\n");
    }
    w.flush();
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }
}
