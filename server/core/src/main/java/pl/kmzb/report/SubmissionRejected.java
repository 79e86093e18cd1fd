package pl.kmzb.report;

import java.util.List;

/**
 * A report submission the ingest rules refuse, naming every bad field at once. It speaks no
 * protocol: the report API answers it as an RFC 7807 400 (see {@code http.Problems}), WFS-T as an
 * OGC exception report. Rate limits, workflow and store refusals have their own neutral exceptions
 * ({@code store.RateLimitedException}, {@link WorkflowException}, {@code store.StoreException}).
 */
public final class SubmissionRejected extends RuntimeException {
  /** What is wrong with one field, so a protocol can pick its own code for it. */
  public enum Kind {
    /** A required field is absent. */
    MISSING,
    /** A value of the wrong type, out of range or malformed. */
    INVALID,
    /** A field the submission shape does not have. */
    UNKNOWN_FIELD,
    /** A category code the catalogue does not know or that no longer takes reports. */
    UNKNOWN_CATEGORY,
    /** A location outside Poland. */
    OUTSIDE_POLAND,
    /** An attached file that is refused. */
    ATTACHMENT
  }

  /** One refused field: its name or pointer, the kind of fault and a message for people. */
  public record Problem(String field, Kind kind, String message) {}

  private final List<Problem> problems;

  /** No stack trace: this is an answer to a client, not a fault to debug. */
  public SubmissionRejected(String message, List<Problem> problems) {
    super(message, null, false, false);
    this.problems = List.copyOf(problems);
  }

  /** One bad field, the message serving as the whole rejection's message too. */
  public static SubmissionRejected of(String field, Kind kind, String message) {
    return new SubmissionRejected(message, List.of(new Problem(field, kind, message)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
