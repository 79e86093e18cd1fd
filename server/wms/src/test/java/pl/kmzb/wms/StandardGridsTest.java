package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;

class StandardGridsTest {
  private final CrsRegistry crs = CrsRegistry.standard();

  @Test
  void aWebMercatorTileIsRecognisedWhateverItsDigits() {
    Crs mercator = crs.require("EPSG:3857");
    double world = 20037508.342789244;
    double span = 2 * world / 8;
    // z3 tile x=4, y=2 (Europe), written with fewer digits as clients round.
    Bounds b = new Bounds(-world + 4 * span + 0.0001, world - 3 * span, -world + 5 * span, world - 2 * span - 0.0003);
    StandardGrids.GridTile t = StandardGrids.match(mercator, b, 256, 256).orElseThrow();
    assertEquals(3, t.z());
    assertEquals(4, t.x());
    assertEquals(2, t.y());
    Bounds exact = StandardGrids.bounds(mercator, t);
    assertEquals(-world + 4 * span, exact.minX(), 1e-6);
    assertTrue(StandardGrids.match(mercator, b, 256, 200).isEmpty(), "not square");
    assertTrue(StandardGrids.match(mercator, new Bounds(0, 0, span * 0.9, span * 0.9), 256, 256).isEmpty());
    assertTrue(StandardGrids.match(mercator, new Bounds(span / 3, 0, span / 3 + span, span), 256, 256).isEmpty(),
        "not on the grid's lines");
  }

  @Test
  void geoportalsPolishGridAndWorldCrs84Quad() {
    Crs pl = crs.require("EPSG:2180");
    double span0 = 512 * 7_559_523.809523809 * 0.00028;
    Bounds level1 = new Bounds(100_000 + span0 / 2, 850_000 - span0, 100_000 + span0, 850_000 - span0 / 2);
    StandardGrids.GridTile t = StandardGrids.match(pl, level1, 512, 512).orElseThrow();
    assertEquals(1, t.z());
    assertEquals(1, t.x());
    assertEquals(1, t.y());
    assertTrue(StandardGrids.match(pl, level1, 256, 256).isEmpty(), "Geoportal's tiles are 512 pixels");
    StandardGrids.GridTile w = StandardGrids.match(crs.require("CRS:84"), new Bounds(0, -90, 180, 90), 256, 256)
        .orElseThrow();
    assertEquals(0, w.z());
    assertEquals(1, w.x());
  }
}
