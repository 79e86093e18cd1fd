package pl.kmzb.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

class ServerLogsTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final LogOutput output = new LogOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theServerLogsThroughThisProvider() {
    assertInstanceOf(ServerLogger.class, LoggerFactory.getLogger("pl.kmzb.server.Application"));
    assertTrue(LoggerFactory.getLogger("pl.kmzb.server.Application").isInfoEnabled());
    assertTrue(!LoggerFactory.getLogger("org.eclipse.jetty.server.Server").isInfoEnabled(),
        "the bundled logging.properties keeps Jetty at warn");
  }

  @Test
  void textLinesAreWhatSlf4jSimpleWrote() {
    new ServerLogger("pl.kmzb.server.Application", Level.INFO, output).info("listening on {}:{}", "0.0.0.0", 8080);
    String line = written();
    assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) \\[main\\] INFO"
        + " Application - listening on 0\\.0\\.0\\.0:8080\\R"), line);
  }

  @Test
  void jsonLinesAreOneObjectPerEventWhateverTheMessageHolds() throws Exception {
    output.json(true);
    ServerLogger log = new ServerLogger("pl.kmzb.cluster.IndexService", Level.INFO, output);
    String hostile = "a \"quoted\" \\ path\nsecond line\r\tand \u0001 \u2028 zażółć";
    log.warn("could not load {}", hostile, new IllegalStateException("boom"));
    log.info("plain");
    String[] lines = written().split("\n");
    assertEquals(2, lines.length, written());
    JsonNode first = new ObjectMapper().readTree(lines[0]);
    assertEquals("WARN", first.get("level").asText());
    assertEquals("pl.kmzb.cluster.IndexService", first.get("logger").asText());
    assertEquals("main", first.get("thread").asText());
    assertEquals("could not load " + hostile, first.get("message").asText());
    assertTrue(first.get("error").asText().startsWith("java.lang.IllegalStateException: boom\n\tat "),
        first.get("error").asText());
    assertTrue(first.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"), first.get("time").asText());
    JsonNode second = new ObjectMapper().readTree(lines[1]);
    assertEquals("plain", second.get("message").asText());
    assertNull(second.get("error"), "no error field without an error");
  }

  @Test
  void eventsBelowTheLevelAreNotWritten() {
    ServerLogger log = new ServerLogger("x", Level.WARN, output);
    log.info("no");
    log.debug("no");
    log.warn("yes");
    new ServerLogger("y", null, output).error("off");
    assertEquals(1, written().lines().count(), written());
    assertTrue(written().contains("WARN x - yes"), written());
  }

  @Test
  void theLongestConfiguredPrefixDecidesALoggersLevel() {
    Properties p = new Properties();
    p.setProperty("level", "warn");
    p.setProperty("level.pl.kmzb", "info");
    p.setProperty("level.pl.kmzb.cluster", "debug");
    p.setProperty("level.org.noisy", "off");
    LogLevels levels = LogLevels.of(p);
    assertEquals(Level.WARN, levels.of("com.zaxxer.hikari.HikariDataSource"));
    assertEquals(Level.INFO, levels.of("pl.kmzb.server.Application"));
    assertEquals(Level.DEBUG, levels.of("pl.kmzb.cluster.IndexService"));
    assertEquals(Level.INFO, levels.of("pl.kmzb.clusterX.Other"), "a prefix ends at a dot");
    assertNull(levels.of("org.noisy.Thing"));
    assertThrows(IllegalArgumentException.class, () -> LogLevels.of(props("level", "loud")));
  }

  @Test
  void systemPropertiesOverrideTheBundledLevels() {
    Properties system = props("kmzb.log.level.org.eclipse.jetty", "info");
    system.setProperty("kmzb.log.level", "error");
    LogLevels levels = LogLevels.fromResource("logging.properties", system);
    assertEquals(Level.INFO, levels.of("org.eclipse.jetty.server.Server"));
    assertEquals(Level.ERROR, levels.of("pl.kmzb.server.Application"));
    assertEquals(Level.WARN, levels.of("org.flywaydb.core.Flyway"), "the bundled file's other lines stay");
  }

  private static Properties props(String k, String v) {
    Properties p = new Properties();
    p.setProperty(k, v);
    return p;
  }
}
