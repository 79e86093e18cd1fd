package pl.kmzb.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The base URL clients reach the server at, for the absolute URLs a response carries (TileJSON,
 * tileset lists, later OGC capabilities). Behind the documented TLS proxy the server itself sees
 * plain HTTP on a private address, so the request alone would give {@code http://10.0.0.5:8080}.
 *
 * <p>A configured {@code http.public-url} wins. Otherwise the scheme and host come from the
 * request, and a proxy's {@code Forwarded} (RFC 7239, first element) or {@code X-Forwarded-Proto}
 * / {@code X-Forwarded-Host} are believed only when the socket peer is a trusted proxy: anyone
 * else could make the server hand out links to a host of their choice (and a shared cache could
 * keep them). Forwarded values are checked to be a scheme of {@code http}/{@code https} and a
 * plain host[:port]; anything else falls back to the request's own.
 */
public final class PublicUrl {
  private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+)(:\\d{1,5})?");

  private final String configured;
  private final ClientAddress proxies;

  /** @param configured {@code http.public-url}, empty when not set */
  public PublicUrl(String configured, ClientAddress proxies) {
    this.configured = configured == null || configured.isBlank() ? null : configured.strip();
    this.proxies = proxies;
  }

  /** The base URL (scheme, host, optional port and path prefix, no trailing slash) for this request. */
  public String base(Exchange ex) {
    if (configured != null) {
      return configured;
    }
    var uri = ex.request().getHttpURI();
    String scheme = uri.getScheme();
    String host = uri.getAuthority();
    if (fromTrustedProxy(ex)) {
      String[] forwarded = forwarded(ex.header("Forwarded"));
      String proto = forwarded[0] != null ? forwarded[0] : first(ex.header("X-Forwarded-Proto"));
      String fhost = forwarded[1] != null ? forwarded[1] : first(ex.header("X-Forwarded-Host"));
      if (proto != null && (proto.equalsIgnoreCase("http") || proto.equalsIgnoreCase("https"))) {
        scheme = proto.toLowerCase(Locale.ROOT);
      }
      if (fhost != null && HOST.matcher(fhost).matches()) {
        host = fhost;
      }
    }
    return scheme + "://" + host;
  }

  private boolean fromTrustedProxy(Exchange ex) {
    SocketAddress remote = ex.request().getConnectionMetaData().getRemoteSocketAddress();
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        && proxies.isTrusted(Cidr.withoutScope(inet.getAddress()));
  }

  /** The first of comma-separated values (the one the outermost proxy wrote), or null. */
  private static String first(String header) {
    if (header == null) {
      return null;
    }
    String v = header.split(",", 2)[0].strip();
    return v.isEmpty() ? null : v;
  }

  /** {proto, host} of the first element of an RFC 7239 {@code Forwarded} header; nulls when absent. */
  static String[] forwarded(String header) {
    String[] out = new String[2];
    if (header == null) {
      return out;
    }
    for (String pair : header.split(",", 2)[0].split(";")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = pair.substring(eq + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (name.equals("proto")) {
        out[0] = value;
      } else if (name.equals("host")) {
        out[1] = value;
      }
    }
    return out;
  }
}
