package pl.kmzb.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.CategoryCatalog;

class CategoryMixTest {
  @TempDir
  Path dir;

  @Test
  void sharesCoverTheBundledCatalogue() {
    Map<String, Double> shares = CategoryMix.load(CategoryCatalog.load(null)).shares();
    assertEquals(25, shares.size());
    assertEquals(1.0, shares.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
    shares.forEach((code, share) -> assertTrue(share > 0, code));
  }

  @Test
  void aCatalogueCategoryWithoutShareFailsAtStart() throws IOException {
    String yaml = bundledYaml() + """
          - code: noise_at_night
            name_pl: Hałas nocny
            name_en: Noise at night
            group: public_order
            colour: "#aa0000"
            icon: music
            active: true
        """;
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CategoryMix.load(catalogue(yaml)));
    assertTrue(e.getMessage().contains("no share for catalogue categories [noise_at_night]"), e.getMessage());
  }

  @Test
  void aShareForAnUnknownCategoryFailsAtStart() throws IOException {
    String yaml = bundledYaml();
    int cut = yaml.indexOf("  - code: homeless_person_in_need");
    assertTrue(cut > 0);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> CategoryMix.load(catalogue(yaml.substring(0, cut))));
    assertTrue(e.getMessage().contains("'homeless_person_in_need' is not a category of the catalogue"),
        e.getMessage());
  }

  private CategoryCatalog catalogue(String yaml) throws IOException {
    Files.writeString(dir.resolve(CategoryCatalog.FILE), yaml);
    return CategoryCatalog.load(dir);
  }

  private static String bundledYaml() throws IOException {
    try (InputStream in = CategoryCatalog.class.getResourceAsStream("/layers/" + CategoryCatalog.FILE)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return yaml.endsWith("\n") ? yaml : yaml + "\n";
    }
  }
}
