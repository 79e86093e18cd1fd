package pl.kmzb.http;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import pl.kmzb.config.HttpLimits;

/**
 * Jetty with one connector, the {@link Router} as its only handler, and the access log; clients too
 * slow to send their requests are cut off by the idle timeout and {@link SlowClients}.
 */
public final class HttpServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final AccessLog accessLog;

  private final SlowClients slowClients;

  public HttpServer(String host, int port, int threads, Router router, AccessLog accessLog) {
    this(host, port, threads, router, accessLog, HttpLimits.DEFAULT, null);
  }

  /** @param metrics a second request log (request metrics) beside the access log; null: none */
  public HttpServer(String host, int port, int threads, Router router, AccessLog accessLog, HttpLimits limits,
      org.eclipse.jetty.server.RequestLog metrics) {
    QueuedThreadPool pool = new QueuedThreadPool(Math.max(threads, 8), Math.min(8, threads));
    pool.setName("http");
    server = new Server(pool);
    connector = new ServerConnector(server);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    slowClients = new SlowClients(limits);
    connector.addBean(slowClients);
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(router);
    this.accessLog = accessLog;
    if (accessLog != null && metrics != null) {
      server.setRequestLog(new org.eclipse.jetty.server.RequestLog.Collection(accessLog, metrics));
    } else if (accessLog != null || metrics != null) {
      server.setRequestLog(accessLog != null ? accessLog : metrics);
    }
    server.setStopTimeout(5_000);
  }

  public void start() throws Exception {
    server.start();
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
    slowClients.close();
    if (accessLog != null) {
      accessLog.close();
    }
  }
}
