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

  /**
   * The areas a request for "my areas" ({@code mine=true}) selects for a user with an area limit:
   * this actor's areas when {@code requested} is empty, else the areas inside both sets (of two
   * nested codes the longer, narrower one), so a requested area can only narrow the caller's own
   * areas, never widen them (area=12 with mine=true stays in the caller's county 1261). Empty when
   * nothing overlaps. Administrators have no limit; callers leave them out.
   */
  public Set<String> areasWithin(Set<String> requested) {
    if (requested.isEmpty()) {
      return areas;
    }
    Set<String> out = new java.util.TreeSet<>();
    for (String a : requested) {
      for (String m : areas) {
        if (a.startsWith(m)) {
          out.add(a);
        } else if (m.startsWith(a)) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** True if the report's location lies in one of this actor's areas. */
  public boolean covers(Teryt location) {
    if (role == Role.ADMINISTRATOR) {
      return true;
    }
    return areas.stream().anyMatch(location::within);
  }
}
