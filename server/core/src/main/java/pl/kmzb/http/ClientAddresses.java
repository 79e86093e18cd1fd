package pl.kmzb.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.function.Function;

/**
 * Who sent a request, for per-client limits in core (log-in throttling). Core knows only the
 * socket's peer; which {@code X-Forwarded-For} entries to believe is the trusted-proxy rule of
 * {@code pl.kmzb.ingest.ClientAddress}, which the reports plugin installs at start, before the
 * server listens, so every request is answered with the same rule the citizen limit uses.
 */
public final class ClientAddresses {
  private volatile Function<Exchange, InetAddress> resolver = ClientAddresses::socketPeer;

  /** Replaces the rule (at start, before HTTP listens). */
  public void install(Function<Exchange, InetAddress> rule) {
    this.resolver = Objects.requireNonNull(rule, "rule");
  }

  public InetAddress of(Exchange ex) {
    return resolver.apply(ex);
  }

  /** The socket's remote address: the client when no proxy stands in front. */
  public static InetAddress socketPeer(Exchange ex) {
    SocketAddress remote = ex.request().getConnectionMetaData().getRemoteSocketAddress();
    if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
      throw new ApiException(400, "Bad Request", "the client address cannot be determined");
    }
    return inet.getAddress();
  }
}
