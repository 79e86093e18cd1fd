package pl.kmzb.indicator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import pl.kmzb.boundary.BoundaryLevel;

/**
 * Reads an indicator file ({@code teryt,indicator,period,value}) or a population file
 * ({@code teryt,year,population}) of one area level into values, checking every line: the code is
 * one of the level's imported boundaries, the indicator is in the catalogue, the period and the
 * numbers are well formed, no key repeats. Problems are collected with their line numbers (up to
 * {@link #MAX_ERRORS}) so a whole file can be fixed in one round; a file with any problem is stored
 * not at all.
 */
public final class StatisticsFileReader {
  public static final List<String> INDICATOR_COLUMNS = List.of("teryt", "indicator", "period", "value");
  public static final List<String> POPULATION_COLUMNS = List.of("teryt", "year", "population");
  static final int MAX_ERRORS = 100;
  /** A plain decimal: no exponent, no thousands separators, no NaN or infinity. */
  private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,9})?");
  private static final Pattern WHOLE = Pattern.compile("\\d{1,9}");
  /** More inhabitants than any area of Poland can have: a sign of a shifted column. */
  private static final long MAX_POPULATION = 100_000_000L;

  private final BoundaryLevel level;
  private final Set<String> areas;

  /** @param areas the TERYT codes of the level's imported boundaries */
  public StatisticsFileReader(BoundaryLevel level, Set<String> areas) {
    this.level = level;
    this.areas = Set.copyOf(areas);
  }

  public IndicatorImport readIndicators(Path file, IndicatorCatalog catalog) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readIndicators(in, catalog);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public IndicatorImport readIndicators(BufferedReader in, IndicatorCatalog catalog) {
    List<IndicatorValue> values = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean[] comma = new boolean[1];
    String header = StatisticsCsv.read(in, INDICATOR_COLUMNS, comma, line -> {
      String problem = indicatorProblem(line, catalog, comma[0]);
      if (problem == null) {
        String key = line.get("teryt") + "|" + line.get("indicator") + "|" + line.get("period");
        Integer first = seen.putIfAbsent(key, line.number());
        if (first != null) {
          problem = "duplicate key: teryt " + line.get("teryt") + ", indicator " + line.get("indicator")
              + ", period " + line.get("period") + " is already on line " + first;
        } else {
          values.add(new IndicatorValue(line.get("indicator"), level, line.get("teryt"), line.get("period"),
              number(line.get("value"), comma[0]).doubleValue()));
        }
      }
      return collect(errors, line, problem);
    });
    addHeaderProblem(errors, header, values.size());
    return new IndicatorImport(level, values, errors);
  }

  public PopulationImport readPopulation(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readPopulation(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public PopulationImport readPopulation(BufferedReader in) {
    List<PopulationValue> values = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    String header = StatisticsCsv.read(in, POPULATION_COLUMNS, new boolean[1], line -> {
      String problem = populationProblem(line);
      if (problem == null) {
        String key = line.get("teryt") + "|" + line.get("year");
        Integer first = seen.putIfAbsent(key, line.number());
        if (first != null) {
          problem = "duplicate key: teryt " + line.get("teryt") + ", year " + line.get("year")
              + " is already on line " + first;
        } else {
          values.add(new PopulationValue(level, line.get("teryt"), Integer.parseInt(line.get("year")),
              Long.parseLong(line.get("population"))));
        }
      }
      return collect(errors, line, problem);
    });
    addHeaderProblem(errors, header, values.size());
    return new PopulationImport(level, values, errors);
  }

  private String indicatorProblem(StatisticsCsv.Line line, IndicatorCatalog catalog, boolean decimalComma) {
    if (line.fields().isEmpty()) {
      return "expected " + INDICATOR_COLUMNS.size() + " fields (" + String.join(",", INDICATOR_COLUMNS) + ")";
    }
    String area = areaProblem(line.get("teryt"));
    if (area != null) {
      return area;
    }
    var indicator = catalog.find(line.get("indicator"));
    if (indicator.isEmpty()) {
      return "unknown indicator '" + line.get("indicator") + "' (not in " + IndicatorCatalog.FILE + ")";
    }
    var period = IndicatorPeriod.problem(line.get("period"));
    if (period.isPresent()) {
      return period.get();
    }
    String v = line.get("value");
    BigDecimal value = number(v, decimalComma);
    if (value == null) {
      return "bad number: value '" + v + "' is not a plain decimal number";
    }
    if (indicator.get().rate() && (value.signum() < 0 || value.stripTrailingZeros().scale() > 0)) {
      return "bad number: value '" + v + "' of the count '" + indicator.get().code()
          + "' must be a whole number, 0 or more";
    }
    return null;
  }

  private String populationProblem(StatisticsCsv.Line line) {
    if (line.fields().isEmpty()) {
      return "expected " + POPULATION_COLUMNS.size() + " fields (" + String.join(",", POPULATION_COLUMNS) + ")";
    }
    String area = areaProblem(line.get("teryt"));
    if (area != null) {
      return area;
    }
    String year = line.get("year");
    if (!year.matches("\\d{4}") || Integer.parseInt(year) < 1900 || Integer.parseInt(year) > 2100) {
      return "bad number: year '" + year + "' is not a year 1900-2100";
    }
    String p = line.get("population");
    if (!WHOLE.matcher(p).matches() || Long.parseLong(p) == 0 || Long.parseLong(p) > MAX_POPULATION) {
      return "bad number: population '" + p + "' is not a whole number from 1 to " + MAX_POPULATION;
    }
    return null;
  }

  private String areaProblem(String code) {
    var shape = level.problem(code);
    if (shape.isPresent()) {
      return "unknown TERYT code: " + shape.get();
    }
    if (!areas.contains(code)) {
      return "unknown TERYT code: no " + level.key() + " with code " + code + " among the " + areas.size()
          + " imported " + level.key() + " boundaries";
    }
    return null;
  }

  private static BigDecimal number(String text, boolean decimalComma) {
    String t = decimalComma ? text.replace(',', '.') : text;
    return DECIMAL.matcher(t).matches() ? new BigDecimal(t) : null;
  }

  private static boolean collect(List<String> errors, StatisticsCsv.Line line, String problem) {
    if (problem != null) {
      errors.add(errors.size() < MAX_ERRORS ? "line " + line.number() + ": " + problem
          : "more than " + MAX_ERRORS + " problems; reading stopped at line " + line.number());
    }
    return errors.size() <= MAX_ERRORS;
  }

  private void addHeaderProblem(List<String> errors, String header, int records) {
    if (header != null) {
      errors.add(0, header);
    } else if (records == 0 && errors.isEmpty()) {
      errors.add(areas.isEmpty()
          ? "no records, and no " + level.key() + " boundaries are imported (import-boundaries first)"
          : "no records after the header");
    }
  }
}
