package pl.kmzb.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pl.kmzb.crs.Bounds;
import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.ingest.NationalOutline;

class StudyAreaTest {
  static final CrsRegistry CRS = CrsRegistry.standard();
  static final Crs PL1992 = CRS.require("EPSG:2180");
  static final CrsTransform TO_2180 = CRS.fromLonLat(PL1992);

  @Test
  void cellsOfTheSeaAndOfNeighboursAreOutside() {
    StudyArea area = new StudyArea(NationalOutline.poland(), CRS.toLonLat(PL1992));
    Grid grid = Grid.covering(TO_2180.apply(NationalOutline.poland().envelope()), 2_000);
    boolean[] in = area.mask(grid);
    assertTrue(in[cell(grid, 21.01, 52.23)], "Warsaw");
    assertTrue(in[cell(grid, 18.65, 54.35)], "Gdańsk");
    assertFalse(in[cell(grid, 19.05, 54.55)], "the Gulf of Gdańsk");
    assertFalse(in[cell(grid, 14.25, 53.05)], "Schwedt (Oder), Germany");
    // A fresh copy each time: a caller adding cells does not change the next answer.
    in[cell(grid, 19.05, 54.55)] = true;
    assertFalse(area.mask(grid)[cell(grid, 19.05, 54.55)]);
  }

  static int cell(Grid grid, double lon, double lat) {
    double[] xy = TO_2180.apply(lon, lat);
    return grid.cellOf(xy[0], xy[1]);
  }

  @Test
  void gridCornersSnapToTheCellSize() {
    Grid g = Grid.covering(new Bounds(171_234, 133_999, 172_001, 135_000), 500);
    assertEquals(171_000, g.minX());
    assertEquals(133_500, g.minY());
    assertEquals(3, g.cols());
    assertEquals(3, g.rows());
    assertEquals(9, Grid.cellCount(new Bounds(171_234, 133_999, 172_001, 135_000), 500));
    assertEquals(-1, g.cellOf(170_999, 134_000));
    assertEquals(4, g.cellOf(171_750, 134_250));
    assertEquals(171_750, g.centreX(4));
    assertEquals(134_250, g.centreY(4));
  }
}
