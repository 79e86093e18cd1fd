package pl.kmzb.report;

import java.util.Objects;

/** A request to move a report to another status, with the note that goes into its history. */
public record StatusChange(Actor actor, Status to, String note) {
  public StatusChange {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(to, "to");
    note = note == null || note.isBlank() ? null : note.strip();
  }
}
