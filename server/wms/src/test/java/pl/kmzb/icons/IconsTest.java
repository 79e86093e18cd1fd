package pl.kmzb.icons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;

class IconsTest {
  static final CategoryCatalog CATALOG = CategoryCatalog.load(null);

  @Test
  void everyCategoryIconIsInTheMakiPackage() {
    for (Category c : CATALOG.all()) {
      assertTrue(Icons.exists(c.icon()), c.code() + " names icon '" + c.icon() + "', which @mapbox/maki does not have");
    }
    assertFalse(Icons.exists("no-such-icon"));
    assertFalse(Icons.exists("../secret"));
  }

  @Test
  void glyphsAreRasterisedOnceInTheirColour() {
    Icons icons = Icons.load(CATALOG, List.of("fire-station"));
    BufferedImage g = icons.glyph("parking", 16, Color.WHITE);
    assertSame(g, icons.glyph("parking", 16, Color.WHITE), "cached");
    assertEquals(16, g.getWidth());
    int opaque = 0;
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        int p = g.getRGB(x, y);
        if ((p >>> 24) > 200) {
          opaque++;
          assertEquals(0xffffff, p & 0xffffff);
        }
      }
    }
    assertTrue(opaque > 30 && opaque < 200, "a glyph, not a square: " + opaque);
    assertThrows(IllegalStateException.class, () -> Icons.load(CATALOG, List.of("no-such-icon")));
  }
}
