package pl.kmzb.unit;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import pl.kmzb.auth.User;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Role;

/**
 * A police unit: a stable code from the source data (such as {@code KPP-1206}), its name and type,
 * where it is, and the TERYT codes of the area it serves (voivodeships, counties or municipalities).
 * A user assigned to a unit is scoped by these areas.
 */
public record PoliceUnit(String code, String name, UnitType type, LonLat location, Set<String> areas) {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,40}");
  private static final Pattern AREA = Pattern.compile("\\d{2}|\\d{4}|\\d{6}[1-5]");
  /** The 16 voivodeships: even codes 02 to 32. */
  private static final Set<String> VOIVODESHIPS = Set.of("02", "04", "06", "08", "10", "12", "14", "16", "18",
      "20", "22", "24", "26", "28", "30", "32");
  static final int MAX_NAME = 200;

  public PoliceUnit {
    checkCode(code).ifPresent(p -> {
      throw new IllegalArgumentException(p);
    });
    Objects.requireNonNull(name, "name");
    name = name.strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("the name of police unit " + code + " must be 1 to " + MAX_NAME + " characters");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(areas, "areas");
    if (areas.isEmpty()) {
      throw new IllegalArgumentException("police unit " + code + " serves no area: give at least one TERYT code");
    }
    for (String a : areas) {
      checkArea(a).ifPresent(p -> {
        throw new IllegalArgumentException("police unit " + code + ": " + p);
      });
    }
    areas = Set.copyOf(areas);
  }

  /** Why {@code code} is not a unit code, or empty if it is one. */
  public static Optional<String> checkCode(String code) {
    if (code != null && CODE.matcher(code).matches()) {
      return Optional.empty();
    }
    return Optional.of("unit code '" + code + "' must be 1 to 40 characters of A-Z, a-z, 0-9, '.', '_' or '-'");
  }

  /**
   * Why {@code area} is not a TERYT code a unit can serve, or empty if it is one: 2 digits (a
   * voivodeship, even 02 to 32), 4 (a county) or 7 ending in the municipality type 1-5.
   */
  public static Optional<String> checkArea(String area) {
    if (area == null || !AREA.matcher(area).matches()) {
      return Optional.of("'" + area + "' is not a TERYT code (2 digits for a voivodeship, 4 for a county,"
          + " 7 ending in a type 1-5 for a municipality)");
    }
    if (!VOIVODESHIPS.contains(area.substring(0, 2))) {
      return Optional.of("TERYT code '" + area + "' does not start with a voivodeship code (02, 04, ... 32)");
    }
    if (area.length() > 2 && area.startsWith("00", 2)) {
      return Optional.of("TERYT code '" + area + "' has no county part (digits 3-4 are 00)");
    }
    return Optional.empty();
  }

  /** The areas in a stable order, for output and storage. */
  public Set<String> sortedAreas() {
    return new TreeSet<>(areas);
  }

  /**
   * Why a user with {@code role} cannot be scoped by this unit, or empty if they can. Administrators
   * act everywhere and belong to no unit; a voivodeship coordinator belongs to a KWP serving whole
   * voivodeships; officers and local coordinators to a unit serving counties or municipalities (as
   * far as {@link User#checkAreas} accepts them for the role).
   */
  public Optional<String> problemFor(Role role) {
    Objects.requireNonNull(role, "role");
    switch (role) {
      case ADMINISTRATOR -> {
        return Optional.of("an administrator acts everywhere and cannot be assigned to police unit " + code);
      }
      case VOIVODESHIP_COORDINATOR -> {
        if (type != UnitType.KWP || areas.stream().anyMatch(a -> a.length() != 2)) {
          return Optional.of("a voivodeship coordinator can only be assigned to a KWP serving whole voivodeships"
              + " (2-digit TERYT codes); " + code + " is a " + type + " serving " + sortedAreas());
        }
      }
      case OFFICER, LOCAL_COORDINATOR -> {
        if (areas.stream().anyMatch(a -> a.length() == 2)) {
          return Optional.of("police unit " + code + " serves whole voivodeships " + sortedAreas() + "; officers and"
              + " local coordinators are scoped to counties or municipalities");
        }
      }
    }
    try {
      User.checkAreas(role, areas);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("police unit " + code + " cannot scope a " + User.roleCode(role) + ": " + e.getMessage());
    }
  }
}
