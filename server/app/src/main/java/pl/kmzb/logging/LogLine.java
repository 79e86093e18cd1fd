package pl.kmzb.logging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.event.Level;

/**
 * One log event, written as text ({@code 2026-12-05T18:00:06.995Z [main] INFO Application - text},
 * then the stack trace, as slf4j-simple wrote it) or as one JSON object on one line: {@code time},
 * {@code level}, {@code thread}, {@code logger} (the full name), {@code message}, and {@code error}
 * (the stack trace) when there is one.
 */
record LogLine(Instant time, Level level, String thread, String logger, String message, Throwable error) {
  private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.systemDefault());

  String text() {
    StringBuilder sb = new StringBuilder(96 + message.length());
    sb.append(TIME.format(time)).append(" [").append(thread).append("] ").append(level).append(' ')
        .append(logger.substring(logger.lastIndexOf('.') + 1)).append(" - ").append(message)
        .append(System.lineSeparator());
    if (error != null) {
      sb.append(stackTrace(error));
    }
    return sb.toString();
  }

  String json() {
    StringBuilder sb = new StringBuilder(128 + message.length());
    sb.append("{\"time\":");
    quote(sb, TIME.format(time));
    sb.append(",\"level\":");
    quote(sb, level.toString());
    sb.append(",\"thread\":");
    quote(sb, thread);
    sb.append(",\"logger\":");
    quote(sb, logger);
    sb.append(",\"message\":");
    quote(sb, message);
    if (error != null) {
      sb.append(",\"error\":");
      quote(sb, stackTrace(error).stripTrailing());
    }
    return sb.append('}').append('\n').toString();
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** A JSON string, escaped as the access log's are (Jackson's encoder: one event stays one line). */
  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    ENCODER.quoteAsString(s, sb);
    sb.append('"');
  }
}
