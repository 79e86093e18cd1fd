package pl.kmzb.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import pl.kmzb.report.Role;

/**
 * Police users and the hashes of their bearer tokens. Only hashes are stored: neither a password
 * nor a token can be read back from the database.
 */
public interface UserStore {
  /** What an update changes; a null component is left as it is. */
  record Changes(Role role, Set<String> areas, Boolean disabled, String passwordHash) {
    public static Changes none() {
      return new Changes(null, null, null, null);
    }

    public Changes withRole(Role value) {
      return new Changes(value, areas, disabled, passwordHash);
    }

    public Changes withAreas(Set<String> value) {
      return new Changes(role, value, disabled, passwordHash);
    }

    public Changes withDisabled(boolean value) {
      return new Changes(role, areas, value, passwordHash);
    }

    public Changes withPasswordHash(String value) {
      return new Changes(role, areas, disabled, value);
    }

    /** Hashes are never printed. */
    @Override
    public String toString() {
      return "Changes[role=" + role + ", areas=" + areas + ", disabled=" + disabled + ", password="
          + (passwordHash == null ? "unchanged" : "changed") + "]";
    }
  }

  /**
   * Creates an enabled user; the role and areas are checked as {@link User} checks them.
   *
   * @throws AuthException DUPLICATE_USERNAME if the username is taken
   */
  User create(String username, String passwordHash, Role role, Set<String> areas);

  Optional<User> find(String username);

  /** Every user, sorted by username. */
  List<User> list();

  /**
   * Applies the changes. Disabling, or changing the role, areas or password, revokes every token
   * of the user in the same transaction, so a changed scope never acts through an old token.
   *
   * @throws pl.kmzb.store.StoreException NOT_FOUND if there is no such user
   * @throws IllegalArgumentException if the resulting role and areas do not fit together
   * @throws AuthException LAST_ADMINISTRATOR if disabling or demoting the user would leave no enabled
   *     administrator; checked in the transaction that writes, so two administrators disabling each
   *     other at the same moment cannot both succeed
   */
  User update(String username, Changes changes);

  /** The stored PHC string, also for a disabled user; empty if there is no such user. */
  Optional<String> passwordHash(String username);

  /** A user with the PHC string stored for them; {@code toString} never shows the hash. */
  record Credential(User user, String passwordHash) {
    @Override
    public String toString() {
      return "Credential[user=" + user + ", passwordHash=(hidden)]";
    }
  }

  /**
   * The user and their stored PHC string, read together (one query where the store can), so a
   * cached HTTP Basic credential is re-checked against the current password and state cheaply.
   */
  default Optional<Credential> credential(String username) {
    Optional<User> user = find(username);
    Optional<String> hash = user.isEmpty() ? Optional.empty() : passwordHash(username);
    return hash.map(h -> new Credential(user.get(), h));
  }

  void storeToken(String tokenHash, String username, Instant createdAt, Instant expiresAt);

  /** The token's user if the token is known, not expired at {@code now}, and the user is enabled. */
  Optional<User> userForToken(String tokenHash, Instant now);

  /** True if the token existed. */
  boolean revokeToken(String tokenHash);

  /** Revokes every token of the user; returns how many there were. */
  int revokeTokens(String username);

  /** Deletes tokens that expired at or before {@code now}; returns how many. */
  int purgeExpiredTokens(Instant now);

  boolean anyEnabledAdministrator();
}
