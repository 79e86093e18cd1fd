<?xml version="1.0" encoding="UTF-8"?>
<!-- Choropleth of public report counts per area: one rule per class of counts (plain SLD 1.0), outlines and names. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>areas.voivodeship</Name>
    <UserStyle>
      <Name>area-counts</Name>
      <Title>Liczba zgłoszeń w obszarach | Reports per area</Title>
            <FeatureTypeStyle>
          <Rule>
            <Name>none</Name>
            <Title>Brak zgłoszeń | No reports</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#f7f7f7</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>1-9</Name>
            <Title>1–9 zgłoszeń | 1–9 reports</Title>
            <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>1</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>9</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fee5d9</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>10-99</Name>
            <Title>10–99 zgłoszeń | 10–99 reports</Title>
            <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>10</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>99</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fcae91</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>100-999</Name>
            <Title>100–999 zgłoszeń | 100–999 reports</Title>
            <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>100</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>999</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fb6a4a</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>1000-9999</Name>
            <Title>1000–9999 zgłoszeń | 1,000–9,999 reports</Title>
            <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>1000</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>9999</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#de2d26</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>10000</Name>
            <Title>10 000 i więcej zgłoszeń | 10,000 reports or more</Title>
            <ogc:Filter><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>10000</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#99000d</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>name</Name>
            <TextSymbolizer><Label><ogc:PropertyName>name</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">10</CssParameter><CssParameter name="font-weight">normal</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#222222</CssParameter></Fill></TextSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
