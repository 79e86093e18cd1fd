package pl.kmzb.wfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pl.kmzb.crs.UnknownCrsException;
import pl.kmzb.filter.FilterException;
import pl.kmzb.http.ApiException;

/**
 * The one place that turns what went wrong in a WFS request into an OWS 1.1 ExceptionReport. A
 * 401 for police feature types stays an HTTP challenge (clients answer it with credentials), and
 * an unexpected failure is reported without internals, as NoApplicableCode with the request id.
 */
final class ExceptionReport {
  static final String OWS = "http://www.opengis.net/ows/1.1";
  static final String MEDIA_TYPE = "application/xml";

  private ExceptionReport() {}

  /** The WFS error an exception stands for, or null when it is unexpected (a bug or an outage). */
  static WfsException toWfs(Throwable t) {
    if (t instanceof WfsException w) {
      return w;
    }
    if (t instanceof pl.kmzb.fes.FesException f) {
      return new WfsException(f.code(), f.locator(), f.getMessage());
    }
    if (t instanceof FilterException f) {
      return WfsException.invalid(f.parameter(), f.getMessage());
    }
    if (t instanceof UnknownCrsException c) {
      return WfsException.invalid("srsName", c.getMessage());
    }
    if (t instanceof ApiException a && a.status() == 413) {
      return new WfsException("OperationParsingFailed", "request", a.getMessage());
    }
    if (t instanceof ApiException a && a.status() == 400) {
      return WfsException.invalid(a.errors().isEmpty() ? "request" : a.errors().get(0).field(), a.getMessage());
    }
    return null;
  }

  static byte[] render(WfsException e, String version) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("ows", "ExceptionReport", OWS);
      x.writeNamespace("ows", OWS);
      x.writeNamespace("xsi", pl.kmzb.encode.GmlWriter.XSI);
      x.writeAttribute("xsi", pl.kmzb.encode.GmlWriter.XSI, "schemaLocation",
          OWS + " http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd");
      x.writeAttribute("version", version);
      x.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
      x.writeStartElement("ows", "Exception", OWS);
      x.writeAttribute("exceptionCode", e.code());
      if (e.locator() != null) {
        x.writeAttribute("locator", e.locator());
      }
      x.writeStartElement("ows", "ExceptionText", OWS);
      x.writeCharacters(e.getMessage() == null ? e.code() : e.getMessage());
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
      return out.toByteArray();
    } catch (XMLStreamException ex) {
      throw new IllegalStateException("writing to memory cannot fail", ex);
    }
  }

  static String text(WfsException e) {
    return new String(render(e, "2.0.0"), StandardCharsets.UTF_8);
  }
}
