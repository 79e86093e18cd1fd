package pl.kmzb.mapstyle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.style.Style;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.style.StyleFilter;

/**
 * The MapLibre styles generated from the shipped SLD: the structure the MapLibre style
 * specification requires (version 8, sources, layers of known types with their source), and each
 * rule's colours as the SLD file states them, read here from the XML without the style reader.
 */
class MapboxStyleTest {
  static final CategoryCatalog CATEGORIES = CategoryCatalog.load(null);
  static final StyleCatalog STYLES = StyleCatalog.load(null, CATEGORIES, LayerCatalog.load(null, CATEGORIES));
  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> TYPES = Set.of("fill", "line", "circle", "raster");

  static JsonNode vector(String style) {
    Style s = STYLES.find(style).orElseThrow();
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("type", "vector");
    source.put("url", "http://localhost/tiles.json");
    return JSON.valueToTree(new MapboxStyle(CATEGORIES).vector(s, "src", source, "layer", style));
  }

  @Test
  void everyShippedVectorStyleHasTheRequiredStructure() {
    for (String name : List.of("threats-clusters", "threats-points", "boundaries", "police-units", "police-reports")) {
      JsonNode doc = vector(name);
      assertEquals(8, doc.path("version").asInt());
      assertTrue(doc.path("sources").has("src"));
      assertFalse(doc.has("glyphs") || doc.has("sprite"), "no third-party fonts or sprites");
      Set<String> ids = new HashSet<>();
      assertTrue(doc.path("layers").size() > 0, name);
      for (JsonNode layer : doc.path("layers")) {
        assertTrue(ids.add(layer.path("id").asText()), "unique ids: " + layer);
        assertTrue(TYPES.contains(layer.path("type").asText()), layer.toString());
        assertEquals("src", layer.path("source").asText());
        assertEquals("layer", layer.path("source-layer").asText());
        assertTrue(layer.path("paint").isObject());
      }
    }
  }

  /** rule name → the colours of its fills and strokes, as the SLD file writes them. */
  static Map<String, List<String>> sldColours(String style) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readString(
        Path.of("../../styles", style + ".sld")).getBytes(StandardCharsets.UTF_8)));
    Map<String, List<String>> out = new LinkedHashMap<>();
    NodeList rules = d.getElementsByTagNameNS("http://www.opengis.net/sld", "Rule");
    for (int i = 0; i < rules.getLength(); i++) {
      Element rule = (Element) rules.item(i);
      String name = rule.getElementsByTagNameNS("http://www.opengis.net/sld", "Name").item(0).getTextContent();
      List<String> colours = new java.util.ArrayList<>();
      NodeList params = rule.getElementsByTagNameNS("http://www.opengis.net/sld", "CssParameter");
      for (int j = 0; j < params.getLength(); j++) {
        Element p = (Element) params.item(j);
        boolean text = p.getParentNode().getParentNode().getLocalName().equals("TextSymbolizer")
            || p.getParentNode().getParentNode().getLocalName().equals("Halo")
            || ((Element) p.getParentNode()).getLocalName().equals("Font");
        if (!text && (p.getAttribute("name").equals("fill") || p.getAttribute("name").equals("stroke"))) {
          colours.add(p.getTextContent().strip());
        }
      }
      out.put(name, colours);
    }
    return out;
  }

  @Test
  void coloursAreTheSldsRuleByRule() throws Exception {
    for (String name : List.of("threats-clusters", "threats-points", "boundaries", "police-units", "police-reports")) {
      JsonNode doc = vector(name);
      Map<String, List<String>> expected = sldColours(name);
      int checked = 0;
      for (Map.Entry<String, List<String>> rule : expected.entrySet()) {
        Set<String> drawn = new HashSet<>();
        for (JsonNode layer : doc.path("layers")) {
          if (layer.path("id").asText().startsWith(name + "-" + rule.getKey() + "-")) {
            layer.path("paint").fields().forEachRemaining(e -> {
              if (e.getKey().endsWith("color")) {
                drawn.add(e.getValue().asText());
              }
            });
          }
        }
        // Labels and icons are not drawn (no glyphs, no sprite): rules of text only have no layer.
        if (!drawn.isEmpty()) {
          assertEquals(new HashSet<>(rule.getValue()), drawn, name + " rule " + rule.getKey());
          checked++;
        }
      }
      assertTrue(checked > 0, name);
    }
    JsonNode clusters = vector("threats-clusters");
    JsonNode statusNew = null;
    for (JsonNode l : clusters.path("layers")) {
      if (l.path("id").asText().startsWith("threats-clusters-status-new-")) {
        statusNew = l;
      }
    }
    assertNotNull(statusNew);
    assertEquals("#27ae60", statusNew.path("paint").path("circle-color").asText());
    assertEquals(11.0, statusNew.path("paint").path("circle-radius").asDouble(), "SLD size 22 is the diameter");
    // A single report has no 'cluster' in the tiles: the SLD's cluster = false.
    assertEquals("[\"all\",[\"==\",[\"to-string\",[\"case\",[\"has\",\"cluster\"],\"true\",\"false\"]],\"false\"],"
        + "[\"all\",[\"has\",\"status\"],[\"==\",[\"to-string\",[\"get\",\"status\"]],\"new\"]]]",
        statusNew.path("filter").toString());
  }

  @Test
  void aFeatureWithoutThePropertyMatchesOnlyNotEqualAsInTheSld() {
    // An indicator area without a value has no 'shade' in its tile: MapLibre's to-number would make
    // it 0 and paint it as the lightest class, not as the SLD's grey no-data rule.
    JsonNode doc = vector("indicator-classes");
    Map<String, String> filters = new LinkedHashMap<>();
    doc.path("layers").forEach(l -> filters.put(l.path("id").asText(), l.path("filter").toString()));
    assertEquals("[\"all\",[\"has\",\"shade\"],[\"==\",[\"to-number\",[\"get\",\"shade\"]],0.0]]",
        filters.get("indicator-classes-shade-0-0"));
    assertTrue(filters.get("indicator-classes-no-data-18").startsWith("[\"!\",[\"any\",[\"all\",[\"has\",\"shade\"],"),
        filters.get("indicator-classes-no-data-18"));
    assertEquals("[\"any\",[\"!\",[\"has\",\"status\"]],[\"!=\",[\"to-string\",[\"get\",\"status\"]],\"new\"]]",
        JSON.valueToTree(MapboxStyle.filter(new StyleFilter.Compare("status", StyleFilter.Op.NE, "new"))).toString());
  }

  @Test
  void categoryColoursAreAMatchOverTheCatalogue() {
    Style s = STYLES.parse("""
        <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc">
          <NamedLayer><Name>threats.points</Name><UserStyle><Name>by-category</Name><FeatureTypeStyle><Rule>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">
              <ogc:PropertyName>category_colour</ogc:PropertyName></CssParameter></Fill></Mark><Size>8</Size></Graphic>
            </PointSymbolizer></Rule></FeatureTypeStyle></UserStyle></NamedLayer></StyledLayerDescriptor>""");
    JsonNode doc = JSON.valueToTree(new MapboxStyle(CATEGORIES).vector(s, "src", Map.of("type", "vector"), "l", "x"));
    JsonNode match = doc.path("layers").get(0).path("paint").path("circle-color");
    assertEquals("match", match.get(0).asText());
    assertEquals("[\"get\",\"category\"]", match.get(1).toString());
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 2; i + 1 < match.size(); i += 2) {
      pairs.put(match.get(i).asText(), match.get(i + 1).asText());
    }
    for (Category c : CATEGORIES.all()) {
      assertEquals(c.colour(), pairs.get(c.code()), c.code());
    }
  }

  @Test
  void scaleDenominatorsBecomeMapLibreZooms() {
    assertEquals(0.0, MapboxStyle.zoom(MapboxStyle.ZOOM0_SCALE));
    assertEquals(10.0, MapboxStyle.zoom(MapboxStyle.ZOOM0_SCALE / 1024));
  }
}
