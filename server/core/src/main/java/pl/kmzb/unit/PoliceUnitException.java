package pl.kmzb.unit;

import java.util.List;

/**
 * A police-unit import or assignment that was refused; nothing was changed. Carries every problem,
 * so a file or a set of assignments can be fixed in one round.
 */
public final class PoliceUnitException extends RuntimeException {
  public enum Reason {
    /** The file had bad rows or could not be read (HTTP 400/422). */
    INVALID_FILE,
    /** The new set clashes with assigned users: a removed unit, or new areas their role cannot take (409). */
    CONFLICT,
    /** The user's role cannot be scoped by that unit (422). */
    NOT_ASSIGNABLE
  }

  private final Reason reason;
  private final List<String> problems;

  public PoliceUnitException(Reason reason, String summary, List<String> problems) {
    super(problems.isEmpty() ? summary : summary + "\n  - " + String.join("\n  - ", problems));
    this.reason = reason;
    this.problems = List.copyOf(problems);
  }

  public Reason reason() {
    return reason;
  }

  /** One line per problem, without the summary. */
  public List<String> problems() {
    return problems;
  }
}
