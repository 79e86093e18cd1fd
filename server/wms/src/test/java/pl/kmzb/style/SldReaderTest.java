package pl.kmzb.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SldReaderTest {
  static String sld(String rules) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
            xmlns:xlink="http://www.w3.org/1999/xlink">
          <NamedLayer><Name>threats.points</Name>
            <UserStyle><Name>test</Name><Title>Próba | Test</Title>
              <FeatureTypeStyle>
        """ + rules + """
              </FeatureTypeStyle>
            </UserStyle>
          </NamedLayer>
        </StyledLayerDescriptor>
        """;
  }

  static Feature props(Map<String, Object> m) {
    return m::get;
  }

  @Test
  void readsTheSubset() {
    Style s = SldReader.read(sld("""
        <Rule><Name>big</Name><Title>Duże | Big</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>10</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo>
            <ogc:Not><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>new</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Not>
          </ogc:And></ogc:Filter>
          <MinScaleDenominator>1000</MinScaleDenominator><MaxScaleDenominator>500000</MaxScaleDenominator>
          <PointSymbolizer><Graphic><Mark><WellKnownName>star</WellKnownName>
            <Fill><CssParameter name="fill"><ogc:PropertyName>category_colour</ogc:PropertyName></CssParameter></Fill>
            <Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">2</CssParameter></Stroke>
          </Mark><Size>20</Size></Graphic></PointSymbolizer>
          <TextSymbolizer><Label><ogc:PropertyName>count_label</ogc:PropertyName></Label>
            <Font><CssParameter name="font-size">12</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font>
            <Halo><Radius>2</Radius><Fill><CssParameter name="fill">#000000</CssParameter></Fill></Halo></TextSymbolizer>
        </Rule>
        <Rule><Name>rest</Name><ElseFilter/>
          <PointSymbolizer><Graphic><ExternalGraphic><OnlineResource xlink:href="icon:{category}"/><Format>image/svg+xml</Format></ExternalGraphic><Size>12</Size></Graphic></PointSymbolizer>
          <LineSymbolizer><Stroke><CssParameter name="stroke-dasharray">4 2</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        """), "t.sld").get(0).style();
    assertEquals("test", s.name());
    assertEquals("Test", s.title().in("en"));
    List<Rule> rules = s.rules();
    Rule big = rules.get(0);
    assertEquals("Big", big.title().in("en"));
    assertEquals("Duże", big.title().in("pl"));
    assertTrue(big.appliesAtScale(1000) && big.appliesAtScale(499_999) && !big.appliesAtScale(500_000));
    assertTrue(big.filter().test(props(Map.of("count", 12, "status", "confirmed"))));
    assertFalse(big.filter().test(props(Map.of("count", 12, "status", "new"))));
    assertFalse(big.filter().test(props(Map.of("count", 9, "status", "confirmed"))), "numbers compare as numbers");
    Symbolizer.PointSymbolizer p = assertInstanceOf(Symbolizer.PointSymbolizer.class, big.symbolizers().get(0));
    Symbolizer.Mark m = assertInstanceOf(Symbolizer.Mark.class, p.graphic().element());
    assertEquals("star", m.wellKnownName());
    assertEquals("#123456", m.fill().colour().text(props(Map.of("category_colour", "#123456"))));
    Symbolizer.TextSymbolizer t = assertInstanceOf(Symbolizer.TextSymbolizer.class, big.symbolizers().get(1));
    assertTrue(t.font().bold());
    assertEquals(2, t.halo().radius());
    Rule rest = rules.get(1);
    assertTrue(rest.elseFilter());
    assertNull(rest.title());
    Symbolizer.ExternalGraphic e = assertInstanceOf(Symbolizer.ExternalGraphic.class,
        ((Symbolizer.PointSymbolizer) rest.symbolizers().get(0)).graphic().element());
    assertNull(e.fixedIcon(), "the category's own icon");
    assertEquals(2, ((Symbolizer.LineSymbolizer) rest.symbolizers().get(1)).stroke().dashes().length);
  }

  @Test
  void problemsNameTheSourceAndLine() {
    String body = sld("""
        <Rule><Name>a</Name>
          <PointSymbolizer><Graphic><Mark><WellKnownName>hexagon</WellKnownName></Mark></Graphic></PointSymbolizer>
        </Rule>
        <Rule><Name>b</Name>
          <ogc:Filter><ogc:PropertyIsLike><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>n*</ogc:Literal></ogc:PropertyIsLike></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">red</CssParameter></Fill></PolygonSymbolizer>
          <PointSymbolizer><Graphic><ExternalGraphic><OnlineResource xlink:href="http://example.org/x.png"/></ExternalGraphic></Graphic></PointSymbolizer>
          <TextSymbolizer><Label><ogc:PropertyName>colour</ogc:PropertyName></Label></TextSymbolizer>
          <Rubbish/>
        </Rule>
        """);
    SldException e = assertThrows(SldException.class, () -> SldReader.read(body, "styles/x.sld"));
    List<String> p = e.problems();
    assertTrue(p.stream().anyMatch(s -> s.startsWith("styles/x.sld:8:") && s.contains("hexagon")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("styles/x.sld:11:") && s.contains("PropertyIsLike")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("styles/x.sld:12:") && s.contains("'red' is not #rrggbb")),
        p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("styles/x.sld:13:") && s.contains("icon:<maki-name>")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("styles/x.sld:14:") && s.contains("unknown property 'colour'")),
        p.toString());
    assertTrue(p.stream().anyMatch(s -> s.startsWith("styles/x.sld:15:") && s.contains("Rubbish is not supported in Rule")),
        p.toString());
    assertEquals(6, p.size(), p.toString());
  }

  @Test
  void hostileXmlIsRefusedInBoundedTime() {
    String entity = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
        + "<StyledLayerDescriptor>&b;</StyledLayerDescriptor>";
    SldException e = assertThrows(SldException.class, () -> SldReader.read(entity, "SLD"));
    assertTrue(e.getMessage().contains("DOCTYPE") || e.getMessage().contains("entity"), e.getMessage());
    String external = "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"file:///etc/passwd\"><StyledLayerDescriptor/>";
    assertThrows(SldException.class, () -> SldReader.read(external, "SLD"));
    String deep = "<a>".repeat(100) + "</a>".repeat(100);
    assertTrue(assertThrows(SldException.class, () -> SldReader.read(deep, "SLD")).getMessage().contains("nesting"));
    String broken = sld("<Rule>");
    assertTrue(assertThrows(SldException.class, () -> SldReader.read(broken, "SLD")).getMessage()
        .startsWith("SLD:"));
  }

  @Test
  void readsSymbologyEncoding11() {
    String se = """
        <StyledLayerDescriptor version="1.1.0" xmlns="http://www.opengis.net/sld" xmlns:se="http://www.opengis.net/se"
            xmlns:ogc="http://www.opengis.net/ogc">
          <NamedLayer><se:Name>boundaries.county</se:Name>
            <UserStyle><se:Name>outlines</se:Name>
              <se:FeatureTypeStyle><se:Rule><se:Name>r</se:Name>
                <se:Description><se:Title>Granica | Boundary</se:Title></se:Description>
                <se:MaxScaleDenominator>1000000</se:MaxScaleDenominator>
                <se:PolygonSymbolizer><se:Stroke><se:SvgParameter name="stroke">#112233</se:SvgParameter>
                  <se:SvgParameter name="stroke-width">2</se:SvgParameter></se:Stroke></se:PolygonSymbolizer>
              </se:Rule></se:FeatureTypeStyle>
            </UserStyle>
          </NamedLayer>
        </StyledLayerDescriptor>""";
    StyledLayer l = SldReader.read(se, "SLD").get(0);
    assertEquals("boundaries.county", l.layerName());
    Rule r = l.style().rules().get(0);
    assertEquals("Boundary", r.title().in("en"));
    assertFalse(r.appliesAtScale(1_000_000));
    Symbolizer.PolygonSymbolizer p = assertInstanceOf(Symbolizer.PolygonSymbolizer.class, r.symbolizers().get(0));
    assertNull(p.fill());
    assertEquals("#112233", p.stroke().colour().text(Feature.EMPTY));
    assertEquals(2, p.stroke().width());
  }
}
