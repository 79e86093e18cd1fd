package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WmsVersionTest {
  @Test
  void negotiationFollowsWms130Section624() {
    assertEquals(WmsVersion.V1_3_0, WmsVersion.negotiate(null), "no version: the highest");
    assertEquals(WmsVersion.V1_3_0, WmsVersion.negotiate("1.3.0"));
    assertEquals(WmsVersion.V1_1_1, WmsVersion.negotiate("1.1.1"));
    assertEquals(WmsVersion.V1_3_0, WmsVersion.negotiate("2.0.0"), "higher than any: the highest");
    assertEquals(WmsVersion.V1_1_1, WmsVersion.negotiate("1.2.0"), "between: the highest lower one");
    assertEquals(WmsVersion.V1_1_1, WmsVersion.negotiate("1.1.0"), "lower than any: the lowest");
    assertEquals(WmsVersion.V1_1_1, WmsVersion.negotiate("1.0.0"));
    assertEquals(WmsVersion.V1_3_0, WmsVersion.negotiate("1.4"));
  }

  @Test
  void otherOperationsNeedAnExactVersion() {
    assertEquals(WmsVersion.V1_1_1, WmsVersion.exactly("1.1.1").orElseThrow());
    assertTrue(WmsVersion.exactly("1.2.0").isEmpty());
    assertTrue(WmsVersion.exactly(null).isEmpty());
  }
}
