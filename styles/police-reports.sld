<?xml version="1.0" encoding="UTF-8"?>
<!-- Police only: every status at the exact position; a black ring marks a new report past its take-up deadline. -->
<StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
    xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
  <NamedLayer>
    <Name>police.reports</Name>
    <UserStyle>
      <Name>police-reports</Name>
      <Title>Zgłoszenia – dokładne położenia (Policja) | Reports at exact positions (police)</Title>
      <FeatureTypeStyle>
          <Rule>
            <Name>past-deadline</Name>
            <Title>Nowe po terminie podjęcia (72 h) | New, past the 72-hour take-up deadline</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>past_deadline</ogc:PropertyName><ogc:Literal>true</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Stroke><CssParameter name="stroke">#000000</CssParameter><CssParameter name="stroke-width">2.5</CssParameter></Stroke></Mark><Size>30</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-new</Name>
            <Title>Nowe | New</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>new</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#27ae60</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-verification</Name>
            <Title>Weryfikacja | Verification</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>verification</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#f1c40f</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-confirmed</Name>
            <Title>Potwierdzone | Confirmed</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>confirmed</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#e74c3c</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-confirmed_handed_over</Name>
            <Title>Potwierdzone (przekazane poza Policję) | Confirmed, handed over outside the police</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>confirmed_handed_over</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#c0392b</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-confirmed_eliminated</Name>
            <Title>Potwierdzone (wyeliminowane) | Confirmed, eliminated</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>confirmed_eliminated</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#2e86de</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-not_confirmed</Name>
            <Title>Niepotwierdzone | Not confirmed</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>not_confirmed</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#95a5a6</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
          <Rule>
            <Name>status-joke_or_mistake</Name>
            <Title>Żart lub pomyłka | Joke or mistake</Title>
            <ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>joke_or_mistake</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter>
            <PointSymbolizer><Graphic><Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#7f8c8d</CssParameter></Fill><Stroke><CssParameter name="stroke">#ffffff</CssParameter><CssParameter name="stroke-width">1.5</CssParameter></Stroke></Mark><Size>22</Size></Graphic></PointSymbolizer>
          </Rule>
      </FeatureTypeStyle>
      <FeatureTypeStyle>
          <Rule>
            <Name>category-icon</Name>
            <PointSymbolizer><Graphic><ExternalGraphic><OnlineResource xlink:type="simple" xlink:href="icon:{category}"/><Format>image/svg+xml</Format></ExternalGraphic><Size>13</Size></Graphic></PointSymbolizer>
          </Rule>
      </FeatureTypeStyle>
    </UserStyle>
  </NamedLayer>
</StyledLayerDescriptor>
