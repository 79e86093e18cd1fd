<?xml version="1.0" encoding="UTF-8"?>
<!-- Clusters with their count; single reports as the category icon in a status-coloured circle. Category icons and colours come from layers/categories.yaml (icon:{category}). -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>threats.clusters</Name>
    <UserStyle>
      <Name>threats-clusters</Name>
      <Title>Zagrożenia – skupiska | Threats, clustered</Title>
      <FeatureTypeStyle>
          <Rule>
            <Name>status-new</Name>
            <Title>Nowe | New</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>cluster</ogc:PropertyName><ogc:Literal>false</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>new</ogc:Literal></ogc:PropertyIsEqualTo></ogc:And></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#27ae60</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-verification</Name>
            <Title>Weryfikacja | Verification</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>cluster</ogc:PropertyName><ogc:Literal>false</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>verification</ogc:Literal></ogc:PropertyIsEqualTo></ogc:And></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#f1c40f</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-confirmed</Name>
            <Title>Potwierdzone | Confirmed</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>cluster</ogc:PropertyName><ogc:Literal>false</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>confirmed</ogc:Literal></ogc:PropertyIsEqualTo></ogc:And></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#e74c3c</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-confirmed_handed_over</Name>
            <Title>Potwierdzone (przekazane poza Policję) | Confirmed, handed over outside the police</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>cluster</ogc:PropertyName><ogc:Literal>false</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>confirmed_handed_over</ogc:Literal></ogc:PropertyIsEqualTo></ogc:And></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#c0392b</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-confirmed_eliminated</Name>
            <Title>Potwierdzone (wyeliminowane) | Confirmed, eliminated</Title>
            <ogc:Filter><ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>cluster</ogc:PropertyName><ogc:Literal>false</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>confirmed_eliminated</ogc:Literal></ogc:PropertyIsEqualTo></ogc:And></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#2e86de</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>cluster-0</Name>
            <Title>Skupisko 2–9 zgłoszeń | Cluster of 2–9 reports</Title>
            <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>2</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>9</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#3a6ea5</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">2</CssParameter></Stroke></Mark><Size>20</Size></Graphic></PointSymbolizer>
            <TextSymbolizer><Label><ogc:PropertyName>count_label</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">10</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></TextSymbolizer>
          </Rule>
          <Rule>
            <Name>cluster-1</Name>
            <Title>Skupisko 10–99 zgłoszeń | Cluster of 10–99 reports</Title>
            <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>10</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>99</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#3a6ea5</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">2</CssParameter></Stroke></Mark><Size>24</Size></Graphic></PointSymbolizer>
            <TextSymbolizer><Label><ogc:PropertyName>count_label</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">11</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></TextSymbolizer>
          </Rule>
          <Rule>
            <Name>cluster-2</Name>
            <Title>Skupisko 100–999 zgłoszeń | Cluster of 100–999 reports</Title>
            <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>100</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>999</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#3a6ea5</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">2</CssParameter></Stroke></Mark><Size>28</Size></Graphic></PointSymbolizer>
            <TextSymbolizer><Label><ogc:PropertyName>count_label</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">11</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></TextSymbolizer>
          </Rule>
          <Rule>
            <Name>cluster-3</Name>
            <Title>Skupisko 1000–9999 zgłoszeń | Cluster of 1,000–9,999 reports</Title>
            <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>1000</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>9999</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#3a6ea5</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">2</CssParameter></Stroke></Mark><Size>32</Size></Graphic></PointSymbolizer>
            <TextSymbolizer><Label><ogc:PropertyName>count_label</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">12</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></TextSymbolizer>
          </Rule>
          <Rule>
            <Name>cluster-4</Name>
            <Title>Skupisko ponad 10 000 zgłoszeń | Cluster of 10,000 reports or more</Title>
            <ogc:Filter><ogc:PropertyIsBetween><ogc:PropertyName>count</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>10000</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>2000000000</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#3a6ea5</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">2</CssParameter></Stroke></Mark><Size>36</Size></Graphic></PointSymbolizer>
            <TextSymbolizer><Label><ogc:PropertyName>count_label</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">12</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></TextSymbolizer>
          </Rule>
      </FeatureTypeStyle>
      <FeatureTypeStyle>
          <Rule>
            <Name>category-icon</Name>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>cluster</ogc:PropertyName><ogc:Literal>false</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><ExternalGraphic><OnlineResource xlink:type="simple" xlink:href="icon:{category}"/><Format>image/svg+xml</Format></ExternalGraphic><Size>13</Size></Graphic></PointSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
