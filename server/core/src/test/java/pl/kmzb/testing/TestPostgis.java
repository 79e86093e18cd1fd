package pl.kmzb.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostGIS for tests. Uses {@code KMZB_TEST_POSTGIS_URL} when set; otherwise starts a
 * throw-away cluster with {@code db/pg-test-cluster.sh} (installing PostGIS if needed) once per
 * JVM and stops it at exit. Never skips: if no database can be had, tests fail with the reason.
 */
public final class TestPostgis {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static String baseUrl;
  private static Path stateDir;

  private TestPostgis() {}

  /** JDBC URL of the cluster's maintenance database. */
  public static synchronized String baseUrl() {
    if (baseUrl == null) {
      String env = System.getenv("KMZB_TEST_POSTGIS_URL");
      baseUrl = env != null && !env.isBlank() ? env : startCluster();
    }
    return baseUrl;
  }

  /** State directory of the cluster this JVM started, or null when it came from the environment. */
  public static synchronized Path stateDir() {
    baseUrl();
    return stateDir;
  }

  /** Creates a fresh, empty database (PostGIS comes from the template) and returns its JDBC URL. */
  public static String createDatabase() {
    String name = "kmzb_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    String base = baseUrl();
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + name);
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database on " + base + ": " + e.getMessage(), e);
    }
    return withDatabase(base, name);
  }

  /** {@code url} with its database name replaced (the query, e.g. the user, kept). */
  public static String withDatabaseName(String url, String name) {
    return withDatabase(url, name);
  }

  static String withDatabase(String url, String name) {
    int q = url.indexOf('?');
    String head = q < 0 ? url : url.substring(0, q);
    String tail = q < 0 ? "" : url.substring(q);
    return head.substring(0, head.lastIndexOf('/') + 1) + name + tail;
  }

  /** Runs the cluster script with the given arguments and returns its standard output lines. */
  public static List<String> script(String... args) {
    Path script = projectRoot().resolve("db/pg-test-cluster.sh");
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.add(line);
        }
      }
      if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("db/pg-test-cluster.sh " + String.join(" ", args) + " failed (exit "
            + p.exitValue() + "); see its messages above");
      }
      return lines;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + script, e);
    }
  }

  private static String startCluster() {
    List<String> out = script("start");
    String url = out.stream().filter(l -> l.startsWith("jdbc:")).findFirst()
        .orElseThrow(() -> new IllegalStateException("pg-test-cluster.sh printed no JDBC URL: " + out));
    stateDir = out.stream().filter(l -> l.startsWith("STATE_DIR=")).map(l -> Path.of(l.substring(10)))
        .findFirst().orElseThrow(() -> new IllegalStateException("pg-test-cluster.sh printed no STATE_DIR: " + out));
    Path dir = stateDir;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> script("stop", dir.toString())));
    return url;
  }

  /**
   * A cluster of its own (not the JVM's shared one) started by {@code db/pg-test-cluster.sh}, with a
   * database {@code kmzb} holding PostGIS. Closing stops it and removes its directory.
   */
  public record Cluster(String url, Path stateDir) implements AutoCloseable {
    /** The URL of another database of this cluster. */
    public String database(String name) {
      return withDatabase(url, name);
    }

    @Override
    public void close() {
      script("stop", stateDir.toString());
    }
  }

  /** Starts a cluster for one test, e.g. the primary of a streaming replica. */
  public static Cluster newCluster() {
    return cluster(script("start"));
  }

  /**
   * Starts a hot standby of {@code primary}: {@code pg_basebackup -R} (streaming replication) on a
   * port of its own; it replays everything the primary commits, and refuses writes.
   */
  public static Cluster newReplica(Cluster primary) {
    return cluster(script("replica", primary.stateDir().toString()));
  }

  private static Cluster cluster(List<String> out) {
    String url = out.stream().filter(l -> l.startsWith("jdbc:")).findFirst()
        .orElseThrow(() -> new IllegalStateException("pg-test-cluster.sh printed no JDBC URL: " + out));
    Path dir = out.stream().filter(l -> l.startsWith("STATE_DIR=")).map(l -> Path.of(l.substring(10)))
        .findFirst().orElseThrow(() -> new IllegalStateException("pg-test-cluster.sh printed no STATE_DIR: " + out));
    Cluster c = new Cluster(url, dir);
    // Stopped by the test; the hook only catches a JVM that ends first (stop is idempotent).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> script("stop", dir.toString())));
    return c;
  }

  /** The repository root: the nearest ancestor of the working directory holding db/. */
  public static Path projectRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("db/pg-test-cluster.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find db/pg-test-cluster.sh above " + Path.of("").toAbsolutePath());
  }

  /**
   * Indexes of the report tables, their constraints and the foreign keys referring to them, and
   * the report triggers, as SQL.
   */
  public static List<String> reportSchema(String url) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename IN ('report', 'report_history')"
            + " UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
            + " WHERE conrelid IN ('report'::regclass, 'report_history'::regclass)"
            + " OR confrelid IN ('report'::regclass, 'report_history'::regclass)"
            + " UNION ALL SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'report'::regclass"
            + " AND NOT tgisinternal ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
