package pl.kmzb.wfs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import pl.kmzb.crs.UnknownCrsException;
import pl.kmzb.filter.FilterException;
import pl.kmzb.http.ApiException;
import pl.kmzb.report.SubmissionRejected;
import pl.kmzb.report.WorkflowException;
import pl.kmzb.store.StoreException;

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
    pl.kmzb.store.StoreFaults.Kind fault = pl.kmzb.store.StoreFaults.of(t);
    if (fault != null) {
      // OWS 1.1 has no code for it: NoApplicableCode, with the status and Retry-After of the report API.
      pl.kmzb.store.StoreFaults.log(fault, t);
      ApiException api = pl.kmzb.http.Problems.storeFault(fault);
      WfsException w = new WfsException("NoApplicableCode", null, api.getMessage(), api.status());
      api.headers().forEach(w::withHeader);
      return w;
    }
    WfsException refused = refusal(t);
    if (refused != null) {
      return refused;
    }
    if (t instanceof ApiException a && a.status() == 413) {
      return new WfsException("OperationParsingFailed", "request", a.getMessage());
    }
    if (t instanceof ApiException a && a.status() == 400) {
      return WfsException.invalid(a.errors().isEmpty() ? "request" : a.errors().get(0).field(), a.getMessage());
    }
    return null;
  }

  /**
   * The rules' refusals of a WFS-T write (WFS 2.0 Table D.2 codes): a bad field is
   * InvalidParameterValue (MissingParameterValue when only required fields are absent), a move or
   * edit the workflow forbids is OperationProcessingFailed (HTTP 403, as the report API's 403 and
   * 409), as is a report gone or changed while the transaction ran.
   */
  private static WfsException refusal(Throwable t) {
    if (t instanceof SubmissionRejected r) {
      boolean missing = r.problems().stream().allMatch(p -> p.kind() == SubmissionRejected.Kind.MISSING);
      String text = r.problems().stream().map(p -> p.field() + ": " + p.message())
          .collect(java.util.stream.Collectors.joining("; "));
      return new WfsException(missing ? "MissingParameterValue" : "InvalidParameterValue",
          r.problems().isEmpty() ? "feature" : r.problems().get(0).field(), r.getMessage() + ": " + text);
    }
    if (t instanceof WorkflowException w) {
      return w.reason() == WorkflowException.Reason.NOTE_REQUIRED
          ? WfsException.invalid("status", w.getMessage() + "; corrections with a note are made through the report API")
          : new WfsException("OperationProcessingFailed", "status", w.getMessage());
    }
    if (t instanceof StoreException s && s.reason() != StoreException.Reason.UNAVAILABLE) {
      return new WfsException("OperationProcessingFailed", "Transaction", s.getMessage());
    }
    return null;
  }

  /** OWS 1.0.0, the exception reports of WFS 1.1.0. */
  static final String OWS_10 = "http://www.opengis.net/ows";

  /** The report for a WFS 2.0 request (OWS 1.1) or, with {@code version} 1.1.0, for WFS 1.1 (OWS 1.0). */
  static byte[] render(WfsException e, String version) {
    boolean old = version.equals("1.1.0");
    String ows = old ? OWS_10 : OWS;
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("ows", "ExceptionReport", ows);
      x.writeNamespace("ows", ows);
      x.writeNamespace("xsi", pl.kmzb.encode.GmlWriter.XSI);
      x.writeAttribute("xsi", pl.kmzb.encode.GmlWriter.XSI, "schemaLocation",
          ows + (old ? " http://schemas.opengis.net/ows/1.0.0/owsExceptionReport.xsd"
              : " http://schemas.opengis.net/ows/1.1.0/owsExceptionReport.xsd"));
      x.writeAttribute("version", old ? "1.0.0" : version);
      if (!old) {
        x.writeAttribute("xml", "http://www.w3.org/XML/1998/namespace", "lang", "en");
      }
      x.writeStartElement("ows", "Exception", ows);
      x.writeAttribute("exceptionCode", e.code());
      if (e.locator() != null) {
        x.writeAttribute("locator", e.locator());
      }
      x.writeStartElement("ows", "ExceptionText", ows);
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
