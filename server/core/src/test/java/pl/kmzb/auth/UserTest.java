package pl.kmzb.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;

class UserTest {
  static final Instant T = Instant.parse("2025-06-01T08:00:00Z");

  static User user(String name, Role role, Set<String> areas) {
    return new User(name, role, areas, false, T, T);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ab", "jan.kowalski", "kpp-krakow_2", "0admin", "a23456789012345678901234567890123456789012345678901234567890123"})
  void validUsernames(String name) {
    assertEquals(name, user(name, Role.ADMINISTRATOR, Set.of()).username());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "Jan", ".admin", "-admin", "jan kowalski", "jan@kmzb", "żaneta",
      "a234567890123456789012345678901234567890123456789012345678901234"})
  void invalidUsernames(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> user(name, Role.ADMINISTRATOR, Set.of()));
    assertTrue(e.getMessage().startsWith("username must be"), e.getMessage());
  }

  @Test
  void nullUsernameIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> user(null, Role.ADMINISTRATOR, Set.of()));
  }

  @Test
  void officersAndLocalCoordinatorsNeedCountyCodes() {
    assertEquals(Set.of("1261", "0201"), user("jan", Role.OFFICER, Set.of("1261", "0201")).areas());
    user("kpp", Role.LOCAL_COORDINATOR, Set.of("3261"));
    assertMessage("an officer needs at least one TERYT county code (4 digits)", Role.OFFICER, Set.of());
    assertMessage("a local coordinator needs at least one TERYT county code (4 digits)", Role.LOCAL_COORDINATOR,
        Set.of());
    for (String bad : new String[] {"12", "126", "12611", "abcd", "1361", "3400", "1200"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> user("jan", Role.OFFICER, Set.of("1261", bad)));
      assertTrue(e.getMessage().startsWith("'" + bad + "' is not a TERYT county code"), e.getMessage());
    }
  }

  @Test
  void voivodeshipCoordinatorsNeedVoivodeshipCodes() {
    user("kwp", Role.VOIVODESHIP_COORDINATOR, Set.of("12", "02", "32"));
    assertMessage("a voivodeship coordinator needs at least one TERYT voivodeship code (2 digits)",
        Role.VOIVODESHIP_COORDINATOR, Set.of());
    for (String bad : new String[] {"1261", "1", "13", "00", "34", "ab"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> user("kwp", Role.VOIVODESHIP_COORDINATOR, Set.of(bad)));
      assertTrue(e.getMessage().startsWith("'" + bad + "' is not a TERYT voivodeship code"), e.getMessage());
    }
  }

  @Test
  void administratorsHaveNoAreas() {
    assertEquals(Set.of(), user("admin", Role.ADMINISTRATOR, Set.of()).areas());
    assertMessage("an administrator has no areas (they act everywhere); send no area codes", Role.ADMINISTRATOR,
        Set.of("12"));
  }

  @Test
  void actorCarriesNameRoleAndAreas() {
    assertEquals(new Actor("jan", Role.OFFICER, Set.of("1261")), user("jan", Role.OFFICER, Set.of("1261")).actor());
    assertEquals(new Actor("admin", Role.ADMINISTRATOR, Set.of()), user("admin", Role.ADMINISTRATOR, Set.of()).actor());
  }

  @Test
  void roleCodesAreLowerCaseNames() {
    for (Role r : Role.values()) {
      assertEquals(r, User.parseRole(User.roleCode(r)));
    }
    assertEquals("local_coordinator", User.roleCode(Role.LOCAL_COORDINATOR));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> User.parseRole("OFFICER"));
    assertEquals("unknown role 'OFFICER'; expected one of officer, local_coordinator, voivodeship_coordinator,"
        + " administrator", e.getMessage());
  }

  private static void assertMessage(String message, Role role, Set<String> areas) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> user("x1", role, areas)).getMessage());
  }
}
