package pl.kmzb.crs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pl.kmzb.crs.AxisOrder.Protocol;

class AxisOrderTest {
  private final CrsRegistry registry = CrsRegistry.standard();

  @Test
  void wms130FollowsTheDefinitionAndWms111IsAlwaysEastFirst() {
    Crs wgs84 = registry.require("EPSG:4326");
    assertTrue(AxisOrder.northFirst(wgs84, "EPSG:4326", Protocol.WMS_1_3_0));
    assertFalse(AxisOrder.northFirst(wgs84, "EPSG:4326", Protocol.WMS_1_1_1));
    assertFalse(AxisOrder.northFirst(registry.require("CRS:84"), "CRS:84", Protocol.WMS_1_3_0));
    assertTrue(AxisOrder.northFirst(registry.require("EPSG:2180"), "EPSG:2180", Protocol.WMS_1_3_0));
    assertFalse(AxisOrder.northFirst(registry.require("EPSG:3857"), "EPSG:3857", Protocol.WMS_1_3_0));
  }

  @Test
  void wfsReadsShortFormsEastFirstAndUrnsByDefinition() {
    Crs wgs84 = registry.require("EPSG:4326");
    for (Protocol p : new Protocol[] {Protocol.WFS_1_1_0, Protocol.WFS_2_0_0}) {
      assertFalse(AxisOrder.northFirst(wgs84, "EPSG:4326", p));
      assertFalse(AxisOrder.northFirst(wgs84, "http://www.opengis.net/gml/srs/epsg.xml#4326", p));
      assertTrue(AxisOrder.northFirst(wgs84, "urn:ogc:def:crs:EPSG::4326", p));
      assertTrue(AxisOrder.northFirst(wgs84, "http://www.opengis.net/def/crs/EPSG/0/4326", p));
      assertTrue(AxisOrder.northFirst(registry.require("EPSG:2180"), "urn:ogc:def:crs:EPSG::2180", p));
      assertTrue(AxisOrder.northFirst(wgs84, p), "the server writes URNs");
    }
    assertFalse(AxisOrder.northFirst(wgs84, "urn:ogc:def:crs:EPSG::4326", Protocol.WFS_1_0_0));
    assertTrue(AxisOrder.northFirst(wgs84, wgs84.uri(), Protocol.OGC_API_FEATURES));
    assertFalse(AxisOrder.northFirst(registry.require("CRS:84"), Protocol.OGC_API_FEATURES));
  }

  @Test
  void swapsPairsInPlace() {
    double[] a = {1, 2, 3, 4};
    double[] b = {5, 6};
    AxisOrder.swap(a, b);
    assertArrayEquals(new double[] {2, 1, 4, 3}, a);
    assertArrayEquals(new double[] {6, 5}, b);
    double[] c = {1, 2, 3, 4, 5, 6};
    AxisOrder.swap(c, 2, 1);
    assertArrayEquals(new double[] {1, 2, 4, 3, 5, 6}, c);
  }

  @Test
  void readsAndWritesBoundingBoxesInTheEdgesOrder() {
    Bounds b = AxisOrder.bounds(49, 14, 55, 24, true);
    assertEquals(new Bounds(14, 49, 24, 55), b);
    assertArrayEquals(new double[] {49, 14, 55, 24}, AxisOrder.corners(b, true));
    assertArrayEquals(new double[] {14, 49, 24, 55}, AxisOrder.corners(b, false));
    assertEquals(b, AxisOrder.bounds(14, 49, 24, 55, false));
  }
}
