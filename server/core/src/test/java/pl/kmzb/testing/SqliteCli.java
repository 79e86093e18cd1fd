package pl.kmzb.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sqlite3} command-line shell of the operating system (Debian 12: SQLite 3.40), found or
 * installed by {@code db/sqlite3-cli.sh}: direct SQL edits in tests go through the tool an operator
 * would use, not through the newer library the server bundles.
 */
public final class SqliteCli {
  private static Path executable;

  private SqliteCli() {}

  public static synchronized Path executable() {
    if (executable == null) {
      executable = Path.of(run(TestPostgis.projectRoot().resolve("db/sqlite3-cli.sh").toString()).strip());
    }
    return executable;
  }

  /** The shell's version line, e.g. "3.40.1 2022-12-28 …". */
  public static String version() {
    return run(executable().toString(), "--version").strip();
  }

  /** Runs {@code sql} on the database file; returns what the shell printed, fails with its error. */
  public static String exec(Path database, String sql) {
    return run(executable().toString(), "-batch", "-bail", database.toString(), sql);
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + text);
      }
      return text;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command[0], e);
    }
  }
}
