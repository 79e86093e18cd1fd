package pl.kmzb.demo;

import pl.kmzb.ingest.NationalOutline;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The largest Polish cities ({@code demo/cities.csv}, approximate), drawn in proportion to their
 * population so that synthetic reports gather where people live.
 */
final class Cities {
  record City(String name, double lon, double lat, int population) {}

  private final Weighted<City> byPopulation;

  private Cities(List<City> cities) {
    double[] weights = new double[cities.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = cities.get(i).population();
    }
    this.byPopulation = Weighted.of(cities, weights);
  }

  /** Loads the table and checks every centre against the outline, so a typo cannot put a city abroad. */
  static Cities load(NationalOutline outline) {
    List<City> cities = new ArrayList<>();
    for (ResourceCsv.Row row : ResourceCsv.read("cities.csv", "name,lon,lat,population")) {
      City city = new City(row.text(0), row.number(1), row.number(2), (int) row.number(3));
      if (city.population() <= 0) {
        throw row.error("population must be positive");
      }
      if (!outline.contains(city.lon(), city.lat())) {
        throw row.error(city.name() + " (" + city.lon() + ", " + city.lat() + ") lies outside the Poland outline");
      }
      cities.add(city);
    }
    return new Cities(cities);
  }

  City pick(SplittableRandom random) {
    return byPopulation.pick(random);
  }

  List<City> all() {
    return byPopulation.items();
  }
}
