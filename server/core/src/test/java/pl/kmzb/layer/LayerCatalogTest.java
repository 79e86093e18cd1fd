package pl.kmzb.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.category.CategoryGroup;
import pl.kmzb.report.Actor;
import pl.kmzb.report.Role;

class LayerCatalogTest {
  private static final CategoryCatalog CATEGORIES = CategoryCatalog.load(null);

  @Test
  void theShippedFileLoadsWithEveryLayerOfTheIssue() {
    LayerCatalog c = LayerCatalog.load(null, CATEGORIES);
    for (String id : List.of("threats", "threats.clusters", "threats.points", "threats.heatmap", "areas.voivodeship",
        "areas.county", "areas.municipality", "police-units", "boundaries.voivodeship", "boundaries.county",
        "boundaries.municipality", "police.reports")) {
      assertTrue(c.find(id).isPresent(), id);
    }
    assertEquals(LayerKind.THREAT_CLUSTERS, c.find("threats.clusters").orElseThrow().kind());
    assertEquals("threats-clusters", c.find("threats.clusters").orElseThrow().defaultStyle());
    assertEquals("county", c.find("areas.county").orElseThrow().parameter());
    assertEquals(LayerKind.BOUNDARIES, c.find("boundaries.municipality").orElseThrow().kind());
    PublishedLayer police = c.find("police.reports").orElseThrow();
    assertEquals(Access.POLICE, police.access());
    assertEquals(LayerKind.POLICE_REPORTS, police.kind());
    PublishedLayer roads = c.find("analytics.road-segments").orElseThrow();
    assertEquals(LayerKind.ROAD_SEGMENTS, roads.kind());
    assertEquals(Access.PUBLIC, roads.access(), "public, as /api/analytics/road-segments answers anyone");
    assertEquals("analytics", roads.parent());
    PublishedLayer hot = c.find("analytics.hotspots").orElseThrow();
    assertEquals(LayerKind.HOTSPOTS, hot.kind());
    assertEquals(Access.PUBLIC, hot.access(), "public, as /api/analytics/hotspots answers anyone");
    assertEquals(LayerKind.DENSITY, c.find("analytics.density").orElseThrow().kind());
    assertEquals(Access.PUBLIC, c.find("analytics.density").orElseThrow().access());
    PublishedLayer sites = c.find("police.candidate-sites").orElseThrow();
    assertEquals(LayerKind.CANDIDATE_SITES, sites.kind());
    assertEquals(Access.POLICE, sites.access(), "police only, as /api/analytics/candidates");
    ServiceMetadata s = c.service();
    assertEquals("National Security Threat Map", s.title().in("en"));
    assertEquals("Krajowa Mapa Zagrożeń Bezpieczeństwa", s.title().in("pl"));
    assertTrue(s.keywords().contains("KMZB"));
    assertTrue(s.fees() != null && s.accessConstraints() != null && s.contactEmail().contains("@"));
    // Every style name is one the WMS helper's styles/ must provide.
    assertEquals(Set.of("threats-clusters", "threats-points", "heatmap", "area-counts", "police-units", "boundaries",
        "indicator-classes", "police-reports", "road-segments", "hotspots", "density", "candidate-sites"), Set.copyOf(c.all().stream().flatMap(l -> l.styles().stream()).toList()));
  }

  @Test
  void loadsFromTheRepositoryDirectoryToo() {
    Path dir = pl.kmzb.testing.TestPostgis.projectRoot().resolve("layers");
    assertEquals(LayerCatalog.load(null, CATEGORIES).all(), LayerCatalog.load(dir, CATEGORIES).all());
  }

  @Test
  void generatesOneLayerPerCategoryGroupAndCategoryInTheCataloguesOrder() {
    LayerCatalog c = LayerCatalog.load(null, CATEGORIES);
    List<String> groups = c.children("threats").stream().filter(l -> l.kind() == LayerKind.CATEGORY_GROUP)
        .map(PublishedLayer::id).toList();
    assertEquals(CATEGORIES.groups().stream().map(g -> "group." + g.code()).toList(), groups);
    for (CategoryGroup g : CATEGORIES.groups()) {
      PublishedLayer layer = c.find("group." + g.code()).orElseThrow();
      assertEquals(g.code(), layer.parameter());
      assertEquals("Zagrożenia: " + g.namePl(), layer.title().in("pl"));
      assertEquals("Threats: " + g.nameEn(), layer.title().in("en"));
      assertEquals(CATEGORIES.all().stream().filter(x -> x.group().equals(g.code())).map(x -> "category." + x.code())
          .toList(), c.children(layer.id()).stream().map(PublishedLayer::id).toList());
    }
    Category speeding = CATEGORIES.find("speeding").orElseThrow();
    PublishedLayer layer = c.find("category.speeding").orElseThrow();
    assertEquals(LayerKind.CATEGORY, layer.kind());
    assertEquals("speeding", layer.parameter());
    assertEquals(speeding.namePl(), layer.title().pl());
    assertEquals(speeding.nameEn(), layer.title().en());
    assertEquals(List.of(speeding.namePl(), speeding.nameEn(), "speeding"), layer.keywords());
    assertEquals("Public reports of the category “Speeding”.", layer.summary().in("en"));
    assertEquals(CATEGORIES.all().size(), c.all().stream().filter(l -> l.kind() == LayerKind.CATEGORY).count());
  }

  @Test
  void generatesOneIndicatorLayerPerIndicatorAndLevel() {
    LayerCatalog c = LayerCatalog.load(null, CATEGORIES);
    List<PublishedLayer> indicators = c.children("statistics");
    assertEquals(11 * 3, indicators.size());
    assertEquals("indicator.road_accidents.voivodeship", indicators.get(0).id());
    PublishedLayer deaths = c.find("indicator.road_deaths.county").orElseThrow();
    assertEquals(LayerKind.INDICATOR, deaths.kind());
    assertEquals("road_deaths.county", deaths.parameter());
    assertEquals("Ofiary śmiertelne wypadków drogowych – powiaty", deaths.title().pl());
    assertEquals("Road deaths – counties", deaths.title().en());
    assertEquals(List.of("indicator-classes"), deaths.styles());
    assertEquals(Access.PUBLIC, deaths.access());
    assertEquals(Access.POLICE, c.find("indicator.interventions.municipality").orElseThrow().access(),
        "a police-only indicator is a police layer");
    assertTrue(problems(SERVICE + "layers:\n  - {id: x, kind: indicator, title: {pl: Z, en: T}, styles: [a]}\n"
        + GENERATOR).contains("kind indicator layers are generated from indicators.yaml"));
  }

  @Test
  void listsLayersInTreeOrder() {
    LayerCatalog c = LayerCatalog.load(null, CATEGORIES);
    List<PublishedLayer> all = c.all();
    for (int i = 0; i < all.size(); i++) {
      String parent = all.get(i).parent();
      if (parent != null) {
        int p = all.indexOf(c.find(parent).orElseThrow());
        assertTrue(p < i, all.get(i).id() + " after its parent");
        for (int k = p + 1; k < i; k++) {
          assertTrue(isBelow(c, all.get(k), parent), all.get(k).id() + " interrupts the children of " + parent);
        }
      }
    }
    assertEquals(List.of("threats", "police-units", "boundaries.voivodeship", "boundaries.county",
        "boundaries.municipality", "statistics", "analytics", "police.reports", "police.candidate-sites"), c.children(null).stream().map(PublishedLayer::id).toList());
  }

  private static boolean isBelow(LayerCatalog c, PublishedLayer l, String ancestor) {
    for (String p = l.parent(); p != null; p = c.find(p).orElseThrow().parent()) {
      if (p.equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void policeLayersAreVisibleOnlyToPoliceUsers() {
    LayerCatalog c = LayerCatalog.load(null, CATEGORIES);
    assertFalse(c.visibleTo(Optional.empty()).stream().anyMatch(l -> l.id().equals("police.reports")));
    assertTrue(c.visibleTo(Optional.empty()).stream().allMatch(PublishedLayer::isPublic));
    Actor officer = new Actor("jan", Role.OFFICER, Set.of("1465"));
    assertEquals(c.all(), c.visibleTo(Optional.of(officer)));
  }

  @Test
  void textsDefaultToPolish() {
    Text t = new Text("Zagrożenia", "Threats");
    assertEquals("Threats", t.in("en"));
    assertEquals("Threats", t.in("EN-gb"));
    assertEquals("Zagrożenia", t.in("pl"));
    assertEquals("Zagrożenia", t.in("de"));
    assertEquals("Zagrożenia", t.in(null));
  }

  // --- validation: every problem is reported, all at once ---

  private static final String SERVICE = """
      service:
        title: {pl: Mapa, en: Map}
        abstract: {pl: Opis, en: About}
        contact: {organisation: KGP, email: a@b.pl}
        fees: none
        access_constraints: none
      """;
  private static final String GENERATOR = """
        - generate: category_layers
          parent: threats
          group: {title: {pl: "{name}", en: "{name}"}, styles: [threats-points]}
          category: {title: {pl: "{name}", en: "{name}"}, styles: [threats-points]}
      """;

  private static LayerCatalog parse(String yaml) {
    return LayerCatalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml", CATEGORIES);
  }

  private static String problems(String yaml) {
    return assertThrows(LayerCatalogException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void aMinimalFileLoads() {
    LayerCatalog c = parse(SERVICE + "layers:\n  - {id: threats, kind: group, title: {pl: Z, en: T}}\n" + GENERATOR);
    assertEquals(1 + CATEGORIES.groups().size() + CATEGORIES.all().size(), c.all().size());
    assertNull(c.service().address());
    assertFalse(c.find("threats").orElseThrow().queryable());
  }

  @Test
  void reportsEveryProblemAtOnce() {
    String message = problems(SERVICE + """
        colour: red
        layers:
          - {id: threats, kind: group, title: {pl: Z, en: T}, colour: blue}
          - {id: threats.points, kind: threat_points, parent: threats, title: {pl: P}, styles: [points]}
          - {id: threats.points, kind: threat_points, title: {pl: P, en: P}, styles: [points]}
          - {id: Bad Id, kind: threat_points, title: {pl: P, en: P}, styles: [points]}
          - {id: a, kind: volcanoes, title: {pl: P, en: P}, styles: [points]}
          - {id: b, kind: heatmap, title: {pl: P, en: P}, styles: [Heat_Map, heatmap, heatmap]}
          - {id: c, kind: heatmap, title: {pl: P, en: P}}
          - {id: d, kind: area_counts, parameter: parish, title: {pl: P, en: P}, styles: [x]}
          - {id: e, kind: boundaries, title: {pl: P, en: P}, styles: [x]}
          - {id: f, kind: heatmap, parameter: county, title: {pl: P, en: P}, styles: [x]}
          - {id: g, kind: heatmap, parent: nowhere, title: {pl: P, en: P}, styles: [x]}
          - {id: h, kind: heatmap, parent: b, title: {pl: P, en: P}, styles: [x]}
          - {id: i, kind: police_reports, title: {pl: P, en: P}, styles: [x]}
          - {id: j, kind: heatmap, access: secret, title: {pl: P, en: P}, styles: [x]}
          - {id: k, kind: category, parameter: speeding, title: {pl: P, en: P}, styles: [x]}
          - {id: l, kind: group, title: {pl: P, en: P}, styles: [x]}
          - {id: m, kind: heatmap, queryable: maybe, title: {pl: P, en: P}, styles: [x]}
          - {kind: heatmap, title: {pl: P, en: P}, styles: [x]}
          - {id: pol, kind: group, access: police, title: {pl: P, en: P}}
          - {id: n, kind: heatmap, parent: pol, title: {pl: P, en: P}, styles: [x]}
          - {id: o, kind: candidate_sites, title: {pl: P, en: P}, styles: [x]}
        """ + GENERATOR);
    for (String expected : List.of(
        "top level: unknown key 'colour'",
        "layer 'threats': unknown key 'colour'",
        "layer 'threats.points'.title: 'en' is required",
        "id 'threats.points' is used twice",
        "id 'Bad Id' must be lower case",
        "kind 'volcanoes' is not one of",
        "style 'Heat_Map' must be a name of lower case letters",
        "style 'heatmap' is listed twice",
        "layer 'c': 'styles' is required",
        "layer 'd': parameter: unknown boundary level 'parish'",
        "layer 'e': 'parameter' is required",
        "layer 'f': a heatmap layer takes no 'parameter'",
        "layer 'g': parent 'nowhere' is not a layer listed before it",
        "layer 'h': parent 'b' is a heatmap layer, not a group",
        "layer 'i': a police_reports layer shows exact positions and sources: access must be police",
        "layer 'j': access 'secret' must be public or police",
        "layer 'k': kind category layers are generated from categories.yaml",
        "layer 'l': a group layer has no styles of its own",
        "layer 'm': 'queryable' must be true or false",
        "layer '#18': 'id' is required",
        "layer 'n': a public layer cannot sit under the police group 'pol'",
        "layer 'o': a candidate_sites layer is computed from the police's own threats and units: access must be"
            + " police")) {
      assertTrue(message.contains(expected), "missing «" + expected + "» in:\n" + message);
    }
  }

  @Test
  void reportsServiceProblems() {
    String message = problems("""
        service:
          title: {pl: Mapa}
          contact: {email: not-an-address, fax: 1, address: {city: Warszawa}}
          fees: none
        layers:
          - {id: threats, kind: group, title: {pl: Z, en: T}}
        """ + GENERATOR);
    for (String expected : List.of("service.title: 'en' is required", "service: 'abstract' is required",
        "service: 'access_constraints' is required", "service.contact: unknown key 'fax'",
        "service.contact: 'organisation' is required", "email 'not-an-address' is not an e-mail address",
        "service.contact.address: 'street' is required")) {
      assertTrue(message.contains(expected), "missing «" + expected + "» in:\n" + message);
    }
  }

  @Test
  void reportsGeneratorProblems() {
    assertTrue(problems(SERVICE + "layers:\n  - {id: threats, kind: group, title: {pl: Z, en: T}}\n")
        .contains("exactly one entry 'generate: category_layers'"));
    String message = problems(SERVICE + """
        layers:
          - {id: threats, kind: group, title: {pl: Z, en: T}}
          - generate: category_layers
            parent: threats
            group: {title: {pl: "{name}", en: "{name}"}, styles: [x], icon: y}
          - generate: volcanoes
        """);
    for (String expected : List.of("'category' (the template of the generated category layers) is required",
        "layers[2] (generate).group: unknown key 'icon'", "generate 'volcanoes' is unknown")) {
      assertTrue(message.contains(expected), "missing «" + expected + "» in:\n" + message);
    }
  }

  @Test
  void overridesChangeSingleGeneratedLayers() {
    LayerCatalog c = parse(SERVICE + """
        layers:
          - {id: threats, kind: group, title: {pl: Z, en: T}}
          - generate: category_layers
            parent: threats
            group: {title: {pl: "{name}", en: "{name}"}, styles: [threats-points]}
            category: {title: {pl: "{name}", en: "{name}"}, styles: [threats-points], queryable: true}
            group_overrides:
              water: {styles: [threats-clusters, threats-points]}
            category_overrides:
              animal_cruelty: {access: police, abstract: {pl: Tylko Policja, en: Police only}, queryable: false}
        """);
    assertEquals(List.of("threats-clusters", "threats-points"), c.find("group.water").orElseThrow().styles());
    assertEquals(List.of("threats-points"), c.find("group.road").orElseThrow().styles());
    PublishedLayer cruelty = c.find("category.animal_cruelty").orElseThrow();
    assertEquals(Access.POLICE, cruelty.access());
    assertEquals("Police only", cruelty.summary().in("en"));
    assertFalse(cruelty.queryable());
    assertEquals(CATEGORIES.find("animal_cruelty").orElseThrow().namePl(), cruelty.title().pl(), "the rest is the template's");
    assertTrue(c.find("category.speeding").orElseThrow().queryable());
    assertFalse(c.visibleTo(Optional.empty()).contains(cruelty));
  }

  @Test
  void overridesNameKnownCodes() {
    String message = problems(SERVICE + """
        layers:
          - {id: threats, kind: group, title: {pl: Z, en: T}}
          - generate: category_layers
            parent: threats
            group: {title: {pl: "{name}", en: "{name}"}, styles: [threats-points]}
            category: {title: {pl: "{name}", en: "{name}"}, styles: [threats-points]}
            group_overrides:
              volcanoes: {styles: [x]}
              water: {access: police}
            category_overrides:
              speedin: {styles: [x]}
              speeding: {colour: red, styles: [Bad]}
        """);
    for (String expected : List.of("group_overrides: 'volcanoes' is not a code of categories.yaml",
        "category_overrides: 'speedin' is not a code of categories.yaml",
        "category_overrides.speeding: unknown key 'colour'", "style 'Bad' must be a name",
        "category 'dangerous_water_places' is public under the police group 'group.water'")) {
      assertTrue(message.contains(expected), "missing «" + expected + "» in:\n" + message);
    }
  }

  @Test
  void reportsAMissingOrBrokenFile(@TempDir Path dir) throws Exception {
    assertTrue(assertThrows(LayerCatalogException.class, () -> LayerCatalog.load(dir, CATEGORIES)).getMessage()
        .contains("layers.yaml"));
    Files.writeString(dir.resolve("layers.yaml"), "service: [unclosed\n");
    assertTrue(assertThrows(LayerCatalogException.class, () -> LayerCatalog.load(dir, CATEGORIES)).getMessage()
        .contains("layers.yaml"));
    assertTrue(problems("").contains("empty file"));
  }
}
