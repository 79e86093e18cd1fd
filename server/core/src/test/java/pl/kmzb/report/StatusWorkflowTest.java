package pl.kmzb.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;
import pl.kmzb.testing.WorkflowOracle;

class StatusWorkflowTest {
  static Report report(Status status, Teryt teryt) {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    return new Report(1, "illegal_parking", status, new LonLat(19.94, 50.06), t, null, null, null, false,
        Source.CITIZEN, teryt, null, false, null, false, t, 1);
  }

  static Actor actor(Role role, boolean inArea) {
    return switch (role) {
      case OFFICER, LOCAL_COORDINATOR -> new Actor("u", role, Set.of(inArea ? "1261" : "2261"));
      case VOIVODESHIP_COORDINATOR -> new Actor("u", role, Set.of(inArea ? "12" : "22"));
      case ADMINISTRATOR -> new Actor("u", role, Set.of());
    };
  }

  @Test
  void everyMoveForEveryRoleAreaAndNote() {
    Teryt krakow = Teryt.ofMunicipality("1261011");
    int checked = 0;
    for (Role role : Role.values()) {
      for (boolean inArea : new boolean[] {true, false}) {
        for (Status from : Status.values()) {
          for (Status to : Status.values()) {
            for (String note : new String[] {null, "korekta po weryfikacji"}) {
              Report r = report(from, krakow);
              StatusChange change = new StatusChange(actor(role, inArea), to, note);
              WorkflowException.Reason expected = WorkflowOracle.expected(role, inArea, from, to, note != null);
              String what = role + (inArea ? " in area " : " outside area ") + from + "→" + to + " note=" + (note != null);
              if (expected == null) {
                assertDoesNotThrow(() -> StatusWorkflow.check(r, change), what);
              } else {
                WorkflowException e = assertThrows(WorkflowException.class, () -> StatusWorkflow.check(r, change), what);
                assertEquals(expected, e.reason(), what);
              }
              checked++;
            }
          }
        }
      }
    }
    assertEquals(4 * 2 * 7 * 7 * 2, checked);
  }

  @Test
  void officersCannotTakeUpNewReports() {
    assertTrue(!StatusWorkflow.isRegularMove(Role.OFFICER, Status.NEW, Status.VERIFICATION));
    assertTrue(StatusWorkflow.isRegularMove(Role.LOCAL_COORDINATOR, Status.NEW, Status.VERIFICATION));
  }

  @Test
  void deletedReportsCannotMove() {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    Report deleted = new Report(1, "illegal_parking", Status.VERIFICATION, new LonLat(19.94, 50.06), t, null, null,
        null, false, Source.CITIZEN, Teryt.NONE, null, true, null, false, t, 2);
    WorkflowException e = assertThrows(WorkflowException.class, () -> StatusWorkflow.check(deleted,
        new StatusChange(actor(Role.ADMINISTRATOR, true), Status.CONFIRMED, "x")));
    assertEquals(WorkflowException.Reason.DELETED, e.reason());
  }

  @Test
  void reportsWithoutTerytAreOnlyInAdministratorsArea() {
    Report r = report(Status.VERIFICATION, Teryt.NONE);
    assertThrows(WorkflowException.class, () -> StatusWorkflow.check(r,
        new StatusChange(actor(Role.OFFICER, true), Status.CONFIRMED, null)));
    assertDoesNotThrow(() -> StatusWorkflow.check(r, new StatusChange(actor(Role.ADMINISTRATOR, true), Status.CONFIRMED, null)));
  }
}
