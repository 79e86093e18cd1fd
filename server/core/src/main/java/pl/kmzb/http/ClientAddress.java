package pl.kmzb.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Who sent a request, for rate limits and the reporter's IP. The direct peer of the socket is the
 * client unless it is a trusted proxy (configured addresses and CIDR blocks). Only then is
 * {@code X-Forwarded-For} read, from the right: each proxy appends the address it received the
 * request from, so entries right of the first untrusted one were written by our proxies and the
 * rest may be forged by the client. Trusted entries are skipped; the first untrusted one is the
 * client; if all are trusted, the left-most is. An entry that is not an IP literal ends the walk,
 * and the last good address (the peer or a trusted proxy) is taken: it is never one a client could
 * choose. Entries may carry a port ({@code 1.2.3.4:5678}, {@code [2001:db8::1]:443}) as some
 * proxies write them; host names and {@code unknown} are malformed.
 *
 * <p>Several {@code X-Forwarded-For} header lines mean the same as one line joining them with commas.
 */
public final class ClientAddress {
  private final List<Cidr> trustedProxies;

  public ClientAddress(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /**
   * From configuration text, e.g. {@code ["127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"]}.
   *
   * @throws IllegalArgumentException naming every entry that is not an address or CIDR block
   */
  public static ClientAddress parse(Collection<String> trustedProxies) {
    List<Cidr> cidrs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String text : trustedProxies) {
      try {
        cidrs.add(Cidr.parse(text));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("trusted proxies: " + String.join("; ", problems));
    }
    return new ClientAddress(cidrs);
  }

  public List<Cidr> trustedProxies() {
    return trustedProxies;
  }

  public boolean isTrusted(InetAddress address) {
    for (Cidr cidr : trustedProxies) {
      if (cidr.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The client's address.
   *
   * @param peer the address of the socket's remote end
   * @param forwardedFor the {@code X-Forwarded-For} value, or null when absent
   */
  public InetAddress resolve(InetAddress peer, String forwardedFor) {
    InetAddress client = Cidr.withoutScope(Objects.requireNonNull(peer, "peer"));
    if (forwardedFor == null || !isTrusted(client)) {
      return client;
    }
    int end = forwardedFor.length();
    while (end >= 0) {
      int comma = forwardedFor.lastIndexOf(',', end - 1);
      InetAddress entry = entry(forwardedFor.substring(comma + 1, end));
      if (entry == null) {
        return client;
      } else if (!isTrusted(entry)) {
        return entry;
      }
      client = entry;
      end = comma; // -1 after the left-most entry
    }
    return client;
  }

  /** The client of a request: its socket peer, or whom our trusted proxies say they forward for. */
  public InetAddress of(Exchange ex) {
    java.net.SocketAddress remote = ex.request().getConnectionMetaData().getRemoteSocketAddress();
    if (!(remote instanceof java.net.InetSocketAddress inet) || inet.getAddress() == null) {
      throw new ApiException(400, "Bad Request", "the client address cannot be determined");
    }
    return resolve(inet.getAddress(), ex.request().getHeaders().getValuesList("X-Forwarded-For"));
  }

  /**
   * The group a client is counted in by per-client limits: an IPv4 address alone (an IPv4-mapped
   * IPv6 address is the IPv4 address it maps), an IPv6 address by its network of {@code ipv6Prefix}
   * bits, since a home or a phone is given a whole /64 and counting single addresses would give one
   * person 2^64 allowances.
   */
  public static Cidr group(InetAddress client, int ipv6Prefix) {
    InetAddress address = Cidr.withoutScope(client);
    return address instanceof Inet4Address ? new Cidr(address, 32) : Cidr.enclosing(address, ipv6Prefix);
  }

  /** {@link #resolve(InetAddress, String)} for all {@code X-Forwarded-For} lines, in order. */
  public InetAddress resolve(InetAddress peer, List<String> forwardedForLines) {
    return resolve(peer, forwardedForLines.isEmpty() ? null : String.join(",", forwardedForLines));
  }

  /** One X-Forwarded-For entry, or null if malformed. */
  private static InetAddress entry(String raw) {
    String text = raw.strip();
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0 || !isPortOrNothing(text.substring(close + 1))) {
        return null;
      }
      InetAddress address = Cidr.literalOrNull(text.substring(1, close));
      return address == null || address instanceof Inet4Address ? null : address;
    }
    int colon = text.indexOf(':');
    if (colon >= 0 && colon == text.lastIndexOf(':')) {
      if (!isPortOrNothing(text.substring(colon))) {
        return null;
      }
      InetAddress address = Cidr.literalOrNull(text.substring(0, colon));
      return address instanceof Inet4Address ? address : null;
    }
    return Cidr.literalOrNull(text);
  }

  private static boolean isPortOrNothing(String s) {
    return s.isEmpty() || s.matches(":\\d{1,5}") && Integer.parseInt(s.substring(1)) <= 65_535;
  }

  /**
   * The canonical text of an address: dotted quad for IPv4; RFC 5952 for IPv6 (lower case, no
   * leading zeros, the longest run of two or more zero groups shortened to {@code ::}, no zone).
   */
  public static String canonical(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return (b[0] & 0xFF) + "." + (b[1] & 0xFF) + "." + (b[2] & 0xFF) + "." + (b[3] & 0xFF);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is not shortened
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
      } else {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
          out.append(':');
        }
        out.append(Integer.toHexString(groups[i]));
      }
    }
    return out.toString();
  }
}
