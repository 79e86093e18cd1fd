package pl.kmzb.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The username and password of an {@code Authorization: Basic} header (RFC 7617), decoded as UTF-8.
 * The password stays a char array so it can be wiped after the check; {@code toString} hides it.
 */
record BasicCredentials(String username, char[] password) {
  /** Longer headers are refused unread: a username plus a password of at most 1,024 characters fit. */
  static final int MAX_ENCODED = 8 * 1024;

  /**
   * Decodes the part after "Basic ".
   *
   * @throws IllegalArgumentException if it is not base64 of UTF-8 "user:password" with a non-empty user
   */
  static BasicCredentials decode(String encoded) {
    if (encoded.isEmpty() || encoded.length() > MAX_ENCODED) {
      throw new IllegalArgumentException("the Basic credentials are empty or too long");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the Basic credentials are not base64");
    }
    char[] text;
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
      text = new char[chars.remaining()];
      chars.get(text);
      Arrays.fill(chars.array(), '\0');
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the Basic credentials are not UTF-8");
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
    int colon = indexOf(text, ':');
    if (colon <= 0) {
      Arrays.fill(text, '\0');
      throw new IllegalArgumentException("the Basic credentials must be 'username:password'");
    }
    String username = new String(text, 0, colon);
    char[] password = Arrays.copyOfRange(text, colon + 1, text.length);
    Arrays.fill(text, '\0');
    return new BasicCredentials(username, password);
  }

  private static int indexOf(char[] text, char c) {
    for (int i = 0; i < text.length; i++) {
      if (text[i] == c) {
        return i;
      }
    }
    return -1;
  }

  void wipe() {
    Arrays.fill(password, '\0');
  }

  @Override
  public String toString() {
    return "BasicCredentials[username=" + username + ", password=(hidden)]";
  }
}
