package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.server.Application;
import pl.kmzb.testing.OgcSchemas;

/**
 * Every document the WMS writes, validated offline against the official schemas (WMS 1.3.0 and
 * SLD 1.1.0 capabilities XSDs, the WMS 1.1.1 DTDs, the exception report schemas, GML 3.1.1 with
 * the feature-info application schema), for anonymous callers and officers, in both languages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WmsSchemasTest {
  static final String ADMIN_PASSWORD = "admin-password-for-schema-tests";
  Application app;
  WmsClient client;

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("wms-schemas");
    app = Application.start(ConfigLoader.load(List.of("--store=embedded", "--embedded.file=" + dir.resolve("k.sqlite"),
        "--http.port=0", "--http.host=127.0.0.1", "--access-log=off", "--auth.admin-password=" + ADMIN_PASSWORD),
        Map.of()));
    client = new WmsClient(app.port());
    for (long deadline = System.currentTimeMillis() + 60_000; client.get("/health", List.of()).status() != 200; ) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the server did not become ready");
      }
      Thread.sleep(50);
    }
    String admin = client.login("admin", ADMIN_PASSWORD);
    assertEquals(201, client.postJson("/api/reports", "{\"category\":\"illegal_parking\",\"lon\":21.0067,\"lat\":52.2319}",
        "Authorization", admin).status());
  }

  @AfterAll
  void stop() throws Exception {
    app.close();
  }

  @Test
  void capabilities130AreValidForEveryCallerAndLanguage() {
    for (String language : List.of("pl", "en")) {
      String anonymous = client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.3.0", "LANGUAGE",
          language).text();
      OgcSchemas.validate(anonymous);
      String officer = client.wms(List.of("Authorization", WmsClient.basic("admin", ADMIN_PASSWORD)), "SERVICE", "WMS",
          "REQUEST", "GetCapabilities", "VERSION", "1.3.0", "LANGUAGE", language).text();
      OgcSchemas.validate(officer);
      assertTrue(officer.contains("<Name>police.reports</Name>"));
    }
  }

  @Test
  void capabilities111AreValidAgainstTheirDtd() {
    OgcSchemas.validate(client.wms("SERVICE", "WMS", "REQUEST", "GetCapabilities", "VERSION", "1.1.1").text());
    OgcSchemas.validate(client.wms(List.of("Authorization", WmsClient.basic("admin", ADMIN_PASSWORD)), "SERVICE", "WMS",
        "REQUEST", "GetCapabilities", "VERSION", "1.1.1", "LANGUAGE", "en").text());
  }

  @Test
  void exceptionReportsOfBothVersionsAreValid() {
    String v13 = client.wms("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.3.0", "LAYERS", "nope").text();
    assertTrue(v13.contains("ServiceExceptionReport"), v13);
    OgcSchemas.validate(v13);
    String v11 = client.wms("SERVICE", "WMS", "REQUEST", "GetMap", "VERSION", "1.1.1", "LAYERS", "nope").text();
    assertTrue(v11.contains("ServiceExceptionReport"), v11);
    OgcSchemas.validate(v11);
    OgcSchemas.validate(ExceptionReports.xml(new WmsException(ExceptionCode.NONE, null, "no code"), WmsVersion.V1_3_0));
    OgcSchemas.validate(ExceptionReports.xml(new WmsException(ExceptionCode.INVALID_CRS, "SRS", "x"), WmsVersion.V1_1_1));
  }

  @Test
  void featureInfoGmlIsValidGml311WithItsApplicationSchema() throws IOException {
    String xsd;
    try (InputStream in = FeatureInfoWriter.class.getResourceAsStream("featureinfo.xsd")) {
      xsd = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String gml = client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.3.0", "LAYERS",
        "threats.points", "QUERY_LAYERS", "threats.points", "STYLES", "", "CRS", "EPSG:4326", "BBOX",
        "52.2119,20.9867,52.2519,21.0267", "WIDTH", "200", "HEIGHT", "200", "INFO_FORMAT",
        "application/vnd.ogc.gml/3.1.1", "I", "100", "J", "100").text();
    assertTrue(gml.contains("<kmzb:MapFeature"), gml);
    OgcSchemas.validate(gml, Map.of(FeatureInfoWriter.KMZB_NS, xsd));
    String clusters = client.wms("SERVICE", "WMS", "REQUEST", "GetFeatureInfo", "VERSION", "1.1.1", "LAYERS",
        "threats.clusters", "QUERY_LAYERS", "threats.clusters", "STYLES", "", "SRS", "EPSG:4326", "BBOX",
        "14,48.9,24.25,54.95", "WIDTH", "300", "HEIGHT", "200", "INFO_FORMAT", "application/vnd.ogc.gml/3.1.1",
        "X", "200", "Y", "49").text();
    OgcSchemas.validate(clusters, Map.of(FeatureInfoWriter.KMZB_NS, xsd));
    assertFalse(OgcSchemas.problems(gml.replace("<kmzb:layer>", "<kmzb:layr>").replace("</kmzb:layer>", "</kmzb:layr>"),
        Map.of(FeatureInfoWriter.KMZB_NS, xsd)).isEmpty(), "the validation can fail");
  }
}
