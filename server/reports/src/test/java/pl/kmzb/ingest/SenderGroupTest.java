package pl.kmzb.ingest;

import pl.kmzb.http.Cidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class SenderGroupTest {
  private static InetAddress ip(String literal) {
    return Cidr.literalOrNull(literal);
  }

  @Test
  void ipv6IsGroupedByItsPrefix() {
    SenderGroup slash64 = new SenderGroup(64);
    assertEquals("2001:db8:1:2::/64", slash64.keyOf(ip("2001:db8:1:2::1")));
    assertEquals("2001:db8:1:2::/64", slash64.keyOf(ip("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")));
    assertNotEquals(slash64.keyOf(ip("2001:db8:1:2::1")), slash64.keyOf(ip("2001:db8:1:3::1")));
    assertEquals("2001:db8:1::/48", new SenderGroup(48).keyOf(ip("2001:db8:1:2::1")));
    assertEquals("2001:db8:1:200::/56", new SenderGroup(56).keyOf(ip("2001:db8:1:2ff::1")));
    assertEquals("2001:db8:1:200::/55", new SenderGroup(55).keyOf(ip("2001:db8:1:3ff::1")));
    assertEquals("2001:db8::1/128", new SenderGroup(128).keyOf(ip("2001:db8::1")));
  }

  @Test
  void ipv4AndMappedIpv4AreCountedPerAddress() {
    SenderGroup g = new SenderGroup(64);
    assertEquals("198.51.100.7", g.keyOf(ip("198.51.100.7")));
    assertEquals("198.51.100.7", g.keyOf(ip("::ffff:198.51.100.7")));
    assertEquals("198.51.100.7", g.keyOf(ip("::ffff:c633:6407")));
  }

  @Test
  void prefixLengthIsChecked() {
    assertThrows(IllegalArgumentException.class, () -> new SenderGroup(8));
    assertThrows(IllegalArgumentException.class, () -> new SenderGroup(129));
  }
}
