package pl.kmzb.filter;

/**
 * Who a query answers for: the public map, or authenticated police users. What a public query may
 * ask and see is decided by {@code pl.kmzb.visibility.VisibilityPolicy}, the only place that makes
 * public filters.
 */
public enum Visibility {
  /** Anonymous callers: what {@code VisibilityPolicy} allows. */
  PUBLIC,
  /** Police users: every status. Soft-deleted reports stay hidden for both. */
  INTERNAL
}
