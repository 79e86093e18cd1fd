package pl.kmzb.store;

import java.time.Instant;
import java.util.List;
import pl.kmzb.roads.Road;

/** The imported road network, kept in the report database so every server reads the same one. */
public interface RoadStore {
  /** The current network's version, when and from what it was imported, and how many roads it holds. */
  record Network(long version, Instant importedAt, String source, int roads) {}

  /**
   * Stores {@code roads} as a new version, replacing the previous network in one transaction.
   *
   * @return the new version (1 for the first import)
   */
  long replace(List<Road> roads, String source);

  /** The current network's description, or null before the first import. */
  Network current();

  /** The current version's roads, ordered by number. */
  List<Road> roads();
}
