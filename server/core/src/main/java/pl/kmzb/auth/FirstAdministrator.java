package pl.kmzb.auth;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import pl.kmzb.report.Role;

/**
 * The first administrator comes from configuration: at start, if no enabled administrator exists,
 * one is created (or an existing user of that name is restored to an enabled administrator with
 * the configured password). With no configured password a random one is generated and logged
 * once, at WARN, to be changed at once; a configured password is never logged.
 */
public final class FirstAdministrator {
  static final int GENERATED_LENGTH = 20;
  /** No look-alike characters (0/O, 1/l/I), so the logged password can be typed from a screen. */
  private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private FirstAdministrator() {}

  /**
   * Ensures an enabled administrator exists; returns the username created or restored, or empty if
   * one already existed.
   *
   * @throws IllegalArgumentException if the configured username or password is not acceptable
   */
  public static Optional<String> ensure(UserStore users, String username, String password, Logger log) {
    if (users.anyEnabledAdministrator()) {
      return Optional.empty();
    }
    boolean generated = password == null || password.isEmpty();
    String effective = generated ? generate() : password;
    String hash;
    try {
      User.checkUsername(username);
      hash = Passwords.hash(effective);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the configured first administrator is not acceptable: " + e.getMessage(), e);
    }
    boolean exists = users.find(username).isPresent();
    if (exists) {
      users.update(username, UserStore.Changes.none().withRole(Role.ADMINISTRATOR).withAreas(Set.of())
          .withDisabled(false).withPasswordHash(hash));
    } else {
      users.create(username, hash, Role.ADMINISTRATOR, Set.of());
    }
    String what = exists ? "restored user '" + username + "' as an enabled administrator"
        : "created the first administrator '" + username + "'";
    if (generated) {
      log.warn("No enabled administrator existed: {} with the generated password {} -- log in and change it now"
          + " (PATCH /api/users/{}), or set a password in the configuration.", what, effective, username);
    } else {
      log.info("No enabled administrator existed: {} with the configured password.", what);
    }
    return Optional.of(username);
  }

  static String generate() {
    StringBuilder sb = new StringBuilder(GENERATED_LENGTH);
    for (int i = 0; i < GENERATED_LENGTH; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
