package pl.kmzb.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One request being answered: the Jetty request, response and callback, the path parameters the
 * route matched, and the query parameters parsed once.
 */
public final class Exchange {
  /** The request id the router assigns (also sent as X-Request-Id). */
  public static final String REQUEST_ID = "kmzb.requestId";
  /** Request attributes the access log prints when an endpoint sets them. */
  public static final String LOG_LAYER = "kmzb.layer";
  public static final String LOG_TILE = "kmzb.tile";
  public static final String LOG_CACHE = "kmzb.cache";
  /**
   * An error answered in the protocol's own form with a success status (a WMS ServiceExceptionReport
   * sent with 200): its exception code, for the access log and the error metrics.
   */
  public static final String LOG_ERROR = "kmzb.error";
  /** The matched route as "METHOD /pattern" (the router sets it): what metrics group requests by. */
  public static final String ROUTE = "kmzb.route";

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Map<String, String> pathParams;
  private Map<String, List<String>> query;

  Exchange(Request request, Response response, Callback callback, Map<String, String> pathParams) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.pathParams = pathParams;
  }

  public Request request() {
    return request;
  }

  public Response response() {
    return response;
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /**
   * Query parameters, each name with all its values in order. A query string that does not decode
   * (a broken %-escape, bytes that are not UTF-8) is the client's error: 400 naming the query, which
   * each service maps to its own form, never a 500.
   */
  public Map<String, List<String>> query() {
    if (query == null) {
      Fields fields;
      try {
        fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        throw ApiException.badRequest("query", "the query string cannot be read (a broken %-escape or bytes that"
            + " are not UTF-8)");
      }
      java.util.LinkedHashMap<String, List<String>> m = new java.util.LinkedHashMap<>();
      for (Fields.Field f : fields) {
        m.put(f.getName(), List.copyOf(f.getValues()));
      }
      query = java.util.Collections.unmodifiableMap(m);
    }
    return query;
  }

  /**
   * The request body, at most {@code maxBytes} (413 beyond). Blocking is fine here: endpoints run
   * on the request thread pool.
   */
  public byte[] body(int maxBytes) {
    String length = request.getHeaders().get(HttpHeader.CONTENT_LENGTH);
    long declared = length == null ? -1 : parseLong(length);
    try (java.io.InputStream in = Request.asInputStream(request)) {
      if (declared > maxBytes) {
        throw tooLarge(maxBytes, in, declared);
      }
      byte[] bytes = in.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw tooLarge(maxBytes, in, declared);
      }
      return bytes;
    } catch (java.io.IOException e) {
      if (timedOut(e)) {
        throw requestTimeout();
      }
      throw new ApiException(400, "Bad Request", "could not read the request body: " + e.getMessage());
    }
  }

  /** Whether reading failed because the client stopped sending (the idle timeout or a slow-client cut). */
  public static boolean timedOut(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** The answer to a body that did not arrive in time (if the connection can still carry one). */
  public static ApiException requestTimeout() {
    return new ApiException(408, "Request Timeout", "the request body did not arrive in time");
  }

  /**
   * Bodies up to this size are read to their end (and dropped) before a refusal: a server that answers
   * and closes while the client still sends makes the client's TCP stack discard the answer with the
   * reset, so the client sees a broken connection instead of the 413 (or the OGC report) it should read.
   * Larger bodies are not worth the transfer: the connection is closed on them.
   */
  static final long DRAIN_LIMIT = 16L << 20;

  private static ApiException tooLarge(int maxBytes, java.io.InputStream in, long declared) throws java.io.IOException {
    if (declared <= DRAIN_LIMIT) {
      byte[] sink = new byte[64 << 10];
      long left = DRAIN_LIMIT;
      for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
        left -= n;
      }
    }
    return tooLarge(maxBytes);
  }

  /** The body parsed as JSON into {@code type}; malformed JSON or unknown fields are a 400 naming the field. */
  public <T> T readJson(Class<T> type, int maxBytes) {
    byte[] bytes = body(maxBytes);
    try {
      return Json.STRICT.readValue(bytes, type);
    } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
      throw ApiException.badRequest(e.getPropertyName(), "unknown field '" + e.getPropertyName() + "'");
    } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
      String field = e.getPath().isEmpty() ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
      throw ApiException.badRequest(field == null ? "body" : field, "'" + field + "' has the wrong type or is malformed");
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("body", "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  /** A request header, or null. */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  private static long parseLong(String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static ApiException tooLarge(int maxBytes) {
    return new ApiException(413, "Content Too Large", "the request body exceeds " + maxBytes + " bytes");
  }

  /** Records a value the access log prints for this request (layer, tile, cache hit). */
  public void logAttribute(String name, Object value) {
    request.setAttribute(name, value);
  }

  public void sendJson(int status, Object body) {
    try {
      send(status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise response", e);
    }
  }

  public void send(int status, String contentType, byte[] body) {
    closeIfBodyUnread();
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /** A response without content (204, 304). */
  public void sendNoBody(int status) {
    closeIfBodyUnread();
    response.setStatus(status);
    response.write(true, ByteBuffer.allocate(0), callback);
  }

  /**
   * An answer sent before the request body was read (a 401 on a POST, say) would otherwise leave
   * Jetty closing the connection after a keep-alive response, and a client that reuses it in that
   * moment sees a reset. So the body is drained if it has already arrived, and the connection is
   * announced as closing if it has not.
   */
  private void closeIfBodyUnread() {
    if (!request.consumeAvailable()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }

  /** Writes a response body of unknown length to a stream. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(java.io.OutputStream out) throws Exception;
  }

  /**
   * A response written as it is produced (chunked), for bodies too large to hold: feature streams.
   * The first 64 KB are buffered, so an error before then still becomes a proper error response;
   * after that the response is committed and an error aborts it (the client sees a cut body, never a
   * complete-looking one).
   */
  public void stream(int status, String contentType, BodyWriter writer) throws Exception {
    closeIfBodyUnread();
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    java.io.OutputStream out = new java.io.BufferedOutputStream(
        org.eclipse.jetty.io.Content.Sink.asOutputStream(response), 1 << 16);
    writer.write(out);
    out.close();
    callback.succeeded();
  }

  public void sendText(int status, String text) {
    send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }
}
