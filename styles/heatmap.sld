<?xml version="1.0" encoding="UTF-8"?>
<!-- Kernel density of public reports; the value is log(1 + density) relative to the densest spot of the map (0..1). -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>threats.heatmap</Name>
    <UserStyle>
      <Name>heatmap</Name>
      <Title>Mapa cieplna zagrożeń | Heat map of threats</Title>
      <FeatureTypeStyle>
          <Rule>
            <Name>density</Name>
            <Title>Gęstość zgłoszeń | Density of reports</Title>
            <RasterSymbolizer><Opacity>0.8</Opacity><ColorMap><ColorMapEntry color="#2c7bb6" opacity="0" quantity="0"/><ColorMapEntry color="#2c7bb6" opacity="0.35" quantity="0.2" label="Mała gęstość | Low density"/><ColorMapEntry color="#abd9e9" opacity="0.55" quantity="0.45"/><ColorMapEntry color="#ffffbf" opacity="0.7" quantity="0.65" label="Średnia | Medium"/><ColorMapEntry color="#fdae61" opacity="0.8" quantity="0.82"/><ColorMapEntry color="#d7191c" opacity="0.9" quantity="1" label="Duża gęstość | High density"/></ColorMap></RasterSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
