package pl.kmzb.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The access log's line as one JSON object (log.format=json), for log shippers that index fields:
 * {@code time, requestId, method, path, query, status, bytes, ms, service, operation} and
 * {@code layer, tile, cache, error} when the endpoint set them. As in the text form, no client address and
 * no header (Authorization, X-Forwarded-For) is ever written. Built by hand rather than through an
 * ObjectMapper: it runs once per request, at tens of thousands of cached tiles a second.
 */
final class JsonAccessLine {
  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

  private JsonAccessLine() {}

  static String format(Request request, Response response) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime());
    HttpURI uri = request.getHttpURI();
    RequestKind kind = RequestKind.of(request);
    StringBuilder sb = new StringBuilder(256).append('{');
    string(sb, "time", Instant.ofEpochMilli(Request.getTimeStamp(request)).toString());
    string(sb.append(','), "requestId",
        request.getAttribute(Exchange.REQUEST_ID) instanceof String id ? id : null);
    string(sb.append(','), "method", request.getMethod());
    string(sb.append(','), "path", uri.getPath());
    string(sb.append(','), "query", uri.getQuery());
    sb.append(",\"status\":").append(response.getStatus())
        .append(",\"bytes\":").append(Response.getContentBytesWritten(response))
        .append(",\"ms\":").append(millis);
    string(sb.append(','), "service", kind.service());
    string(sb.append(','), "operation", kind.operation());
    optional(sb, "layer", request.getAttribute(Exchange.LOG_LAYER));
    optional(sb, "tile", request.getAttribute(Exchange.LOG_TILE));
    optional(sb, "cache", request.getAttribute(Exchange.LOG_CACHE));
    optional(sb, "error", request.getAttribute(Exchange.LOG_ERROR));
    return sb.append('}').toString();
  }

  private static void optional(StringBuilder sb, String name, Object value) {
    if (value != null) {
      string(sb.append(','), name, value.toString());
    }
  }

  private static void string(StringBuilder sb, String name, String value) {
    sb.append('"').append(name).append("\":");
    if (value == null) {
      sb.append("null");
    } else {
      sb.append('"');
      ENCODER.quoteAsString(value, sb);
      sb.append('"');
    }
  }
}
