package pl.kmzb.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static pl.kmzb.boundary.BoundaryLevel.COUNTY;
import static pl.kmzb.boundary.BoundaryLevel.MUNICIPALITY;
import static pl.kmzb.boundary.BoundaryLevel.VOIVODESHIP;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import pl.kmzb.report.Teryt;

class BoundaryLevelTest {
  @Test
  void validatesCodesOfEachLevel() {
    assertTrue(VOIVODESHIP.isValidCode("02"));
    assertFalse(VOIVODESHIP.isValidCode("2"));
    assertFalse(VOIVODESHIP.isValidCode("1a"));
    assertTrue(COUNTY.isValidCode("1261"));
    assertFalse(COUNTY.isValidCode("126"));
    assertFalse(COUNTY.isValidCode("12610"));
    for (char type = '1'; type <= '5'; type++) {
      assertTrue(MUNICIPALITY.isValidCode("126101" + type));
    }
    assertFalse(MUNICIPALITY.isValidCode("1465018"), "Warsaw districts (type 8) are not municipalities");
    assertFalse(MUNICIPALITY.isValidCode("1261010"));
    assertFalse(MUNICIPALITY.isValidCode("126101"));
    assertFalse(MUNICIPALITY.isValidCode(null));
    assertEquals(Optional.empty(), COUNTY.problem("1261"));
    assertTrue(MUNICIPALITY.problem("12610").orElseThrow().contains("7 digits ending in a type 1-5"));
  }

  @Test
  void derivesTheWiderCodesFromAPrefix() {
    assertEquals(new Teryt("12", null, null), VOIVODESHIP.teryt("12"));
    assertEquals(new Teryt("12", "1261", null), COUNTY.teryt("1261"));
    assertEquals(new Teryt("12", "1261", "1261011"), MUNICIPALITY.teryt("1261011"));
  }

  @Test
  void findsTheLevelOfACodeAndOfAKey() {
    assertEquals(Optional.of(COUNTY), BoundaryLevel.ofCode("1465"));
    assertEquals(Optional.of(MUNICIPALITY), BoundaryLevel.ofCode("1465011"));
    assertEquals(Optional.empty(), BoundaryLevel.ofCode("146"));
    assertEquals(MUNICIPALITY, BoundaryLevel.ofKey("Municipality"));
    assertEquals("voivodeship", VOIVODESHIP.key());
    assertThrows(IllegalArgumentException.class, () -> BoundaryLevel.ofKey("gmina"));
  }

  @Test
  void aBoundaryNeedsAValidCodeAndAnArealGeometry() {
    var square = TestCountry.box(19, 50, 20, 51);
    assertThrows(IllegalArgumentException.class, () -> new Boundary(COUNTY, "12", "x", square));
    assertThrows(IllegalArgumentException.class,
        () -> new Boundary(VOIVODESHIP, "12", "x", TestCountry.wkt("LINESTRING (19 50, 20 51)")));
    assertThrows(IllegalArgumentException.class,
        () -> new Boundary(VOIVODESHIP, "12", "x", TestCountry.wkt("POLYGON EMPTY")));
    assertTrue(new Boundary(VOIVODESHIP, "12", "x", square).toString().contains("5 points"));
  }
}
