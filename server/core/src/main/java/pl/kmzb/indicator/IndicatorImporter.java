package pl.kmzb.indicator;

import java.nio.file.Path;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.store.JdbcIndicatorStore;
import pl.kmzb.store.ReportStore;

/**
 * Reads an indicator or population file of one level against the level's imported boundaries and
 * the catalogue, and stores it whole or not at all: a file with any problem throws with every
 * problem listed by line, and the stored data and its version stay as they were.
 */
public final class IndicatorImporter {
  /** What an import did: how many values it stored and the new version of the data. */
  public record Result(String kind, BoundaryLevel level, int values, long version) {
    public String summary() {
      return "stored " + values + " " + level.key() + " " + kind + " values; statistics data version " + version;
    }
  }

  private IndicatorImporter() {}

  /** @throws IllegalArgumentException listing the file's problems; nothing is stored then */
  public static Result indicators(ReportStore store, IndicatorCatalog catalog, BoundaryLevel level, Path file) {
    JdbcIndicatorStore indicators = JdbcIndicatorStore.of(store);
    IndicatorImport read = new StatisticsFileReader(level, indicators.areaNames(level).keySet())
        .readIndicators(file, catalog);
    refuse(read.ok(), read.summary(), read.errors());
    long version = indicators.replaceIndicators(read, file.getFileName().toString());
    return new Result("indicator", level, read.values().size(), version);
  }

  /** @throws IllegalArgumentException listing the file's problems; nothing is stored then */
  public static Result population(ReportStore store, BoundaryLevel level, Path file) {
    JdbcIndicatorStore indicators = JdbcIndicatorStore.of(store);
    PopulationImport read = new StatisticsFileReader(level, indicators.areaNames(level).keySet()).readPopulation(file);
    refuse(read.ok(), read.summary(), read.errors());
    long version = indicators.replacePopulation(read, file.getFileName().toString());
    return new Result("population", level, read.values().size(), version);
  }

  private static void refuse(boolean ok, String summary, java.util.List<String> errors) {
    if (!ok) {
      throw new IllegalArgumentException("nothing imported: " + summary + "\n  - " + String.join("\n  - ", errors));
    }
  }
}
