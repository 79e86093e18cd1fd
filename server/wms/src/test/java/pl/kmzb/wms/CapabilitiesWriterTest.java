package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.config.WmsSettings;
import pl.kmzb.icons.Icons;
import pl.kmzb.render.LegendRenderer;
import pl.kmzb.style.StyleCatalog;
import pl.kmzb.testing.OgcSchemas;
import pl.kmzb.testing.TestPostgis;

/**
 * Parts of the capabilities the shipped styles do not exercise: scale hints come from a layer's
 * default style when every rule of it is limited (1.3.0 Min/MaxScaleDenominator, 1.1.1 ScaleHint as
 * the ground size of a pixel's diagonal), and the documents stay valid with them.
 */
class CapabilitiesWriterTest {
  @TempDir Path dir;

  @Test
  void scaleHintsComeFromTheDefaultStylesRules() throws Exception {
    Path styles = dir.resolve("styles");
    Files.createDirectories(styles);
    try (var files = Files.list(TestPostgis.projectRoot().resolve("styles"))) {
      for (Path f : files.toList()) {
        String text = Files.readString(f);
        if (f.getFileName().toString().equals("boundaries.sld")) {
          // Every rule drawn only between 1:10,000 and 1:5,000,000.
          text = text.replace("<Name>outline</Name>", "<Name>outline</Name><MinScaleDenominator>10000</MinScaleDenominator>"
              + "<MaxScaleDenominator>5000000</MaxScaleDenominator>").replace("<Name>name</Name>",
              "<Name>name</Name><MinScaleDenominator>10000</MinScaleDenominator>");
        }
        Files.writeString(styles.resolve(f.getFileName()), text);
      }
    }
    StyleCatalog catalog = StyleCatalog.load(styles, RequestParserTest.CATEGORIES, RequestParserTest.LAYERS);
    CapabilitiesWriter writer = new CapabilitiesWriter(RequestParserTest.LAYERS, catalog, RequestParserTest.CRS,
        new WmsSettings(4096, 4096, 16, 16, 2, 6, 20), new TimeDimension(Clock.fixed(Instant.parse(
            "2025-06-15T10:00:00Z"), ZoneOffset.UTC)), new LegendService(new LegendRenderer(
                Icons.load(RequestParserTest.CATEGORIES, List.of()), RequestParserTest.CATEGORIES)));
    var visible = RequestParserTest.LAYERS.visibleTo(Optional.empty());
    String v13 = writer.write(new CapabilitiesWriter.Request(WmsVersion.V1_3_0, "http://example.test", visible, "en", 7));
    assertTrue(v13.contains("<MinScaleDenominator>10000.00</MinScaleDenominator><MaxScaleDenominator>5000000.00"
        + "</MaxScaleDenominator>"), v13);
    assertTrue(v13.contains("<Dimension name=\"time\" units=\"ISO8601\" default=\"2016-07-01/2025-06-15\""
        + " multipleValues=\"1\" nearestValue=\"0\" current=\"1\">2016-07-01/2025-06-15/P1D</Dimension>"), v13);
    assertTrue(v13.contains("updateSequence=\"7\""));
    assertTrue(v13.contains("<Title>National Security Threat Map</Title>"), "English titles");
    assertTrue(v13.contains("http://example.test/wms?SERVICE=WMS&amp;REQUEST=GetLegendGraphic"), "absolute legend URLs");
    assertFalse(v13.contains("police.reports"), "only what the caller may see");
    OgcSchemas.validate(v13);
    String v11 = writer.write(new CapabilitiesWriter.Request(WmsVersion.V1_1_1, "http://example.test", visible, "pl", 7));
    // 1:10,000 × 0.28 mm × √2 = 3.96 m; 1:5,000,000 gives 1979.90 m.
    assertTrue(v11.contains("<ScaleHint min=\"3.96\" max=\"1979.90\"/>"), v11);
    OgcSchemas.validate(v11);
  }

  /**
   * Layer properties are inherited (WMS 1.3.0 §7.2.4.8): a child lists no style a layer above it
   * lists and does not declare TIME again below a layer that declares it; a group is queryable when a
   * layer in it is, since GetFeatureInfo on a group asks its queryable layers.
   */
  @Test
  void childrenInheritStylesAndTimeAndGroupsAreQueryableThroughTheirLayers() throws Exception {
    CapabilitiesWriter writer = new CapabilitiesWriter(RequestParserTest.LAYERS, RequestParserTest.STYLES,
        RequestParserTest.CRS, new WmsSettings(4096, 4096, 16, 16, 2, 6, 20), new TimeDimension(Clock.fixed(
            Instant.parse("2025-06-15T10:00:00Z"), ZoneOffset.UTC)), new LegendService(new LegendRenderer(
                Icons.load(RequestParserTest.CATEGORIES, List.of()), RequestParserTest.CATEGORIES)));
    var visible = RequestParserTest.LAYERS.visibleTo(Optional.empty());
    for (WmsVersion v : WmsVersion.values()) {
      String xml = writer.write(new CapabilitiesWriter.Request(v, "http://example.test", visible, "en", 1));
      org.w3c.dom.Document doc = parse(xml);
      javax.xml.xpath.XPath x = javax.xml.xpath.XPathFactory.newInstance().newXPath();
      assertEquals(0.0, (Double) x.evaluate("count(//*[local-name()='Layer']/*[local-name()='Style']"
          + "[*[local-name()='Name'] = ../ancestor::*[local-name()='Layer']/*[local-name()='Style']/*[local-name()='Name']])",
          doc, javax.xml.xpath.XPathConstants.NUMBER), v + ": a style redeclared below a layer listing it");
      assertEquals(0.0, (Double) x.evaluate("count(//*[local-name()='Layer']/*[local-name()='Dimension']"
          + "[@name = ../ancestor::*[local-name()='Layer']/*[local-name()='Dimension']/@name])",
          doc, javax.xml.xpath.XPathConstants.NUMBER), v + ": TIME redeclared below a layer declaring it");
      assertTrue((Double) x.evaluate("count(//*[local-name()='Dimension'][@name='time'])", doc,
          javax.xml.xpath.XPathConstants.NUMBER) > 0, v + ": TIME is still declared");
      assertEquals("1", layerAttribute(x, doc, "threats", "queryable"), v + ": the group answers GetFeatureInfo");
      assertEquals("0", layerAttribute(x, doc, "threats.heatmap", "queryable"), v.text());
      assertEquals("", x.evaluate("//*[local-name()='Layer'][*[local-name()='Name']='category.speeding']"
          + "/*[local-name()='Style']/*[local-name()='Name']", doc), v + ": its styles come from group.road");
      assertTrue(RequestParserTest.LAYERS.find("category.speeding").orElseThrow().styles().contains("threats-points"),
          "and a request may still name them");
      OgcSchemas.validate(xml);
    }
  }

  private static String layerAttribute(javax.xml.xpath.XPath x, org.w3c.dom.Document doc, String layer, String name)
      throws Exception {
    return x.evaluate("//*[local-name()='Layer'][*[local-name()='Name']='" + layer + "']/@" + name, doc);
  }

  private static org.w3c.dom.Document parse(String xml) throws Exception {
    javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    // The 1.1.1 document names its DTD by URL; it is not fetched.
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
  }
}
