package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class BasicCredentialsTest {
  static String encode(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesUserAndPasswordAsUtf8WithColonsInThePassword() {
    BasicCredentials c = BasicCredentials.decode(encode("jan:zażółć:gęślą"));
    assertEquals("jan", c.username());
    assertArrayEquals("zażółć:gęślą".toCharArray(), c.password());
    assertFalse(c.toString().contains("zażółć"));
    c.wipe();
    assertArrayEquals(new char[c.password().length], c.password());
    assertEquals(0, BasicCredentials.decode(encode("jan:")).password().length);
  }

  @Test
  void refusesMalformedCredentials() {
    for (String bad : new String[] {"", "not base64!", encode("no-colon"), encode(":password"),
        Base64.getEncoder().encodeToString(new byte[] {'j', ':', (byte) 0xC3}), "A".repeat(BasicCredentials.MAX_ENCODED + 4)}) {
      assertThrows(IllegalArgumentException.class, () -> BasicCredentials.decode(bad), bad);
    }
  }
}
