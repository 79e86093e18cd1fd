package pl.kmzb.unit;

import java.util.List;
import java.util.Optional;
import pl.kmzb.auth.User;

/**
 * The police units and which unit each user belongs to. A user assigned to a unit is scoped by the
 * unit's areas: assigning sets them, and a new set of units that changes a unit's areas changes
 * them for every user of that unit, in the same transaction.
 */
public interface PoliceUnitStore {
  /** What {@link #replaceAll} changed; {@code rescopedUsers} are sorted usernames whose areas changed. */
  record Replaced(int added, int updated, int removed, int unchanged, List<String> rescopedUsers) {
    public Replaced {
      rescopedUsers = List.copyOf(rescopedUsers);
    }

    public boolean changedAnything() {
      return added + updated + removed > 0;
    }
  }

  /**
   * Makes {@code units} the whole set in one transaction: new units are added, changed ones
   * updated, missing ones removed, and users of a unit whose areas changed take the new areas (their
   * tokens are revoked, as with any change of scope). Re-running the same set changes nothing.
   *
   * @throws IllegalArgumentException if two units share a code
   * @throws PoliceUnitException CONFLICT if a removed unit still has users, or a unit's new areas or
   *     type no longer fit the role of a user assigned to it; nothing is changed then
   */
  Replaced replaceAll(List<PoliceUnit> units);

  /** Every unit, sorted by code. */
  List<PoliceUnit> all();

  Optional<PoliceUnit> find(String code);

  /**
   * Assigns the user to the unit and sets the user's areas to the unit's in one transaction
   * (revoking the user's tokens if the areas changed).
   *
   * @throws pl.kmzb.store.StoreException NOT_FOUND if there is no such user or unit
   * @throws PoliceUnitException NOT_ASSIGNABLE if the user's role cannot be scoped by the unit
   */
  User assignUser(String username, String unitCode);

  /**
   * Takes the user out of their unit; their areas stay as they are. False if they had no unit.
   *
   * @throws pl.kmzb.store.StoreException NOT_FOUND if there is no such user
   */
  boolean unassignUser(String username);

  /** The unit the user is assigned to; empty if none or no such user. */
  Optional<PoliceUnit> unitOf(String username);
}
