package pl.kmzb.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Bearer tokens: 32 random bytes, base64url without padding (43 characters). The database keeps
 * only their SHA-256 (hex): the token has 256 bits of entropy, so a fast hash is enough and a
 * leaked table grants no access. Tokens are never logged.
 */
public final class Tokens {
  static final int BYTES = 32;
  /** Length of a token: 32 bytes in base64url without padding. */
  public static final int LENGTH = 43;
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  /** A new random token, to be given to the client once. */
  public static String generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }

  /** What the store keeps for a token: SHA-256 as 64 lower-case hex digits. */
  public static String hash(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** True if the string has the shape of a token this server issues (says nothing about validity). */
  public static boolean wellFormed(String token) {
    return token != null && FORMAT.matcher(token).matches();
  }
}
