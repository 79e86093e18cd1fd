package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end of a streaming read: a rollback the driver fails (as pgjdbc once did after an interrupted
 * scan) is the store's UNAVAILABLE and the connection is aborted, never handed on; when the read
 * itself failed, that failure is what the caller hears; a good end sets the connection's modes back.
 */
class EndStreamTest {
  @Test
  void aRollbackTheDriverFailsAbortsTheConnectionAndIsUnavailable() {
    List<String> calls = new ArrayList<>();
    IllegalStateException driver = new IllegalStateException("Received resultset tuples, but no field structure for them");
    Connection c = connection(calls, driver);
    StoreException e = assertThrows(StoreException.class, () -> JdbcReportStore.endStream(null, c, true, null));
    assertEquals(StoreException.Reason.UNAVAILABLE, e.reason());
    assertSame(driver, e.getCause());
    assertEquals(List.of("rollback", "abort"), calls);
  }

  @Test
  void theReadsOwnFailureIsWhatTheCallerHears() {
    List<String> calls = new ArrayList<>();
    // What Hikari answers once a read met a session the database ended: no SQL state.
    SQLException closed = new SQLException("Connection is closed");
    Connection c = connection(calls, closed);
    SQLException ended = new SQLException("FATAL: terminating connection due to administrator command", "57P01");
    SQLException e = assertThrows(SQLException.class, () -> JdbcReportStore.streamRead(null, c, true, t -> {
      throw ended;
    }));
    assertSame(ended, e);
    assertSame(closed, e.getSuppressed()[0]);
    assertEquals(StoreFaults.Kind.OUTAGE, StoreFaults.of(e));
    assertEquals(List.of("getAutoCommit", "setAutoCommit false", "setReadOnly true", "rollback", "abort"), calls);
  }

  @Test
  void aGoodReadRunsReadOnlyAndSetsTheModesBack() throws SQLException {
    List<String> calls = new ArrayList<>();
    assertEquals("rows", JdbcReportStore.streamRead(null, connection(calls, null), true, t -> "rows"));
    assertEquals(List.of("getAutoCommit", "setAutoCommit false", "setReadOnly true", "rollback", "setReadOnly false",
        "setAutoCommit true"), calls);
  }

  @Test
  void withoutATransactionTheReadRunsAsItIs() throws SQLException {
    List<String> calls = new ArrayList<>();
    assertEquals("rows", JdbcReportStore.streamRead(null, connection(calls, null), false, t -> "rows"));
    assertEquals(List.of(), calls);
  }

  /** A connection that records the calls of a read's end, its rollback failing with {@code failure} when not null. */
  private static Connection connection(List<String> calls, Exception failure) {
    return (Connection) Proxy.newProxyInstance(EndStreamTest.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "rollback" -> {
              calls.add("rollback");
              if (failure != null) {
                throw failure;
              }
            }
            case "getAutoCommit" -> {
              calls.add("getAutoCommit");
              return true;
            }
            case "setAutoCommit" -> calls.add("setAutoCommit " + args[0]);
            case "setReadOnly" -> calls.add("setReadOnly " + args[0]);
            case "abort" -> calls.add("abort");
            default -> throw new UnsupportedOperationException(method.getName());
          }
          return null;
        });
  }
}
