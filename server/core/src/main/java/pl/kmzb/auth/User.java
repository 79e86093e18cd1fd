package pl.kmzb.auth;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;

/**
 * A police user as stored, without the password hash. Areas are TERYT codes: counties (4 digits)
 * for officers and local coordinators, voivodeships (2 digits) for voivodeship coordinators, none
 * for administrators.
 */
public record User(String username, Role role, Set<String> areas, boolean disabled, Instant createdAt,
    Instant updatedAt) {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");
  /** The 16 voivodeships: even codes 02 to 32. */
  private static final Set<String> VOIVODESHIPS = Set.of("02", "04", "06", "08", "10", "12", "14", "16", "18",
      "20", "22", "24", "26", "28", "30", "32");
  private static final Pattern COUNTY = Pattern.compile("\\d{4}");

  public User {
    checkUsername(username);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    areas = Set.copyOf(checkAreas(role, areas));
  }

  /** Who this user is when acting on reports. */
  public Actor actor() {
    return new Actor(username, role, areas);
  }

  /** The username if it is 2 to 63 characters of a-z, 0-9, '.', '_', '-' starting with a letter or digit. */
  public static String checkUsername(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new IllegalArgumentException("username must be 2 to 63 characters of a-z, 0-9, '.', '_' or '-',"
          + " starting with a letter or digit");
    }
    return username;
  }

  /** The areas if they suit the role; the message says what the role needs. */
  public static Set<String> checkAreas(Role role, Set<String> areas) {
    Objects.requireNonNull(areas, "areas");
    switch (role) {
      case OFFICER, LOCAL_COORDINATOR -> {
        if (areas.isEmpty()) {
          throw new IllegalArgumentException(describe(role) + " needs at least one TERYT county code (4 digits)");
        }
        for (String a : areas) {
          // Counties, or municipalities where a police station (KP, PP) serves only some of a county.
          boolean county = a != null && COUNTY.matcher(a).matches() && !a.endsWith("00");
          boolean municipality = a != null && a.matches("\\d{6}[1-5]") && !a.substring(2, 4).equals("00");
          if (!(county || municipality) || !VOIVODESHIPS.contains(a.substring(0, 2))) {
            throw new IllegalArgumentException("'" + a + "' is not a TERYT county code: " + describe(role)
                + " is scoped to counties (4 digits starting with a voivodeship code: 02, 04, ... 32)"
                + " or municipalities (7 digits)");
          }
        }
      }
      case VOIVODESHIP_COORDINATOR -> {
        if (areas.isEmpty()) {
          throw new IllegalArgumentException("a voivodeship coordinator needs at least one TERYT voivodeship code"
              + " (2 digits)");
        }
        for (String a : areas) {
          if (a == null || !VOIVODESHIPS.contains(a)) {
            throw new IllegalArgumentException("'" + a + "' is not a TERYT voivodeship code: a voivodeship"
                + " coordinator is scoped to voivodeships, one of 02, 04, ... 32");
          }
        }
      }
      case ADMINISTRATOR -> {
        if (!areas.isEmpty()) {
          throw new IllegalArgumentException("an administrator has no areas (they act everywhere); send no area codes");
        }
      }
    }
    return areas;
  }

  /** The role's code in APIs and the database: the lower-case name, such as {@code local_coordinator}. */
  public static String roleCode(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }

  /** The role with this code; the message lists the valid codes. */
  public static Role parseRole(String code) {
    for (Role r : Role.values()) {
      if (roleCode(r).equals(code)) {
        return r;
      }
    }
    StringBuilder codes = new StringBuilder();
    for (Role r : Role.values()) {
      codes.append(codes.isEmpty() ? "" : ", ").append(roleCode(r));
    }
    throw new IllegalArgumentException("unknown role '" + code + "'; expected one of " + codes);
  }

  /** Areas in a stable order, for responses and storage. */
  public Set<String> sortedAreas() {
    return new TreeSet<>(areas);
  }

  private static String describe(Role role) {
    return role == Role.OFFICER ? "an officer" : "a local coordinator";
  }
}
