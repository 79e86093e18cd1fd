package pl.kmzb.statistics;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;
import pl.kmzb.report.Status;

/**
 * One statistics question, already checked against the caller's view.
 *
 * @param police every status at exact areas (credentials checked); else the public view
 * @param areas TERYT codes (2, 4 or 7 digits) the counted reports must lie in; empty for all
 * @param categories category codes counted; empty for all
 * @param statuses statuses counted; empty for all the view may see
 * @param from first day (inclusive), widened to the start of its period; null: open
 * @param to last day (inclusive), widened to the end of its period; null: open
 * @param units for {@link AreaLevel#POLICE_UNIT}: each unit's code and the TERYT codes it serves
 */
public record StatisticsQuery(boolean police, AreaLevel level, Set<String> areas, Set<String> categories,
    Breakdown by, Set<Status> statuses, Period period, LocalDate from, LocalDate to,
    java.util.Map<String, Set<String>> units) {
  /** A question of an area level other than police units. */
  public StatisticsQuery(boolean police, AreaLevel level, Set<String> areas, Set<String> categories, Breakdown by,
      Set<Status> statuses, Period period, LocalDate from, LocalDate to) {
    this(police, level, areas, categories, by, statuses, period, from, to, java.util.Map.of());
  }

  public StatisticsQuery {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(period, "period");
    areas = Set.copyOf(areas);
    categories = Set.copyOf(categories);
    statuses = Set.copyOf(statuses);
    units = java.util.Map.copyOf(units);
    if (!police && statuses.stream().anyMatch(s -> !s.isPublic())) {
      throw new IllegalArgumentException("the public view counts public statuses only");
    }
    if (period != Period.ALL && (from == null || to == null)) {
      throw new IllegalArgumentException("a period other than 'all' needs both ends of the range");
    }
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("'to' is before 'from'");
    }
  }
}
