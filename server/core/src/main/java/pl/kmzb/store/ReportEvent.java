package pl.kmzb.store;

import pl.kmzb.report.Report;

/**
 * One committed change, with the report before and after it, so a subscriber (the cluster index,
 * a cache) can update derived data without reading the store again. {@code before} is null for
 * {@link ChangeKind#INSERTED}.
 */
public record ReportEvent(ChangeKind kind, Report before, Report after) {}
