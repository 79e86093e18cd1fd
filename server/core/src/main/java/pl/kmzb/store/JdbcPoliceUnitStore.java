package pl.kmzb.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import pl.kmzb.auth.User;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Role;
import pl.kmzb.unit.PoliceUnit;
import pl.kmzb.unit.PoliceUnitException;
import pl.kmzb.unit.PoliceUnitStore;
import pl.kmzb.unit.UnitType;

/**
 * Police units in the {@code police_unit} table and users' units in {@code app_user.police_unit},
 * on either store. Areas are stored comma-separated in sorted order, as users' areas are. References
 * are checked here (SQLite does not enforce foreign keys); on PostGIS every write first locks the
 * unit rows it depends on, so an import and an assignment can never interleave.
 */
public final class JdbcPoliceUnitStore implements PoliceUnitStore {
  private final JdbcReportStore db;
  private final boolean postgis;

  private JdbcPoliceUnitStore(JdbcReportStore db) {
    this.db = db;
    this.postgis = db instanceof PostgisReportStore;
  }

  /** The police units kept beside the reports of {@code store} (embedded or PostGIS). */
  public static PoliceUnitStore of(ReportStore store) {
    if (!(store instanceof JdbcReportStore jdbc)) {
      throw new IllegalArgumentException("police units need a JDBC report store, not " + store.getClass().getName());
    }
    return new JdbcPoliceUnitStore(jdbc);
  }

  private String select() {
    return "SELECT code, name, type, " + (postgis ? "ST_X(geom) AS lon, ST_Y(geom) AS lat" : "lon, lat")
        + ", areas FROM police_unit";
  }

  private record Member(String username, Role role, String unit, String areas) {}

  @Override
  public Replaced replaceAll(List<PoliceUnit> units) {
    Map<String, PoliceUnit> wanted = new LinkedHashMap<>();
    for (PoliceUnit u : units) {
      if (wanted.putIfAbsent(u.code(), u) != null) {
        throw new IllegalArgumentException("police unit code " + u.code() + " appears twice");
      }
    }
    return db.inTransaction(c -> {
      Map<String, PoliceUnit> current = new HashMap<>();
      for (PoliceUnit u : query(c, select() + " ORDER BY code" + db.forUpdate(), null)) {
        current.put(u.code(), u);
      }
      List<Member> members = members(c);
      List<String> problems = new ArrayList<>();
      for (Member m : members) {
        PoliceUnit next = wanted.get(m.unit());
        if (next == null) {
          problems.add("police unit " + m.unit() + " (" + current.get(m.unit()).name() + ") is not in the new set,"
              + " but user '" + m.username() + "' is assigned to it; assign the user to another unit first");
        } else if (!next.equals(current.get(m.unit()))) {
          next.problemFor(m.role()).ifPresent(p -> problems.add("user '" + m.username() + "' ("
              + User.roleCode(m.role()) + ") is assigned to " + m.unit() + ", which would change: " + p));
        }
      }
      if (!problems.isEmpty()) {
        throw new PoliceUnitException(PoliceUnitException.Reason.CONFLICT,
            "police units not replaced: the new set clashes with assigned users; nothing was changed", problems);
      }
      int added = 0;
      int updated = 0;
      int removed = 0;
      int unchanged = 0;
      List<PoliceUnit> toInsert = new ArrayList<>();
      List<PoliceUnit> toUpdate = new ArrayList<>();
      for (PoliceUnit u : wanted.values()) {
        PoliceUnit old = current.get(u.code());
        if (old == null) {
          toInsert.add(u);
        } else if (!old.equals(u)) {
          toUpdate.add(u);
        } else {
          unchanged++;
        }
      }
      List<String> gone = current.keySet().stream().filter(code -> !wanted.containsKey(code)).sorted().toList();
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM police_unit WHERE code = ?")) {
        for (String code : gone) {
          ps.setString(1, code);
          removed += ps.executeUpdate();
        }
      }
      String point = postgis ? "ST_SetSRID(ST_MakePoint(?, ?), 4326)" : "?, ?";
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO police_unit (code, name, type, "
          + (postgis ? "geom" : "lon, lat") + ", areas) VALUES (?, ?, ?, " + point + ", ?)")) {
        for (PoliceUnit u : toInsert) {
          ps.setString(1, u.code());
          ps.setString(2, u.name());
          ps.setString(3, u.type().name());
          ps.setDouble(4, u.location().lon());
          ps.setDouble(5, u.location().lat());
          ps.setString(6, join(u));
          ps.addBatch();
        }
        if (!toInsert.isEmpty()) {
          ps.executeBatch();
        }
        added = toInsert.size();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE police_unit SET name = ?, type = ?, "
          + (postgis ? "geom = ST_SetSRID(ST_MakePoint(?, ?), 4326)" : "lon = ?, lat = ?")
          + ", areas = ? WHERE code = ?")) {
        for (PoliceUnit u : toUpdate) {
          ps.setString(1, u.name());
          ps.setString(2, u.type().name());
          ps.setDouble(3, u.location().lon());
          ps.setDouble(4, u.location().lat());
          ps.setString(5, join(u));
          ps.setString(6, u.code());
          updated += ps.executeUpdate();
        }
      }
      if (added + updated + removed > 0) {
        ReferenceVersions.bump(c, ReferenceVersions.POLICE_UNITS);
      }
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      TreeSet<String> rescoped = new TreeSet<>();
      for (Member m : members) {
        // Scope follows the unit: only users of a unit whose areas changed are re-scoped.
        PoliceUnit next = wanted.get(m.unit());
        if (!next.areas().equals(current.get(m.unit()).areas())) {
          String areas = join(next);
          setUnit(c, m.username(), m.unit(), areas, !areas.equals(m.areas()), now);
          rescoped.add(m.username());
        }
      }
      return new Replaced(added, updated, removed, unchanged, List.copyOf(rescoped));
    });
  }

  @Override
  public List<PoliceUnit> all() {
    return db.withConnection(c -> query(c, select() + " ORDER BY code", null));
  }

  @Override
  public Optional<PoliceUnit> find(String code) {
    return db.withConnection(c -> findIn(c, code, ""));
  }

  private Optional<PoliceUnit> findIn(Connection c, String code, String suffix) throws SQLException {
    return query(c, select() + " WHERE code = ?" + suffix, code).stream().findFirst();
  }

  @Override
  public User assignUser(String username, String unitCode) {
    return db.inTransaction(c -> {
      PoliceUnit unit = findIn(c, unitCode, db.forUpdate()).orElseThrow(() ->
          new StoreException(StoreException.Reason.NOT_FOUND, "no police unit with code '" + unitCode + "'"));
      Locked locked = lockUser(c, username);
      User user = locked.user();
      Optional<String> problem = unit.problemFor(user.role());
      if (problem.isPresent()) {
        throw new PoliceUnitException(PoliceUnitException.Reason.NOT_ASSIGNABLE,
            "user '" + username + "' cannot be assigned to police unit " + unitCode, List.of(problem.get()));
      }
      boolean areasChanged = !user.areas().equals(unit.areas());
      if (!areasChanged && unitCode.equals(locked.unit())) {
        return user;
      }
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      setUnit(c, username, unitCode, join(unit), areasChanged, now);
      return new User(username, user.role(), unit.areas(), user.disabled(), user.createdAt(), now);
    });
  }

  @Override
  public boolean unassignUser(String username) {
    return db.inTransaction(c -> {
      lockUser(c, username);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE app_user SET police_unit = NULL WHERE username = ? AND police_unit IS NOT NULL")) {
        ps.setString(1, username);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<PoliceUnit> unitOf(String username) {
    return db.withConnection(c -> query(c, select()
        + " WHERE code = (SELECT police_unit FROM app_user WHERE username = ?)", username).stream().findFirst());
  }

  private record Locked(User user, String unit) {}

  private Locked lockUser(Connection c, String username) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT username, role, areas, disabled, created_at, updated_at,"
        + " police_unit FROM app_user WHERE username = ?" + db.forUpdate())) {
      ps.setString(1, username);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StoreException(StoreException.Reason.NOT_FOUND, "no user named '" + username + "'");
        }
        return new Locked(new User(rs.getString("username"), User.parseRole(rs.getString("role")),
            JdbcUserStore.splitAreas(rs.getString("areas")), rs.getBoolean("disabled"),
            db.getInstant(rs, "created_at"), db.getInstant(rs, "updated_at")), rs.getString("police_unit"));
      }
    }
  }

  /**
   * Sets the user's unit and areas. When the areas change, the user's tokens are revoked, as for
   * any change of scope through the user store, so a changed scope never acts through an old token.
   */
  private void setUnit(Connection c, String username, String unit, String areas, boolean areasChanged, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE app_user SET police_unit = ?, areas = ?, updated_at = ? WHERE username = ?")) {
      ps.setString(1, unit);
      ps.setString(2, areas);
      db.setInstant(ps, 3, now);
      ps.setString(4, username);
      ps.executeUpdate();
    }
    if (areasChanged) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM api_token WHERE username = ?")) {
        ps.setString(1, username);
        ps.executeUpdate();
      }
    }
  }

  private List<Member> members(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT username, role, police_unit, areas FROM app_user"
        + " WHERE police_unit IS NOT NULL ORDER BY username" + db.forUpdate());
        ResultSet rs = ps.executeQuery()) {
      List<Member> out = new ArrayList<>();
      while (rs.next()) {
        out.add(new Member(rs.getString(1), User.parseRole(rs.getString(2)), rs.getString(3), rs.getString(4)));
      }
      return out;
    }
  }

  private List<PoliceUnit> query(Connection c, String sql, String parameter) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (parameter != null) {
        ps.setString(1, parameter);
      }
      try (ResultSet rs = ps.executeQuery()) {
        List<PoliceUnit> out = new ArrayList<>();
        while (rs.next()) {
          out.add(new PoliceUnit(rs.getString("code"), rs.getString("name"), UnitType.valueOf(rs.getString("type")),
              new LonLat(rs.getDouble("lon"), rs.getDouble("lat")), JdbcUserStore.splitAreas(rs.getString("areas"))));
        }
        return out;
      }
    }
  }

  private static String join(PoliceUnit unit) {
    return JdbcUserStore.joinAreas(unit.areas());
  }
}
