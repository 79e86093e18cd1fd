package pl.kmzb.http;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * One line per request: time, request id, method, path and query, status, bytes, milliseconds,
 * and the layer, tile and cache outcome when the endpoint set them. The client's IP address is
 * deliberately absent: KMZB keeps reporters' addresses only in the report, for abuse control.
 */
public final class AccessLog implements RequestLog, AutoCloseable {
  private final AsyncLineWriter writer;
  private final boolean json;

  private AccessLog(AsyncLineWriter writer, boolean json) {
    this.writer = writer;
    this.json = json;
  }

  /** "-" for standard output, "off" for none (returns null), or a file path. */
  public static AccessLog open(String target) {
    return open(target, false);
  }

  /** As {@link #open(String)}; {@code json}: one JSON object per line ({@link JsonAccessLine}). */
  public static AccessLog open(String target, boolean json) {
    if (target.equals("off")) {
      return null;
    }
    return new AccessLog(target.equals("-") ? new AsyncLineWriter(System.out)
        : AsyncLineWriter.toFile(java.nio.file.Path.of(target)), json);
  }

  @Override
  public void log(Request request, Response response) {
    writer.write(json ? JsonAccessLine.format(request, response) : format(request, response));
  }

  static String format(Request request, Response response) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime());
    HttpURI uri = request.getHttpURI();
    StringBuilder sb = new StringBuilder(160)
        .append(Instant.ofEpochMilli(Request.getTimeStamp(request))).append(' ')
        .append(request.getAttribute(Exchange.REQUEST_ID) instanceof String id ? id : "-").append(' ')
        .append(request.getMethod()).append(' ')
        .append(uri.getPath());
    if (uri.getQuery() != null) {
      sb.append('?').append(uri.getQuery());
    }
    sb.append(' ').append(response.getStatus())
        .append(' ').append(Response.getContentBytesWritten(response))
        .append(' ').append(millis).append("ms");
    append(sb, "layer", request.getAttribute(Exchange.LOG_LAYER));
    append(sb, "tile", request.getAttribute(Exchange.LOG_TILE));
    append(sb, "cache", request.getAttribute(Exchange.LOG_CACHE));
    append(sb, "error", request.getAttribute(Exchange.LOG_ERROR));
    return sb.toString();
  }

  private static void append(StringBuilder sb, String name, Object value) {
    if (value != null) {
      sb.append(' ').append(name).append('=').append(value);
    }
  }

  public long dropped() {
    return writer.dropped();
  }

  @Override
  public void close() {
    writer.close();
  }
}
