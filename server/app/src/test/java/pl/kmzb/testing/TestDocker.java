package pl.kmzb.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Docker engine and the local base images for container tests, made the way {@link TestPostgis}
 * makes PostgreSQL: {@code docker/local-base.sh} installs {@code docker.io} with apt-get when
 * missing, starts {@code dockerd} when no daemon answers, and builds the base images from Debian
 * packages once (no image registry is reachable here or on CI); later runs find them in the
 * engine's image store and take a second.
 *
 * <p>Where that cannot work (not root and no daemon answering, no Debian mirror), the calling test
 * is skipped with one reason: the throw-away-cluster tests cover those machines.
 */
public final class TestDocker {
  /** The base images the Dockerfile and the test's containers are built on. */
  public record LocalImages(String jre, String postgis, String nginx) {}

  private static LocalImages images;
  private static String unavailable;

  private TestDocker() {}

  /** The local base images, with a daemon running; skips the calling test when there can be none. */
  public static synchronized LocalImages localImages() {
    if (images == null && unavailable == null) {
      long t0 = System.nanoTime();
      try {
        images = make();
        System.out.printf("TestDocker: daemon and local base images ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      } catch (IllegalStateException e) {
        unavailable = e.getMessage();
      }
    }
    Assumptions.assumeTrue(images != null, () -> "no Docker engine for container tests: " + unavailable);
    Assumptions.assumeTrue(ryukDisabled(), "Testcontainers' Ryuk would be pulled from an image registry, which is"
        + " not reachable: run through failsafe (mvn verify sets TESTCONTAINERS_RYUK_DISABLED=true) or set it");
    return images;
  }

  /** Ryuk off by the environment or ~/.testcontainers.properties, the two places Testcontainers reads it from. */
  private static boolean ryukDisabled() {
    if ("true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
      return true;
    }
    java.util.Properties user = new java.util.Properties();
    Path file = Path.of(System.getProperty("user.home"), ".testcontainers.properties");
    try (var in = java.nio.file.Files.newInputStream(file)) {
      user.load(in);
    } catch (IOException e) {
      return false; // no such file
    }
    return "true".equalsIgnoreCase(user.getProperty("ryuk.disabled", "").trim());
  }

  private static LocalImages make() {
    Path script = TestPostgis.projectRoot().resolve("docker/local-base.sh");
    boolean root = "0".equals(run(List.of("id", "-u"), 1).stdout().trim());
    if (!root && run(List.of("docker", "info"), 1).exit() != 0) {
      throw new IllegalStateException("not root and no Docker daemon answers (docker/local-base.sh needs root"
          + " to install docker.io, start dockerd and debootstrap the base image)");
    }
    Outcome out = run(List.of("bash", script.toString()), 20);
    if (out.exit() != 0) {
      String last = out.stderr().lines().filter(l -> l.contains("ERROR") || l.startsWith("E:"))
          .reduce((a, b) -> b).orElse("exit " + out.exit());
      throw new IllegalStateException("docker/local-base.sh failed: " + last.trim());
    }
    String jre = exported(out.stdout(), "KMZB_JRE_IMAGE");
    String postgis = exported(out.stdout(), "KMZB_POSTGIS_IMAGE");
    String nginx = exported(out.stdout(), "KMZB_NGINX_IMAGE");
    return new LocalImages(jre, postgis, nginx);
  }

  private static String exported(String stdout, String name) {
    return stdout.lines().filter(l -> l.startsWith("export " + name + "=")).map(l -> l.substring(l.indexOf('=') + 1))
        .findFirst().orElseThrow(() -> new IllegalStateException("docker/local-base.sh printed no " + name));
  }

  private record Outcome(int exit, String stdout, String stderr) {}

  /** Runs a command; its standard error is kept for the reason and also shown (the first run takes minutes). */
  private static Outcome run(List<String> command, int timeoutMinutes) {
    try {
      Process p = new ProcessBuilder(command).start();
      StringBuilder err = new StringBuilder();
      Thread drain = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            System.err.println(line);
            synchronized (err) {
              err.append(line).append('\n');
            }
          }
        } catch (IOException ignored) {
          // the process ended
        }
      });
      drain.start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      }
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took more than " + timeoutMinutes + " min");
      }
      drain.join();
      synchronized (err) {
        return new Outcome(p.exitValue(), String.join("\n", lines), err.toString());
      }
    } catch (IOException e) {
      return new Outcome(127, "", "ERROR cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
