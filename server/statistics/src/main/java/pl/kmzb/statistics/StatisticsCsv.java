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

  static byte[] write(List<StatisticsRow> rows, StatisticsQuery q) {
    List<Status> statuses = q.statuses().isEmpty()
        ? (q.police() ? List.of(Status.values()) : Status.PUBLIC.stream().sorted().toList())
        : q.statuses().stream().sorted().toList();
    StringBuilder sb = new StringBuilder();
    sb.append("area,");
    if (q.by() != Breakdown.NONE) {
      sb.append(q.by().code()).append(',');
    }
    sb.append("period,start,end,count");
    for (Status s : statuses) {
      sb.append(',').append(s.code());
    }
    sb.append(",confirmed_any,confirmation_rate,past_deadline,past_deadline_share,median_seconds_to_verification,"
        + "with_verification_time");
    if (q.period() != Period.ALL) {
      sb.append(",previous_count,trend");
    }
    sb.append("\r\n");
    for (StatisticsRow r : rows) {
      sb.append(text(r.area())).append(',');
      if (q.by() == Breakdown.CATEGORY) {
        sb.append(text(r.category())).append(',');
      } else if (q.by() == Breakdown.GROUP) {
        sb.append(text(r.group())).append(',');
      }
      sb.append(r.period()).append(',').append(text(r.start())).append(',').append(text(r.end())).append(',')
          .append(r.count());
      for (Status s : statuses) {
        sb.append(',').append(r.byStatus().getOrDefault(s, 0));
      }
      sb.append(',').append(r.confirmed()).append(',').append(r.confirmationRate()).append(',')
          .append(r.pastDeadline()).append(',').append(r.pastDeadlineShare()).append(',')
          .append(text(r.medianSecondsToVerification())).append(',').append(r.withVerificationTime());
      if (q.period() != Period.ALL) {
        sb.append(',').append(text(r.previousCount())).append(',').append(text(r.trend()));
      }
      sb.append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }
}
