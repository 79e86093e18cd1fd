package pl.kmzb.indicator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period of an indicator value: a year ({@code 2024}), a half ({@code 2024-H1}), a quarter
 * ({@code 2024-Q3}) or a month ({@code 2024-07}). The year is what a rate's population is taken
 * from; the text sorts in time order within one kind.
 */
public final class IndicatorPeriod {
  private static final Pattern PERIOD = Pattern.compile("(\\d{4})(?:-(?:H[12]|Q[1-4]|0[1-9]|1[0-2]))?");

  private IndicatorPeriod() {}

  /** Why {@code text} is not a period, or empty if it is one. */
  public static Optional<String> problem(String text) {
    Matcher m = PERIOD.matcher(text);
    if (!m.matches()) {
      return Optional.of("period '" + text + "' is not YYYY, YYYY-H1..H2, YYYY-Q1..Q4 or YYYY-MM");
    }
    int year = Integer.parseInt(m.group(1));
    if (year < 1900 || year > 2100) {
      return Optional.of("period '" + text + "' has a year outside 1900-2100");
    }
    return Optional.empty();
  }

  /** The year of a valid period. */
  public static int year(String period) {
    return Integer.parseInt(period.substring(0, 4));
  }
}
