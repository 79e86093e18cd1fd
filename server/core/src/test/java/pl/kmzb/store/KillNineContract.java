package pl.kmzb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pl.kmzb.report.Report;

/**
 * An acknowledged write survives kill -9 of the process that made it: a child process writes and
 * prints each acknowledged id, the test kills it with SIGKILL mid-stream and reopens the store.
 */
abstract class KillNineContract {
  static final int ACKS_BEFORE_KILL = 300;

  /** Arguments for {@link DurableWriterMain}: store kind and file or URL. */
  abstract List<String> writerArgs();

  abstract ReportStore reopen();

  @Test
  void acknowledgedWritesSurviveKillNine() throws Exception {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        DurableWriterMain.class.getName()));
    command.addAll(writerArgs());
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Long> acked = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; acked.size() < ACKS_BEFORE_KILL && (line = r.readLine()) != null; ) {
        if (line.startsWith("ACK ")) {
          acked.add(Long.parseLong(line.split(" ")[1]));
        }
      }
      // SIGKILL while the child is still writing: no shutdown hook, no flush, no close.
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertEquals(ACKS_BEFORE_KILL, acked.size(), "writer stopped early; see its output above");
    assertEquals(137, child.exitValue(), "the writer must have died of SIGKILL, not exited");
    try (ReportStore store = reopen()) {
      for (long id : acked) {
        Report report = store.find(id).orElse(null);
        assertTrue(report != null, "acknowledged report " + id + " was lost");
        assertEquals(1, store.history(id).size(), "history of " + id);
      }
      // Nothing half-written either: every stored report has its history row and change-log entry.
      long stored = store.count(pl.kmzb.filter.ReportFilter.ALL_INTERNAL);
      assertTrue(stored >= acked.size());
      assertEquals(stored, store.changesSince(0, Integer.MAX_VALUE).size());
    }
  }
}
