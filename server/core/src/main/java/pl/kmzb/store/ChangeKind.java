package pl.kmzb.store;

import pl.kmzb.report.Coded;

/** What happened to a report, as recorded in the change log. */
public enum ChangeKind implements Coded {
  INSERTED("inserted"),
  STATUS_CHANGED("status_changed"),
  /** Any other update: a correction of fields, or an edit made directly in SQL. */
  EDITED("edited"),
  /** Soft-deleted: hidden everywhere from now on. */
  DELETED("deleted"),
  /** Removed from the table by hand in SQL. */
  PURGED("purged"),
  /** The table was truncated: listeners must rebuild everything. */
  RESET("reset");

  private final String code;

  ChangeKind(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  public static ChangeKind ofCode(String code) {
    return Coded.parse(values(), code, "change kind");
  }
}
