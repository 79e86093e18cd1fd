package pl.kmzb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private final ClientAddress proxies = ClientAddress.parse(List.of("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"));

  private String resolve(String peer, String forwardedFor) {
    return ClientAddress.canonical(proxies.resolve(Cidr.parseAddress(peer), forwardedFor));
  }

  @Test
  void anUntrustedPeerIsTheClientWhateverItForwards() {
    assertEquals("203.0.113.7", resolve("203.0.113.7", "198.51.100.1"));
    assertEquals("203.0.113.7", resolve("203.0.113.7", "127.0.0.1"));
    assertEquals("203.0.113.7", resolve("203.0.113.7", null));
    assertEquals("2001:db8::7", resolve("2001:db8::7", "10.0.0.1, 198.51.100.1"));
    assertEquals("11.0.0.1", resolve("11.0.0.1", "1.2.3.4"), "just outside 10.0.0.0/8");
  }

  @Test
  void aTrustedPeerWithoutHeaderIsTheClient() {
    assertEquals("127.0.0.1", resolve("127.0.0.1", null));
    assertEquals("127.0.0.1", resolve("127.0.0.1", ""));
    assertEquals("127.0.0.1", proxies.resolve(Cidr.parseAddress("127.0.0.1"), List.of()).getHostAddress());
  }

  @Test
  void aTrustedPeerForwardsTheClient() {
    assertEquals("198.51.100.1", resolve("127.0.0.1", "198.51.100.1"));
    assertEquals("198.51.100.1", resolve("10.1.2.3", " 198.51.100.1 "));
  }

  @Test
  void theWalkGoesFromTheRightAndIgnoresWhatTheClientWrote() {
    // The client forged 6.6.6.6 and 10.9.9.9; our proxies appended 198.51.100.1 and 10.0.0.5.
    assertEquals("198.51.100.1", resolve("127.0.0.1", "6.6.6.6, 10.9.9.9, 198.51.100.1, 10.0.0.5"));
    assertEquals("198.51.100.1", resolve("127.0.0.1", "127.0.0.1,198.51.100.1,10.0.0.5,127.0.0.1"));
  }

  @Test
  void severalHeaderLinesAreOneList() {
    InetAddress peer = Cidr.parseAddress("127.0.0.1");
    assertEquals("198.51.100.1", ClientAddress.canonical(
        proxies.resolve(peer, List.of("6.6.6.6, 198.51.100.1", "10.0.0.5"))));
    assertEquals("6.6.6.6", ClientAddress.canonical(proxies.resolve(peer, List.of("6.6.6.6", "10.0.0.5"))));
  }

  @Test
  void whenAllAreTrustedTheLeftMostIsTheClient() {
    assertEquals("10.0.0.1", resolve("127.0.0.1", "10.0.0.1, 10.0.0.2"));
    assertEquals("fd00::2", resolve("::1", "fd00::2, fd00::3"));
  }

  @Test
  void aMalformedEntryEndsTheWalkAtTheLastGoodAddress() {
    assertEquals("10.0.0.2", resolve("127.0.0.1", "198.51.100.1, garbage, 10.0.0.2"));
    assertEquals("127.0.0.1", resolve("127.0.0.1", "198.51.100.1, unknown"));
    assertEquals("127.0.0.1", resolve("127.0.0.1", "evil.example.com"));
    assertEquals("127.0.0.1", resolve("127.0.0.1", "localhost"));
    assertEquals("127.0.0.1", resolve("127.0.0.1", "198.51.100.1,"));
    assertEquals("10.0.0.2", resolve("127.0.0.1", ",10.0.0.2"));
    assertEquals("10.0.0.2", resolve("127.0.0.1", "198.51.100.1,,10.0.0.2"));
    assertEquals("127.0.0.1", resolve("127.0.0.1", "1.2.3.4:99999"));
    assertEquals("127.0.0.1", resolve("127.0.0.1", "[1.2.3.4]"));
    assertEquals("127.0.0.1", resolve("127.0.0.1", "[2001:db8::1"));
  }

  @Test
  void entriesMayCarryPorts() {
    assertEquals("198.51.100.1", resolve("127.0.0.1", "198.51.100.1:51234"));
    assertEquals("2001:db8::1", resolve("127.0.0.1", "[2001:db8::1]:443"));
    assertEquals("2001:db8::1", resolve("127.0.0.1", "[2001:db8::1]"));
  }

  @Test
  void ipv6IsNormalised() {
    assertEquals("2001:db8::1", resolve("::1", "2001:DB8:0:0:0:0:0:1"));
    assertEquals("2001:db8::1", resolve("fd12::1", "2001:0db8::0001"));
    assertEquals("198.51.100.1", resolve("::1", "::ffff:198.51.100.1"));
    assertEquals("::1", resolve("0:0:0:0:0:0:0:1", null));
  }

  @Test
  void thePeerLosesItsZoneAndMappedForm() throws UnknownHostException {
    byte[] linkLocal = Cidr.parseAddress("fe80::1").getAddress();
    InetAddress scoped = Inet6Address.getByAddress(null, linkLocal, 1);
    assertEquals("fe80::1", ClientAddress.canonical(proxies.resolve(scoped, "198.51.100.1")));
    InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1});
    assertEquals("198.51.100.1", ClientAddress.canonical(proxies.resolve(mapped, "198.51.100.1")));
  }

  @Test
  void trustIsByAddressAndBlock() {
    assertTrue(proxies.isTrusted(Cidr.parseAddress("10.200.0.1")));
    assertTrue(proxies.isTrusted(Cidr.parseAddress("fdff::1")));
    assertFalse(proxies.isTrusted(Cidr.parseAddress("127.0.0.2")));
    assertFalse(proxies.isTrusted(Cidr.parseAddress("::2")));
    assertEquals(4, proxies.trustedProxies().size());
    assertEquals("203.0.113.7", ClientAddress.canonical(
        new ClientAddress(List.of()).resolve(Cidr.parseAddress("203.0.113.7"), "1.2.3.4")));
  }

  @Test
  void badTrustedProxiesAreAllNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClientAddress.parse(List.of("10.0.0.0/8", "proxy.local", "10.0.0.1/8")));
    assertTrue(e.getMessage().startsWith("trusted proxies: bad CIDR 'proxy.local': "), e.getMessage());
    assertTrue(e.getMessage().contains("; bad CIDR '10.0.0.1/8': host bits"), e.getMessage());
  }

  @Test
  void canonicalFollowsRfc5952() {
    assertEquals("2001:db8::1:0:0:1", canonical("2001:db8:0:0:1:0:0:1"));
    assertEquals("2001:db8::2:1", canonical("2001:0db8:0:0:0:0:2:1"));
    assertEquals("2001:db8:0:1:1:1:1:1", canonical("2001:db8:0:1:1:1:1:1"));
    assertEquals("2001:0:0:1::1", canonical("2001:0:0:1:0:0:0:1"));
    assertEquals("::", canonical("0:0:0:0:0:0:0:0"));
    assertEquals("1::", canonical("1:0:0:0:0:0:0:0"));
    assertEquals("::1:0:0:0:1", canonical("0:0:0:1:0:0:0:1"));
    assertEquals("1:2:3:4:5:6:7:8", canonical("1:2:3:4:5:6:7:8"));
    assertEquals("192.0.2.255", canonical("192.0.2.255"));
  }

  private static String canonical(String text) {
    return ClientAddress.canonical(Cidr.parseAddress(text));
  }
}
