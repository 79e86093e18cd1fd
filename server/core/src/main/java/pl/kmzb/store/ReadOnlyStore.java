package pl.kmzb.store;

import java.sql.SQLException;

/**
 * What a read-only server ({@code store.read-only=true}, a hot standby on a streaming replica) says
 * when something tries to write: PostgreSQL refuses every write on a standby, and in a read-only
 * session (the pool's connections are read-only too, so the primary refuses them as well should the
 * URL point there by mistake) with SQLSTATE 25006. Each protocol maps the resulting
 * {@link StoreException.Reason#READ_ONLY} in its one place.
 */
public final class ReadOnlyStore {
  /** The sentence every refusal carries: it names the mode and where writes go instead. */
  public static final String EXPLANATION = "this server is read-only (store.read-only=true: a hot standby on a"
      + " streaming replica); send writes to a server on the primary";

  /** read_only_sql_transaction: a write in a read-only transaction or on a standby. */
  private static final String READ_ONLY_SQL_TRANSACTION = "25006";

  private ReadOnlyStore() {}

  static boolean isReadOnlyRefusal(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && READ_ONLY_SQL_TRANSACTION.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static StoreException refusal(SQLException e) {
    return new StoreException(StoreException.Reason.READ_ONLY, EXPLANATION, e);
  }

  /** The refusal of a write the server declines before it reaches the database. */
  public static StoreException refusal() {
    return new StoreException(StoreException.Reason.READ_ONLY, EXPLANATION);
  }
}
