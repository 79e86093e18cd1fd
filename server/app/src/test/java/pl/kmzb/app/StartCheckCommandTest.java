package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start-check} in a JVM of its own, as the image build runs it: it starts the server, exits 0
 * once every component is ready, and stops cleanly — its snapshots written, so a second check restores
 * them (the start a class-data archive is trained on).
 */
class StartCheckCommandTest {
  @TempDir
  Path dir;

  record Run(int exit, String stdout, String stderr) {}

  private Run run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "start-check"));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout-" + System.nanoTime());
    Path err = dir.resolve("stderr-" + System.nanoTime());
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not exit within 120 s: " + command);
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void startsUntilReadyStopsCleanlyAndTheNextCheckRestoresItsSnapshots() throws Exception {
    String[] settings = {"--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite"), "--demo.reports=3000",
        "--http.port=0", "--access-log=off", "--wms.warm-up=PT0S", "--index.snapshot-dir=" + dir.resolve("snapshots")};
    Run first = run(settings);
    assertEquals(0, first.exit(), first.stderr());
    assertTrue(first.stdout().matches("(?s)kmzb: start-check: ready in [0-9.]+ s, stopped cleanly\\s*"), first.stdout());
    assertTrue(first.stderr().contains("cluster index snapshot written"), first.stderr());
    try (var files = Files.list(dir.resolve("snapshots"))) {
      assertEquals(2, files.filter(f -> f.toString().endsWith(".snapshot")).count(), "cluster index and statistics");
    }
    Run second = run(settings);
    assertEquals(0, second.exit(), second.stderr());
    assertTrue(second.stderr().contains("cluster index restored from"), second.stderr());
  }

  @Test
  void anEmbeddedFileThatCannotBeOpenedIsOneLineAndStatusTwo() throws Exception {
    Files.createDirectories(dir.resolve("not-a-file.sqlite"));
    Run r = run("--store=embedded", "--embedded.file=" + dir.resolve("not-a-file.sqlite"), "--http.port=0");
    assertEquals(2, r.exit(), r.stderr());
    assertTrue(r.stderr().lines().anyMatch(l -> l.startsWith("kmzb: embedded store ") && l.contains("cannot be opened")),
        r.stderr());
    assertTrue(r.stderr().lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
        "one line, no stack trace: " + r.stderr());
  }
}
