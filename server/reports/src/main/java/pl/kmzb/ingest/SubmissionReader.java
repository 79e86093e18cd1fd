package pl.kmzb.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import pl.kmzb.http.ApiException;
import pl.kmzb.http.Exchange;
import pl.kmzb.http.Json;

/**
 * Reads a new report from a request: a JSON or GeoJSON body, or {@code multipart/form-data} with
 * the report as a part named {@code report} and up to three files.
 */
public final class SubmissionReader {
  /** What was read: the report fields and the files, still unchecked. */
  public record Read(ReportSubmission submission, List<Upload> uploads) {}

  static final int MAX_JSON_BYTES = 64 * 1024;
  /** Above the 5 MB rule, so a slightly larger file gets a message naming it rather than a parse failure. */
  private static final long PARSER_MAX_FILE = 8L * 1024 * 1024;
  private static final long PARSER_MAX_LENGTH = 3 * PARSER_MAX_FILE + MAX_JSON_BYTES;

  private SubmissionReader() {}

  public static Read read(Exchange ex) {
    String type = ex.header("Content-Type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase();
    return switch (mediaType) {
      case "application/json", "application/geo+json" -> new Read(ReportSubmission.of(parse(ex.body(MAX_JSON_BYTES))), List.of());
      case "multipart/form-data" -> multipart(ex, type);
      default -> throw new ApiException(415, "Unsupported Media Type", "send the report as application/json,"
          + " application/geo+json or multipart/form-data, not '" + (type == null ? "nothing" : type) + "'");
    };
  }

  static JsonNode parse(byte[] body) {
    try {
      return Json.STRICT.readTree(body);
    } catch (IOException e) {
      throw ApiException.badRequest("body", "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private static Read multipart(Exchange ex, String contentType) {
    String boundary = MultiPart.extractBoundary(contentType);
    if (boundary == null || boundary.isEmpty()) {
      throw ApiException.badRequest("Content-Type", "multipart/form-data needs a boundary parameter");
    }
    refuseDeclaredLength(ex);
    MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
    parser.setMaxParts(8);
    parser.setMaxFileSize(PARSER_MAX_FILE);
    parser.setMaxMemoryFileSize(PARSER_MAX_FILE + 1);
    parser.setMaxLength(PARSER_MAX_LENGTH);
    try (MultiPartFormData.Parts parts = parser.parse(ex.request()).get(60, TimeUnit.SECONDS)) {
      JsonNode report = null;
      List<Upload> uploads = new ArrayList<>();
      for (MultiPart.Part part : parts) {
        if ("report".equals(part.getName()) && part.getFileName() == null) {
          report = parse(reportBytes(part));
        } else if (part.getFileName() != null) {
          uploads.add(new Upload(part.getFileName(), bytes(part)));
        } else {
          throw ApiException.badRequest(part.getName(), "unknown form field '" + part.getName()
              + "'; send 'report' (JSON) and files");
        }
      }
      if (report == null) {
        throw ApiException.badRequest("report", "the form needs a 'report' field holding the report as JSON");
      }
      return new Read(ReportSubmission.of(report), uploads);
    } catch (ExecutionException e) {
      throw refused(e.getCause());
    } catch (TimeoutException e) {
      throw new ApiException(408, "Request Timeout", "the upload did not arrive in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(503, "Service Unavailable", "the server is shutting down");
    }
  }

  /**
   * A form that says it is larger than any acceptable one is refused before a byte of it is read
   * (the parser would otherwise wait for it, and its sender could hold the request for the idle timeout).
   */
  private static void refuseDeclaredLength(Exchange ex) {
    String length = ex.header("Content-Length");
    long declared;
    try {
      declared = length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      declared = -1;
    }
    if (declared > PARSER_MAX_LENGTH) {
      throw new ApiException(413, "Content Too Large", "the upload declares " + declared + " bytes; a report with"
          + " three files of 5 MB is far smaller");
    }
  }

  /**
   * Why the form could not be read. Jetty's messages for its limits (length, file size, parts, part
   * headers) say "exceeded" or "too many": those are 413; a form that is
   * malformed (cut short, a bad boundary, LF-only lines) is the client's syntax error, 400.
   */
  static ApiException refused(Throwable cause) {
    if (Exchange.timedOut(cause)) {
      return Exchange.requestTimeout();
    }
    String why = String.valueOf(cause == null ? null : cause.getMessage());
    if (why.contains("exceeded") || why.contains("too many")) {
      return new ApiException(413, "Content Too Large", "the upload is too large: files may have at most 5 MB each,"
          + " three at most (" + why + ")");
    }
    return ApiException.badRequest("body", "the multipart form is malformed (" + why + ")");
  }

  /** The report part, held to the limit of a JSON body: the form is not a way around it. */
  private static byte[] reportBytes(MultiPart.Part part) {
    if (part.getLength() > MAX_JSON_BYTES) {
      throw new ApiException(413, "Content Too Large", "the form field 'report' exceeds " + MAX_JSON_BYTES
          + " bytes, the limit of a report sent as JSON");
    }
    return part.getContentAsString(StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(MultiPart.Part part) {
    try {
      ByteBuffer buffer = Content.Source.asByteBuffer(part.getContentSource());
      byte[] out = new byte[buffer.remaining()];
      buffer.get(out);
      return out;
    } catch (IOException e) {
      throw ApiException.badRequest("attachments", "could not read file '" + part.getFileName() + "'");
    }
  }
}
