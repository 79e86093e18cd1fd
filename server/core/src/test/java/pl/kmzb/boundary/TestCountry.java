package pl.kmzb.boundary;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A small synthetic country in lon/lat, laid out on a grid of 0.05° so that test points built as
 * k / 20.0 fall exactly on its borders:
 *
 * <pre>
 *  lat 51   +----------------------+----------------------+
 *           | 1201011   | 1201022  | 1401012   |   (gap)  |   counties 1201 | 1401
 *  lat 50.5 +-----------+----------+----------------------+
 *           | 1206012  [1261011] | 1206023 |  1465011     |   counties 1206 (hole = 1261) | 1465
 *  lat 50   +----------------------+----------------------+
 *         lon 19   19.5  19.7     20         20.5        21
 *           \_______ voivodeship 12 ______/\____ 14 _____/
 * </pre>
 *
 * City county 1261 (and its municipality 1261011) is the hole 19.4–19.6 × 50.2–50.3 of county
 * 1206 and municipality 1206012. The eastern half of county 1401 has no municipality (a gap).
 */
final class TestCountry {
  static final GeometryFactory GF = new GeometryFactory(new PrecisionModel(), 4326);
  static final Polygon HOLE = box(19.4, 50.2, 19.6, 50.3);

  private TestCountry() {}

  static List<Boundary> voivodeships() {
    return List.of(
        v("12", "małopolskie", box(19, 50, 20, 51)),
        v("14", "mazowieckie", box(20, 50, 21, 51)));
  }

  static List<Boundary> counties() {
    return List.of(
        new Boundary(BoundaryLevel.COUNTY, "1206", "powiat krakowski", withHole(19, 50, 20, 50.5)),
        new Boundary(BoundaryLevel.COUNTY, "1261", "Kraków", HOLE),
        new Boundary(BoundaryLevel.COUNTY, "1201", "powiat bocheński", box(19, 50.5, 20, 51)),
        new Boundary(BoundaryLevel.COUNTY, "1401", "powiat ciechanowski", box(20, 50.5, 21, 51)),
        new Boundary(BoundaryLevel.COUNTY, "1465", "Warszawa", box(20, 50, 21, 50.5)));
  }

  static List<Boundary> municipalities() {
    return List.of(
        m("1206012", "Zielonki", withHole(19, 50, 19.7, 50.5)),
        m("1206023", "Skała", box(19.7, 50, 20, 50.5)),
        m("1261011", "Kraków", HOLE),
        m("1201011", "Bochnia", box(19, 50.5, 19.5, 51)),
        m("1201022", "Łapanów", box(19.5, 50.5, 20, 51)),
        m("1401012", "Ciechanów", box(20, 50.5, 20.5, 51)),
        m("1465011", "Warszawa", box(20, 50, 21, 50.5)));
  }

  static List<Boundary> all() {
    List<Boundary> all = new ArrayList<>(voivodeships());
    all.addAll(counties());
    all.addAll(municipalities());
    return all;
  }

  static Polygon box(double minLon, double minLat, double maxLon, double maxLat) {
    return GF.createPolygon(ring(minLon, minLat, maxLon, maxLat));
  }

  static Polygon withHole(double minLon, double minLat, double maxLon, double maxLat) {
    return GF.createPolygon(ring(minLon, minLat, maxLon, maxLat),
        new LinearRing[] {(LinearRing) HOLE.getExteriorRing().copy()});
  }

  static Geometry wkt(String wkt) {
    try {
      return new org.locationtech.jts.io.WKTReader(GF).read(wkt);
    } catch (org.locationtech.jts.io.ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static LinearRing ring(double minLon, double minLat, double maxLon, double maxLat) {
    return GF.createLinearRing(new Coordinate[] {
        new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat),
        new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat),
        new Coordinate(minLon, minLat)});
  }

  private static Boundary v(String code, String name, Geometry g) {
    return new Boundary(BoundaryLevel.VOIVODESHIP, code, name, g);
  }

  private static Boundary m(String code, String name, Geometry g) {
    return new Boundary(BoundaryLevel.MUNICIPALITY, code, name, g);
  }
}
