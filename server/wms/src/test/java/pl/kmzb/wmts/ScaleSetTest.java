package pl.kmzb.wmts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import pl.kmzb.tiles.MatrixSets;

class ScaleSetTest {
  @Test
  void webMercatorQuadIsGoogleMapsCompatibleInTheAnnexsCrsAndScales() {
    ScaleSet k = ScaleSet.of(MatrixSets.WEB_MERCATOR_QUAD).orElseThrow();
    assertEquals("urn:ogc:def:wkss:OGC:1.0:GoogleMapsCompatible", k.urn());
    assertEquals("urn:ogc:def:crs:EPSG:6.18:3:3857", k.crs());
    // 07-057r7 Annex E.4, digit for digit, as ets-wmts10 compares them.
    assertEquals(559082264.0287178, MatrixSets.WEB_MERCATOR_QUAD.level(0).scaleDenominator(), 0);
    assertEquals(279541132.0143589, MatrixSets.WEB_MERCATOR_QUAD.level(1).scaleDenominator(), 0);
    assertEquals(1066.364791924892, MatrixSets.WEB_MERCATOR_QUAD.level(19).scaleDenominator(), 1e-12);
  }

  @Test
  void worldCrs84QuadStartsAtGoogleCrs84QuadsSecondScaleSoItDeclaresNone() {
    assertEquals("http://www.opengis.net/def/wkss/OGC/1.0/GoogleCRS84Quad",
        MatrixSets.WORLD_CRS84_QUAD.wellKnownScaleSet(), "the TMS 2.0 registry's claim stays in the JSON");
    assertTrue(ScaleSet.of(MatrixSets.WORLD_CRS84_QUAD).isEmpty());
    assertTrue(ScaleSet.of(MatrixSets.GEOPORTAL_2180).isEmpty());
  }
}
