package pl.kmzb.indicator;

import java.util.List;
import pl.kmzb.boundary.BoundaryLevel;

/** What one read of an indicator file produced: its values, or one line per problem. */
public record IndicatorImport(BoundaryLevel level, List<IndicatorValue> values, List<String> errors) {
  public IndicatorImport {
    values = List.copyOf(values);
    errors = List.copyOf(errors);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public String summary() {
    return values.size() + " " + level.key() + " indicator values read, " + errors.size() + " problems";
  }
}
