package pl.kmzb.roads;

import java.util.List;

/**
 * What one read of a road file produced: the roads that passed validation and one line per rejected
 * feature. Errors are collected rather than thrown so a whole file can be fixed in one round; an
 * import with any error stores nothing.
 */
public record RoadImport(String source, List<Road> roads, List<String> errors) {
  public RoadImport {
    roads = List.copyOf(roads);
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty() && !roads.isEmpty();
  }

  /** One line for the terminal or the log: "412 roads loaded, 0 rejected". */
  public String summary() {
    return roads.size() + " roads loaded, " + errors.size() + " rejected";
  }
}
