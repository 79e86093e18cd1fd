package pl.kmzb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.config.WebSettings;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.report.Status;
import pl.kmzb.style.StyleCatalog;

/** The page's catalogue is the category catalogue and the WMS style, never a copy. */
class MapCatalogueTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final CategoryCatalog CATEGORIES = CategoryCatalog.load(null);
  static final StyleCatalog STYLES = StyleCatalog.load(null, CATEGORIES, LayerCatalog.load(null, CATEGORIES));

  static JsonNode catalogue(WebSettings web) throws Exception {
    return JSON.readTree(MapCatalogue.json(CATEGORIES, STYLES.find(MapCatalogue.STYLE).orElseThrow(), web));
  }

  @Test
  void categoriesAndGroupsComeFromTheCatalogueInItsOrder() throws Exception {
    JsonNode c = catalogue(new WebSettings("", ""));
    List<String> codes = new ArrayList<>();
    c.get("categories").forEach(n -> codes.add(n.get("code").asText()));
    assertEquals(CATEGORIES.all().stream().map(Category::code).toList(), codes);
    for (JsonNode n : c.get("categories")) {
      Category cat = CATEGORIES.find(n.get("code").asText()).orElseThrow();
      assertEquals(cat.colour(), n.get("colour").asText());
      assertEquals("/web/icons/" + cat.icon() + ".svg", n.get("icon").asText());
      assertEquals(cat.nameEn(), n.get("name").get("en").asText());
      assertEquals(cat.rules().descriptionRequired(), n.get("descriptionRequired").asBoolean());
    }
    assertEquals(CATEGORIES.groups().size(), c.get("groups").size());
    assertTrue(c.path("basemap").isMissingNode() || c.get("basemap").isNull(), "no external basemap unless configured");
  }

  @Test
  void statusColoursAndNamesAreTheWmsStyleRules() throws Exception {
    JsonNode statuses = catalogue(new WebSettings("", "")).get("statuses");
    // The colours KMZB uses: Nowe green, Weryfikacja yellow, Potwierdzone red, wyeliminowane blue (styles/threats-clusters.sld).
    Map<String, String> expected = Map.of("new", "#27ae60", "verification", "#f1c40f", "confirmed", "#e74c3c",
        "confirmed_handed_over", "#c0392b", "confirmed_eliminated", "#2e86de");
    assertEquals(Status.PUBLIC.size(), statuses.size(), "only public statuses");
    for (JsonNode s : statuses) {
      assertEquals(expected.get(s.get("code").asText()), s.get("colour").asText(), s.toString());
    }
    assertEquals("Nowe", statuses.get(0).get("name").get("pl").asText());
    assertEquals("New", statuses.get(0).get("name").get("en").asText());
  }

  @Test
  void clusterClassesGrowWithTheCount() throws Exception {
    JsonNode clusters = catalogue(new WebSettings("", "")).get("clusters");
    assertTrue(clusters.size() >= 3);
    for (int i = 1; i < clusters.size(); i++) {
      assertTrue(clusters.get(i).get("from").asLong() > clusters.get(i - 1).get("from").asLong());
      assertTrue(clusters.get(i).get("size").asDouble() > clusters.get(i - 1).get("size").asDouble());
    }
    assertEquals(2, clusters.get(0).get("from").asLong(), "a cluster is two reports or more");
  }

  @Test
  void attachmentLimitsAreTheApis() throws Exception {
    JsonNode a = catalogue(new WebSettings("", "")).get("attachments");
    assertEquals(3, a.get("maxFiles").asInt());
    assertEquals(5 * 1024 * 1024, a.get("maxBytes").asInt());
    assertTrue(a.get("types").toString().contains("image/jpeg"));
    assertTrue(a.get("extensions").toString().contains("\"pdf\""));
  }

  @Test
  void aConfiguredBasemapIsInTheCatalogueAndThePagePolicy() throws Exception {
    WebSettings web = ConfigLoader.load(List.of("--web.basemap-url=https://tiles.example.org:8443/osm/{z}/{x}/{y}.png",
        "--web.basemap-attribution=© OpenStreetMap contributors"), Map.of()).web();
    JsonNode basemap = catalogue(web).get("basemap");
    assertEquals("https://tiles.example.org:8443/osm/{z}/{x}/{y}.png", basemap.get("url").asText());
    assertEquals("© OpenStreetMap contributors", basemap.get("attribution").asText());
    String policy = WebPlugin.contentSecurityPolicy(web);
    assertTrue(policy.contains("img-src 'self' data: blob: https://tiles.example.org:8443;"), policy);
    assertTrue(WebPlugin.contentSecurityPolicy(new WebSettings("", "")).contains("connect-src 'self';"));
  }

  @Test
  void aBasemapUrlMustBeAnXyzTemplate() {
    for (String bad : List.of("tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org/tile.png",
        "https://tiles.example.org/{z}/{x}.png", "javascript:alert(1)//{z}{x}{y}", "https://x.org/{z}/{x}/{y}\"")) {
      assertThrows(RuntimeException.class, () -> ConfigLoader.load(List.of("--web.basemap-url=" + bad), Map.of()), bad);
    }
  }
}
