package pl.kmzb.store;

/**
 * A stored report row the domain rejects, so it cannot become a {@link pl.kmzb.report.Report}
 * (TERYT codes that do not nest, a date that does not parse): possible only through direct SQL or
 * rows stored before the database checked the rule. Carries the row's id so a reader that must go
 * on (the tile index) can skip exactly that row.
 */
public final class UnreadableRowException extends RuntimeException {
  private final long id;

  public UnreadableRowException(long id, RuntimeException cause) {
    super("stored report " + id + " cannot be read: " + cause.getMessage(), cause);
    this.id = id;
  }

  public long id() {
    return id;
  }
}
