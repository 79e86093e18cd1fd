package pl.kmzb.app.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import pl.kmzb.app.hostile.Attack.Expect;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.filter.ReportFilter;
import pl.kmzb.server.Application;

/**
 * The hostile-input corpus ({@link HostileCorpus}) against the whole server on the embedded store:
 * every request gets its protocol's error in bounded time, the server stays healthy, and nothing is
 * stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
  static final String ADMIN_PASSWORD = "hostile-test-admin-password";
  /** Generous: the corpus is about answering at all, not about speed. */
  static final int DEADLINE_MS = 10_000;
  static final ObjectMapper JSON = new ObjectMapper();

  Path dir;
  Application app;

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("kmzb-hostile");
    app = Application.start(ConfigLoader.load(List.of("--http.port=0", "--http.host=127.0.0.1",
        "--embedded.file=" + dir.resolve("kmzb.sqlite"), "--access-log=off", "--auth.admin-password=" + ADMIN_PASSWORD,
        "--demo.reports=500",
        // Refusals must come from the content, not from the citizen limit a stored report would trip.
        "--citizen.reports-per-window=1000000"), Map.of()));
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (health().status() != 200) {
      assertTrue(System.nanoTime() < deadline, "not ready within 120 s");
      Thread.sleep(50);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  RawHttp.Answer health() throws Exception {
    return RawHttp.exchange(app.port(), RawHttp.request("GET", "/health".getBytes(StandardCharsets.US_ASCII),
        List.of(), null), DEADLINE_MS);
  }

  long stored() {
    return app.store().count(ReportFilter.ALL_INTERNAL);
  }

  @TestFactory
  Stream<DynamicTest> corpus() {
    return new HostileCorpus(ADMIN_PASSWORD).all().stream().map(a -> DynamicTest.dynamicTest(a.name(), () -> attack(a)));
  }

  void attack(Attack a) throws Exception {
    try {
      exchange(a);
    } catch (AssertionError e) {
      throw new AssertionError(a.name() + ": " + e.getMessage(), e);
    }
  }

  void exchange(Attack a) throws Exception {
    long before = stored();
    RawHttp.Answer r = RawHttp.exchange(app.port(), a.bytes(), DEADLINE_MS);
    assertTrue(r.millis() < DEADLINE_MS, () -> "answered after " + r.millis() + " ms");
    Expect e = a.expect();
    assertEquals(e.status(), r.status(), () -> "status of " + r);
    switch (e.form()) {
      case OGC_EXCEPTION -> ogcException(r, e.code());
      case PROBLEM -> problem(r, e.code());
      case HTTP_STATUS, ANSWERED -> { }
    }
    RawHttp.Answer h = health();
    assertEquals(200, h.status(), () -> "unhealthy after the attack: " + h);
    assertEquals(before, stored(), "the attack stored a report");
  }

  /** An OGC exception report: WMS's ServiceExceptionReport or OWS's ExceptionReport, with a code. */
  static void ogcException(RawHttp.Answer r, String code) throws Exception {
    assertTrue(r.header("content-type").contains("xml"), () -> "not XML: " + r);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body())).getDocumentElement();
    assertTrue(Set.of("ServiceExceptionReport", "ExceptionReport").contains(root.getLocalName()),
        () -> "not an exception report: " + r);
    List<String> codes = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el) {
        codes.add(el.hasAttribute("exceptionCode") ? el.getAttribute("exceptionCode") : el.getAttribute("code"));
      }
    }
    assertTrue(!codes.isEmpty(), () -> "an exception report without an exception: " + r);
    if (code != null) {
      assertTrue(codes.contains(code), () -> "expected " + code + ": " + r);
    } else {
      assertTrue(codes.stream().noneMatch(c -> c.equals("NoApplicableCode")),
          () -> "a hostile request is the client's error, not the server's: " + r);
    }
  }

  /** An RFC 7807 problem whose status is the HTTP status. */
  static void problem(RawHttp.Answer r, String detailWord) throws Exception {
    assertTrue(r.header("content-type").startsWith("application/problem+json"), () -> "not a problem: " + r);
    JsonNode p = JSON.readTree(r.body());
    assertEquals(r.status(), p.path("status").asInt(), () -> "problem status: " + r);
    assertNotNull(p.get("title"), () -> "problem without a title: " + r);
    if (detailWord != null) {
      assertTrue(p.path("detail").asText().contains(detailWord), () -> "detail should name " + detailWord + ": " + r);
    }
  }
}
