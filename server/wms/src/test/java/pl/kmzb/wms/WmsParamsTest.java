package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WmsParamsTest {
  @Test
  void namesAreCaseInsensitiveValuesAreNot() {
    WmsParams p = WmsParams.of(Map.of("reQuest", List.of("GetMap"), "LAYERS", List.of("threats.Clusters")));
    assertEquals("GetMap", p.require("REQUEST"));
    assertEquals("threats.Clusters", p.require("layers"));
    assertTrue(p.has("Layers"));
    assertFalse(p.has("styles"));
  }

  @Test
  void missingAndEmptyRequiredParametersAreMissingParameterValue() {
    WmsParams p = WmsParams.of(Map.of("WIDTH", List.of(" ")));
    WmsException absent = assertThrows(WmsException.class, () -> p.require("HEIGHT"));
    assertEquals(ExceptionCode.MISSING_PARAMETER_VALUE, absent.code());
    assertEquals("HEIGHT", absent.locator());
    assertEquals(ExceptionCode.MISSING_PARAMETER_VALUE, assertThrows(WmsException.class, () -> p.require("width")).code());
  }

  @Test
  void aNameSentTwiceInDifferentCasesWithDifferentValuesIsRefused() {
    WmsParams p = WmsParams.of(Map.of("width", List.of("256"), "WIDTH", List.of("512")));
    WmsException e = assertThrows(WmsException.class, () -> p.get("Width"));
    assertEquals(ExceptionCode.INVALID_PARAMETER_VALUE, e.code());
    assertEquals(256, WmsParams.of(Map.of("width", List.of("256"), "WIDTH", List.of("256"))).integer("WIDTH").orElseThrow());
  }

  @Test
  void numbersAndBooleansAreChecked() {
    WmsParams p = WmsParams.of(Map.of("WIDTH", List.of("12x"), "TRANSPARENT", List.of("true"), "T2", List.of("yes")));
    assertEquals(ExceptionCode.INVALID_PARAMETER_VALUE, assertThrows(WmsException.class, () -> p.integer("width")).code());
    assertTrue(p.bool("transparent", false));
    assertEquals(ExceptionCode.INVALID_PARAMETER_VALUE, assertThrows(WmsException.class, () -> p.bool("T2", false)).code());
    assertFalse(p.bool("absent", false));
  }

  @Test
  void hugeValuesAreRefusedAndNeverEchoedWhole() {
    String huge = "x".repeat(WmsParams.MAX_VALUE_LENGTH + 1);
    WmsException e = assertThrows(WmsException.class, () -> WmsParams.of(Map.of("LAYERS", List.of(huge))).get("layers"));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
    WmsException n = assertThrows(WmsException.class,
        () -> WmsParams.of(Map.of("WIDTH", List.of("9".repeat(5000)))).integer("WIDTH"));
    assertTrue(n.getMessage().length() < 200, n.getMessage());
  }
}
