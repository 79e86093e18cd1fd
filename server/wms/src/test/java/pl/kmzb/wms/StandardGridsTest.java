package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.tiles.MatrixSets;

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
  void geoportalsPolishGridIsTheWmtsMatrixSet() {
    Crs pl = crs.require("EPSG:2180");
    // Geoportal's level 8 (scale 1:94,494.2366…, 512-pixel tiles from 850,000 N / 100,000 E), tile
    // column 39, row 26: the Palace of Culture's tile (MatrixSetsTest), written from the published
    // figures, not from MatrixSets.
    double span = 512 * 94494.23660714286 * 0.00028;
    Bounds tile = new Bounds(100_000 + 39 * span, 850_000 - 27 * span, 100_000 + 40 * span, 850_000 - 26 * span);
    StandardGrids.GridTile t = StandardGrids.match(pl, tile, 512, 512).orElseThrow();
    assertEquals("EPSG2180@512/8/39/26", t.key());
    Bounds exact = StandardGrids.bounds(pl, t);
    assertEquals(MatrixSets.GEOPORTAL_2180.matrix("8").orElseThrow().tileBounds(39, 26), exact,
        "one definition: WMS tiles are the WMTS/OGC API tiles");
    assertEquals(100_000 + 39 * span, exact.minX(), 1e-6);
    assertEquals(850_000 - 26 * span, exact.maxY(), 1e-6);
    assertTrue(StandardGrids.match(pl, tile, 256, 256).isEmpty(), "Geoportal's tiles are 512 pixels");
  }

  @Test
  void everyLevelOfTheEpsg2180SetMatchesAndItsStepsOf2Point5AreNotHalvings() {
    Crs pl = crs.require("EPSG:2180");
    var set = MatrixSets.GEOPORTAL_2180;
    for (int z = 0; z < set.matrices().size(); z++) {
      var m = set.level(z);
      long col = m.matrixWidth() - 1;
      long row = m.matrixHeight() - 1;
      assertEquals(new StandardGrids.GridTile("EPSG2180@512", z, col, row),
          StandardGrids.match(pl, m.tileBounds(col, row), 512, 512).orElseThrow(), "level " + z);
      assertTrue(StandardGrids.match(pl, m.tileBounds(col + 1, row), 512, 512).isEmpty(),
          "outside the published matrix at level " + z);
    }
    // Half of a level-7 tile is no level (7 -> 8 steps by 2.5), as the old halving grid assumed.
    var l7 = set.level(7).tileBounds(10, 10);
    Bounds half = new Bounds(l7.minX(), l7.maxY() - l7.height() / 2, l7.minX() + l7.width() / 2, l7.maxY());
    assertTrue(StandardGrids.match(pl, half, 512, 512).isEmpty());
  }

  @Test
  void theOlderHalvingGridIsNoLongerMatched() {
    // Geoportal's older TOPO grid (level 0 at 1:7,559,523.8095, halving): its level 0 tile is 2.2 m
    // (2 ppm) smaller than the present set's level 2, outside the millionth tolerance.
    Crs pl = crs.require("EPSG:2180");
    double old0 = 512 * 7_559_523.809523809 * 0.00028;
    assertTrue(StandardGrids.match(pl, new Bounds(100_000, 850_000 - old0, 100_000 + old0, 850_000), 512, 512)
        .isEmpty());
    double new2 = 512 * 7559538.928571429 * 0.00028;
    assertEquals(2, StandardGrids.match(pl, new Bounds(100_000, 850_000 - new2, 100_000 + new2, 850_000), 512, 512)
        .orElseThrow().z());
  }

  @Test
  void worldCrs84QuadUnderBothCodes() {
    StandardGrids.GridTile w = StandardGrids.match(crs.require("CRS:84"), new Bounds(0, -90, 180, 90), 256, 256)
        .orElseThrow();
    assertEquals("WorldCRS84Quad@256/0/1/0", w.key());
    StandardGrids.GridTile e = StandardGrids.match(crs.require("EPSG:4326"), new Bounds(0, -90, 180, 90), 512, 512)
        .orElseThrow();
    assertEquals("WorldCRS84Quad@512/0/1/0", e.key());
  }
}
