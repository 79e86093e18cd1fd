package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.kmzb.boundary.BoundaryLevel;
import pl.kmzb.indicator.ClassMethod;
import pl.kmzb.indicator.IndicatorCatalog;
import pl.kmzb.indicator.IndicatorData;
import pl.kmzb.indicator.IndicatorMap;
import pl.kmzb.indicator.IndicatorValue;
import pl.kmzb.indicator.PopulationValue;

/**
 * An indicator layer drawn from a known map: the fixtures' four voivodeship quarters, values in
 * three of them (10, 50, 90 per 1,000,000 inhabitants: rates 1, 5, 9 per 100,000), equal intervals
 * k = 3 give the breaks 1, 3.67, 6.33, 9 and one class each: palette steps 0, 4 and 8; the fourth
 * quarter has no value (grey).
 */
class IndicatorChoroplethTest {
  final RenderFixtures fx = new RenderFixtures();

  @Test
  void eachAreaInItsClassColour() {
    var accidents = IndicatorCatalog.load(null).find("road_accidents").orElseThrow();
    IndicatorData data = new IndicatorData(1, List.of(
        new IndicatorValue("road_accidents", BoundaryLevel.VOIVODESHIP, "22", "2024", 10),
        new IndicatorValue("road_accidents", BoundaryLevel.VOIVODESHIP, "14", "2024", 50),
        new IndicatorValue("road_accidents", BoundaryLevel.VOIVODESHIP, "02", "2024", 90)),
        List.of(new PopulationValue(BoundaryLevel.VOIVODESHIP, "22", 2024, 1_000_000),
            new PopulationValue(BoundaryLevel.VOIVODESHIP, "14", 2024, 1_000_000),
            new PopulationValue(BoundaryLevel.VOIVODESHIP, "02", 2024, 1_000_000)), Map.of());
    IndicatorMap map = IndicatorMap.of(data, accidents, BoundaryLevel.VOIVODESHIP, null, 100_000, ClassMethod.EQUAL, 3);
    MapRenderer renderer = fx.renderer(null);
    renderer.indicatorMaps(l -> map);
    BufferedImage img = renderer.render(RenderFixtures.view("CRS:84", 14.0, 49.0, 24.2, 54.9, 102, 59),
        List.of(fx.request("indicator.road_accidents.voivodeship")), null, true);
    // Quarter centres: NW (16.5, 53.5) → x 25, y 14; NE (21.7, 53.5) → x 77; SW (16.5, 50.5) → y 44; SE (21.7, 50.5).
    assertEquals(0xffffcc, img.getRGB(25, 14) & 0xffffff, "22: rate 1, class 0, step 0");
    assertEquals(0xfd8d3c, img.getRGB(77, 14) & 0xffffff, "14: rate 5, class 1, step 4");
    assertEquals(0x800026, img.getRGB(25, 44) & 0xffffff, "02: rate 9, class 2, step 8");
    assertEquals(0xd9d9d9, img.getRGB(77, 44) & 0xffffff, "12: no value, grey");
  }
}
