package pl.kmzb.ingest;

import java.net.Inet4Address;
import java.net.InetAddress;
import pl.kmzb.http.Cidr;
import pl.kmzb.http.ClientAddress;

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
    Cidr group = ClientAddress.group(sender, ipv6Prefix);
    return group.network() instanceof Inet4Address ? ClientAddress.canonical(group.network()) : group.toString();
  }
}
