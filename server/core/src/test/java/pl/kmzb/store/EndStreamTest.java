package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end of a streaming read: a rollback the driver fails (as pgjdbc once did after an interrupted
 * scan) is the store's UNAVAILABLE and the connection is aborted, never handed on; a good end sets
 * the auto-commit back.
 */
class EndStreamTest {
  @Test
  void aRollbackTheDriverFailsAbortsTheConnectionAndIsUnavailable() {
    List<String> calls = new ArrayList<>();
    IllegalStateException driver = new IllegalStateException("Received resultset tuples, but no field structure for them");
    Connection c = connection(calls, driver);
    StoreException e = assertThrows(StoreException.class, () -> JdbcReportStore.endStream(null, c, true));
    assertEquals(StoreException.Reason.UNAVAILABLE, e.reason());
    assertSame(driver, e.getCause());
    assertEquals(List.of("rollback", "abort"), calls);
  }

  @Test
  void aGoodEndRollsBackAndSetsTheAutoCommitBack() {
    List<String> calls = new ArrayList<>();
    JdbcReportStore.endStream(null, connection(calls, null), true);
    assertEquals(List.of("rollback", "setAutoCommit true"), calls);
  }

  /** A connection that records rollback, setAutoCommit and abort, its rollback failing with {@code failure} when not null. */
  private static Connection connection(List<String> calls, RuntimeException failure) {
    return (Connection) Proxy.newProxyInstance(EndStreamTest.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "rollback" -> {
              calls.add("rollback");
              if (failure != null) {
                throw failure;
              }
            }
            case "setAutoCommit" -> calls.add("setAutoCommit " + args[0]);
            case "abort" -> calls.add("abort");
            default -> throw new UnsupportedOperationException(method.getName());
          }
          return null;
        });
  }
}
