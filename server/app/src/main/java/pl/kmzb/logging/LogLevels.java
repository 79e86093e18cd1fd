package pl.kmzb.logging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.event.Level;

/**
 * Which level each logger logs from: {@code level} for all, {@code level.<name prefix>} for the
 * loggers under a prefix (the longest prefix wins), read from the bundled {@code logging.properties}
 * and overridden by system properties {@code kmzb.log.level} and {@code kmzb.log.level.<prefix>}
 * (e.g. {@code -Dkmzb.log.level.pl.kmzb.cluster=debug}).
 */
record LogLevels(Level root, Map<String, Level> byPrefix) {
  static final String SYSTEM_PREFIX = "kmzb.log.";

  static LogLevels fromResource(String resource, Properties system) {
    Properties p = new Properties();
    try (InputStream in = LogLevels.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String key : system.stringPropertyNames()) {
      if (key.startsWith(SYSTEM_PREFIX + "level")) {
        p.setProperty(key.substring(SYSTEM_PREFIX.length()), system.getProperty(key));
      }
    }
    return of(p);
  }

  static LogLevels of(Properties p) {
    Level root = parse(p.getProperty("level", "info"), "level");
    Map<String, Level> byPrefix = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("level.")) {
        byPrefix.put(key.substring("level.".length()), parse(p.getProperty(key), key));
      }
    }
    return new LogLevels(root, java.util.Collections.unmodifiableMap(byPrefix)); // null values: off
  }

  /** The level of logger {@code name}: that of the longest prefix of it configured, else the root's. */
  Level of(String name) {
    Level best = root;
    int bestLength = -1;
    for (Map.Entry<String, Level> e : byPrefix.entrySet()) {
      String prefix = e.getKey();
      boolean under = name.equals(prefix) || name.startsWith(prefix) && name.charAt(prefix.length()) == '.';
      if (under && prefix.length() > bestLength) {
        best = e.getValue();
        bestLength = prefix.length();
      }
    }
    return best;
  }

  private static Level parse(String value, String key) {
    String v = value.strip().toUpperCase(Locale.ROOT);
    if (v.equals("OFF")) {
      return null;
    }
    try {
      return Level.valueOf(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("logging: " + key + "=" + value
          + " is no level (trace, debug, info, warn, error, off)");
    }
  }
}
