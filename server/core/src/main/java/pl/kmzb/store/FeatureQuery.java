package pl.kmzb.store;

import java.util.Objects;
import java.util.function.Predicate;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.report.Report;

/**
 * What a feature stream selects: a filter the store answers in SQL, and a residual predicate in
 * Java for what SQL must not or cannot judge (a public bbox or area is judged at the public
 * position, which the tables do not hold). The rows the prefilter returns that pass the residual
 * are exactly the matching rows, so the prefilter must select a superset.
 *
 * @param key canonical text of the whole selection (prefilter and residual), for caches: equal
 *     keys must select equal rows
 * @param residual null when the prefilter alone is exact
 */
public record FeatureQuery(ReportFilter prefilter, Predicate<Report> residual, String key) {
  public FeatureQuery {
    Objects.requireNonNull(prefilter, "prefilter");
    Objects.requireNonNull(key, "key");
  }

  /** A selection SQL answers exactly. */
  public static FeatureQuery exact(ReportFilter filter) {
    return new FeatureQuery(filter, null, filter.cacheKey());
  }

  public boolean exactInSql() {
    return residual == null;
  }

  boolean test(Report r) {
    return residual == null || residual.test(r);
  }
}
