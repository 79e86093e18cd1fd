package pl.kmzb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import pl.kmzb.geo.Envelope;

class PolandOutlineTest {
  static final PolandOutline OUTLINE = PolandOutline.load();

  @ParameterizedTest(name = "{0} is in Poland")
  @CsvSource({
      "Hel, 18.80, 54.61",
      "Świnoujście, 14.25, 53.91",
      "Ustrzyki Górne, 22.65, 49.10",
      "Zakopane, 19.95, 49.30",
      "Suwałki, 22.93, 54.10",
      "Zgorzelec, 15.00, 51.15",
      "Słubice, 14.57, 52.35",
      "Terespol, 23.61, 52.07",
      "Warszawa, 21.01, 52.23",
  })
  void placesInPoland(String name, double lon, double lat) {
    assertTrue(OUTLINE.contains(lon, lat), name);
  }

  @ParameterizedTest(name = "{0} is not in Poland")
  @CsvSource({
      "Berlin, 13.40, 52.52",
      "Kaliningrad, 20.51, 54.71",
      "Lviv, 24.03, 49.84",
      "Prague, 14.42, 50.09",
      "Vilnius, 25.28, 54.69",
      "Bornholm, 14.9, 55.1",
      "Baltic Sea, 18.0, 55.0",
      "Puck Bay, 18.60, 54.66",
      "Vistula Lagoon, 19.55, 54.38",
      "Görlitz, 14.97, 51.15",
      "Frankfurt (Oder), 14.53, 52.34",
  })
  void placesAbroadOrAtSea(String name, double lon, double lat) {
    assertFalse(OUTLINE.contains(lon, lat), name);
  }

  @Test
  void everyCityCentreIsInside() {
    List<Cities.City> cities = Cities.load(OUTLINE).all();
    assertTrue(cities.size() >= 60, "cities: " + cities.size());
    for (Cities.City c : cities) {
      assertTrue(OUTLINE.contains(c.lon(), c.lat()), c.name());
    }
    assertEquals("Warszawa", cities.get(0).name());
    assertTrue(cities.stream().mapToInt(Cities.City::population).sum() > 12_000_000);
  }

  @Test
  void outlineIsCoarseCounterClockwiseAndWithinPolandsEnvelope() {
    assertTrue(OUTLINE.vertexCount() >= 60 && OUTLINE.vertexCount() <= 120, "vertices " + OUTLINE.vertexCount());
    Envelope e = OUTLINE.envelope();
    assertTrue(Envelope.POLAND.contains(e.minLon(), e.minLat()) && Envelope.POLAND.contains(e.maxLon(), e.maxLat()));
    List<ResourceCsv.Row> rows = ResourceCsv.read("poland-outline.csv", "lon,lat");
    Coordinate[] ring = rows.stream().map(r -> new Coordinate(r.number(0), r.number(1))).toArray(Coordinate[]::new);
    assertTrue(Orientation.isCCW(ring));
    // Poland has about 312,700 km²; at 52° N a square degree is about 76 x 111 km.
    double km2 = OUTLINE.areaDegrees() * 111.2 * 111.2 * Math.cos(Math.toRadians(52));
    assertTrue(km2 > 295_000 && km2 < 330_000, "area " + km2);
  }
}
