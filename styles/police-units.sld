<?xml version="1.0" encoding="UTF-8"?>
<!-- Police units by type: voivodeship HQs as stars, city and county HQs as squares, stations and posts as triangles at large scales. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>police-units</Name>
    <UserStyle>
      <Name>police-units</Name>
      <Title>Jednostki Policji | Police units</Title>
      <FeatureTypeStyle>
          <Rule>
            <Name>kwp</Name>
            <Title>Komenda Wojewódzka Policji | Voivodeship police HQ</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>KWP</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>star</WellKnownName><Fill><CssParameter name="fill">#1a237e</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke></Mark><Size>18</Size></Graphic></PointSymbolizer>
            <TextSymbolizer><Label><ogc:PropertyName>name</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">11</CssParameter><CssParameter name="font-weight">bold</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#1a237e</CssParameter></Fill></TextSymbolizer>
          </Rule>
          <Rule>
            <Name>kmp-kpp</Name>
            <Title>Komenda Miejska/Powiatowa Policji | City or county police HQ</Title>
            <ogc:Filter><ogc:Or><ogc:PropertyIsEqualTo><ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>KMP</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>KPP</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Or></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>square</WellKnownName><Fill><CssParameter name="fill">#283593</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke></Mark><Size>11</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>kmp-kpp-name</Name>
            <Title>Nazwa komendy | HQ name</Title>
            <ogc:Filter><ogc:Or><ogc:PropertyIsEqualTo><ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>KMP</ogc:Literal></ogc:PropertyIsEqualTo><ogc:PropertyIsEqualTo><ogc:PropertyName>type</ogc:PropertyName><ogc:Literal>KPP</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Or></ogc:Filter>
            <MaxScaleDenominator>2000000</MaxScaleDenominator>
            <TextSymbolizer><Label><ogc:PropertyName>name</ogc:PropertyName></Label><Font><CssParameter name="font-family">SansSerif</CssParameter><CssParameter name="font-size">10</CssParameter><CssParameter name="font-weight">normal</CssParameter></Font><Halo><Radius>1.5</Radius><Fill><CssParameter name="fill">#ffffff</CssParameter></Fill></Halo><Fill><CssParameter name="fill">#283593</CssParameter></Fill></TextSymbolizer>
          </Rule>
          <Rule>
            <Name>kp-pp</Name>
            <Title>Komisariat lub posterunek | Police station or post</Title>
            <ElseFilter/>
            <MaxScaleDenominator>1000000</MaxScaleDenominator>
            <PointSymbolizer><Graphic><Mark><WellKnownName>triangle</WellKnownName><Fill><CssParameter name="fill">#3f51b5</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1</CssParameter></Stroke></Mark><Size>9</Size></Graphic></PointSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
