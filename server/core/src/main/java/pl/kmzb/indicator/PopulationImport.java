package pl.kmzb.indicator;

import java.util.List;
import pl.kmzb.boundary.BoundaryLevel;

/** What one read of a population file produced: its values, or one line per problem. */
public record PopulationImport(BoundaryLevel level, List<PopulationValue> values, List<String> errors) {
  public PopulationImport {
    values = List.copyOf(values);
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public String summary() {
    return values.size() + " " + level.key() + " population figures read, " + errors.size() + " problems";
  }
}
