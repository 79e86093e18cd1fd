package pl.kmzb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.layer.PublishedLayer;

class LegendRendererTest {
  private final RenderFixtures fx = new RenderFixtures();
  private final LegendRenderer legends = new LegendRenderer(RenderFixtures.ICONS, RenderFixtures.CATALOG);

  @Test
  void legendHasARowPerRuleAndCategoryInTheAskedLanguage() throws Exception {
    PublishedLayer points = RenderFixtures.layer("threats.points");
    BufferedImage pl = legends.legend(points, fx.style("threats-points"), null, "pl", 20, 20);
    BufferedImage en = legends.legend(points, fx.style("threats-points"), null, "en", 20, 20);
    CategoryCatalog c = RenderFixtures.CATALOG;
    // 5 statuses and 5 cluster sizes, then one row per category (the icon rule has no title).
    int rows = 5 + 5 + c.all().size();
    assertEquals(rows, (pl.getHeight() - 4) / 24);
    assertNotEquals(pl.getWidth(), en.getWidth(), "the titles differ by language");
    GoldenImages.assertMatches("legend-threats-points-en", en);

    PublishedLayer one = RenderFixtures.layer("category.speeding");
    BufferedImage single = legends.legend(one, fx.style("threats-points"), null, "pl", 20, 20);
    assertEquals(5 + 5 + 1, (single.getHeight() - 4) / 24, "a category layer lists its own category only");
  }

  @Test
  void ruleLegendIsTheSymbolOnly() {
    BufferedImage img = legends.legend(RenderFixtures.layer("threats.points"), fx.style("threats-points"),
        "status-new", "pl", 24, 24);
    assertEquals(24, img.getWidth());
    int centre = img.getRGB(12, 12) & 0xffffff;
    assertTrue(MapRendererTest.close(centre, 0x27ae60), Integer.toHexString(centre));
    assertThrows(IllegalArgumentException.class, () -> legends.legend(RenderFixtures.layer("threats.points"),
        fx.style("threats-points"), "nope", "pl", 20, 20));
  }

  @Test
  void choroplethAndColourMapLegends() throws Exception {
    BufferedImage areas = legends.legend(RenderFixtures.layer("areas.county"), fx.style("area-counts"), null, "en", 20,
        20);
    GoldenImages.assertMatches("legend-area-counts", areas);
    BufferedImage heat = legends.legend(RenderFixtures.layer("threats.heatmap"), fx.style("heatmap"), null, "pl", 20, 20);
    GoldenImages.assertMatches("legend-heatmap", heat);
  }
}
