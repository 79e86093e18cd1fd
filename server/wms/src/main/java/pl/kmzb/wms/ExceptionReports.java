package pl.kmzb.wms;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Problems;
import pl.kmzb.render.AccessRefusedException;

/**
 * The one place where a failed WMS request becomes a response ({@link #of} turns any other failure
 * into a {@link WmsException} first): the XML ServiceExceptionReport of
 * the request's version (1.3.0: {@code text/xml} against exceptions_1_3_0.xsd; 1.1.1: {@code
 * application/vnd.ogc.se_xml} with its DTD), or for GetMap with EXCEPTIONS=INIMAGE the message drawn
 * into an image of the requested size and format, or with BLANK an empty one.
 */
public final class ExceptionReports {
  private static final Logger LOG = LoggerFactory.getLogger(ExceptionReports.class);
  public static final String XML_1_3_0 = "text/xml; charset=UTF-8";
  public static final String XML_1_1_1 = "application/vnd.ogc.se_xml; charset=UTF-8";
  static final String OGC_NS = "http://www.opengis.net/ogc";
  static final String SCHEMA_1_3_0 = "http://schemas.opengis.net/wms/1.3.0/exceptions_1_3_0.xsd";
  static final String DTD_1_1_1 = "http://schemas.opengis.net/wms/1.1.1/exception_1_1_1.dtd";
  /** INIMAGE text never grows the work with the image: at most this many lines are drawn. */
  private static final int MAX_LINES = 12;

  private ExceptionReports() {}

  /**
   * A failure that is not a WmsException in the protocol's terms: the renderer's refusal of a police
   * layer and a 401 ask for Basic credentials, other API errors (429, 503) keep their status and
   * headers, and anything unexpected is logged once and answered with the request id only.
   */
  public static WmsException of(Throwable t, String requestId) {
    if (t instanceof WmsException w) {
      return w;
    }
    if (t instanceof AccessRefusedException a) {
      return WmsEndpoint.credentialsRequired(a.getMessage());
    }
    if (t instanceof pl.kmzb.render.ScanTimeoutException s) {
      // Not a fault of the server nor of the request's form: the answer (a report, or INIMAGE) says
      // what to change, as the spec's own codes do.
      return new WmsException(ExceptionCode.NONE, null, s.getMessage(), 200);
    }
    ApiException api = Problems.toApi(t);
    if (api != null) {
      if (api.status() == 401) {
        return WmsEndpoint.credentialsRequired(api.getMessage());
      }
      WmsException w = new WmsException(ExceptionCode.NONE, null, api.getMessage(), api.status());
      api.headers().forEach(w::withHeader);
      return w;
    }
    LOG.error("WMS request {} failed", requestId, t);
    ApiException unexpected = Problems.unexpected(t, requestId);
    return new WmsException(ExceptionCode.NONE, null, unexpected.getMessage(), unexpected.status());
  }

  /**
   * Sends {@code e} in the form the request asked for. {@code frame} is null when the request is not
   * a map request or its size and format could not be read; then the report is XML whatever was asked.
   */
  public static void send(Exchange ex, WmsException e, WmsVersion version, ExceptionFormat format, ImageFrame frame) {
    e.headers().forEach((name, value) -> ex.response().getHeaders().put(name, value));
    ex.response().getHeaders().put("Cache-Control", "no-store");
    // Sent with 200 as WMS clients expect: the access log and the error metrics learn it here.
    ex.logAttribute(Exchange.LOG_ERROR, e.code() == ExceptionCode.NONE ? "exception" : e.code().in(WmsVersion.V1_3_0));
    if (frame != null && format != ExceptionFormat.XML && e.status() == 200) {
      BufferedImage image = format == ExceptionFormat.BLANK ? blank(frame) : inImage(frame, e);
      ex.send(200, frame.format().mediaType(), frame.format().encode(image));
      return;
    }
    ex.send(e.status(), version == WmsVersion.V1_1_1 ? XML_1_1_1 : XML_1_3_0,
        xml(e, version).getBytes(StandardCharsets.UTF_8));
  }

  /** The ServiceExceptionReport document for {@code e} in {@code version}. */
  public static String xml(WmsException e, WmsVersion version) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = Xml.writer(out);
      w.writeStartDocument("UTF-8", "1.0");
      if (version == WmsVersion.V1_1_1) {
        w.writeDTD("\n<!DOCTYPE ServiceExceptionReport SYSTEM \"" + DTD_1_1_1 + "\">\n");
        w.writeStartElement("ServiceExceptionReport");
      } else {
        w.writeStartElement("ServiceExceptionReport");
        w.writeDefaultNamespace(OGC_NS);
        w.writeNamespace("xsi", Xml.XSI);
        w.writeAttribute(Xml.XSI, "schemaLocation", OGC_NS + " " + SCHEMA_1_3_0);
      }
      w.writeAttribute("version", version.text());
      w.writeStartElement("ServiceException");
      String code = e.code().in(version);
      if (code != null) {
        w.writeAttribute("code", code);
      }
      if (e.locator() != null && version == WmsVersion.V1_3_0) { // 1.1.1's DTD has no locator
        w.writeAttribute("locator", e.locator());
      }
      w.writeCharacters(e.getMessage() == null ? "" : e.getMessage());
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException x) {
      throw new IllegalStateException(x);
    }
    return out.toString();
  }

  static BufferedImage blank(ImageFrame frame) {
    BufferedImage image = new BufferedImage(frame.width(), frame.height(),
        frame.clear() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    if (!frame.clear()) {
      Graphics2D g = image.createGraphics();
      g.setColor(frame.background());
      g.fillRect(0, 0, frame.width(), frame.height());
      g.dispose();
    }
    return image;
  }

  static BufferedImage inImage(ImageFrame frame, WmsException e) {
    BufferedImage image = blank(frame);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setColor(new Color(0xB0, 0x00, 0x20));
    FontMetrics m = g.getFontMetrics();
    String code = e.code().in(WmsVersion.V1_3_0);
    String text = (code == null ? "" : code + ": ") + e.getMessage();
    int y = m.getAscent() + 2;
    for (String line : wrap(text, m, Math.max(20, frame.width() - 8))) {
      if (y > frame.height()) {
        break;
      }
      g.drawString(line, 4, y);
      y += m.getHeight();
    }
    g.dispose();
    return image;
  }

  private static List<String> wrap(String text, FontMetrics m, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (line.length() > 0 && m.stringWidth(line + " " + word) > width) {
        lines.add(line.toString());
        line.setLength(0);
        if (lines.size() == MAX_LINES) {
          return lines;
        }
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
