package pl.kmzb.filter;

/** Who a query answers for: the public map, or authenticated police users. */
public enum Visibility {
  /**
   * Anonymous callers: only public statuses, and categories that are public only once confirmed
   * only in a confirmed status.
   */
  PUBLIC,
  /** Police users: every status. Soft-deleted reports stay hidden for both. */
  INTERNAL
}
