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
import org.junit.jupiter.api.Test;
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
        "--citizen.reports-per-window=1000000",
        // Short, so slow clients are cut off within the suite's time; the defaults are 30 s, 10 s, 1 KB/s.
        "--http.idle-timeout=PT2S", "--http.header-timeout=PT2S", "--http.min-body-rate=1024"), Map.of()));
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

  // --- slow clients: cut off after the header timeout (2 s here) plus a sweep (0.5 s) ---------------------

  static final String SLOW_LIMIT = "cut off within the header timeout and a sweep";

  @Test
  void headersSentAByteAtATimeAreCutOff() throws Exception {
    byte[] rest = ("X-Slow: " + "a".repeat(2_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    SlowClient.Ending e = SlowClient.send(app.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n", rest, 1, 100,
        DEADLINE_MS);
    assertCutOff(e, 1_900, 4_500);
  }

  @Test
  void aRequestThatStopsHalfWayIsCutOff() throws Exception {
    SlowClient.Ending e = SlowClient.send(app.port(), "GET /wms?SERVICE=WMS&REQUEST=GetCapabilities HTTP/1.1\r\nHo",
        new byte[0], 1, 100, DEADLINE_MS);
    assertCutOff(e, 1_500, 4_500);
  }

  @Test
  void aReportBodySentTenBytesAtATimeIsCutOffAndNothingIsStored() throws Exception {
    long before = stored();
    // Leading white space is valid JSON: the body is whole and valid, it only comes too slowly.
    byte[] body = (" ".repeat(4_000) + HostileCorpus.VALID_REPORT).getBytes(StandardCharsets.UTF_8);
    SlowClient.Ending e = SlowClient.send(app.port(), "POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n", body, 10, 100, DEADLINE_MS);
    assertCutOff(e, 1_900, 4_500);
    assertEquals(before, stored());
  }

  @Test
  void anUploadThatStallsIsCutOffAndNothingIsStored() throws Exception {
    long before = stored();
    byte[] form = HostileCorpus.form("stall", HostileCorpus.VALID_REPORT,
        List.of(new HostileCorpus.FilePart("photo.jpg", "image/jpeg", HostileCorpus.jpegHeaderThen(200_000))));
    byte[] half = java.util.Arrays.copyOf(form, form.length / 2);
    SlowClient.Ending e = SlowClient.send(app.port(), "POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: multipart/form-data; boundary=stall\r\nContent-Length: " + form.length + "\r\n\r\n"
        + new String(half, StandardCharsets.ISO_8859_1), new byte[0], 1, 100, DEADLINE_MS);
    assertCutOff(e, 1_500, 4_500);
    assertEquals(before, stored());
  }

  @Test
  void aWfsTransactionSentSlowlyIsCutOff() throws Exception {
    byte[] body = HostileCorpus.deep("wfs:Transaction xmlns:wfs=\"http://www.opengis.net/wfs/2.0\"", 100)
        .getBytes(StandardCharsets.UTF_8);
    SlowClient.Ending e = SlowClient.send(app.port(), "POST /wfs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/xml\r\nContent-Length: " + body.length + "\r\n\r\n", body, 5, 100, DEADLINE_MS);
    assertCutOff(e, 1_900, 4_500);
  }

  /** The cut is a rate, not a duration: a body that takes longer than the header timeout but keeps coming is read. */
  @Test
  void aSlowButSteadyBodyIsRead() throws Exception {
    byte[] body = ("{\"username\":\"" + "a".repeat(12_000) + "\",\"password\":\"wrong-password-123\"}")
        .getBytes(StandardCharsets.UTF_8);
    SlowClient.Ending e = SlowClient.send(app.port(), "POST /api/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: " + body.length + "\r\n\r\n",
        body, 400, 100, DEADLINE_MS);
    assertTrue(e.millis() > 2_500, () -> "the body should have taken longer than the header timeout: " + e);
    assertTrue(e.status() >= 400 && e.status() < 500 && e.status() != 408, () -> "a refused login, not a cut: " + e);
  }

  /** Slow clients hold no request threads while headers drip: others are served meanwhile. */
  @Test
  void othersAreServedWhileSlowClientsWait() throws Exception {
    int slow = 40;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(slow);
    try {
      List<java.util.concurrent.Future<SlowClient.Ending>> endings = new ArrayList<>();
      for (int i = 0; i < slow; i++) {
        boolean body = i % 2 == 0;
        byte[] rest = body ? HostileCorpus.VALID_REPORT.getBytes(StandardCharsets.UTF_8)
            : ("X-Slow: " + "a".repeat(1_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        String first = body ? "POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + rest.length + "\r\n\r\n" : "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        endings.add(pool.submit(() -> SlowClient.send(app.port(), first, rest, 1, 200, DEADLINE_MS)));
      }
      Thread.sleep(500);
      for (int i = 0; i < 10; i++) {
        RawHttp.Answer h = health();
        assertEquals(200, h.status());
        assertTrue(h.millis() < 1_000, () -> "health took " + h.millis() + " ms beside slow clients");
      }
      for (java.util.concurrent.Future<SlowClient.Ending> f : endings) {
        assertCutOff(f.get(), 1_500, 6_000);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(200, health().status());
  }

  static void assertCutOff(SlowClient.Ending e, long notBefore, long notAfter) {
    assertTrue(e.status() == -1 || e.status() == 408, () -> "expected a close or 408: " + e);
    assertTrue(e.millis() >= notBefore && e.millis() <= notAfter, () -> SLOW_LIMIT + " (" + notBefore + "-"
        + notAfter + " ms): " + e);
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
