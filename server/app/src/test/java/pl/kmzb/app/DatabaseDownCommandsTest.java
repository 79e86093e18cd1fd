package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pl.kmzb.testing.LatePort;

/**
 * The server and the command-line tools started against a PostGIS that is down: each prints one line
 * naming the URL and the cause (no stack trace) and exits with status 2, in a separate JVM as an
 * operator runs them.
 */
class DatabaseDownCommandsTest {
  @TempDir
  Path dir;

  record Run(int exit, List<String> stderr, long millis) {}

  private Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path err = dir.resolve("stderr-" + System.nanoTime());
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not exit within 60 s: " + command);
    }
    return new Run(p.exitValue(), Files.readAllLines(err, StandardCharsets.UTF_8), (System.nanoTime() - t0) / 1_000_000);
  }

  private static void assertOneLineNamingTheUrl(Run r, int port) {
    assertEquals(2, r.exit(), String.join("\n", r.stderr()));
    List<String> failures = r.stderr().stream().filter(l -> l.startsWith("kmzb: ")).toList();
    assertEquals(1, failures.size(), String.join("\n", r.stderr()));
    String line = failures.get(0);
    assertTrue(line.startsWith("kmzb: PostGIS at jdbc:postgresql://127.0.0.1:" + port + "/kmzb?password=*** not reachable"),
        line);
    assertTrue(line.contains("refused"), line);
    for (String l : r.stderr()) {
      assertFalse(l.startsWith("\tat ") || l.contains("Exception") || l.contains("s3cret"),
          "no stack trace, no password: " + String.join("\n", r.stderr()));
    }
  }

  @Test
  void theServerExitsWithOneLine() throws Exception {
    int port = LatePort.freePort();
    Run r = run("serve", "--store=postgis", "--postgis.url=jdbc:postgresql://127.0.0.1:" + port + "/kmzb?password=s3cret",
        "--postgis.connect-wait=PT0S", "--http.port=0", "--access-log=off");
    assertOneLineNamingTheUrl(r, port);
  }

  @Test
  void theImportCommandsExitWithOneLineAfterTheWait() throws Exception {
    int port = LatePort.freePort();
    Path csv = dir.resolve("reports.csv");
    Files.writeString(csv, ImportReportsCommandTest.HEADER);
    String url = "--postgis.url=jdbc:postgresql://127.0.0.1:" + port + "/kmzb?password=s3cret";
    Run r = run("import-reports", "--file=" + csv, "--store=postgis", url, "--postgis.connect-wait=PT1S");
    assertOneLineNamingTheUrl(r, port);
    assertTrue(r.stderr().stream().anyMatch(l -> l.matches("kmzb: .* after \\d+ attempts in \\d+ s: .*")), r.stderr().toString());
    Path units = dir.resolve("units.csv");
    Files.writeString(units, "id\n");
    assertOneLineNamingTheUrl(run("import-police-units", "--file=" + units, "--store=postgis", url,
        "--postgis.connect-wait=PT0S"), port);
  }
}
