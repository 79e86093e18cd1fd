package pl.kmzb.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The server's SLF4J provider: every logger of the server and its libraries writes one line per
 * event to standard error, as text or, with {@code log.format=json}, as one JSON object
 * ({@link LogLine}). Ours because slf4j-simple writes text only, and a JSON encoder means logback
 * and an encoder library (several MB and their own configuration files) for 200 lines.
 */
public final class ServerLogs implements SLF4JServiceProvider {
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  private ILoggerFactory loggers;

  /**
   * Switches every logger to JSON lines ({@code true}) or text. Called once the configuration is
   * read; what was logged before stays text.
   */
  public static void useJson(boolean json) {
    LogOutput.STDERR.json(json);
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    LogLevels levels = LogLevels.fromResource("logging.properties", System.getProperties());
    loggers = name -> new ServerLogger(name, levels.of(name), LogOutput.STDERR);
  }
}
