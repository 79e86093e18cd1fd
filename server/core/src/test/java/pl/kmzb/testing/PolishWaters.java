package pl.kmzb.testing;

import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryImport;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.geo.LonLat;

/**
 * Points in Polish internal sea waters that Natural Earth's land outline (plus its 1 km buffer)
 * leaves out, and a voivodeship layer that covers them as PRG's voivodeships do. The outlines are
 * boxes drawn for the test, not real boundaries: they cover the two waters and little else, so a
 * point such as Kraków lies outside both.
 */
public final class PolishWaters {
  /** Zalew Szczeciński, in zachodniopomorskie; about 3.9 km outside Natural Earth's land. */
  public static final LonLat SZCZECIN_LAGOON = new LonLat(14.35, 53.77);
  /** Zatoka Gdańska inside its baseline (Hel to Mierzeja Wiślana), in pomorskie; about 8.5 km out. */
  public static final LonLat GDANSK_BAY = new LonLat(18.80, 54.45);
  /** On land, in Natural Earth's outline, but in neither box below. */
  public static final LonLat KRAKOW = new LonLat(19.94, 50.06);

  private static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

  private PolishWaters() {}

  /** zachodniopomorskie (32) around the lagoon and pomorskie (22) around the bay. */
  public static BoundaryImport voivodeships() {
    return new BoundaryImport(BoundaryLevel.VOIVODESHIP, List.of(
        new Boundary(BoundaryLevel.VOIVODESHIP, "32", "zachodniopomorskie", box(14.10, 53.60, 14.70, 53.95)),
        new Boundary(BoundaryLevel.VOIVODESHIP, "22", "pomorskie", box(18.30, 54.25, 19.60, 54.85))), 0, List.of());
  }

  /** A county layer over the same boxes, standing in for PRG's counties, which leave the bay out. */
  public static BoundaryImport countiesOnLand() {
    return new BoundaryImport(BoundaryLevel.COUNTY, List.of(
        new Boundary(BoundaryLevel.COUNTY, "1261", "Kraków", box(19.79, 49.97, 20.22, 50.13))), 0, List.of());
  }

  static Polygon box(double minLon, double minLat, double maxLon, double maxLat) {
    return GEOMETRY.createPolygon(new Coordinate[] {new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat),
        new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat)});
  }
}
