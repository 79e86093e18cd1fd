package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void tokenIs32RandomBytesInBase64UrlWithoutPadding() {
    String token = Tokens.generate();
    assertEquals(43, token.length());
    assertTrue(token.matches("[A-Za-z0-9_-]{43}"), token);
    assertEquals(32, Base64.getUrlDecoder().decode(token).length);
    assertTrue(Tokens.wellFormed(token));
  }

  @Test
  void hashIsSha256Hex() {
    // SHA-256 of "abc" from FIPS 180-2, appendix B.1.
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.hash("abc"));
    String token = Tokens.generate();
    String hash = Tokens.hash(token);
    assertEquals(64, hash.length());
    assertTrue(hash.matches("[0-9a-f]{64}"), hash);
    assertEquals(hash, Tokens.hash(token));
    assertNotEquals(hash, Tokens.hash(Tokens.generate()));
  }

  @Test
  void tokensAreUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(seen.add(Tokens.generate()));
    }
  }

  @Test
  void wellFormedRejectsOtherShapes() {
    assertFalse(Tokens.wellFormed(null));
    assertFalse(Tokens.wellFormed(""));
    assertFalse(Tokens.wellFormed("a".repeat(42)));
    assertFalse(Tokens.wellFormed("a".repeat(44)));
    assertFalse(Tokens.wellFormed("a".repeat(42) + "="));
    assertFalse(Tokens.wellFormed("a".repeat(42) + "+"));
    assertTrue(Tokens.wellFormed("a".repeat(41) + "-_"));
  }
}
