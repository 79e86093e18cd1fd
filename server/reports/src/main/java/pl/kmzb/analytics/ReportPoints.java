package pl.kmzb.analytics;

import java.util.Set;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.filter.Visibility;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Report;
import pl.kmzb.store.ReportStore;
import pl.kmzb.visibility.PublicReport;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * The reports an analysis counts, read in one streaming scan of the store ({@link ReportStore#scan})
 * and handed on one at a time in EPSG:2180 metres, so memory never grows with the number of reports.
 * A public filter is answered as every public output answers it: the store selects what the public
 * may see, and each report counts at its public position ({@link VisibilityPolicy#show}), with the
 * area and bbox parts judged there ({@link VisibilityPolicy#matches}'s rule); a police filter
 * counts every report it selects at its exact position.
 */
public final class ReportPoints {
  /** One report as an analysis sees it: where it counts (lon/lat and EPSG:2180) and the report. */
  @FunctionalInterface
  public interface Sink {
    void accept(Report report, LonLat at, double x, double y);
  }

  private final ReportStore store;
  private final VisibilityPolicy visibility;
  private final CrsTransform to2180;

  public ReportPoints(ReportStore store, VisibilityPolicy visibility, CrsTransform to2180) {
    this.store = store;
    this.visibility = visibility;
    this.to2180 = to2180;
  }

  /**
   * Runs {@code work} with its store reads cancelled by the database after {@code limit}
   * ({@link ReportStore#withStatementTimeout}): a {@link pl.kmzb.store.StatementTimeoutException}.
   */
  public <T> T withTimeLimit(java.time.Duration limit, java.util.function.Supplier<T> work) {
    return store.withStatementTimeout(limit, work);
  }

  /** A point in EPSG:2180 metres. */
  @FunctionalInterface
  public interface XySink {
    void accept(double x, double y);
  }

  /**
   * Only where the reports count, in EPSG:2180: for a police filter the store reads ids and
   * positions alone ({@link ReportStore#scanPositions}, a third of the time of whole reports); a
   * public filter needs the whole report for its public position.
   */
  public void positions(ReportFilter filter, XySink sink) {
    if (filter.visibility() != Visibility.INTERNAL) {
      scan(filter, (r, at, x, y) -> sink.accept(x, y));
      return;
    }
    double[] xy = new double[2];
    store.scanPositions(filter, (id, lon, lat) -> {
      xy[0] = lon;
      xy[1] = lat;
      to2180.apply(xy, 0, 1);
      sink.accept(xy[0], xy[1]);
    });
  }

  public void scan(ReportFilter filter, Sink sink) {
    double[] xy = new double[2];
    if (filter.visibility() == Visibility.INTERNAL) {
      store.scan(filter, r -> emit(r, r.location(), xy, sink));
      return;
    }
    // The store holds exact positions, so the public area and bbox parts are judged here, at the
    // public position; the store only narrows by what does not depend on where.
    ReportFilter stored = new ReportFilter(filter.categories(), filter.statuses(), filter.sources(), filter.from(),
        filter.to(), Set.of(), null, filter.visibility(), filter.hiddenUnlessConfirmed());
    store.scan(stored, r -> {
      PublicReport p = visibility.show(r);
      if (p != null && filter.testAt(r, p.areas(), p.location())) {
        emit(r, p.location(), xy, sink);
      }
    });
  }

  private void emit(Report r, LonLat at, double[] xy, Sink sink) {
    xy[0] = at.lon();
    xy[1] = at.lat();
    to2180.apply(xy, 0, 1);
    sink.accept(r, at, xy[0], xy[1]);
  }
}
