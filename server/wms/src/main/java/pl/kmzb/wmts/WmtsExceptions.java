package pl.kmzb.wmts;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pl.kmzb.http.Exchange;
import pl.kmzb.wms.ExceptionCode;
import pl.kmzb.wms.ExceptionReports;
import pl.kmzb.wms.WmsException;

/**
 * The one place where a failed WMTS request becomes a response: an OWS 1.1 ExceptionReport
 * ({@code application/xml}, against owsExceptionReport.xsd) with the status WMTS 1.0 gives its code.
 * WMTS tiles are drawn through the WMS request parser and renderer, whose refusals name WMS
 * parameters and codes: they are translated here (LAYERS → LAYER, StyleNotDefined →
 * InvalidParameterValue on STYLE, InvalidPoint → PointIJOutOfRange, …), so a WMTS client never sees a
 * WMS report.
 */
public final class WmtsExceptions {
  static final String OWS_NS = "http://www.opengis.net/ows/1.1";
  static final String SCHEMA = "http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd";
  public static final String MEDIA_TYPE = "application/xml; charset=UTF-8";
  private static final Map<String, String> LOCATORS = Map.of("LAYERS", "LAYER", "QUERY_LAYERS", "LAYER", "STYLES",
      "STYLE", "INFO_FORMAT", "INFOFORMAT", "I", "I", "J", "J");

  private WmtsExceptions() {}

  /** {@code t} in WMTS terms: WMTS refusals as they are, the WMS parser's and renderer's translated. */
  public static WmtsException of(Throwable t, String requestId) {
    if (t instanceof WmtsException w) {
      return w;
    }
    WmsException wms = t instanceof WmsException w ? w : ExceptionReports.of(t, requestId);
    WmtsException out = translate(wms);
    wms.headers().forEach(out::withHeader);
    return out;
  }

  private static WmtsException translate(WmsException e) {
    String locator = e.locator() == null ? null : LOCATORS.getOrDefault(e.locator(), e.locator());
    if (e.status() != 200) {
      // 401 (credentials), 429, 503 and 500 keep their meaning; a report without a code says so
      return new WmtsException(WmtsException.NO_CODE, locator, e.getMessage(), e.status());
    }
    ExceptionCode code = e.code();
    return switch (code) {
      case MISSING_PARAMETER_VALUE -> new WmtsException(WmtsException.MISSING, locator, e.getMessage(), 400);
      case INVALID_POINT -> new WmtsException(WmtsException.POINT_OUT_OF_RANGE, locator, e.getMessage(), 400);
      case OPERATION_NOT_SUPPORTED -> new WmtsException(WmtsException.NOT_SUPPORTED, locator, e.getMessage(), 501);
      case NONE -> new WmtsException(WmtsException.NO_CODE, locator, e.getMessage(), 500);
      case INVALID_DIMENSION_VALUE, MISSING_DIMENSION_VALUE -> WmtsException.invalid("TIME", e.getMessage());
      default -> WmtsException.invalid(locator, e.getMessage());
    };
  }

  /** Sends {@code e}: never stored by caches. */
  public static void send(Exchange ex, WmtsException e) {
    e.headers().forEach((name, value) -> ex.response().getHeaders().put(name, value));
    ex.response().getHeaders().put("Cache-Control", "no-store");
    ex.send(e.status(), MEDIA_TYPE, xml(e).getBytes(StandardCharsets.UTF_8));
  }

  /** The OWS 1.1 exception report of {@code e}. */
  public static String xml(WmtsException e) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("ows", "ExceptionReport", OWS_NS);
      w.writeNamespace("ows", OWS_NS);
      w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
      w.writeAttribute("version", "1.0.0");
      w.writeAttribute("xml:lang", "en");
      w.writeAttribute("xsi", "http://www.w3.org/2001/XMLSchema-instance", "schemaLocation", OWS_NS + " " + SCHEMA);
      w.writeStartElement("ows", "Exception", OWS_NS);
      w.writeAttribute("exceptionCode", e.code());
      if (e.locator() != null) {
        w.writeAttribute("locator", e.locator());
      }
      w.writeStartElement("ows", "ExceptionText", OWS_NS);
      w.writeCharacters(String.valueOf(e.getMessage()));
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException x) {
      throw new IllegalStateException(x);
    }
    return out.toString();
  }
}
