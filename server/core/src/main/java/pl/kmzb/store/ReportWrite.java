package pl.kmzb.store;

import pl.kmzb.report.Actor;
import pl.kmzb.report.NewReport;
import pl.kmzb.report.StatusChange;

/**
 * One write of a batch applied all-or-nothing by {@link ReportStore#writeAll} (a WFS-T
 * Transaction). Changes of existing reports name no version: the store locks each row and checks
 * the rules against what it holds, so nothing is overwritten unseen.
 */
public sealed interface ReportWrite {
  /** A new report with its "created" history entry, as {@link ReportStore#insert(NewReport, String)}. */
  record Insert(NewReport report, String actor) implements ReportWrite {}

  /** A status move through the workflow, as {@link ReportStore#changeStatus}. */
  record StatusMove(long id, StatusChange change) implements ReportWrite {}

  /**
   * Publishing or withdrawing the description, as {@link ReportStore#setDescriptionPublic}, with the
   * area rule the report API applies ({@code StatusWorkflow.checkEdit}).
   */
  record DescriptionPublic(long id, Actor actor, boolean isPublic) implements ReportWrite {}
}
