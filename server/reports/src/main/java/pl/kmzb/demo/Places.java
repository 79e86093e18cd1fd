package pl.kmzb.demo;

import pl.kmzb.ingest.NationalOutline;
import java.util.List;
import java.util.SplittableRandom;
import pl.kmzb.geo.Envelope;
import pl.kmzb.geo.LonLat;

/**
 * Where synthetic reports are made: most near cities, in proportion to population, scattered
 * wider around bigger cities; the rest anywhere in the country with equal density per km².
 * Coordinates are rounded to 6 decimals (about 0.1 m) so files and stores hold the same values.
 */
final class Places {
  static final double CITY_SHARE = 0.65;
  /** Scatter of a city of 100,000; it grows with the square root of the population (Warsaw ~6.5 km). */
  private static final double SIGMA_KM_PER_100K = 1.5;
  /** A fifth of city reports come from the outskirts, with a scatter 2.5 times wider. */
  private static final double OUTSKIRTS_SHARE = 0.2;
  private static final double OUTSKIRTS_FACTOR = 2.5;
  private static final double KM_PER_DEGREE_LAT = 111.2;
  private static final int CITY_ATTEMPTS = 8;
  private static final int COUNTRY_ATTEMPTS = 10_000;

  private final NationalOutline outline;
  private final Weighted<Integer> cityIndex;
  private final double[] lon;
  private final double[] lat;
  private final double[] sigmaLonDeg;
  private final double[] sigmaLatDeg;
  private final double minLon;
  private final double lonSpan;
  private final double sinMinLat;
  private final double sinLatSpan;

  Places(NationalOutline outline, Cities cities) {
    this.outline = outline;
    List<Cities.City> all = cities.all();
    int n = all.size();
    Integer[] indices = new Integer[n];
    double[] weights = new double[n];
    lon = new double[n];
    lat = new double[n];
    sigmaLonDeg = new double[n];
    sigmaLatDeg = new double[n];
    for (int i = 0; i < n; i++) {
      Cities.City c = all.get(i);
      indices[i] = i;
      weights[i] = c.population();
      lon[i] = c.lon();
      lat[i] = c.lat();
      double sigmaKm = SIGMA_KM_PER_100K * Math.sqrt(c.population() / 100_000.0);
      sigmaLatDeg[i] = sigmaKm / KM_PER_DEGREE_LAT;
      sigmaLonDeg[i] = sigmaKm / (KM_PER_DEGREE_LAT * Math.cos(Math.toRadians(c.lat())));
    }
    this.cityIndex = Weighted.of(List.of(indices), weights);
    Envelope e = outline.envelope();
    this.minLon = e.minLon();
    this.lonSpan = e.maxLon() - e.minLon();
    // Uniform in sin(latitude) is uniform in area: a degree of longitude is narrower in the north.
    this.sinMinLat = Math.sin(Math.toRadians(e.minLat()));
    this.sinLatSpan = Math.sin(Math.toRadians(e.maxLat())) - sinMinLat;
  }

  LonLat next(SplittableRandom random) {
    return random.nextDouble() < CITY_SHARE ? nearCity(random) : anywhere(random);
  }

  private LonLat nearCity(SplittableRandom random) {
    int c = cityIndex.index(random);
    double scale = random.nextDouble() < OUTSKIRTS_SHARE ? OUTSKIRTS_FACTOR : 1.0;
    for (int attempt = 0; attempt < CITY_ATTEMPTS; attempt++) {
      // Marsaglia's polar method: a pair of independent standard normals, our own so the
      // sequence cannot change with the JDK's nextGaussian.
      double x;
      double y;
      double s;
      do {
        x = 2 * random.nextDouble() - 1;
        y = 2 * random.nextDouble() - 1;
        s = x * x + y * y;
      } while (s >= 1 || s == 0);
      double f = Math.sqrt(-2 * Math.log(s) / s) * scale;
      double pLon = round6(lon[c] + x * f * sigmaLonDeg[c]);
      double pLat = round6(lat[c] + y * f * sigmaLatDeg[c]);
      if (outline.contains(pLon, pLat)) {
        return new LonLat(pLon, pLat);
      }
    }
    // Coastal and border cities lose some draws to the sea or a neighbour; the centre is inside.
    return new LonLat(lon[c], lat[c]);
  }

  private LonLat anywhere(SplittableRandom random) {
    for (int attempt = 0; attempt < COUNTRY_ATTEMPTS; attempt++) {
      double pLon = round6(minLon + random.nextDouble() * lonSpan);
      double pLat = round6(Math.toDegrees(Math.asin(sinMinLat + random.nextDouble() * sinLatSpan)));
      if (outline.contains(pLon, pLat)) {
        return new LonLat(pLon, pLat);
      }
    }
    throw new IllegalStateException("no point inside the Poland outline after " + COUNTRY_ATTEMPTS + " tries");
  }

  static double round6(double degrees) {
    return Math.round(degrees * 1e6) / 1e6;
  }
}
