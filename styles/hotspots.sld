<?xml version="1.0" encoding="UTF-8"?>
<!-- Hot and cold spots (analytics.hotspots): each significant cell filled by its Gi* class, the usual
     diverging palette (red hot, blue cold, darker for higher confidence); cells that are not
     significant are not listed and so not drawn. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>hotspots</Name>
    <UserStyle>
      <Name>hotspots</Name>
      <Title>Gorące i zimne punkty | Hot and cold spots</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>hot_99</Name>
          <Title>Gorący punkt, 99 % | Hot spot, 99 %</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>class</ogc:PropertyName><ogc:Literal>hot_99</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#b2182b</CssParameter></Fill></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>hot_95</Name>
          <Title>Gorący punkt, 95 % | Hot spot, 95 %</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>class</ogc:PropertyName><ogc:Literal>hot_95</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#ef8a62</CssParameter></Fill></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>hot_90</Name>
          <Title>Gorący punkt, 90 % | Hot spot, 90 %</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>class</ogc:PropertyName><ogc:Literal>hot_90</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#fddbc7</CssParameter></Fill></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>cold_90</Name>
          <Title>Zimny punkt, 90 % | Cold spot, 90 %</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>class</ogc:PropertyName><ogc:Literal>cold_90</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#d1e5f0</CssParameter></Fill></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>cold_95</Name>
          <Title>Zimny punkt, 95 % | Cold spot, 95 %</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>class</ogc:PropertyName><ogc:Literal>cold_95</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#67a9cf</CssParameter></Fill></PolygonSymbolizer>
        </Rule>
        <Rule>
          <Name>cold_99</Name>
          <Title>Zimny punkt, 99 % | Cold spot, 99 %</Title>
          <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>class</ogc:PropertyName><ogc:Literal>cold_99</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
          <PolygonSymbolizer><Fill><CssParameter name="fill">#2166ac</CssParameter></Fill></PolygonSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
