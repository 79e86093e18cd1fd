package pl.kmzb.report;

import static pl.kmzb.report.Status.CONFIRMED;
import static pl.kmzb.report.Status.CONFIRMED_ELIMINATED;
import static pl.kmzb.report.Status.CONFIRMED_HANDED_OVER;
import static pl.kmzb.report.Status.JOKE_OR_MISTAKE;
import static pl.kmzb.report.Status.NEW;
import static pl.kmzb.report.Status.NOT_CONFIRMED;
import static pl.kmzb.report.Status.VERIFICATION;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The KMZB status workflow. Regular moves follow the table below, each open to certain roles acting
 * in their own area; voivodeship coordinators (in their voivodeship) and administrators may also
 * make any other move as a correction, which requires a note.
 *
 * <pre>
 * Nowe                         → Weryfikacja, Żart lub pomyłka               local coordinator
 * Weryfikacja                  → Potwierdzone, Potwierdzone (przekazane…),
 *                                Niepotwierdzone, Żart lub pomyłka           officer or coordinator
 * Potwierdzone, … (przekazane) → Potwierdzone (wyeliminowane)                officer or coordinator
 * </pre>
 */
public final class StatusWorkflow {
  private record Move(Set<Status> from, Set<Status> to, Set<Role> roles) {}

  private static final Set<Role> COORDINATORS = EnumSet.of(Role.LOCAL_COORDINATOR,
      Role.VOIVODESHIP_COORDINATOR, Role.ADMINISTRATOR);
  private static final Set<Role> OFFICERS_AND_COORDINATORS = EnumSet.of(Role.OFFICER,
      Role.LOCAL_COORDINATOR, Role.VOIVODESHIP_COORDINATOR, Role.ADMINISTRATOR);
  private static final Set<Role> CORRECTORS = EnumSet.of(Role.VOIVODESHIP_COORDINATOR, Role.ADMINISTRATOR);

  private static final List<Move> MOVES = List.of(
      new Move(EnumSet.of(NEW), EnumSet.of(VERIFICATION, JOKE_OR_MISTAKE), COORDINATORS),
      new Move(EnumSet.of(VERIFICATION),
          EnumSet.of(CONFIRMED, CONFIRMED_HANDED_OVER, NOT_CONFIRMED, JOKE_OR_MISTAKE),
          OFFICERS_AND_COORDINATORS),
      new Move(EnumSet.of(CONFIRMED, CONFIRMED_HANDED_OVER), EnumSet.of(CONFIRMED_ELIMINATED),
          OFFICERS_AND_COORDINATORS));

  private StatusWorkflow() {}

  /** True if the table lists this move for this role (not counting corrections). */
  public static boolean isRegularMove(Role role, Status from, Status to) {
    return MOVES.stream().anyMatch(m -> m.from.contains(from) && m.to.contains(to) && m.roles.contains(role));
  }

  /**
   * True if this role may make moves outside the table as corrections (with a note), so clients
   * such as the officer console can offer them without a copy of the rule.
   */
  public static boolean mayCorrect(Role role) {
    return CORRECTORS.contains(role);
  }

  /**
   * Checks that {@code change} may be applied to {@code report}; throws {@link WorkflowException}
   * naming the rule that forbids it otherwise.
   */
  public static void check(Report report, StatusChange change) {
    Actor actor = change.actor();
    Status from = report.status();
    Status to = change.to();
    if (report.deleted()) {
      throw new WorkflowException(WorkflowException.Reason.DELETED, "report " + report.id() + " is deleted");
    }
    if (from == to) {
      throw new WorkflowException(WorkflowException.Reason.NO_CHANGE, "report is already '" + to.labelPl() + "'");
    }
    if (!actor.covers(report.teryt())) {
      throw new WorkflowException(WorkflowException.Reason.OUTSIDE_AREA,
          "report " + report.id() + " lies outside the areas of " + actor.name());
    }
    if (isRegularMove(actor.role(), from, to)) {
      return;
    }
    if (!CORRECTORS.contains(actor.role())) {
      throw new WorkflowException(WorkflowException.Reason.FORBIDDEN_MOVE, "a " + roleName(actor.role())
          + " may not move a report from '" + from.labelPl() + "' to '" + to.labelPl() + "'");
    }
    if (change.note() == null) {
      throw new WorkflowException(WorkflowException.Reason.NOTE_REQUIRED, "moving from '" + from.labelPl()
          + "' to '" + to.labelPl() + "' is a correction and needs a note");
    }
  }

  /**
   * Checks that {@code actor} may edit a report's other fields (the description's publication): only
   * in their own areas. One rule for the report API and WFS-T.
   */
  public static void checkEdit(Report report, Actor actor) {
    if (!actor.covers(report.teryt())) {
      throw new WorkflowException(WorkflowException.Reason.OUTSIDE_AREA, "report " + report.id()
          + " lies outside your area");
    }
  }

  private static String roleName(Role role) {
    return role.name().toLowerCase().replace('_', ' ');
  }
}
