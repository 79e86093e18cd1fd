package pl.kmzb.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network: an address with a prefix length, e.g. {@code 10.0.0.0/8} or
 * {@code fd00::/8}; a single address is a {@code /32} or {@code /128}. Addresses are parsed as
 * literals only, never looked up in DNS. An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is
 * the IPv4 address it maps, as everywhere in {@link InetAddress}.
 */
public record Cidr(InetAddress network, int prefixLength) {
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  /** Checks the prefix length and that no host bits are set, and drops any scope or host name. */
  public Cidr {
    Objects.requireNonNull(network, "network");
    network = withoutScope(network);
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " must be 0.." + bits + " for "
          + (bits == 32 ? "IPv4" : "IPv6"));
    }
    InetAddress masked = byAddress(mask(network.getAddress(), prefixLength));
    if (!masked.equals(network)) {
      throw new IllegalArgumentException("host bits of " + ClientAddress.canonical(network) + "/" + prefixLength
          + " are set; the network is " + ClientAddress.canonical(masked) + "/" + prefixLength);
    }
  }

  /**
   * Parses {@code address} or {@code address/prefix}, e.g. {@code 127.0.0.1}, {@code 10.0.0.0/8},
   * {@code ::1}, {@code fd00::/8}.
   *
   * @throws IllegalArgumentException naming the text and what is wrong with it
   */
  public static Cidr parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty CIDR: expected an IP address or address/prefix");
    }
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    try {
      if (slash < 0) {
        InetAddress address = parseAddress(trimmed);
        return new Cidr(address, address.getAddress().length * 8);
      }
      String prefix = trimmed.substring(slash + 1);
      if (!prefix.matches("\\d{1,3}")) {
        throw new IllegalArgumentException("prefix length '" + prefix + "' is not a number of bits");
      }
      return new Cidr(parseAddress(trimmed.substring(0, slash)), Integer.parseInt(prefix));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad CIDR '" + trimmed + "': " + e.getMessage(), e);
    }
  }

  /** The network of {@code prefixLength} bits that holds {@code address}, e.g. its IPv6 /64. */
  public static Cidr enclosing(InetAddress address, int prefixLength) {
    byte[] bytes = address.getAddress();
    if (prefixLength < 0 || prefixLength > bytes.length * 8) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " must be 0.." + bytes.length * 8);
    }
    return new Cidr(byAddress(mask(bytes, prefixLength)), prefixLength);
  }

  private static byte[] mask(byte[] bytes, int prefixLength) {
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.min(8, Math.max(0, prefixLength - i * 8));
      bytes[i] &= (byte) (0xFF00 >> keep);
    }
    return bytes;
  }

  /** True if {@code address} is of the same family and lies in this network. */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    byte[] n = network.getAddress();
    if (a.length != n.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != n[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    int mask = (0xFF00 >> rest) & 0xFF;
    return rest == 0 || (a[full] & mask) == (n[full] & mask);
  }

  @Override
  public String toString() {
    return ClientAddress.canonical(network) + "/" + prefixLength;
  }

  /**
   * An IP address literal: dotted-quad IPv4 (no leading zeros, no short forms such as
   * {@code 127.1}) or IPv6 (without brackets or zone). Host names are rejected, never resolved.
   *
   * @throws IllegalArgumentException if {@code text} is not such a literal
   */
  public static InetAddress parseAddress(String text) {
    InetAddress address = literalOrNull(text);
    if (address == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address literal"
          + " (host names, zones and short forms are not accepted)");
    }
    return address;
  }

  /** {@link #parseAddress}, with null for anything that is not a literal. */
  public static InetAddress literalOrNull(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    } else if (IPV4.matcher(text).matches()) {
      String[] parts = text.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        bytes[i] = (byte) Integer.parseInt(parts[i]);
      }
      return byAddress(bytes);
    } else if (text.indexOf(':') >= 0 && IPV6_CHARS.matcher(text).matches()
        && (text.charAt(0) == ':' || Character.digit(text.charAt(0), 16) >= 0)) {
      // Starting with a hex digit or ':' and holding a ':', InetAddress parses it as an IPv6
      // literal and throws if that fails; it never falls back to a DNS lookup.
      try {
        return withoutScope(InetAddress.getByName(text));
      } catch (UnknownHostException e) {
        return null;
      }
    }
    return null;
  }

  public static InetAddress withoutScope(InetAddress address) {
    return byAddress(address.getAddress());
  }

  private static InetAddress byAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes); // no lookup; maps ::ffff:a.b.c.d to IPv4
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
    }
  }
}
