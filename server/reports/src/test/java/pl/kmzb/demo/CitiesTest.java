package pl.kmzb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.ingest.NationalOutline;

class CitiesTest {
  @Test
  void everyCityCentreIsInPoland() {
    NationalOutline outline = NationalOutline.poland(0);
    List<Cities.City> cities = Cities.load(outline).all();
    assertTrue(cities.size() >= 60, "cities: " + cities.size());
    for (Cities.City c : cities) {
      assertTrue(outline.contains(c.lon(), c.lat()), c.name());
    }
    assertEquals("Warszawa", cities.get(0).name());
    assertTrue(cities.stream().mapToInt(Cities.City::population).sum() > 12_000_000);
  }
}
