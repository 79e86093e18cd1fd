package pl.kmzb.statistics;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import pl.kmzb.report.Status;

/**
 * One row of an answer: the reports of one area (and category or group) reported in one period.
 *
 * @param area the TERYT code at the query's level ("PL" for the country), null for reports whose
 *     codes do not reach that level (no boundaries loaded where they lie)
 * @param category the category code, when rows are split by category
 * @param group the group code, when split by group (null for a category no group holds)
 * @param period the period's name (2025-03-07, 2025-W10, 2025-03, 2025, all)
 * @param start first day of the period (the range's first day for "all")
 * @param end last day of the period (the range's last day for "all"; null when open)
 * @param byStatus counted reports per status (only the statuses counted appear)
 * @param pastDeadline reports still new more than 72 hours after they came in
 * @param medianSecondsToVerification median of (first verdict − reported, in whole seconds, rounded
 *     down to the hour below 7 days and to the day up to 94 days: {@link StatisticsIndex.Durations})
 *     over the row's reports in a verdict status whose history has that move; null when none has
 * @param withVerificationTime how many reports that median is over
 * @param previousCount the count of the period before (null for "all")
 */
public record StatisticsRow(String area, String category, String group, String period, LocalDate start,
    LocalDate end, Map<Status, Integer> byStatus, int count, int confirmed, int pastDeadline,
    Double medianSecondsToVerification, int withVerificationTime, Integer previousCount) {

  /** Confirmed reports (any of the three confirmed statuses) over all the row counts. */
  public double confirmationRate() {
    return count == 0 ? 0 : (double) confirmed / count;
  }

  /** Reports past the take-up deadline over all the row counts. */
  public double pastDeadlineShare() {
    return count == 0 ? 0 : (double) pastDeadline / count;
  }

  /** (count − previous) / previous; null without a previous period or when it had none. */
  public Double trend() {
    return previousCount == null || previousCount == 0 ? null : (double) (count - previousCount) / previousCount;
  }

  static Map<Status, Integer> statusMap(int[] counts, int offset, int statusMask) {
    Map<Status, Integer> out = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      if ((statusMask & (1 << s.ordinal())) != 0) {
        out.put(s, counts[offset + s.ordinal()]);
      }
    }
    return out;
  }
}
