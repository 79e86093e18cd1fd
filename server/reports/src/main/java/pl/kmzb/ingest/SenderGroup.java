package pl.kmzb.ingest;

import pl.kmzb.http.Cidr;
import pl.kmzb.http.ClientAddress;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The group of addresses the citizen limit counts together. IPv4 senders are counted per address
 * (an IPv4-mapped IPv6 address is the IPv4 address it maps). IPv6 senders are counted per network
 * prefix of {@code ipv6Prefix} bits: a home or a phone is given a whole /64, so counting single
 * addresses would give one person 2^64 allowances.
 *
 * <p>The key of an IPv6 group is the prefix in canonical text with its length, e.g.
 * {@code 2001:db8:1:2::/64}; with the length in the key, a changed setting starts new groups rather
 * than mixing prefixes of two lengths.
 */
public record SenderGroup(int ipv6Prefix) {
  public SenderGroup {
    if (ipv6Prefix < 16 || ipv6Prefix > 128) {
      throw new IllegalArgumentException("an IPv6 prefix for the citizen limit must be 16-128 bits, not " + ipv6Prefix);
    }
  }

  /** The group key of this sender, as stored with its reports and counted by the limit. */
  public String keyOf(InetAddress sender) {
    InetAddress address = Cidr.withoutScope(sender); // maps ::ffff:a.b.c.d to IPv4
    if (address instanceof Inet4Address) {
      return ClientAddress.canonical(address);
    }
    byte[] bytes = address.getAddress();
    for (int bit = ipv6Prefix; bit < 128; bit++) {
      bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return ClientAddress.canonical(bytesToAddress(bytes)) + "/" + ipv6Prefix;
  }

  private static InetAddress bytesToAddress(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
    }
  }
}
