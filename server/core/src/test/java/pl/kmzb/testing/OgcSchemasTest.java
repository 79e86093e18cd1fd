package pl.kmzb.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pl.kmzb.testing.OfflineSchemas.OfflineSchemaException;

/**
 * Each kind of document the OGC services write: a valid sample passes, a broken one fails naming the
 * problem. The whole class runs with a proxy selector that refuses every URL, so any attempt to fetch
 * a schema over the network would fail the test (and is recorded).
 */
class OgcSchemasTest {
  private static final String XSI = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
  private static final String XLINK = "xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
  private static final List<URI> NETWORK = Collections.synchronizedList(new ArrayList<>());
  private static ProxySelector original;

  @BeforeAll
  static void refuseTheNetwork() {
    original = ProxySelector.getDefault();
    ProxySelector.setDefault(new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        NETWORK.add(uri);
        throw new IllegalStateException("network access attempted during schema validation: " + uri);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    });
  }

  @AfterAll
  static void restoreTheNetwork() {
    ProxySelector.setDefault(original);
    assertEquals(List.of(), NETWORK.stream().filter(u -> !u.getHost().equals("guard.invalid")).toList(),
        "schema validation touched the network");
  }

  @Test
  void theNetworkGuardWorks() {
    assertThrows(Exception.class, () -> new URL("http://guard.invalid/schema.xsd").openStream().close());
    assertTrue(NETWORK.stream().anyMatch(u -> u.getHost().equals("guard.invalid")));
  }

  // --- WMS 1.3.0 ---

  static final String WMS_130 = """
      <?xml version="1.0" encoding="UTF-8"?>
      <WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms" %s %s
          xsi:schemaLocation="http://www.opengis.net/wms http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd">
        <Service>
          <Name>WMS</Name>
          <Title>KMZB</Title>
          <OnlineResource xlink:type="simple" xlink:href="http://localhost/wms"/>
        </Service>
        <Capability>
          <Request>
            <GetCapabilities>
              <Format>text/xml</Format>
              <DCPType><HTTP><Get><OnlineResource xlink:type="simple" xlink:href="http://localhost/wms?"/></Get></HTTP></DCPType>
            </GetCapabilities>
            <GetMap>
              <Format>image/png</Format>
              <DCPType><HTTP><Get><OnlineResource xlink:type="simple" xlink:href="http://localhost/wms?"/></Get></HTTP></DCPType>
            </GetMap>
          </Request>
          <Exception><Format>XML</Format></Exception>
          <Layer>
            <Title>KMZB</Title>
            <CRS>EPSG:4326</CRS>
            <EX_GeographicBoundingBox>
              <westBoundLongitude>14</westBoundLongitude><eastBoundLongitude>24.2</eastBoundLongitude>
              <southBoundLatitude>49</southBoundLatitude><northBoundLatitude>55</northBoundLatitude>
            </EX_GeographicBoundingBox>
            <BoundingBox CRS="EPSG:4326" minx="49" miny="14" maxx="55" maxy="24.2"/>
            <Layer queryable="1"><Name>threats</Name><Title>Threats</Title></Layer>
          </Layer>
        </Capability>
      </WMS_Capabilities>
      """.formatted(XSI, XLINK);

  @Test
  void wms130Capabilities() {
    OgcSchemas.validate(WMS_130);
    String broken = WMS_130.replace("<Name>WMS</Name>\n    <Title>KMZB</Title>", "<Title>KMZB</Title>\n    <Name>WMS</Name>");
    assertFails(broken, "Title");
    assertFails(WMS_130.replace("<CRS>EPSG:4326</CRS>", "<CRS>EPSG:4326</CRS><Colour>red</Colour>"), "Colour");
  }

  @Test
  void wms130ExceptionReport() {
    String report = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ServiceExceptionReport version="1.3.0" xmlns="http://www.opengis.net/ogc" %s
            xsi:schemaLocation="http://www.opengis.net/ogc http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd">
          <ServiceException code="LayerNotDefined" locator="LAYERS">no layer 'volcanoes'</ServiceException>
        </ServiceExceptionReport>
        """.formatted(XSI);
    OgcSchemas.validate(report);
    assertFails(report.replace("<ServiceException code", "<ServiceExeption code").replace("</ServiceException>",
        "</ServiceExeption>"), "ServiceExeption");
  }

  // --- WMS 1.1.1: DTDs ---

  static final String WMS_111 = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!DOCTYPE WMT_MS_Capabilities SYSTEM "http://schemas.opengis.net/wms/1.1.1/WMS_MS_Capabilities.dtd">
      <WMT_MS_Capabilities version="1.1.1">
        <Service>
          <Name>OGC:WMS</Name>
          <Title>KMZB</Title>
          <OnlineResource xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="http://localhost/wms"/>
        </Service>
        <Capability>
          <Request>
            <GetCapabilities>
              <Format>application/vnd.ogc.wms_xml</Format>
              <DCPType><HTTP><Get><OnlineResource xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="http://localhost/wms?"/></Get></HTTP></DCPType>
            </GetCapabilities>
            <GetMap>
              <Format>image/png</Format>
              <DCPType><HTTP><Get><OnlineResource xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="http://localhost/wms?"/></Get></HTTP></DCPType>
            </GetMap>
          </Request>
          <Exception><Format>application/vnd.ogc.se_xml</Format></Exception>
          <Layer>
            <Title>KMZB</Title>
            <SRS>EPSG:4326</SRS>
            <LatLonBoundingBox minx="14" miny="49" maxx="24.2" maxy="55"/>
            <Layer queryable="1"><Name>threats</Name><Title>Threats</Title></Layer>
          </Layer>
        </Capability>
      </WMT_MS_Capabilities>
      """;

  @Test
  void wms111CapabilitiesAgainstTheDtd() {
    OgcSchemas.validate(WMS_111);
    assertFails(WMS_111.replace("<Title>KMZB</Title>\n    <OnlineResource", "<OnlineResource"), "Service");
    assertFails(WMS_111.replace("<LatLonBoundingBox minx=\"14\" ", "<LatLonBoundingBox "), "minx");
  }

  @Test
  void wms111ExceptionReportAgainstTheDtd() {
    String report = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE ServiceExceptionReport SYSTEM "http://schemas.opengis.net/wms/1.1.1/exception_1_1_1.dtd">
        <ServiceExceptionReport version="1.1.1">
          <ServiceException code="InvalidSRS">SRS 'EPSG:9999' is not supported</ServiceException>
        </ServiceExceptionReport>
        """;
    OgcSchemas.validate(report);
    assertFails(report.replace("version=\"1.1.1\"", "version=\"1.1.1\" colour=\"red\""), "colour");
  }

  // --- OWS 1.1 (WFS 2.0's exceptions) ---

  @Test
  void ows11ExceptionReport() {
    String report = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ows:ExceptionReport version="2.0.0" xmlns:ows="http://www.opengis.net/ows/1.1" %s
            xsi:schemaLocation="http://www.opengis.net/ows/1.1 http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd">
          <ows:Exception exceptionCode="InvalidParameterValue" locator="typeNames">
            <ows:ExceptionText>unknown feature type 'volcanoes'</ows:ExceptionText>
          </ows:Exception>
        </ows:ExceptionReport>
        """.formatted(XSI);
    OgcSchemas.validate(report);
    assertFails(report.replace(" exceptionCode=\"InvalidParameterValue\"", ""), "exceptionCode");
  }

  // --- SLD 1.0 and SE 1.1 ---

  static final String SLD_10 = """
      <?xml version="1.0" encoding="UTF-8"?>
      <StyledLayerDescriptor version="1.0.0" xmlns="http://www.opengis.net/sld" xmlns:ogc="http://www.opengis.net/ogc"
          %s %s xsi:schemaLocation="http://www.opengis.net/sld http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
        <NamedLayer>
          <Name>threats.points</Name>
          <UserStyle>
            <Name>threats-points</Name>
            <FeatureTypeStyle>
              <Rule>
                <Name>new</Name>
                <ogc:Filter>
                  <ogc:PropertyIsEqualTo><ogc:PropertyName>status</ogc:PropertyName><ogc:Literal>new</ogc:Literal></ogc:PropertyIsEqualTo>
                </ogc:Filter>
                <MaxScaleDenominator>100000</MaxScaleDenominator>
                <PointSymbolizer>
                  <Graphic>
                    <Mark><WellKnownName>circle</WellKnownName><Fill><CssParameter name="fill">#2e7d32</CssParameter></Fill></Mark>
                    <Size>12</Size>
                  </Graphic>
                </PointSymbolizer>
              </Rule>
            </FeatureTypeStyle>
          </UserStyle>
        </NamedLayer>
      </StyledLayerDescriptor>
      """.formatted(XSI, XLINK);

  @Test
  void sld10() {
    OgcSchemas.validate(SLD_10);
    assertFails(SLD_10.replace("<Size>12</Size>", "<Size>12</Size><Colour>red</Colour>"), "Colour");
  }

  @Test
  void se11FeatureTypeStyle() {
    String style = """
        <?xml version="1.0" encoding="UTF-8"?>
        <se:FeatureTypeStyle version="1.1.0" xmlns:se="http://www.opengis.net/se" xmlns:ogc="http://www.opengis.net/ogc"
            %s %s xsi:schemaLocation="http://www.opengis.net/se http://schemas.opengis.net/se/1.1.0/FeatureStyle.xsd">
          <se:Rule>
            <se:Name>all</se:Name>
            <se:MaxScaleDenominator>100000</se:MaxScaleDenominator>
            <se:PointSymbolizer>
              <se:Graphic>
                <se:Mark><se:WellKnownName>circle</se:WellKnownName><se:Fill><se:SvgParameter name="fill">#e53935</se:SvgParameter></se:Fill></se:Mark>
                <se:Size>10</se:Size>
              </se:Graphic>
            </se:PointSymbolizer>
          </se:Rule>
        </se:FeatureTypeStyle>
        """.formatted(XSI, XLINK);
    OgcSchemas.validate(style);
    assertFails(style.replace("<se:Size>10</se:Size>", "<se:Size>ten</se:Size>").replace("<se:Mark>", "<se:Mark>")
        .replace("<se:PointSymbolizer>", "<se:PointSymboliser>").replace("</se:PointSymbolizer>", "</se:PointSymboliser>"),
        "PointSymboliser");
  }

  // --- WFS 2.0, FES 2.0, GML 3.2 application schemas ---

  static final String WFS_20 = """
      <?xml version="1.0" encoding="UTF-8"?>
      <wfs:WFS_Capabilities version="2.0.0" xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:ows="http://www.opengis.net/ows/1.1"
          xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:kmzb="https://kmzb.example/ns" %s %s
          xsi:schemaLocation="http://www.opengis.net/wfs/2.0 http://schemas.opengis.net/wfs/2.0/wfs.xsd">
        <ows:ServiceIdentification>
          <ows:Title>KMZB</ows:Title>
          <ows:ServiceType>WFS</ows:ServiceType>
          <ows:ServiceTypeVersion>2.0.0</ows:ServiceTypeVersion>
        </ows:ServiceIdentification>
        <wfs:FeatureTypeList>
          <wfs:FeatureType>
            <wfs:Name>kmzb:threats</wfs:Name>
            <wfs:Title>Threats</wfs:Title>
            <wfs:DefaultCRS>urn:ogc:def:crs:EPSG::4326</wfs:DefaultCRS>
            <ows:WGS84BoundingBox><ows:LowerCorner>14 49</ows:LowerCorner><ows:UpperCorner>24.2 55</ows:UpperCorner></ows:WGS84BoundingBox>
          </wfs:FeatureType>
        </wfs:FeatureTypeList>
        <fes:Filter_Capabilities>
          <fes:Conformance>
            <fes:Constraint name="ImplementsQuery"><ows:NoValues/><ows:DefaultValue>TRUE</ows:DefaultValue></fes:Constraint>
          </fes:Conformance>
        </fes:Filter_Capabilities>
      </wfs:WFS_Capabilities>
      """.formatted(XSI, XLINK);

  @Test
  void wfs20Capabilities() {
    OgcSchemas.validate(WFS_20);
    assertFails(WFS_20.replace("<wfs:Title>Threats</wfs:Title>", "<wfs:Colour>red</wfs:Colour>"), "Colour");
  }

  static final String NS = "https://kmzb.example/ns";
  /** A DescribeFeatureType answer: a GML 3.2 application schema. */
  static final String APPLICATION_SCHEMA = """
      <?xml version="1.0" encoding="UTF-8"?>
      <xs:schema targetNamespace="https://kmzb.example/ns" xmlns:kmzb="https://kmzb.example/ns"
          xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:gml="http://www.opengis.net/gml/3.2"
          elementFormDefault="qualified" version="1.0">
        <xs:import namespace="http://www.opengis.net/gml/3.2" schemaLocation="http://schemas.opengis.net/gml/3.2.1/gml.xsd"/>
        <xs:element name="threats" type="kmzb:threatsType" substitutionGroup="gml:AbstractFeature"/>
        <xs:complexType name="threatsType">
          <xs:complexContent>
            <xs:extension base="gml:AbstractFeatureType">
              <xs:sequence>
                <xs:element name="category" type="xs:string"/>
                <xs:element name="reportedAt" type="xs:dateTime"/>
                <xs:element name="geometry" type="gml:PointPropertyType"/>
              </xs:sequence>
            </xs:extension>
          </xs:complexContent>
        </xs:complexType>
      </xs:schema>
      """;

  static final String FEATURE_COLLECTION = """
      <?xml version="1.0" encoding="UTF-8"?>
      <wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2"
          xmlns:kmzb="https://kmzb.example/ns" %s timeStamp="2025-06-01T08:00:00Z" numberMatched="1" numberReturned="1"
          xsi:schemaLocation="http://www.opengis.net/wfs/2.0 http://schemas.opengis.net/wfs/2.0/wfs.xsd http://www.opengis.net/gml/3.2 http://schemas.opengis.net/gml/3.2.1/gml.xsd https://kmzb.example/ns http://localhost:8080/wfs?SERVICE=WFS&amp;VERSION=2.0.0&amp;REQUEST=DescribeFeatureType&amp;TYPENAMES=kmzb:threats">
        <wfs:member>
          <kmzb:threats gml:id="threats.1">
            <kmzb:category>speeding</kmzb:category>
            <kmzb:reportedAt>2025-05-31T10:00:00Z</kmzb:reportedAt>
            <kmzb:geometry>
              <gml:Point gml:id="threats.1.geometry" srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>52.23 21.01</gml:pos></gml:Point>
            </kmzb:geometry>
          </kmzb:threats>
        </wfs:member>
      </wfs:FeatureCollection>
      """.formatted(XSI);

  @Test
  void wfs20FeatureCollectionAgainstAGivenApplicationSchema() {
    OgcSchemas.compile(NS, APPLICATION_SCHEMA);
    OgcSchemas.validate(FEATURE_COLLECTION, Map.of(NS, APPLICATION_SCHEMA));
    assertFails(FEATURE_COLLECTION.replace("2025-05-31T10:00:00Z", "yesterday"), Map.of(NS, APPLICATION_SCHEMA), "yesterday");
    assertFails(FEATURE_COLLECTION.replace("<kmzb:category>speeding</kmzb:category>", ""), Map.of(NS, APPLICATION_SCHEMA),
        "reportedAt");
    // Without the application schema its location (a DescribeFeatureType URL) cannot be read offline.
    Throwable e = assertThrows(Throwable.class, () -> OgcSchemas.validate(FEATURE_COLLECTION));
    assertTrue(message(e).contains("localhost:8080/wfs"), message(e));
  }

  @Test
  void aBrokenApplicationSchemaIsReported() {
    AssertionError e = assertThrows(AssertionError.class, () -> OgcSchemas.compile(NS,
        APPLICATION_SCHEMA.replace("gml:PointPropertyType", "gml:PointPropertyTyp")));
    assertTrue(e.getMessage().contains("PointPropertyTyp"), e.getMessage());
  }

  @Test
  void fes20Filter() {
    String filter = """
        <?xml version="1.0" encoding="UTF-8"?>
        <fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" %s
            xsi:schemaLocation="http://www.opengis.net/fes/2.0 http://schemas.opengis.net/filter/2.0/filterAll.xsd http://www.opengis.net/gml/3.2 http://schemas.opengis.net/gml/3.2.1/gml.xsd">
          <fes:And>
            <fes:PropertyIsEqualTo><fes:ValueReference>category</fes:ValueReference><fes:Literal>speeding</fes:Literal></fes:PropertyIsEqualTo>
            <fes:BBOX>
              <fes:ValueReference>geometry</fes:ValueReference>
              <gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>49 14</gml:lowerCorner><gml:upperCorner>55 24.2</gml:upperCorner></gml:Envelope>
            </fes:BBOX>
          </fes:And>
        </fes:Filter>
        """.formatted(XSI);
    OgcSchemas.validate(filter);
    assertFails(filter.replace("fes:PropertyIsEqualTo", "fes:PropertyIsSimilarTo"), "PropertyIsSimilarTo");
  }

  // --- WFS 1.1 ---

  static final String WFS_11 = """
      <?xml version="1.0" encoding="UTF-8"?>
      <wfs:WFS_Capabilities version="1.1.0" xmlns:wfs="http://www.opengis.net/wfs" xmlns:ows="http://www.opengis.net/ows"
          xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml" xmlns:kmzb="https://kmzb.example/ns" %s %s
          xsi:schemaLocation="http://www.opengis.net/wfs http://schemas.opengis.net/wfs/1.1.0/wfs.xsd">
        <wfs:FeatureTypeList>
          <wfs:FeatureType>
            <wfs:Name>kmzb:threats</wfs:Name>
            <wfs:Title>Threats</wfs:Title>
            <wfs:DefaultSRS>urn:ogc:def:crs:EPSG::4326</wfs:DefaultSRS>
            <ows:WGS84BoundingBox><ows:LowerCorner>14 49</ows:LowerCorner><ows:UpperCorner>24.2 55</ows:UpperCorner></ows:WGS84BoundingBox>
          </wfs:FeatureType>
        </wfs:FeatureTypeList>
        <ogc:Filter_Capabilities>
          <ogc:Spatial_Capabilities>
            <ogc:GeometryOperands><ogc:GeometryOperand>gml:Envelope</ogc:GeometryOperand></ogc:GeometryOperands>
            <ogc:SpatialOperators><ogc:SpatialOperator name="BBOX"/></ogc:SpatialOperators>
          </ogc:Spatial_Capabilities>
          <ogc:Scalar_Capabilities><ogc:LogicalOperators/></ogc:Scalar_Capabilities>
          <ogc:Id_Capabilities><ogc:FID/></ogc:Id_Capabilities>
        </ogc:Filter_Capabilities>
      </wfs:WFS_Capabilities>
      """.formatted(XSI, XLINK);

  @Test
  void wfs11Capabilities() {
    OgcSchemas.validate(WFS_11);
    assertFails(WFS_11.replace("<ogc:SpatialOperator name=\"BBOX\"/>", "<ogc:SpatialOperator name=\"Nearby\"/>"), "Nearby");
  }

  // --- offline, loudly ---

  @Test
  void aSchemaWithNoLocalCopyFailsLoudly() {
    String unknown = WMS_130.replace("http://schemas.opengis.net/wms/1.3.0/capabilities_1_3_0.xsd",
        "http://schemas.example.com/wms/capabilities.xsd");
    Throwable e = assertThrows(Throwable.class, () -> OgcSchemas.validate(unknown));
    assertTrue(message(e).contains("http://schemas.example.com/wms/capabilities.xsd"), message(e));
    String missing = WMS_130.replace("wms/1.3.0/capabilities_1_3_0.xsd", "wms/9.9.9/capabilities.xsd");
    Throwable m = assertThrows(Throwable.class, () -> OgcSchemas.validate(missing));
    assertTrue(message(m).contains("no local copy"), message(m));
    String dtd = WMS_111.replace("wms/1.1.1/WMS_MS_Capabilities.dtd", "wms/1.1.1/nothing.dtd");
    Throwable d = assertThrows(Throwable.class, () -> OgcSchemas.validate(dtd));
    assertTrue(message(d).contains("nothing.dtd"), message(d));
  }

  @Test
  void locatesSchemasInTheJars() {
    assertTrue(OfflineSchemas.locate("http://schemas.opengis.net/gml/3.2.1/gml.xsd").toString().endsWith("ogc/gml/3.2.1/gml.xsd"));
    assertTrue(OfflineSchemas.locate("https://www.w3.org/1999/xlink.xsd").toString().endsWith("w3c/1999/xlink.xsd"));
    assertTrue(OfflineSchemas.locate("http://schemas.opengis.net/wms/1.1.1/WMS_MS_Capabilities.dtd").toString()
        .endsWith("WMS_MS_Capabilities.dtd"));
    assertThrows(OfflineSchemaException.class, () -> OfflineSchemas.locate("http://example.com/x.xsd"));
    assertThrows(OfflineSchemaException.class, () -> OfflineSchemas.locate("file:///etc/x.xsd"));
  }

  @Test
  void aDocumentNamingNoSchemaIsAProblem() {
    List<String> problems = OgcSchemas.problems("<a/>");
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("names no schema"));
    assertThrows(AssertionError.class, () -> OgcSchemas.validate("<a>"));
  }

  private static void assertFails(String xml, String expected) {
    assertFails(xml, Map.of(), expected);
  }

  private static void assertFails(String xml, Map<String, String> schemas, String expected) {
    List<String> problems = OgcSchemas.problems(xml, schemas);
    assertFalse(problems.isEmpty(), "a broken document passed");
    assertTrue(problems.stream().anyMatch(p -> p.contains(expected) && p.contains("line ")),
        "no problem names '" + expected + "' with its line: " + problems);
  }

  private static String message(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t).append(" / ");
    }
    return b.toString();
  }
}
