package pl.kmzb.statistics;

import java.time.LocalDate;
import java.time.temporal.IsoFields;

/**
 * The length of the periods rows are grouped by, on the calendar of {@link StatisticsIndex#ZONE}.
 * Periods are numbered so that consecutive periods have consecutive numbers: the period before a
 * row's (for the trend) is its number minus one.
 */
public enum Period {
  DAY("day"), WEEK("week"), MONTH("month"), YEAR("year"), ALL("all");

  /** 1970-01-05, the first Monday of the epoch: weeks are ISO weeks, Monday to Sunday. */
  private static final long FIRST_MONDAY = 4;

  private final String code;

  Period(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The number of the period holding {@code day}. */
  long index(LocalDate day) {
    return switch (this) {
      case DAY -> day.toEpochDay();
      case WEEK -> Math.floorDiv(day.toEpochDay() - FIRST_MONDAY, 7);
      case MONTH -> day.getYear() * 12L + day.getMonthValue() - 1;
      case YEAR -> day.getYear();
      case ALL -> 0;
    };
  }

  /** The first day of period {@code index} (not for {@link #ALL}). */
  LocalDate start(long index) {
    return switch (this) {
      case DAY -> LocalDate.ofEpochDay(index);
      case WEEK -> LocalDate.ofEpochDay(index * 7 + FIRST_MONDAY);
      case MONTH -> LocalDate.of((int) Math.floorDiv(index, 12), (int) Math.floorMod(index, 12) + 1, 1);
      case YEAR -> LocalDate.of((int) index, 1, 1);
      case ALL -> throw new IllegalStateException("the whole range has no numbered start");
    };
  }

  /** How a period is named in answers: 2025-03-07, 2025-W10, 2025-03, 2025. */
  String label(LocalDate start) {
    return switch (this) {
      case DAY -> start.toString();
      case WEEK -> String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
          start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> start.toString().substring(0, 7);
      case YEAR -> Integer.toString(start.getYear());
      case ALL -> "all";
    };
  }

  static Period ofCode(String code) {
    for (Period p : values()) {
      if (p.code.equals(code)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown period '" + code + "'; known: day, week, month, year, all");
  }
}
