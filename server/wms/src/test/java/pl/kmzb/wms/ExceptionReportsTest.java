package pl.kmzb.wms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ExceptionReportsTest {
  @Test
  void version130ReportIsInTheOgcNamespaceWithTheCode() {
    String xml = ExceptionReports.xml(new WmsException(ExceptionCode.INVALID_CRS, "CRS", "no such CRS <x>"),
        WmsVersion.V1_3_0);
    assertTrue(xml.contains("<ServiceExceptionReport xmlns=\"http://www.opengis.net/ogc\""), xml);
    assertTrue(xml.contains("version=\"1.3.0\""), xml);
    assertTrue(xml.contains("code=\"InvalidCRS\" locator=\"CRS\">no such CRS &lt;x&gt;</ServiceException>"), xml);
  }

  @Test
  void version111ReportHasItsDtdAndSaysInvalidSrs() {
    String xml = ExceptionReports.xml(new WmsException(ExceptionCode.INVALID_CRS, "SRS", "no"), WmsVersion.V1_1_1);
    assertTrue(xml.contains("<!DOCTYPE ServiceExceptionReport SYSTEM \"http://schemas.opengis.net/wms/1.1.1/exception_1_1_1.dtd\">"), xml);
    assertTrue(xml.contains("code=\"InvalidSRS\""), xml);
    assertFalse(xml.contains("xmlns"), xml);
  }

  @Test
  void aReportWithoutACodeHasNoCodeAttribute() {
    String xml = ExceptionReports.xml(new WmsException(ExceptionCode.NONE, null, "failed"), WmsVersion.V1_3_0);
    assertFalse(xml.contains("code="), xml);
  }

  @Test
  void aReadTheDatabaseCancelledIsAReportNamingTheLayer() {
    WmsException e = ExceptionReports.of(new pl.kmzb.render.ScanTimeoutException("threats.points", 5,
        new pl.kmzb.store.StatementTimeoutException("cancelled", null)), "9");
    assertEquals(200, e.status());
    assertEquals(ExceptionCode.NONE, e.code());
    String xml = ExceptionReports.xml(e, WmsVersion.V1_3_0);
    assertTrue(xml.contains("the layer 'threats.points' could not be read from the database within 5 s: zoom in or"
        + " narrow the filter"), xml);
  }

  @Test
  void otherFailuresBecomeReportsKeepingTheirHttpMeaning() {
    WmsException refused = ExceptionReports.of(new pl.kmzb.render.AccessRefusedException("exact positions"), "7");
    assertEquals(401, refused.status());
    assertTrue(refused.headers().get("WWW-Authenticate").startsWith("Basic realm=\"kmzb\""));
    WmsException limited = ExceptionReports.of(new pl.kmzb.http.ApiException(429, "Too Many Requests", "slow down")
        .withHeader("Retry-After", "3"), "8");
    assertEquals(429, limited.status());
    assertEquals("3", limited.headers().get("Retry-After"));
    WmsException bug = ExceptionReports.of(new IllegalStateException("secret internals"), "9");
    assertEquals(500, bug.status());
    assertEquals(ExceptionCode.NONE, bug.code());
    assertFalse(bug.getMessage().contains("secret"), "no internals: " + bug.getMessage());
    assertTrue(bug.getMessage().contains("9"), "the request id to quote");
  }

  @Test
  void everyExceptionFormatSpellingIsAccepted() {
    assertEquals(ExceptionFormat.XML, ExceptionFormat.parse(null));
    assertEquals(ExceptionFormat.XML, ExceptionFormat.parse("application/vnd.ogc.se_xml"));
    assertEquals(ExceptionFormat.INIMAGE, ExceptionFormat.parse("INIMAGE"));
    assertEquals(ExceptionFormat.INIMAGE, ExceptionFormat.parse("application/vnd.ogc.se_inimage"));
    assertEquals(ExceptionFormat.BLANK, ExceptionFormat.parse("blank"));
    assertEquals(ExceptionCode.INVALID_PARAMETER_VALUE,
        assertThrows(WmsException.class, () -> ExceptionFormat.parse("pdf")).code());
    assertEquals("application/vnd.ogc.se_inimage", ExceptionFormat.INIMAGE.name(WmsVersion.V1_1_1));
  }

  @Test
  void inImageDrawsTheMessageAndBlankDrawsNothing() {
    ImageFrame frame = new ImageFrame(200, 100, MapFormat.PNG, false, new Color(0x102030));
    BufferedImage blank = ExceptionReports.blank(frame);
    assertEquals(0x102030, blank.getRGB(50, 50) & 0xFFFFFF);
    BufferedImage text = ExceptionReports.inImage(frame, new WmsException(ExceptionCode.LAYER_NOT_DEFINED, "LAYERS",
        "no layer named x"));
    int differing = 0;
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 200; x++) {
        differing += (text.getRGB(x, y) & 0xFFFFFF) != 0x102030 ? 1 : 0;
      }
    }
    assertTrue(differing > 50, "the message is drawn: " + differing + " pixels");
    BufferedImage clear = ExceptionReports.blank(new ImageFrame(10, 10, MapFormat.PNG, true, Color.WHITE));
    assertEquals(0, clear.getRGB(5, 5) >>> 24, "transparent BLANK");
    BufferedImage jpeg = ExceptionReports.blank(new ImageFrame(10, 10, MapFormat.JPEG, true, Color.WHITE));
    assertEquals(0xFFFFFF, jpeg.getRGB(5, 5) & 0xFFFFFF, "JPEG cannot be transparent: the background");
  }

  @Test
  void inImageTextIsBoundedWhateverTheMessage() {
    ImageFrame frame = new ImageFrame(64, 64, MapFormat.PNG, true, Color.WHITE);
    String huge = String.join(" ", java.util.Collections.nCopies(20_000, "word"));
    long t = System.nanoTime();
    ExceptionReports.inImage(frame, new WmsException(ExceptionCode.NONE, null, huge));
    assertTrue(System.nanoTime() - t < 5_000_000_000L);
  }
}
