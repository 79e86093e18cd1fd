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

  /** The server started by {@code Main} with {@code log.format=json} writes only JSON lines to standard error. */
  @Test
  void aServerStartedWithJsonLogsWritesJsonLinesOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    ProcessBuilder pb = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "pl.kmzb.app.Main", "serve", "--log.format=json",
        "--store=embedded", "--embedded.file=" + dir.resolve("k.sqlite"), "--http.port=0", "--http.host=127.0.0.1",
        "--access-log=off", "--demo.reports=0", "--wms.warm-up=PT0S", "--auth.admin-password=admin-password-for-tests");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    java.util.List<String> lines = new java.util.ArrayList<>();
    try (java.io.BufferedReader err = new java.io.BufferedReader(
        new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
      long deadline = System.nanoTime() + 120_000_000_000L;
      for (String line = err.readLine(); line != null && System.nanoTime() < deadline; line = err.readLine()) {
        lines.add(line);
        if (line.contains("listening on")) {
          break;
        }
      }
    } finally {
      p.destroy();
      p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    assertTrue(lines.stream().anyMatch(l -> l.contains("listening on")), String.join("\n", lines));
    for (String line : lines) {
      JsonNode n = new ObjectMapper().readTree(line);
      assertTrue(n.hasNonNull("time") && n.hasNonNull("level") && n.hasNonNull("logger") && n.hasNonNull("message"),
          line);
    }
    assertTrue(lines.size() > 3, String.join("\n", lines));
  }

  private static Properties props(String k, String v) {
    Properties p = new Properties();
    p.setProperty(k, v);
    return p;
  }
}
