package pl.kmzb.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void defaultsWhenNothingIsGiven() {
    ServerConfig c = ConfigLoader.load(List.of(), Map.of());
    assertEquals(ServerConfig.defaults(), c);
    assertEquals(8080, c.httpPort());
    assertEquals("embedded", c.store());
    assertEquals(0, c.demoReports());
  }

  @Test
  void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
    Path file = dir.resolve("kmzb.yaml");
    Files.writeString(file, """
        http:
          port: 9000
          threads: 32
        store: postgis
        postgis:
          url: jdbc:postgresql://db:5432/kmzb
          pool-size: 4
        """);
    ServerConfig c = ConfigLoader.load(List.of("--config=" + file, "--http.port=9100"),
        Map.of("KMZB_HTTP_PORT", "9050", "KMZB_HTTP_THREADS", "16", "KMZB_DEMO_REPORTS", "1000", "PATH", "/bin"));
    assertEquals(9100, c.httpPort());
    assertEquals(16, c.httpThreads());
    assertEquals("postgis", c.store());
    assertEquals("jdbc:postgresql://db:5432/kmzb", c.postgisUrl());
    assertEquals(4, c.postgisPoolSize());
    assertEquals(1000, c.demoReports());
  }

  @Test
  void configFileMayComeFromTheEnvironment() throws IOException {
    Path file = dir.resolve("k.yaml");
    Files.writeString(file, "demo.reports: 5\n");
    assertEquals(5, ConfigLoader.load(List.of(), Map.of("KMZB_CONFIG", file.toString())).demoReports());
  }

  @Test
  void unknownKeysAreRejectedFromEverySource() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "http:\n  prot: 80\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
        List.of("--config=" + file, "--demo.report=5"), Map.of("KMZB_STOER", "postgis", "KMZB_TEST_POSTGIS_URL", "x")));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("'http.prot'"), e.getMessage());
    assertTrue(e.getMessage().contains("'demo.report'"), e.getMessage());
    assertTrue(e.getMessage().contains("KMZB_STOER"), e.getMessage());
  }

  @Test
  void badValuesAreRejectedWithTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
        List.of("--http.port=99999", "--store=oracle", "--demo.reports=-1", "--postgis.url=mysql://x", "nonsense"), Map.of()));
    String m = e.getMessage();
    assertTrue(m.contains("http.port='99999'"), m);
    assertTrue(m.contains("store='oracle'"), m);
    assertTrue(m.contains("demo.reports='-1'"), m);
    assertTrue(m.contains("postgis.url"), m);
    assertTrue(m.contains("'nonsense'"), m);
  }

  @Test
  void passwordIsNeverPrinted() {
    ServerConfig c = ConfigLoader.load(List.of("--store=postgis", "--postgis.password=s3cret"), Map.of());
    assertEquals("s3cret", c.postgisPassword());
    assertTrue(!c.toString().contains("s3cret"));
  }

  /** docs/CONFIGURATION.md documents every key with its default; this keeps it true. */
  @Test
  void everySettingIsDocumentedWithItsDefault() throws IOException {
    Path doc = pl.kmzb.testing.TestPostgis.projectRoot().resolve("docs/CONFIGURATION.md");
    String text = Files.readString(doc);
    for (Setting s : Setting.values()) {
      String def = s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`";
      String row = "| `" + s.key() + "` | `" + s.envName() + "` | " + def + " |";
      assertTrue(text.contains(row), "docs/CONFIGURATION.md lacks the row starting " + row);
    }
  }

  @Test
  void aReadOnlyServerNeedsPostgisAndSeedsNothing() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(
        List.of("--store.read-only=true", "--demo.reports=10"), Map.of()));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("store.read-only=true needs store=postgis"), e.getMessage());
    assertTrue(e.getMessage().contains("demo.reports must be 0"), e.getMessage());
    assertTrue(ConfigLoader.load(List.of("--store=postgis"), Map.of("KMZB_STORE_READ_ONLY", "true")).storeReadOnly());
    assertFalse(ConfigLoader.load(List.of(), Map.of()).storeReadOnly());
  }
}
