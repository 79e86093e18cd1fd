package pl.kmzb.report;

import java.util.Objects;
import java.util.Set;

/**
 * Who is acting: a police user with a role and the TERYT areas (voivodeship or county codes) they
 * are responsible for. Administrators have no area limit.
 */
public record Actor(String name, Role role, Set<String> areas) {
  public Actor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    areas = Set.copyOf(areas);
  }

  /** A database-side or system action (an import run, a retention job). */
  public static Actor system(String name) {
    return new Actor(name, Role.ADMINISTRATOR, Set.of());
  }

  /** True if the report's location lies in one of this actor's areas. */
  public boolean covers(Teryt location) {
    if (role == Role.ADMINISTRATOR) {
      return true;
    }
    return areas.stream().anyMatch(location::within);
  }
}
