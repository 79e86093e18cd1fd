package pl.kmzb.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.cql2.Cql2TextParser;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.encode.ReferenceFeature;
import pl.kmzb.encode.ReferenceSchema;
import pl.kmzb.filter.FilterCrs;
import pl.kmzb.filter.FilterException;
import pl.kmzb.filter.Queryables.Property;
import pl.kmzb.filter.Queryables.Type;

/** The one filter AST on areas and points in memory: CQL2 text parsed against a reference schema. */
class ReferenceFilterTest {
  static final GeometryFactory G = new GeometryFactory();
  static final ReferenceSchema AREAS = new ReferenceSchema("AreaType", false, List.of(
      new Property("code", Type.STRING, false, "code"), new Property("reports", Type.INTEGER, false, "n"),
      new Property("note", Type.STRING, true, "optional")));
  /** A 0.1° square west of 20°E and one east of it, 0.1° apart. */
  static final ReferenceFeature WEST = area("1201", 19.8, 50.0, 19.9, 50.1, 5L, null);
  static final ReferenceFeature EAST = area("1202", 20.0, 50.0, 20.1, 50.1, 12L, "busy");

  static ReferenceFeature area(String code, double x0, double y0, double x1, double y1, Long n, String note) {
    Geometry g = G.createPolygon(new Coordinate[] {new Coordinate(x0, y0), new Coordinate(x1, y0),
        new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
    return new ReferenceFeature(code, g, new Object[] {code, n, note});
  }

  static List<String> select(String cql) {
    CrsRegistry crs = CrsRegistry.standard();
    FilterCrs lonLat = FilterCrs.of(crs, crs.lonLat().uri(), pl.kmzb.crs.AxisOrder.Protocol.OGC_API_FEATURES);
    // DWITHIN/BEYOND are ECQL (CQL2 has no distance operators); the rest CQL2 text.
    var e = cql.startsWith("DWITHIN") || cql.startsWith("BEYOND")
        ? Cql2TextParser.parseEcql(cql, AREAS.queryables(), lonLat) : Cql2TextParser.parse(cql, AREAS.queryables(), lonLat);
    ReferenceFilter f = ReferenceFilter.compile(e, AREAS);
    return List.of(WEST, EAST).stream().filter(f).map(ReferenceFeature::id).toList();
  }

  @Test
  void comparisonsAreThreeValuedLikeTheStores() {
    assertEquals(List.of("1202"), select("reports > 10"));
    assertEquals(List.of("1201", "1202"), select("reports BETWEEN 5 AND 12"));
    assertEquals(List.of("1201"), select("code IN ('1201', '9999')"));
    assertEquals(List.of("1202"), select("note LIKE 'bu%'"));
    assertEquals(List.of(), select("NOT (note = 'x') AND note IS NULL"), "a comparison with null is unknown");
    assertEquals(List.of("1201"), select("note IS NULL"));
    assertThrows(FilterException.class, () -> select("reports > 'many'"));
    assertThrows(FilterException.class, () -> select("nosuch = 1"));
  }

  @Test
  void spatialOperatorsRelateTheAreaToTheLiteral() {
    assertEquals(List.of("1201"), select("S_INTERSECTS(geometry, POINT(19.85 50.05))"));
    assertEquals(List.of("1201", "1202"), select("S_INTERSECTS(geometry, BBOX(19.89, 50.0, 20.01, 50.01))"),
        "a box touching both areas' insides");
    assertEquals(List.of("1202"), select("S_WITHIN(geometry, POLYGON((19.95 49.9, 20.2 49.9, 20.2 50.2,"
        + " 19.95 50.2, 19.95 49.9)))"));
    assertEquals(List.of("1201"), select("S_CONTAINS(geometry, POINT(19.85 50.05))"));
    assertEquals(List.of("1201"), select("S_DISJOINT(geometry, POINT(20.05 50.05))"));
    // 20.13 E, 50.05 N lies 0.03° (~2.1 km) east of 1202's east edge and 0.23° (~16.4 km) east of 1201's.
    assertEquals(List.of("1202"), select("DWITHIN(geometry, POINT(20.13 50.05), 3000, meters)"));
    assertEquals(List.of("1201", "1202"), select("DWITHIN(geometry, POINT(20.13 50.05), 17000, meters)"));
    assertEquals(List.of("1201"), select("BEYOND(geometry, POINT(20.13 50.05), 3000, meters)"));
  }
}
