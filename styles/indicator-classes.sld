<?xml version="1.0" encoding="UTF-8"?>
<!-- Choropleth of an indicator (police statistics, surveys): one rule per step of a 9-step sequential
     palette, chosen by the feature's "shade" (the class spread over the palette, so 3 classes take
     steps 0, 4 and 8); areas without a value or without a rate grey. The legend of an indicator layer
     shows the classes of the map with their bounds, not these titles. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>indicator</Name>
    <UserStyle>
      <Name>indicator-classes</Name>
      <Title>Klasy wskaźnika | Indicator classes</Title>
      <FeatureTypeStyle>
          <Rule>
            <Name>shade-0</Name>
            <Title>Klasa 0 | Class 0</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>shade</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#ffffcc</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>shade-1</Name>
            <Title>Klasa 1 | Class 1</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>shade</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#ffeda0</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>shade-2</Name>
            <Title>Klasa 2 | Class 2</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>shade</ogc:PropertyName><ogc:Literal>2</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fed976</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>shade-3</Name>
            <Title>Klasa 3 | Class 3</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>shade</ogc:PropertyName><ogc:Literal>3</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#feb24c</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>shade-4</Name>
            <Title>Klasa 4 | Class 4</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>shade</ogc:PropertyName><ogc:Literal>4</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fd8d3c</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>shade-5</Name>
            <Title>Klasa 5 | Class 5</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>shade</ogc:PropertyName><ogc:Literal>5</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fc4e2a</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>shade-6</Name>
            <Title>Klasa 6 | Class 6</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>shade</ogc:PropertyName><ogc:Literal>6</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#e3191c</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>shade-7</Name>
            <Title>Klasa 7 | Class 7</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>shade</ogc:PropertyName><ogc:Literal>7</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#bd0026</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>shade-8</Name>
            <Title>Klasa 8 | Class 8</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>shade</ogc:PropertyName><ogc:Literal>8</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#800026</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>no-data</Name>
            <Title>Brak danych | No data</Title>
            <ElseFilter/>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#d9d9d9</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
