package pl.kmzb.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.config.HttpLimits;

/**
 * Disconnects clients that send a request too slowly. Jetty's idle timeout restarts with every byte,
 * so a client that sends one header byte every few seconds (slowloris) or a body at a few bytes a
 * second would hold its connection, and for a body a request thread, for hours. A sweep twice a
 * second looks at every open HTTP/1 connection: one still in its request line and headers after
 * {@code headerTimeout}, or one whose body has averaged less than {@code minBodyBytesPerSecond}
 * while the server waited for it (once {@code headerTimeout} has passed), is closed. Connections between requests
 * are left to the idle timeout, and responses (a slow reader) are not judged here.
 *
 * <p>The parser's state is read from the sweeper's thread without the connection's lock; a stale
 * read only delays a decision to the next sweep.
 */
final class SlowClients implements Connection.Listener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SlowClients.class);
  static final long SWEEP_MILLIS = 500;

  /** Where a connection was when first seen in its current phase (request count, body or not). */
  private record Progress(long request, boolean body, long sinceNanos, long bytesInAtStart) {}

  private static final Progress BETWEEN_REQUESTS = new Progress(-1, false, 0, 0);

  private final long headerNanos;
  private final long minBodyRate;
  private final Map<HttpConnection, Progress> open = new ConcurrentHashMap<>();
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "slow-clients");
    t.setDaemon(true);
    return t;
  });

  SlowClients(HttpLimits limits) {
    this.headerNanos = limits.headerTimeout().toNanos();
    this.minBodyRate = limits.minBodyBytesPerSecond();
    sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof HttpConnection http) {
      open.put(http, BETWEEN_REQUESTS);
    }
  }

  @Override
  public void onClosed(Connection connection) {
    open.remove(connection);
  }

  void sweep() {
    try {
      long now = System.nanoTime();
      open.forEach((connection, was) -> judge(connection, was, now));
    } catch (RuntimeException e) {
      LOG.warn("slow-client sweep failed", e);
    }
  }

  private void judge(HttpConnection connection, Progress was, long now) {
    HttpParser parser = connection.getParser();
    boolean headers = !parser.isStart() && parser.inHeaderState();
    boolean body = parser.inContentState();
    if (!headers && !body) {
      open.replace(connection, was, BETWEEN_REQUESTS);
      return;
    }
    long request = connection.getMessagesIn();
    // A body is read when the handler asks for it; until then Jetty reads nothing more from the
    // socket, so a body the server reads late would look slow. The clock runs only while the
    // server waits for the client (the connection is interested in more bytes).
    boolean serverBusy = body && !connection.isFillInterested();
    if (was.request != request || was.body != body || was == BETWEEN_REQUESTS || serverBusy) {
      open.replace(connection, was, new Progress(request, body, now, connection.getBytesIn()));
      return;
    }
    long elapsed = now - was.sinceNanos;
    if (elapsed <= headerNanos) {
      return;
    }
    if (!body) {
      close(connection, "its request line and headers took longer than the header timeout");
    } else if ((connection.getBytesIn() - was.bytesInAtStart) * 1_000_000_000.0 / elapsed < minBodyRate) {
      close(connection, "its request body arrived slower than " + minBodyRate + " bytes/s");
    }
  }

  private void close(HttpConnection connection, String why) {
    LOG.info("closed a connection: {}", why);
    open.remove(connection);
    connection.getEndPoint().close(new java.util.concurrent.TimeoutException(why));
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
  }
}
