package pl.kmzb.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import pl.kmzb.auth.AuthException;
import pl.kmzb.auth.User;
import pl.kmzb.auth.UserStore;
import pl.kmzb.auth.UserStore.Credential;
import pl.kmzb.report.Role;

/**
 * Users and token hashes in the report store's database (tables {@code app_user} and
 * {@code api_token}), through the store's pool and its time encoding, so it works on both stores.
 * Areas are stored comma-separated in sorted order.
 */
public final class JdbcUserStore implements UserStore {
  private static final String SELECT_USER =
      "SELECT username, role, areas, disabled, created_at, updated_at FROM app_user";

  private final JdbcReportStore db;

  private JdbcUserStore(JdbcReportStore db) {
    this.db = db;
  }

  /** The users kept beside the reports of {@code store} (embedded or PostGIS). */
  public static UserStore of(ReportStore store) {
    if (!(store instanceof JdbcReportStore jdbc)) {
      throw new IllegalArgumentException("users need a JDBC report store, not " + store.getClass().getName());
    }
    return new JdbcUserStore(jdbc);
  }

  @Override
  public User create(String username, String passwordHash, Role role, Set<String> areas) {
    Objects.requireNonNull(passwordHash, "passwordHash");
    // Stored timestamps have millisecond precision on SQLite: keep both stores equal.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    User user = new User(username, role, areas, false, now, now);
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (username, password_hash, role, areas,"
          + " disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
        ps.setString(1, user.username());
        ps.setString(2, passwordHash);
        ps.setString(3, User.roleCode(role));
        ps.setString(4, joinAreas(user.areas()));
        ps.setBoolean(5, false);
        db.setInstant(ps, 6, now);
        db.setInstant(ps, 7, now);
        if (ps.executeUpdate() == 0) {
          throw new AuthException(AuthException.Reason.DUPLICATE_USERNAME,
              "a user named '" + username + "' already exists");
        }
      }
      return user;
    });
  }

  @Override
  public Optional<User> find(String username) {
    return db.withConnection(c -> findIn(c, username, ""));
  }

  private Optional<User> findIn(Connection c, String username, String suffix) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT_USER + " WHERE username = ?" + suffix)) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  @Override
  public List<User> list() {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT_USER + " ORDER BY username");
          ResultSet rs = ps.executeQuery()) {
        List<User> out = new ArrayList<>();
        while (rs.next()) {
          out.add(read(rs));
        }
        return out;
      }
    });
  }

  @Override
  public User update(String username, Changes changes) {
    Objects.requireNonNull(changes, "changes");
    boolean mayRemoveAdministrator = Boolean.TRUE.equals(changes.disabled())
        || (changes.role() != null && changes.role() != Role.ADMINISTRATOR);
    return db.inTransaction(c -> {
      // Locked before the user's own row, always in username order, so two such updates queue
      // instead of deadlocking; the one that waited sees the other's commit.
      List<String> administrators = mayRemoveAdministrator ? lockEnabledAdministrators(c) : List.of();
      User current = findIn(c, username, db.forUpdate())
          .orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND, "no user named '" + username + "'"));
      boolean anything = changes.role() != null || changes.areas() != null || changes.disabled() != null
          || changes.passwordHash() != null;
      if (!anything) {
        return current;
      }
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      User next = new User(current.username(),
          changes.role() == null ? current.role() : changes.role(),
          changes.areas() == null ? current.areas() : changes.areas(),
          changes.disabled() == null ? current.disabled() : changes.disabled(),
          current.createdAt(), now);
      boolean losesAdministrator = isEnabledAdministrator(current) && !isEnabledAdministrator(next);
      if (losesAdministrator && administrators.stream().allMatch(username::equals)) {
        throw new AuthException(AuthException.Reason.LAST_ADMINISTRATOR, "'" + username
            + "' is the last enabled administrator; create or enable another administrator first");
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET role = ?, areas = ?, disabled = ?,"
          + " password_hash = coalesce(?, password_hash), updated_at = ? WHERE username = ?")) {
        ps.setString(1, User.roleCode(next.role()));
        ps.setString(2, joinAreas(next.areas()));
        ps.setBoolean(3, next.disabled());
        ps.setString(4, changes.passwordHash());
        db.setInstant(ps, 5, now);
        ps.setString(6, username);
        ps.executeUpdate();
      }
      boolean rescoped = next.role() != current.role() || !next.areas().equals(current.areas());
      if (rescoped) {
        // A hand-set scope replaces the unit's: the user no longer follows the unit's areas.
        try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET police_unit = NULL WHERE username = ?")) {
          ps.setString(1, username);
          ps.executeUpdate();
        }
      }
      boolean revoke = (next.disabled() && !current.disabled()) || rescoped || changes.passwordHash() != null;
      if (revoke) {
        revokeTokensIn(c, username);
      }
      return next;
    });
  }

  /**
   * The enabled administrators, each row locked until the transaction ends. PostGIS: {@code FOR
   * UPDATE} waits for a concurrent writer and then re-checks the row, so an administrator another
   * transaction has just disabled drops out. SQLite: the IMMEDIATE transaction already holds the
   * only write lock, so no other writer runs between this read and the commit.
   */
  private List<String> lockEnabledAdministrators(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT username FROM app_user WHERE role = ? AND disabled = ?"
        + " ORDER BY username" + db.forUpdate())) {
      ps.setString(1, User.roleCode(Role.ADMINISTRATOR));
      ps.setBoolean(2, false);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1));
        }
        return out;
      }
    }
  }

  private static boolean isEnabledAdministrator(User u) {
    return u.role() == Role.ADMINISTRATOR && !u.disabled();
  }

  @Override
  public Optional<String> passwordHash(String username) {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM app_user WHERE username = ?")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public Optional<Credential> credential(String username) {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT username, role, areas, disabled, created_at, updated_at, password_hash FROM app_user WHERE username = ?")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Credential(read(rs), rs.getString("password_hash"))) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void storeToken(String tokenHash, String username, Instant createdAt, Instant expiresAt) {
    db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO api_token (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)")) {
        ps.setString(1, tokenHash);
        ps.setString(2, username);
        db.setInstant(ps, 3, createdAt);
        db.setInstant(ps, 4, expiresAt);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<User> userForToken(String tokenHash, Instant now) {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT u.username, u.role, u.areas, u.disabled, u.created_at,"
          + " u.updated_at FROM api_token t JOIN app_user u ON u.username = t.username"
          + " WHERE t.token_hash = ? AND t.expires_at > ? AND u.disabled = ?")) {
        ps.setString(1, tokenHash);
        db.setInstant(ps, 2, now);
        ps.setBoolean(3, false);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean revokeToken(String tokenHash) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE token_hash = ?")) {
        ps.setString(1, tokenHash);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public int revokeTokens(String username) {
    return db.inTransaction(c -> revokeTokensIn(c, username));
  }

  private static int revokeTokensIn(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE username = ?")) {
      ps.setString(1, username);
      return ps.executeUpdate();
    }
  }

  @Override
  public int purgeExpiredTokens(Instant now) {
    return db.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE expires_at <= ?")) {
        db.setInstant(ps, 1, now);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public boolean anyEnabledAdministrator() {
    return db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 1 FROM app_user WHERE role = ? AND disabled = ? LIMIT 1")) {
        ps.setString(1, User.roleCode(Role.ADMINISTRATOR));
        ps.setBoolean(2, false);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  private User read(ResultSet rs) throws SQLException {
    return new User(rs.getString("username"), User.parseRole(rs.getString("role")), splitAreas(rs.getString("areas")),
        rs.getBoolean("disabled"), db.getInstant(rs, "created_at"), db.getInstant(rs, "updated_at"));
  }

  static String joinAreas(Set<String> areas) {
    return areas.stream().sorted().collect(Collectors.joining(","));
  }

  static Set<String> splitAreas(String stored) {
    if (stored == null || stored.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(Arrays.asList(stored.split(",")));
  }
}
