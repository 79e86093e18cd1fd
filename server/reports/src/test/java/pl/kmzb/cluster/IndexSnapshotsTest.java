package pl.kmzb.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import pl.kmzb.boundary.Boundary;
import pl.kmzb.boundary.BoundaryIndex;
import pl.kmzb.boundary.BoundaryLevel;

/** The boundaries' fingerprint a snapshot is stamped with follows their content, not the object holding them. */
class IndexSnapshotsTest {
  static final GeometryFactory GF = new GeometryFactory();

  static Boundary square(BoundaryLevel level, String code, double x, double y, double size) {
    return new Boundary(level, code, "area " + code, GF.createPolygon(new Coordinate[] {new Coordinate(x, y),
        new Coordinate(x + size, y), new Coordinate(x + size, y + size), new Coordinate(x, y + size),
        new Coordinate(x, y)}));
  }

  @Test
  void theBoundaryFingerprintFollowsCodesAndVertices() {
    List<Boundary> two = List.of(square(BoundaryLevel.VOIVODESHIP, "12", 19, 49, 1),
        square(BoundaryLevel.COUNTY, "1261", 19.5, 49.5, 0.2));
    String a = IndexSnapshots.boundaries(BoundaryIndex.of(two));
    assertEquals(a, IndexSnapshots.boundaries(BoundaryIndex.of(List.of(two.get(1), two.get(0)))),
        "another index of the same boundaries, in another order");
    assertNotEquals(a, IndexSnapshots.boundaries(BoundaryIndex.of(List.of(two.get(0),
        square(BoundaryLevel.COUNTY, "1261", 19.5, 49.5, 0.2000001)))), "a vertex moved");
    assertNotEquals(a, IndexSnapshots.boundaries(BoundaryIndex.of(List.of(two.get(0),
        square(BoundaryLevel.COUNTY, "1262", 19.5, 49.5, 0.2)))), "another code");
    assertNotEquals(a, IndexSnapshots.boundaries(BoundaryIndex.of(two.subList(0, 1))), "one boundary less");
    assertNotEquals(a, IndexSnapshots.boundaries(BoundaryIndex.EMPTY));
  }
}
