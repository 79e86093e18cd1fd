package pl.kmzb.wms;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import pl.kmzb.filter.FilterParser;

/**
 * The TIME dimension: the date a threat was reported. A value (WMS 1.3.0 Annex C, ISO 8601) is an
 * instant, a range {@code start/end[/period]} or a comma-separated list of either. Each names a
 * span of time as precise as it is written: {@code 2024} the year, {@code 2024-05} the month,
 * {@code 2024-05-01} the day (Europe/Warsaw, like the shared filters' dates), a date-time that
 * second; a range runs from its start's first moment to its end's last, so {@code
 * 2024-05-01/2024-05-31} is all of May. {@code current} is now (as an instant alone: today). The
 * period of a range is checked but selects nothing more: reports are counted per day, not sampled.
 *
 * <p>The extent runs from {@link #START}, KMZB's first day (pilot, July 2016), to today; without a
 * TIME parameter the whole extent is drawn. A value wholly outside it is InvalidDimensionValue.
 */
public final class TimeDimension {
  public static final LocalDate START = LocalDate.of(2016, 7, 1);
  private static final ZoneId WARSAW = FilterParser.WARSAW;
  static final int MAX_VALUES = 100;

  /** One span of report dates, {@code from} inclusive and {@code to} exclusive. */
  public record Interval(Instant from, Instant to) {
    public Interval {
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("empty interval " + from + "/" + to);
      }
    }
  }

  private final Clock clock;

  public TimeDimension(Clock clock) {
    this.clock = clock;
  }

  /** The extent as capabilities write it: start/today/P1D. */
  public String extent() {
    return START + "/" + today() + "/P1D";
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(WARSAW));
  }

  /**
   * The disjoint spans a TIME value selects, in time order (touching or overlapping spans merged);
   * empty for no value (the default: no time filter).
   *
   * @throws WmsException InvalidDimensionValue for a value that does not parse, a range that ends
   *     before it starts, or a value wholly outside the extent
   */
  public List<Interval> parse(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    String[] items = value.split(",", -1);
    if (items.length > MAX_VALUES) {
      throw invalid("TIME lists at most " + MAX_VALUES + " values, got " + items.length);
    }
    List<Interval> spans = new ArrayList<>();
    for (String item : items) {
      spans.add(item(item.strip()));
    }
    List<Interval> merged = merge(spans);
    Instant extentStart = START.atStartOfDay(WARSAW).toInstant();
    Instant extentEnd = today().plusDays(1).atStartOfDay(WARSAW).toInstant();
    boolean anyInside = merged.stream().anyMatch(i -> i.to().isAfter(extentStart) && i.from().isBefore(extentEnd));
    if (!anyInside) {
      throw invalid("TIME " + WmsParams.clip(value) + " lies outside the extent " + extent());
    }
    return merged;
  }

  private Interval item(String item) {
    if (item.isEmpty()) {
      throw invalid("empty value in the TIME list");
    }
    String[] parts = item.split("/", -1);
    if (parts.length == 1) {
      return span(parts[0], true);
    }
    if (parts.length > 3) {
      throw invalid("a TIME range is start/end or start/end/period, not '" + WmsParams.clip(item) + "'");
    }
    if (parts.length == 3) {
      period(parts[2]);
    }
    Interval start = span(parts[0], false);
    Interval end = parts[1].equalsIgnoreCase("current") || parts[1].equalsIgnoreCase("present")
        ? new Interval(clock.instant(), clock.instant().plusSeconds(1)) : span(parts[1], false);
    if (end.to().isBefore(start.from()) || end.to().equals(start.from())) {
      throw invalid("the TIME range " + WmsParams.clip(item) + " ends before it starts");
    }
    return new Interval(start.from(), end.to());
  }

  /** The span one ISO-8601 value names, at the precision it is written in. */
  private Interval span(String v, boolean alone) {
    try {
      if (v.equalsIgnoreCase("current") || v.equalsIgnoreCase("present")) {
        return alone ? day(today()) : new Interval(clock.instant(), clock.instant().plusSeconds(1));
      }
      if (v.matches("\\d{4}")) {
        LocalDate y = LocalDate.of(Integer.parseInt(v), 1, 1);
        return new Interval(y.atStartOfDay(WARSAW).toInstant(), y.plusYears(1).atStartOfDay(WARSAW).toInstant());
      }
      if (v.matches("\\d{4}-\\d{2}")) {
        YearMonth m = YearMonth.parse(v);
        return new Interval(m.atDay(1).atStartOfDay(WARSAW).toInstant(),
            m.plusMonths(1).atDay(1).atStartOfDay(WARSAW).toInstant());
      }
      if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return day(LocalDate.parse(v));
      }
      Instant at = v.endsWith("Z") || v.endsWith("z") || v.matches(".*[+-]\\d{2}:?\\d{2}$")
          ? OffsetDateTime.parse(v.replace('z', 'Z')).toInstant() : LocalDateTime.parse(v).atZone(WARSAW).toInstant();
      return new Interval(at, at.plus(v.contains(".") ? Duration.ofMillis(1) : Duration.ofSeconds(1)));
    } catch (DateTimeException | NumberFormatException e) {
      throw invalid("'" + WmsParams.clip(v) + "' is not an ISO-8601 date or date-time");
    }
  }

  private static Interval day(LocalDate d) {
    return new Interval(d.atStartOfDay(WARSAW).toInstant(), d.plusDays(1).atStartOfDay(WARSAW).toInstant());
  }

  private static void period(String p) {
    try {
      if (p.contains("T")) {
        Duration d = Duration.parse(p);
        if (d.isNegative() || d.isZero()) {
          throw invalid("the TIME period must be positive, not " + p);
        }
      } else if (Period.parse(p).isNegative() || Period.parse(p).isZero()) {
        throw invalid("the TIME period must be positive, not " + p);
      }
    } catch (DateTimeParseException e) {
      throw invalid("'" + WmsParams.clip(p) + "' is not an ISO-8601 period such as P1D");
    }
  }

  private static List<Interval> merge(List<Interval> spans) {
    List<Interval> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparing(Interval::from));
    List<Interval> out = new ArrayList<>();
    for (Interval i : sorted) {
      Interval last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && !i.from().isAfter(last.to())) {
        out.set(out.size() - 1, new Interval(last.from(), i.to().isAfter(last.to()) ? i.to() : last.to()));
      } else {
        out.add(i);
      }
    }
    return out;
  }

  private static WmsException invalid(String message) {
    return new WmsException(ExceptionCode.INVALID_DIMENSION_VALUE, "TIME", message);
  }
}
