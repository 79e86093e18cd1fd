package pl.kmzb.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.category.Category;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.icons.Icons;
import pl.kmzb.layer.LayerCatalog;

/** The shipped styles load, match the layer catalogue, and keep category colours and icons in categories.yaml. */
class StyleCatalogTest {
  static final CategoryCatalog CATEGORIES = CategoryCatalog.load(null);
  static final LayerCatalog LAYERS = LayerCatalog.load(null, CATEGORIES);

  static Path repositoryStyles() {
    Path p = Path.of("../../styles");
    assertTrue(Files.isDirectory(p), "run from server/wms: " + p.toAbsolutePath());
    return p;
  }

  @Test
  void shippedStylesLoadAndCoverEveryLayer() {
    StyleCatalog bundled = StyleCatalog.load(null, CATEGORIES, LAYERS);
    StyleCatalog fromDir = StyleCatalog.load(repositoryStyles(), CATEGORIES, LAYERS);
    // The built-in styles and those the layer catalogue names (indicator-classes, road-segments, ...).
    java.util.TreeSet<String> expected = new java.util.TreeSet<>(StyleCatalog.BUILT_IN);
    LAYERS.all().forEach(l -> expected.addAll(l.styles()));
    assertEquals(List.copyOf(expected), bundled.names());
    assertEquals(bundled.names(), fromDir.names());
    LAYERS.all().forEach(l -> l.styles().forEach(s -> assertTrue(bundled.find(s).isPresent(), l.id() + " → " + s)));
  }

  @Test
  void threatStylesTakeColoursAndIconsFromTheCategoryCatalogue() throws Exception {
    for (String name : List.of("threats-clusters", "threats-points", "police-reports")) {
      String xml = Files.readString(repositoryStyles().resolve(name + ".sld")).toLowerCase(Locale.ROOT);
      assertTrue(xml.contains("icon:{category}"), name + " draws the category's own icon");
      for (Category c : CATEGORIES.all()) {
        assertFalse(xml.contains(c.colour().toLowerCase(Locale.ROOT)), name + " repeats " + c.code() + "'s colour");
        assertFalse(xml.contains("icon:" + c.icon() + "\""), name + " names " + c.code() + "'s icon itself");
      }
    }
    for (Category c : CATEGORIES.all()) {
      assertTrue(Icons.exists(c.icon()), c.code() + ": icon " + c.icon() + " is not in the Maki package");
      assertTrue(c.colour().matches("#[0-9a-fA-F]{6}"), c.code());
    }
  }

  @Test
  void aStyleRepeatingACategoryColourOrCodeIsRefused(@TempDir Path dir) throws Exception {
    for (String s : StyleCatalog.BUILT_IN) {
      Files.copy(repositoryStyles().resolve(s + ".sld"), dir.resolve(s + ".sld"));
    }
    Category speeding = CATEGORIES.find("speeding").orElseThrow();
    Path points = dir.resolve("threats-points.sld");
    String xml = Files.readString(points);
    xml = xml.replace("#27ae60", speeding.colour()).replace("<ogc:Literal>new</ogc:Literal>",
        "<ogc:Literal>new</ogc:Literal>").replaceFirst("<ogc:PropertyName>cluster</ogc:PropertyName><ogc:Literal>false",
        "<ogc:PropertyName>category</ogc:PropertyName><ogc:Literal>no_such_category");
    Files.writeString(points, xml);
    Files.writeString(dir.resolve("boundaries.sld"), Files.readString(dir.resolve("boundaries.sld"))
        .replace("<Name>boundaries</Name>", "<Name>borders</Name>"));
    SldException e = assertThrows(SldException.class, () -> StyleCatalog.load(dir, CATEGORIES, LAYERS));
    List<String> p = e.problems();
    assertTrue(p.stream().anyMatch(s -> s.contains("threats-points.sld") && s.contains("repeats the colour "
        + speeding.colour())), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("no_such_category")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("boundaries.sld") && s.contains("'borders'")), p.toString());
    Files.delete(dir.resolve("heatmap.sld"));
    assertTrue(assertThrows(SldException.class, () -> StyleCatalog.load(dir, CATEGORIES, LAYERS)).problems().stream()
        .anyMatch(s -> s.contains("threats.heatmap") && s.contains("'heatmap'")));
  }

  @Test
  void clientSldResolvesNamedStylesAndKeepsTheBounds() {
    StyleCatalog styles = StyleCatalog.load(null, CATEGORIES, LAYERS);
    String named = """
        <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld">
          <NamedLayer><Name>threats.heatmap</Name><NamedStyle><Name>heatmap</Name></NamedStyle></NamedLayer>
        </StyledLayerDescriptor>""";
    List<StyledLayer> layers = styles.parseDocument(named);
    assertEquals("threats.heatmap", layers.get(0).layerName());
    assertEquals("heatmap", layers.get(0).style().name());
    assertThrows(SldException.class, () -> styles.parse(named.replace(">heatmap<", ">nope<")));
    assertThrows(SldException.class, () -> styles.parse(" ".repeat(StyleCatalog.MAX_REQUEST_SLD + 1)));
  }
}
