package pl.kmzb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PathPatternTest {
  @Test
  void placeholdersMayCarryASuffix() {
    PathPattern tiles = PathPattern.parse("/tiles/{layer}/{z}/{x}/{y}.mvt");
    assertEquals(Map.of("layer", "threats", "z", "7", "x", "70", "y", "42"), tiles.match("/tiles/threats/7/70/42.mvt"));
    assertNull(tiles.match("/tiles/threats/7/70/42.png"));
    assertNull(tiles.match("/tiles/threats/7/70/.mvt"));
    assertNull(tiles.match("/tiles/threats/7/70"));
    assertNull(tiles.match("/tiles/threats/7/70/42.mvt/x"));
    assertEquals(Map.of("layer", "threats"), PathPattern.parse("/tiles/{layer}.json").match("/tiles/threats.json"));
  }

  @Test
  void literalsMatchExactly() {
    PathPattern health = PathPattern.parse("/health");
    assertEquals(Map.of(), health.match("/health"));
    assertNull(health.match("/health/"));
    assertNull(health.match("/Health"));
    assertNull(health.match("health"));
  }

  @Test
  void malformedPatternsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("health"));
    assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("/tiles/{}"));
  }
}
