package pl.kmzb.roads;

import pl.kmzb.store.JdbcRoadStore;
import pl.kmzb.store.ReportStore;

/**
 * Replaces the stored road network with an imported one, all or nothing: a file with any rejected
 * feature stores nothing, and the store writes the new version in one transaction, so a server
 * always reads either the previous network or the whole new one.
 */
public final class RoadImporter {
  /** What an import did: the new network version and how many roads it holds. */
  public record Result(long version, int roads) {}

  private RoadImporter() {}

  /** @throws IllegalArgumentException if the file had errors or no roads: nothing is stored then */
  public static Result run(ReportStore store, RoadImport imported) {
    if (!imported.ok()) {
      throw new IllegalArgumentException("roads not imported from " + imported.source() + ": " + imported.summary()
          + (imported.roads().isEmpty() && imported.errors().isEmpty() ? " (the file holds no roads)" : "")
          + (imported.errors().isEmpty() ? "" : "\n  - " + String.join("\n  - ", imported.errors())));
    }
    long version = JdbcRoadStore.of(store).replace(imported.roads(), imported.source());
    return new Result(version, imported.roads().size());
  }
}
