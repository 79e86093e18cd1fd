package pl.kmzb.logging;

import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger of one name at a fixed level (null: off), writing each event as one {@link LogLine}. */
final class ServerLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient Level level;
  private final transient LogOutput output;

  ServerLogger(String name, Level level, LogOutput output) {
    this.name = name;
    this.level = level;
    this.output = output;
  }

  private boolean enabled(Level l) {
    return level != null && l.toInt() >= level.toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(Level l, Marker marker, String pattern, Object[] arguments,
      Throwable error) {
    String message = MessageFormatter.basicArrayFormat(pattern, arguments);
    output.write(new LogLine(Instant.now(), l, Thread.currentThread().getName(), name,
        message == null ? "null" : message, error));
  }
}
