package pl.kmzb.cluster;

import java.util.List;
import java.util.Set;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Report;
import pl.kmzb.report.Status;
import pl.kmzb.tiles.TileMatrixSet;

/**
 * What differs between two {@link ClusterIndex}es of one server: which reports enter, at which
 * position, in which areas and with which attributes. The public index takes reports as
 * {@link pl.kmzb.visibility.VisibilityPolicy} shows them ({@link PublicPoints}); the police index
 * every report that is not deleted, at its exact spot ({@link PolicePoints}). Everything else (the
 * grid, the store of points, the aggregates, the follower of the change log) is shared.
 */
public interface IndexPoints {
  /** Category codes in the order entries number them (the catalogue's). */
  List<String> categoryOrder();

  TileMatrixSet matrixSet();

  /** A filter selecting in the store at least every report {@link #entryOf} places (the load's scan). */
  ReportFilter selection();

  /** The statuses entries can have: a filter asking for all of them keeps nothing out. */
  Set<Status> statuses();

  /** The report's entry, or null if it does not enter this index. */
  IndexEntry entryOf(Report r);
}
