package pl.kmzb.testing;

import java.util.Map;
import java.util.Set;
import pl.kmzb.report.Role;
import pl.kmzb.report.Status;
import pl.kmzb.report.WorkflowException;

/**
 * The status table of the foundation issue written out move by move, independently of
 * {@code StatusWorkflow}, so tests at every layer compare against the same expectation.
 */
public final class WorkflowOracle {
  /** "from>to" → roles allowed without a note. */
  private static final Map<String, Set<Role>> REGULAR = Map.ofEntries(
      Map.entry("new>verification", Set.of(Role.LOCAL_COORDINATOR, Role.VOIVODESHIP_COORDINATOR, Role.ADMINISTRATOR)),
      Map.entry("new>joke_or_mistake", Set.of(Role.LOCAL_COORDINATOR, Role.VOIVODESHIP_COORDINATOR, Role.ADMINISTRATOR)),
      Map.entry("verification>confirmed", Set.of(Role.values())),
      Map.entry("verification>confirmed_handed_over", Set.of(Role.values())),
      Map.entry("verification>not_confirmed", Set.of(Role.values())),
      Map.entry("verification>joke_or_mistake", Set.of(Role.values())),
      Map.entry("confirmed>confirmed_eliminated", Set.of(Role.values())),
      Map.entry("confirmed_handed_over>confirmed_eliminated", Set.of(Role.values())));

  private WorkflowOracle() {}

  /** Null if the move is allowed, else the reason it is refused. */
  public static WorkflowException.Reason expected(Role role, boolean inArea, Status from, Status to, boolean note) {
    if (from == to) {
      return WorkflowException.Reason.NO_CHANGE;
    }
    if (!inArea && role != Role.ADMINISTRATOR) {
      return WorkflowException.Reason.OUTSIDE_AREA;
    }
    if (REGULAR.getOrDefault(from.code() + ">" + to.code(), Set.of()).contains(role)) {
      return null;
    }
    if (role == Role.OFFICER || role == Role.LOCAL_COORDINATOR) {
      return WorkflowException.Reason.FORBIDDEN_MOVE;
    }
    return note ? null : WorkflowException.Reason.NOTE_REQUIRED;
  }

  /** The HTTP status the report API answers with for that outcome. */
  public static int httpStatus(WorkflowException.Reason reason) {
    if (reason == null) {
      return 200;
    }
    return switch (reason) {
      case OUTSIDE_AREA, FORBIDDEN_MOVE -> 403;
      case NOTE_REQUIRED -> 400;
      case NO_CHANGE, DELETED -> 409;
    };
  }
}
