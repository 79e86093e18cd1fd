<?xml version="1.0" encoding="UTF-8"?>
<!-- Candidate sites for a new police post (police only): the picks of the greedy maximal covering,
     each labelled with its rank; the first three (which cover the most) larger and darker. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>candidate-sites</Name>
    <UserStyle>
      <Name>candidate-sites</Name>
      <Title>Proponowane lokalizacje posterunków | Candidate sites for police posts</Title>
      <FeatureTypeStyle>
          <Rule>
            <Name>top</Name>
            <Title>Miejsca 1–3 | Sites 1–3</Title>
            <ogc:Filter><ogc:PropertyIsLessThanOrEqualTo><ogc:PropertyName>rank</ogc:PropertyName><ogc:Literal>3</ogc:Literal></ogc:PropertyIsLessThanOrEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#6a1b9a</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">2</CssParameter></Stroke></Mark><Size>20</Size></Graphic></PointSymbolizer>
            <TextSymbolizer><Label><ogc:PropertyName>rank</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">12</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#4a148c</CssParameter></Fill></TextSymbolizer>
          </Rule>
          <Rule>
            <Name>other</Name>
            <Title>Dalsze miejsca | Further sites</Title>
            <ElseFilter/>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#ab47bc</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>14</Size></Graphic></PointSymbolizer>
            <TextSymbolizer><Label><ogc:PropertyName>rank</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">11</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#6a1b9a</CssParameter></Fill></TextSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
