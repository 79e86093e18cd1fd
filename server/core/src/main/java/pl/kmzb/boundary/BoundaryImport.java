package pl.kmzb.boundary;

import java.util.List;

/**
 * What one read of a boundary file produced: the boundaries that passed validation, how many of
 * them had invalid geometry that was repaired, and one line per rejected feature. Errors are
 * collected rather than thrown so a whole file can be fixed in one round.
 */
public record BoundaryImport(BoundaryLevel level, List<Boundary> boundaries, int repaired,
    List<String> errors) {
  public BoundaryImport {
    boundaries = List.copyOf(boundaries);
    errors = List.copyOf(errors);
    if (repaired < 0 || repaired > boundaries.size()) {
      throw new IllegalArgumentException("repaired count " + repaired + " out of range");
    }
  }

  /** True if every feature was loaded. */
  public boolean ok() {
    return errors.isEmpty();
  }

  /** One line for the terminal or the log: "380 county boundaries loaded, 2 repaired, 0 rejected". */
  public String summary() {
    return boundaries.size() + " " + level.key() + " boundaries loaded, " + repaired
        + " repaired, " + errors.size() + " rejected";
  }
}
