package pl.kmzb.unit;

import java.util.List;

/**
 * What one read of a police-unit file produced: the units that passed validation and one line per
 * rejected row ("line 7: ...") or feature ("feature 3: ..."). Errors are collected rather than
 * thrown so a whole file can be fixed in one round; a file with any error is not imported.
 */
public record PoliceUnitImport(List<PoliceUnit> units, List<String> errors) {
  public PoliceUnitImport {
    units = List.copyOf(units);
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /** One line for the terminal: "412 police units read, 0 rejected". */
  public String summary() {
    return units.size() + " police units read, " + errors.size() + " rejected";
  }
}
