<?xml version="1.0" encoding="UTF-8"?>
<!-- Outlines of one level of PRG boundaries; names at scales above 1:5,000,000. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>boundaries.voivodeship</Name>
    <UserStyle>
      <Name>boundaries</Name>
      <Title>Granice administracyjne | Administrative boundaries</Title>
      <FeatureTypeStyle>
          <Rule>
            <Name>outline</Name>
            <Title>Granica | Boundary</Title>
            <PolygonSymbolizer><Stroke><CssParameter name="stroke">#444444</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke></PolygonSymbolizer>
          </Rule>
          <Rule>
            <Name>name</Name>
            <Title>Nazwa | Name</Title>
            <MaxScaleDenominator>5000000</MaxScaleDenominator>
            <TextSymbolizer><Label><ogc:PropertyName>name</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">10</CssParameter><CssParameter name="font-weight">normal</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#333333</CssParameter></Fill></TextSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
