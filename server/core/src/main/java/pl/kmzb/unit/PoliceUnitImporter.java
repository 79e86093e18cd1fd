package pl.kmzb.unit;

import java.nio.file.Path;
import java.util.List;
import pl.kmzb.store.JdbcPoliceUnitStore;
import pl.kmzb.store.ReportStore;

/**
 * Imports a police-unit file as the whole new set of units, all or nothing: a file with any bad row
 * stores nothing, and a set that clashes with assigned users stores nothing either.
 */
public final class PoliceUnitImporter {
  /** What an import did; {@code rescopedUsers} took their unit's new areas. */
  public record Result(int units, int added, int updated, int removed, int unchanged, List<String> rescopedUsers) {
    public Result {
      rescopedUsers = List.copyOf(rescopedUsers);
    }

    /** One line for the terminal or the log. */
    public String summary() {
      return units + " police units: " + added + " added, " + updated + " updated, " + removed + " removed, "
          + unchanged + " unchanged; " + rescopedUsers.size() + " users re-scoped"
          + (rescopedUsers.isEmpty() ? "" : " (" + String.join(", ", rescopedUsers) + ")");
    }
  }

  private PoliceUnitImporter() {}

  /**
   * Reads {@code file} (CSV or GeoJSON, see {@link PoliceUnitReader}) and makes it the set of units.
   *
   * @throws PoliceUnitException INVALID_FILE listing every bad row, or CONFLICT listing every clash
   *     with assigned users; nothing is stored then
   * @throws java.io.UncheckedIOException if the file cannot be read
   */
  public static Result run(ReportStore store, Path file) {
    return run(store, PoliceUnitReader.read(file));
  }

  /** Stores units already read; see {@link #run(ReportStore, Path)}. */
  public static Result run(ReportStore store, PoliceUnitImport imported) {
    if (!imported.ok()) {
      throw new PoliceUnitException(PoliceUnitException.Reason.INVALID_FILE,
          "police units not imported (nothing was stored): " + imported.summary(), imported.errors());
    }
    PoliceUnitStore.Replaced r = JdbcPoliceUnitStore.of(store).replaceAll(imported.units());
    return new Result(imported.units().size(), r.added(), r.updated(), r.removed(), r.unchanged(), r.rescopedUsers());
  }
}
