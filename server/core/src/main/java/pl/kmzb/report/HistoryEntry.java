package pl.kmzb.report;

import java.time.Instant;

/**
 * One row of a report's append-only history: who did what when, from which status to which, and
 * why. {@code from} is null for the entry that records the report's creation.
 */
public record HistoryEntry(long reportId, Instant at, String actor, Action action, Status from, Status to, String note) {
  public enum Action implements Coded {
    CREATED("created"), STATUS_CHANGED("status_changed"), DELETED("deleted"),
    /** A field changed without a status move, e.g. a description made public. */
    EDITED("edited");

    private final String code;

    Action(String code) {
      this.code = code;
    }

    @Override
  public String code() {
      return code;
    }

    public static Action ofCode(String code) {
      return Coded.parse(values(), code, "history action");
    }
  }
}
