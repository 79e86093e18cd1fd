<?xml version="1.0" encoding="UTF-8"?>
<!-- Kernel density of public reports: the colour map's value is log10(1 + public reports per km²), radius 24 px; the same data gives the same colour at every view of a scale, so tiles meet without seams. -->
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
            <RasterSymbolizer><Opacity>0.8</Opacity><ColorMap><ColorMapEntry color="#2c7bb6" opacity="0" quantity="0"/><ColorMapEntry color="#2c7bb6" opacity="0.35" quantity="0.301" label="1 zgłoszenie na km² | 1 report per km²"/><ColorMapEntry color="#abd9e9" opacity="0.55" quantity="1.041" label="10 zgłoszeń na km² | 10 reports per km²"/><ColorMapEntry color="#ffffbf" opacity="0.7" quantity="2.004" label="100 zgłoszeń na km² | 100 reports per km²"/><ColorMapEntry color="#fdae61" opacity="0.8" quantity="3" label="1000 zgłoszeń na km² | 1,000 reports per km²"/><ColorMapEntry color="#d7191c" opacity="0.9" quantity="4" label="10 000 zgłoszeń na km² | 10,000 reports per km²"/></ColorMap></RasterSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
