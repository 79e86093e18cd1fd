<?xml version="1.0" encoding="UTF-8"?>
<!-- Choropleth of public report counts per area (intervals on the count), outlines and names. -->
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
            <Name>counts</Name>
            <Title>Liczba zgłoszeń | Number of reports</Title>
            <RasterSymbolizer><Opacity>0.85</Opacity><ColorMap type="intervals"><ColorMapEntry color="#f7f7f7" quantity="1" label="0"/><ColorMapEntry color="#fee5d9" quantity="10" label="1–9"/><ColorMapEntry color="#fcae91" quantity="100" label="10–99"/><ColorMapEntry color="#fb6a4a" quantity="1000" label="100–999"/><ColorMapEntry color="#de2d26" quantity="10000" label="1000–9999"/><ColorMapEntry color="#99000d" quantity="1000000000" label="≥ 10000"/></ColorMap></RasterSymbolizer>
            <LineSymbolizer><Stroke><CssParameter name="stroke">#555555</CssParameter><CssParameter name="stroke-width">0.7</CssParameter></Stroke></LineSymbolizer>
            <TextSymbolizer><Label><ogc:PropertyName>name</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">10</CssParameter><CssParameter name="font-weight">normal</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#222222</CssParameter></Fill></TextSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
