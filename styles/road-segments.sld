<?xml version="1.0" encoding="UTF-8"?>
<!-- The most dangerous stretches of road (analytics.road-segments): each segment a line coloured by its
     incidents (the layer lists segments with at least 20), darker and wider for more. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>road_segments</Name>
    <UserStyle>
      <Name>road-segments</Name>
      <Title>Odcinki dróg według liczby zgłoszeń | Road segments by incidents</Title>
      <FeatureTypeStyle>
        <Rule>
          <Name>incidents-50</Name>
          <Title>50 i więcej zgłoszeń | 50 incidents or more</Title>
          <ogc:Filter><ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>incidents</ogc:PropertyName><ogc:Literal>50</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo></ogc:Filter>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#7f0000</CssParameter><CssParameter name="stroke-width">7</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>incidents-30</Name>
          <Title>30–49 zgłoszeń | 30–49 incidents</Title>
          <ogc:Filter><ogc:And>
            <ogc:PropertyIsGreaterThanOrEqualTo><ogc:PropertyName>incidents</ogc:PropertyName><ogc:Literal>30</ogc:Literal></ogc:PropertyIsGreaterThanOrEqualTo>
            <ogc:PropertyIsLessThan><ogc:PropertyName>incidents</ogc:PropertyName><ogc:Literal>50</ogc:Literal></ogc:PropertyIsLessThan>
          </ogc:And></ogc:Filter>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#d7301f</CssParameter><CssParameter name="stroke-width">6</CssParameter></Stroke></LineSymbolizer>
        </Rule>
        <Rule>
          <Name>incidents-20</Name>
          <Title>Poniżej 30 zgłoszeń | Fewer than 30 incidents</Title>
          <ElseFilter/>
          <LineSymbolizer><Stroke><CssParameter name="stroke">#fd8d3c</CssParameter><CssParameter name="stroke-width">5</CssParameter></Stroke></LineSymbolizer>
        </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
