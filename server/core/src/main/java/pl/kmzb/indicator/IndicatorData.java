package pl.kmzb.indicator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.store.JdbcIndicatorStore;

/**
 * A snapshot of every imported indicator value, population figure and area name, held in memory so a
 * request never reads the store; replaced whole when an import moves the version.
 */
public final class IndicatorData {
  /** The rates asked for: per inhabitant counts, per 10,000 and per 100,000 inhabitants. */
  public static final Set<Integer> PER = Set.of(1, 10_000, 100_000);

  private record Series(String indicator, BoundaryLevel level) {}

  private final long version;
  /** indicator × level → period → code → value; periods and codes sorted. */
  private final Map<Series, SortedMap<String, SortedMap<String, Double>>> values;
  /** level → code → year → inhabitants. */
  private final Map<BoundaryLevel, Map<String, Map<Integer, Long>>> population;
  private final Map<BoundaryLevel, Map<String, String>> names;

  public IndicatorData(long version, List<IndicatorValue> values, List<PopulationValue> population,
      Map<BoundaryLevel, Map<String, String>> names) {
    this.version = version;
    Map<Series, SortedMap<String, SortedMap<String, Double>>> v = new HashMap<>();
    for (IndicatorValue x : values) {
      v.computeIfAbsent(new Series(x.indicator(), x.level()), s -> new TreeMap<>())
          .computeIfAbsent(x.period(), p -> new TreeMap<>()).put(x.code(), x.value());
    }
    this.values = v;
    Map<BoundaryLevel, Map<String, Map<Integer, Long>>> p = new EnumMap<>(BoundaryLevel.class);
    for (PopulationValue x : population) {
      p.computeIfAbsent(x.level(), l -> new HashMap<>()).computeIfAbsent(x.code(), c -> new HashMap<>())
          .put(x.year(), x.population());
    }
    this.population = p;
    this.names = new EnumMap<>(BoundaryLevel.class);
    this.names.putAll(names);
  }

  /** Everything the store holds now. */
  public static IndicatorData load(JdbcIndicatorStore store) {
    long version = store.version();
    Map<BoundaryLevel, Map<String, String>> names = new EnumMap<>(BoundaryLevel.class);
    for (BoundaryLevel level : BoundaryLevel.values()) {
      names.put(level, store.areaNames(level));
    }
    return new IndicatorData(version, store.indicatorValues(), store.population(), names);
  }

  public static IndicatorData empty() {
    return new IndicatorData(0, List.of(), List.of(), Map.of());
  }

  /** The id of the latest import the snapshot holds (0 before any). */
  public long version() {
    return version;
  }

  /** The levels that have values of {@code indicator}, in order. */
  public Set<BoundaryLevel> levels(String indicator) {
    Set<BoundaryLevel> out = EnumSet.noneOf(BoundaryLevel.class);
    for (BoundaryLevel level : BoundaryLevel.values()) {
      if (values.containsKey(new Series(indicator, level))) {
        out.add(level);
      }
    }
    return out;
  }

  /** The periods with values of {@code indicator} at {@code level}, sorted. */
  public List<String> periods(String indicator, BoundaryLevel level) {
    var byPeriod = values.get(new Series(indicator, level));
    return byPeriod == null ? List.of() : List.copyOf(byPeriod.keySet());
  }

  /** The years with population figures at {@code level}, sorted. */
  public List<Integer> populationYears(BoundaryLevel level) {
    Set<Integer> years = new java.util.TreeSet<>();
    population.getOrDefault(level, Map.of()).values().forEach(m -> years.addAll(m.keySet()));
    return List.copyOf(years);
  }

  /** The population of an area in a year, or null. */
  public Long population(BoundaryLevel level, String code, int year) {
    return population.getOrDefault(level, Map.of()).getOrDefault(code, Map.of()).get(year);
  }

  /**
   * The rows of one indicator, level and period, by area code; rates per {@code per} inhabitants
   * (1, 10,000 or 100,000) when the indicator is a count and {@code per > 1}.
   */
  public List<IndicatorRow> rows(Indicator indicator, BoundaryLevel level, String period, int per) {
    if (!PER.contains(per)) {
      throw new IllegalArgumentException("per must be 1, 10000 or 100000, not " + per);
    }
    var byPeriod = values.get(new Series(indicator.code(), level));
    SortedMap<String, Double> byCode = byPeriod == null ? null : byPeriod.get(period);
    if (byCode == null) {
      return List.of();
    }
    int year = IndicatorPeriod.year(period);
    Map<String, String> areaNames = names.getOrDefault(level, Map.of());
    List<IndicatorRow> out = new ArrayList<>(byCode.size());
    byCode.forEach((code, value) -> {
      Long inhabitants = population(level, code, year);
      Double rate = per > 1 && indicator.rate() && inhabitants != null ? value * per / inhabitants : null;
      out.add(new IndicatorRow(code, areaNames.get(code), period, value, inhabitants, rate));
    });
    return Collections.unmodifiableList(out);
  }
}
