package pl.kmzb.boundary;

import pl.kmzb.store.BoundaryStore;
import pl.kmzb.store.JdbcBoundaryStore;
import pl.kmzb.store.ReportStore;

/**
 * Stores the boundaries of one level and re-assigns every report's TERYT codes against the whole
 * new set, so stored codes always match the stored boundaries.
 */
public final class BoundaryImporter {
  /** What an import did. */
  public record Result(BoundaryLevel level, int boundaries, int repaired, int reportsChanged, int areasIndexed) {}

  private BoundaryImporter() {}

  /**
   * @throws IllegalArgumentException if the file had errors: nothing is stored then
   */
  public static Result run(ReportStore store, BoundaryImport imported) {
    if (!imported.ok()) {
      throw new IllegalArgumentException("boundaries not imported: " + imported.summary() + "\n  - "
          + String.join("\n  - ", imported.errors()));
    }
    BoundaryStore boundaries = JdbcBoundaryStore.of(store);
    boundaries.replace(imported.level(), imported.boundaries());
    BoundaryIndex index = BoundaryIndex.of(boundaries.all());
    int changed = store.reassignTeryt(index::assign);
    return new Result(imported.level(), imported.boundaries().size(), imported.repaired(), changed, index.size());
  }
}
