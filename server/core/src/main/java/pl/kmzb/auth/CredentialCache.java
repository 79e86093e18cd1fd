package pl.kmzb.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic credentials verified recently, so a map client that sends its password with every
 * request pays one Argon2 verification per {@code ttl}, not one per tile. Keyed by an HMAC of the
 * header under a key drawn at start and never stored, so neither the password nor anything a
 * guesser could test offline is held; the value is the username and the PHC string the password
 * was verified against, which the caller compares with the stored one on every hit (a changed
 * password or a disabled user is never served from here). Only verified credentials are put in.
 */
final class CredentialCache {
  /** A credential that passed verification against {@code passwordHash}. */
  record Verified(String username, String passwordHash) {
    @Override
    public String toString() {
      return "Verified[username=" + username + ", passwordHash=(hidden)]";
    }
  }

  static final long MAX_ENTRIES = 10_000;

  private final SecretKeySpec key;
  private final Cache<ByteBuffer, Verified> cache;

  CredentialCache(Duration ttl, Clock clock) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES)
        .ticker(ticker(clock)).executor(Runnable::run).build();
  }

  /** The cache's time follows the authenticator's clock, so tests can move it. */
  private static Ticker ticker(Clock clock) {
    return () -> {
      java.time.Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }

  /** The key of a Basic credential: HMAC-SHA256 of its encoded form. */
  ByteBuffer keyOf(String encodedCredentials) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return ByteBuffer.wrap(mac.doFinal(encodedCredentials.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  Verified get(ByteBuffer key) {
    return cache.getIfPresent(key);
  }

  void put(ByteBuffer key, Verified verified) {
    cache.put(key, verified);
  }

  void invalidate(ByteBuffer key) {
    cache.invalidate(key);
  }

  /** Drops every entry of a user (a local password change or disabling; other changes are caught on hit). */
  void invalidateUser(String username) {
    cache.asMap().values().removeIf(v -> v.username().equals(username));
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
