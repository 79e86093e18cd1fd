package pl.kmzb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
  private static InetAddress ip(String text) {
    return Cidr.parseAddress(text);
  }

  @Test
  void parsesAddressesAndBlocks() {
    assertEquals("127.0.0.1/32", Cidr.parse("127.0.0.1").toString());
    assertEquals("10.0.0.0/8", Cidr.parse(" 10.0.0.0/8 ").toString());
    assertEquals("::1/128", Cidr.parse("::1").toString());
    assertEquals("fd00::/8", Cidr.parse("FD00::/8").toString());
    assertEquals("0.0.0.0/0", Cidr.parse("0.0.0.0/0").toString());
    assertEquals(8, Cidr.parse("10.0.0.0/8").prefixLength());
  }

  @Test
  void containsComparesThePrefixBits() {
    Cidr ten = Cidr.parse("10.0.0.0/8");
    assertTrue(ten.contains(ip("10.255.1.2")));
    assertFalse(ten.contains(ip("11.0.0.0")));
    Cidr odd = Cidr.parse("192.168.4.0/22");
    assertTrue(odd.contains(ip("192.168.7.255")));
    assertFalse(odd.contains(ip("192.168.8.0")));
    assertFalse(odd.contains(ip("192.168.3.255")));
    Cidr ula = Cidr.parse("fd00::/8");
    assertTrue(ula.contains(ip("fd12:3456::1")));
    assertFalse(ula.contains(ip("fe80::1")));
    assertFalse(ten.contains(ip("::ffff:b00:1")), "11.0.0.1 mapped");
    assertTrue(ten.contains(ip("::ffff:10.1.2.3")), "an IPv4-mapped address is the IPv4 address");
    assertFalse(Cidr.parse("::/0").contains(ip("10.0.0.1")), "families never match");
    assertTrue(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9")));
  }

  @Test
  void enclosingMasksTheHostBits() {
    assertEquals("2001:db8:1:2::/64", Cidr.enclosing(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 64).toString());
    assertEquals("192.168.0.0/16", Cidr.enclosing(ip("192.168.77.1"), 16).toString());
    assertEquals("192.168.76.0/23", Cidr.enclosing(ip("192.168.77.1"), 23).toString());
  }

  @Test
  void badInputIsRejectedWithAClearReason() {
    assertMessage("10.0.0.0/33", "bad CIDR '10.0.0.0/33': prefix length 33 must be 0..32 for IPv4");
    assertMessage("::/129", "bad CIDR '::/129': prefix length 129 must be 0..128 for IPv6");
    assertMessage("10.0.0.1/8", "bad CIDR '10.0.0.1/8': host bits of 10.0.0.1/8 are set; the network is 10.0.0.0/8");
    assertMessage("10.0.0.0/", "bad CIDR '10.0.0.0/': prefix length '' is not a number of bits");
    assertMessage("10.0.0.0/-1", "bad CIDR '10.0.0.0/-1': prefix length '-1' is not a number of bits");
    assertMessage("10.0.0.0/8/8", "bad CIDR '10.0.0.0/8/8': prefix length '8/8' is not a number of bits");
    assertMessage("proxy.local", "bad CIDR 'proxy.local': 'proxy.local' is not an IPv4 or IPv6 address literal"
        + " (host names, zones and short forms are not accepted)");
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse(""));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse(null));
    for (String bad : new String[] {
        "localhost", "256.0.0.1", "1.2.3", "127.1", "010.0.0.1", "1.2.3.4.5", "0x7f.0.0.1",
        "fe80::1%eth0", "fe80::1%1", "[::1]", "::1::2", "12345::", ":", "1.2.3.4 /8", "a:b:c:d:e:f:1:2:3"}) {
      assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
    }
  }

  @Test
  void addressesAreLiteralsOnly() {
    assertInstanceOf(Inet4Address.class, ip("::ffff:192.0.2.1"));
    assertEquals("192.0.2.1", ClientAddress.canonical(ip("::ffff:192.0.2.1")));
    assertEquals("2001:db8::1", ClientAddress.canonical(ip("2001:0DB8:0000:0000:0000:0000:0000:0001")));
    assertEquals(null, Cidr.literalOrNull("localhost"));
    assertEquals(null, Cidr.literalOrNull("example.com"));
    assertEquals(null, Cidr.literalOrNull("deadbeef")); // a hex-looking host name, no ':'
  }

  private static void assertMessage(String input, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Cidr.parse(input)).getMessage());
  }
}
