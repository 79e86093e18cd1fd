<?xml version="1.0" encoding="UTF-8"?>
<!-- Kernel density of public reports (analytics.density): the colour map's value is reports per km² at
     the cell's centre (the API's "density"), cells of 1 km; no colour where the surface is zero. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>analytics.density</Name>
    <UserStyle>
      <Name>density</Name>
      <Title>Gęstość zgłoszeń | Density of reports</Title>
      <FeatureTypeStyle>
          <Rule>
            <Name>density</Name>
            <Title>Zgłoszenia na km² | Reports per km²</Title>
            <RasterSymbolizer><ColorMap><ColorMapEntry color="#ffffb2" opacity="0" quantity="0"/><ColorMapEntry color="#ffffb2" opacity="0.6" quantity="0.01" label="0,01 zgłoszenia na km² | 0.01 reports per km²"/><ColorMapEntry color="#fecc5c" opacity="0.7" quantity="0.1" label="0,1 zgłoszenia na km² | 0.1 reports per km²"/><ColorMapEntry color="#fd8d3c" opacity="0.85" quantity="0.3" label="0,3 zgłoszenia na km² | 0.3 reports per km²"/><ColorMapEntry color="#bd0026" opacity="1" quantity="1" label="1 zgłoszenie na km² i więcej | 1 report per km² or more"/></ColorMap></RasterSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
