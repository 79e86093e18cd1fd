package pl.kmzb.report;

/** A status move the workflow forbids; the reason lets each protocol pick its own error code. */
public final class WorkflowException extends RuntimeException {
  public enum Reason { FORBIDDEN_MOVE, OUTSIDE_AREA, NOTE_REQUIRED, NO_CHANGE, DELETED }

  private final Reason reason;

  public WorkflowException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
