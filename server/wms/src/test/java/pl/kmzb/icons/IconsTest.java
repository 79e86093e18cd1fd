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

  /**
   * Icons are parsed at their first use, not at start: every icon of the bundled package (any of
   * which a catalogue in layers/ may name) must therefore parse to an outline, which the build checks
   * here once.
   */
  @Test
  void everyBundledIconParsesToAnOutline() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of(Icons.class.getResource(Icons.RESOURCE_DIR).toURI());
    List<String> names;
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
      names = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".svg"))
          .map(f -> f.substring(0, f.length() - 4)).filter(n -> n.matches("[a-z0-9-]+")).sorted().toList();
    }
    // Names with capitals (the country variants such as bank-JP) cannot be named by a category.
    assertTrue(names.size() > 200, "the Maki package has some 200 nameable icons: " + names.size());
    for (String name : names) {
      assertTrue(Icons.exists(name), name);
      assertFalse(Icons.read(name).getBounds2D().isEmpty(), name);
    }
    Icons all = Icons.load(CATALOG, names);
    assertTrue(all.outline("fire-station", 15).getBounds2D().getWidth() > 5);
    assertThrows(IllegalArgumentException.class, () -> all.outline("no-such-icon", 15));
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
