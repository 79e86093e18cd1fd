<?xml version="1.0" encoding="UTF-8"?>
<!-- Choropleth of public reports per km² of each area (comparable across area sizes and levels): one rule per class (plain SLD 1.0), outlines and names. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>areas.voivodeship</Name>
    <UserStyle>
      <Name>area-counts</Name>
      <Title>Zgłoszenia na km² w obszarach | Reports per km² by area</Title>
            <FeatureTypeStyle>
          <Rule>
            <Name>none</Name>
            <Title>Brak zgłoszeń | No reports</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#f7f7f7</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>below-1</Name>
            <Title>Poniżej 1 zgłoszenia na km² | Under 1 report per km²</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThan><ogc:PropertyName>count</ogc:PropertyName><ogc:Literal>0</ogc:Literal></ogc:PropertyIsGreaterThan><ogc:PropertyIsLessThan><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fee5d9</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>1-5</Name>
            <Title>1–5 zgłoszeń na km² | 1–5 reports per km²</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>5</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fcbba1</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>5-10</Name>
            <Title>5–10 zgłoszeń na km² | 5–10 reports per km²</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>5</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>10</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fc9272</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>10-25</Name>
            <Title>10–25 zgłoszeń na km² | 10–25 reports per km²</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>10</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>25</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#fb6a4a</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>25-100</Name>
            <Title>25–100 zgłoszeń na km² | 25–100 reports per km²</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>25</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyIsLessThan><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>100</ogc:Literal></ogc:PropertyIsLessThan></ogc:And></ogc:Filter>
            <PolygonSymbolizer><Fill><CssParameter name="fill">#de2d26</CssParameter><CssParameter name="fill-opacity">0.85</CssParameter></Fill><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>100</Name>
            <Title>100 i więcej zgłoszeń na km² | 100 reports per km² or more</Title>
            <ogc:Filter><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>density</ogc:PropertyName><ogc:Literal>100</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo></ogc:Filter>
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
