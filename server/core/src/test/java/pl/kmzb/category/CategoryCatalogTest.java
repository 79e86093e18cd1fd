package pl.kmzb.category;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CategoryCatalogTest {
  @Test
  void bundledCatalogueHoldsThe25CategoriesOfKmzb() {
    CategoryCatalog c = CategoryCatalog.load(null);
    assertEquals(25, c.all().size());
    assertEquals(Set.of("road", "public_order", "nature_animals", "water", "people_in_need"),
        c.groups().stream().map(CategoryGroup::code).collect(Collectors.toSet()));
    assertEquals(8, c.all().stream().filter(x -> x.group().equals("road")).count());
    Category venue = c.find("dangerous_entertainment_venue").orElseThrow();
    assertEquals("Miejsce niebezpiecznej działalności rozrywkowej", venue.namePl());
    assertTrue(venue.rules().descriptionRequired());
    assertTrue(venue.rules().publicOnlyWhenConfirmed());
    assertEquals(Set.of("dangerous_entertainment_venue"), c.publicOnlyWhenConfirmed());
    assertEquals(200, c.find("homeless_person_in_need").orElseThrow().rules().generaliseLocationM());
    assertEquals(200, c.find("animal_cruelty").orElseThrow().rules().generaliseLocationM());
    assertEquals(2, c.all().stream().filter(x -> x.rules().generaliseLocationM() > 0).count());
    assertTrue(c.all().stream().allMatch(Category::active));
    assertFalse(c.find("nonexistent").isPresent());
  }

  @Test
  void loadsFromTheRepositoryDirectoryToo() {
    java.nio.file.Path dir = pl.kmzb.testing.TestPostgis.projectRoot().resolve("layers");
    assertEquals(List.copyOf(CategoryCatalog.load(null).all()), List.copyOf(CategoryCatalog.load(dir).all()));
  }

  private static CategoryCatalog.CatalogException parseError(String yaml) {
    return assertThrows(CategoryCatalog.CatalogException.class,
        () -> CategoryCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml"));
  }

  @Test
  void unknownKeysAreRejectedWithTheirName() {
    CategoryCatalog.CatalogException e = parseError("""
        groups: [{code: road, name_pl: Drogi, name_en: Roads}]
        categories:
          - {code: speeding, name_pl: P, name_en: S, group: road, colour: "#112233", icon: car, active: true, colour_2: x}
        """);
    assertTrue(e.getMessage().contains("colour_2"), e.getMessage());
  }

  @Test
  void everyProblemIsListed() {
    CategoryCatalog.CatalogException e = parseError("""
        groups: [{code: road, name_pl: Drogi, name_en: Roads}]
        categories:
          - {code: speeding, name_pl: P, name_en: S, group: water, colour: "red", icon: car, active: true}
          - {code: speeding, name_pl: P, name_en: S, group: road, colour: "#112233", icon: "Car!", active: true}
        """);
    String m = e.getMessage();
    assertTrue(m.contains("group 'water'"), m);
    assertTrue(m.contains("colour 'red'"), m);
    assertTrue(m.contains("defined twice"), m);
    assertTrue(m.contains("icon 'Car!'"), m);
  }
}
