package pl.kmzb.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pl.kmzb.geo.LonLat;
import pl.kmzb.report.Role;

class PoliceUnitTest {
  static final LonLat KRAKOW = new LonLat(19.94, 50.06);

  static PoliceUnit unit(String code, UnitType type, String... areas) {
    return new PoliceUnit(code, "Jednostka " + code, type, KRAKOW, Set.of(areas));
  }

  @Test
  void validUnitKeepsItsFields() {
    PoliceUnit u = new PoliceUnit("KMP-1261", "  KMP w Krakowie ", UnitType.KMP, KRAKOW, Set.of("1261"));
    assertEquals("KMP w Krakowie", u.name());
    assertEquals(Set.of("1261"), u.areas());
    assertEquals("Komenda Miejska Policji", u.type().polishName());
  }

  @Test
  void badCodesNamesAndAreasAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> unit("KPP 1206", UnitType.KPP, "1206"));
    assertThrows(IllegalArgumentException.class, () -> unit("x".repeat(41), UnitType.KPP, "1206"));
    assertThrows(IllegalArgumentException.class, () -> unit("", UnitType.KPP, "1206"));
    assertThrows(IllegalArgumentException.class, () -> new PoliceUnit("A", " ", UnitType.KPP, KRAKOW, Set.of("1206")));
    assertThrows(IllegalArgumentException.class, () -> unit("A", UnitType.KPP));
    for (String bad : new String[] {"1", "123", "12345", "1206016", "1206010", "13", "3406", "1200", "120001"}) {
      assertThrows(IllegalArgumentException.class, () -> unit("A", UnitType.KP, bad), bad);
    }
    for (String good : new String[] {"02", "32", "1206", "1206011", "1206055"}) {
      assertEquals(Optional.empty(), PoliceUnit.checkArea(good), good);
    }
  }

  @Test
  void typesParseInAnyCase() {
    assertEquals(Optional.of(UnitType.KPP), UnitType.ofCode(" kpp "));
    assertEquals(Optional.empty(), UnitType.ofCode("KSP"));
  }

  @Test
  void rolesFitUnits() {
    PoliceUnit kwp = unit("KWP-12", UnitType.KWP, "12");
    PoliceUnit kpp = unit("KPP-1206", UnitType.KPP, "1206");
    PoliceUnit mixedKwp = unit("KWP-X", UnitType.KWP, "12", "1206");
    assertEquals(Optional.empty(), kwp.problemFor(Role.VOIVODESHIP_COORDINATOR));
    assertEquals(Optional.empty(), kpp.problemFor(Role.OFFICER));
    assertEquals(Optional.empty(), kpp.problemFor(Role.LOCAL_COORDINATOR));
    assertTrue(kpp.problemFor(Role.VOIVODESHIP_COORDINATOR).orElseThrow().contains("only be assigned to a KWP"));
    assertTrue(mixedKwp.problemFor(Role.VOIVODESHIP_COORDINATOR).isPresent());
    assertTrue(unit("KMP-12", UnitType.KMP, "12").problemFor(Role.VOIVODESHIP_COORDINATOR).isPresent());
    assertTrue(kwp.problemFor(Role.OFFICER).orElseThrow().contains("whole voivodeships"));
    assertTrue(kwp.problemFor(Role.LOCAL_COORDINATOR).isPresent());
    assertTrue(kpp.problemFor(Role.ADMINISTRATOR).orElseThrow().contains("administrator"));
  }
}
