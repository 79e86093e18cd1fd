package pl.kmzb.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;
import pl.kmzb.testing.ScaleOutLoad;
import pl.kmzb.testing.TestDocker;
import pl.kmzb.testing.TestPostgis;

/**
 * Issue 18's scale-out, proven with the images of docker/: PostgreSQL + PostGIS with a streaming
 * replica, two servers on the primary, one read-only server on the replica, nginx in front (writes
 * to the primary's servers, reads to all three), all containers on one network, built here from the
 * local base images ({@link TestDocker}) and the jar this build made. Under a paced write load
 * through nginx ({@link ScaleOutLoad}): every acknowledged report is in the tiles of each server on
 * the primary within 1 s at p99, and in the standby's within the replica's replay lag + 1 s at p99;
 * a lag spike (the replica's replay paused for 3 s half-way) leaves every count exact; a fourth
 * server started half-way through the writes converges to the exact count without a restart.
 *
 * <p>Runs in {@code server/app}'s integration-test phase (failsafe), where target/kmzb-server.jar
 * exists. Testcontainers' Ryuk is disabled (its image would come from a registry): the test
 * removes every container it started, and the ones a killed run left (by label) before it starts.
 */
class ScaleOutContainersIT {
  private static final String LABEL = "pl.kmzb.test";
  /** The JVM that started a container: leftovers are only those of JVMs that are gone (runs may overlap). */
  private static final String PID_LABEL = "pl.kmzb.test.pid";
  private static final String PID = Long.toString(ProcessHandle.current().pid());
  private static final String SERVER_IMAGE = "kmzb-server:it";
  private static final String PASSWORD = "scale-out-" + ProcessHandle.current().pid();
  private static final String ADMIN_PASSWORD = "scale-out-admin";
  private static final int DEMO_REPORTS = 10_000;
  /** Reports a second through nginx: paced, a busy city's rate (the bench goes to 50/s and beyond). */
  private static final int RATE = 25;
  private static final int SECONDS = 24;
  /** Each poll after a write re-renders a server's z0 tile: 50 ms keeps the pollers' own load small. */
  private static final long POLL_MS = 50;
  private static final long SPIKE_MS = 3_000;
  private static final Duration READY = Duration.ofMinutes(5);

  private static final List<GenericContainer<?>> STARTED = new ArrayList<>();
  private static Network network;
  private static TestDocker.LocalImages images;
  private static String serverImage;
  private static String trustedProxies;
  private static GenericContainer<?> primary;
  private static GenericContainer<?> replica;
  private static final Map<String, GenericContainer<?>> SERVERS = new TreeMap<>();
  private static GenericContainer<?> nginx;

  @BeforeAll
  static void topology() throws Exception {
    long t0 = System.nanoTime();
    images = TestDocker.localImages();
    removeLeftovers();
    serverImage = buildServerImage();
    long built = System.nanoTime();
    network = Network.newNetwork();
    trustedProxies = DockerClientFactory.instance().client().inspectNetworkCmd().withNetworkId(network.getId()).exec()
        .getIpam().getConfig().get(0).getSubnet();

    primary = postgis("db").withEnv("POSTGRES_USER", "kmzb").withEnv("POSTGRES_PASSWORD", PASSWORD)
        .withEnv("POSTGRES_DB", "kmzb")
        .waitingFor(Wait.forSuccessfulCommand("pg_isready -h 127.0.0.1 -U kmzb -d kmzb").withStartupTimeout(READY));
    start(primary);
    // The replica copies the primary while kmzb1 migrates and seeds it: streaming replays the rest.
    replica = postgis("replica").withEnv("PGPASSWORD", PASSWORD)
        .withCreateContainerCmdModifier(c -> c.withUser("postgres").withEntrypoint("bash", "-c",
            "chmod 700 \"$PGDATA\" && until pg_basebackup -h db -U kmzb -D \"$PGDATA\" -R -X stream -c fast;"
                + " do rm -rf \"$PGDATA\"/*; sleep 1; done && exec postgres"))
        .waitingFor(Wait.forSuccessfulCommand("pg_isready -h 127.0.0.1 -U kmzb -d kmzb").withStartupTimeout(READY));
    GenericContainer<?> kmzb1 = server("kmzb1", "db", false).withEnv("KMZB_DEMO_REPORTS", Integer.toString(DEMO_REPORTS));
    CompletableFuture.allOf(CompletableFuture.runAsync(() -> start(replica)),
        CompletableFuture.runAsync(() -> start(kmzb1))).join();
    awaitReplay();
    GenericContainer<?> kmzb2 = server("kmzb2", "db", false);
    GenericContainer<?> standby = server("standby", "replica", true);
    CompletableFuture.allOf(CompletableFuture.runAsync(() -> start(kmzb2)),
        CompletableFuture.runAsync(() -> start(standby))).join();
    SERVERS.putAll(Map.of("kmzb1", kmzb1, "kmzb2", kmzb2, "standby", standby));
    nginx = new GenericContainer<>(images.nginx()).withNetwork(network).withNetworkAliases("nginx")
        .withLabel(LABEL, "scale-out").withLabel(PID_LABEL, PID).withExposedPorts(80)
        .withCopyToContainer(Transferable.of(NGINX_CONF), "/etc/nginx/conf.d/default.conf")
        .waitingFor(Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(READY));
    start(nginx);
    System.out.printf("ScaleOutContainersIT: server image built in %.1f s, topology up in %.1f s (total %.1f s)%n",
        (built - t0) / 1e9, (System.nanoTime() - built) / 1e9, (System.nanoTime() - t0) / 1e9);
  }

  /** Writes to the primary's servers, reads to every server; each report's X-Forwarded-For is its citizen's. */
  private static final String NGINX_CONF = """
      upstream writers { server kmzb1:8080; server kmzb2:8080; keepalive 32; }
      upstream readers { server kmzb1:8080; server kmzb2:8080; server standby:8080; keepalive 32; }
      map $request_method $pool { GET readers; HEAD readers; default writers; }
      server {
          listen 80;
          client_max_body_size 24m;
          access_log off;
          location / {
              proxy_pass http://$pool;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_set_header Host $http_host;
              # The load stands for many citizens: each report names its own address, which the
              # servers believe from this network (http.trusted-proxies); see ScaleOutLoad.
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
          }
      }
      """;

  @AfterAll
  static void removeAll() {
    for (int i = STARTED.size() - 1; i >= 0; i--) {
      try {
        STARTED.get(i).stop();
      } catch (RuntimeException e) {
        System.out.println("stopping " + STARTED.get(i).getDockerImageName() + ": " + e);
      }
    }
    if (network != null) {
      network.close();
    }
  }

  @Test
  void everyServerShowsEveryAcknowledgedReportInTimeAndCountsStayExact() throws Exception {
    Map<String, URI> direct = new LinkedHashMap<>();
    SERVERS.forEach((name, c) -> direct.put(name, url(c, 8080)));
    GenericContainer<?> late = server("kmzb3", "db", false);
    ScaleOutLoad.Result r = ScaleOutLoad.run(new ScaleOutLoad.Options(url(nginx, 80), RATE, SECONDS,
        jdbc(primary), direct, POLL_MS, jdbc(replica), SPIKE_MS, () -> start(late)));
    System.out.println(r);
    long expected = r.expectedEnd();
    long lateCount = ScaleOutLoad.awaitCount(url(late, 8080), expected, Duration.ofSeconds(60));
    System.out.printf("kmzb3 (started half-way through the writes): count %d, expected %d%n", lateCount, expected);
    writeFigures(r, lateCount);

    assertEquals(0, r.failed(), "every write through nginx is acknowledged");
    assertEquals(r.acknowledged(), r.stored(), "the database holds exactly the acknowledged reports");
    for (ScaleOutLoad.ServerResult s : r.servers().values()) {
      assertTrue(s.exact(), s.name() + ": count after the load and the lag spike: " + s);
      assertEquals(r.acknowledged(), s.latenciesMs().size(), s.name() + " showed every acknowledged report: " + s);
    }
    for (String name : List.of("kmzb1", "kmzb2")) {
      ScaleOutLoad.ServerResult s = r.servers().get(name);
      assertTrue(s.p(99) <= 1000, name + " (primary): p99 from acknowledgement to its tiles ≤ 1 s: " + s);
    }
    ScaleOutLoad.ServerResult standby = r.servers().get("standby");
    assertTrue(r.lagMs(100) >= SPIKE_MS / 2.0, "the paused replay shows as replica lag: " + r);
    assertTrue(ScaleOutLoad.percentile(standby.beyondLagMs(), 99) <= 1000,
        "standby: p99 from acknowledgement to its tiles ≤ the replica's replay lag + 1 s: " + standby);
    assertEquals(expected, lateCount, "a server started during the writes converges without a restart");
    assertEquals(0, late.getContainerInfo().getRestartCount(), "kmzb3 was not restarted");
  }

  @Test
  void theImageMapsTheClassDataArchiveItsBuildWrote() throws Exception {
    // -Xshare:on makes a JVM that cannot map the archive (another JVM, another jar) fail instead of
    // starting without it: the image's JAVA_TOOL_OPTIONS name the archive its build trained.
    org.testcontainers.containers.Container.ExecResult r = SERVERS.get("kmzb2").execInContainer("java", "-Xshare:on",
        "-jar", "/opt/kmzb/kmzb-server.jar", "help");
    assertEquals(0, r.getExitCode(), r.getStdout() + r.getStderr());
    assertTrue(r.getStderr().contains("-XX:SharedArchiveFile=/opt/kmzb/kmzb.jsa"), r.getStderr());
  }

  private static void writeFigures(ScaleOutLoad.Result r, long lateCount) throws Exception {
    Path out = Path.of("target", "scale-out-containers.txt");
    Files.writeString(out, r + String.format("%nkmzb3 (started half-way): count %d, expected %d%n", lateCount,
        r.expectedEnd()));
  }

  private static GenericContainer<?> postgis(String alias) {
    return new GenericContainer<>(images.postgis()).withNetwork(network).withNetworkAliases(alias)
        .withLabel(LABEL, "scale-out").withLabel(PID_LABEL, PID).withExposedPorts(5432)
        .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container." + alias)));
  }

  private static GenericContainer<?> server(String name, String db, boolean readOnly) {
    GenericContainer<?> c = new GenericContainer<>(serverImage).withNetwork(network).withNetworkAliases(name)
        .withLabel(LABEL, "scale-out").withLabel(PID_LABEL, PID).withExposedPorts(8080)
        .withEnv("KMZB_STORE", "postgis")
        .withEnv("KMZB_POSTGIS_URL", "jdbc:postgresql://" + db + ":5432/kmzb")
        .withEnv("KMZB_POSTGIS_USER", "kmzb").withEnv("KMZB_POSTGIS_PASSWORD", PASSWORD)
        .withEnv("KMZB_STORE_READ_ONLY", Boolean.toString(readOnly))
        .withEnv("KMZB_AUTH_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .withEnv("KMZB_HTTP_TRUSTED_PROXIES", trustedProxies)
        // Every report of the load comes from a citizen of its own, but be sure none is refused.
        .withEnv("KMZB_CITIZEN_REPORTS_PER_WINDOW", "100000000")
        .withEnv("KMZB_ACCESS_LOG", "off")
        // What is measured is vector tiles; the WMS renderer's warm-up would only delay each start.
        .withEnv("KMZB_WMS_WARM_UP", "PT0S")
        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withMemory(1024L * 1024 * 1024))
        .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container." + name)))
        .waitingFor(Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(READY));
    return c;
  }

  private static void start(GenericContainer<?> c) {
    synchronized (STARTED) {
      STARTED.add(c);
    }
    c.start();
  }

  /** The server image of docker/Dockerfile from the jar this build made, on the local JRE image. */
  private static String buildServerImage() {
    Path root = TestPostgis.projectRoot();
    Path jar = root.resolve("server/app/target/kmzb-server.jar");
    assertTrue(Files.isRegularFile(jar), "the integration-test phase runs after package: " + jar);
    String previous = imageId(SERVER_IMAGE);
    // Kept after the run (not deleteOnExit): Docker's layer cache then reuses the fonts layer.
    String built = new ImageFromDockerfile(SERVER_IMAGE, false)
        .withFileFromPath("server/app/target/kmzb-server.jar", jar)
        .withFileFromPath("docker/Dockerfile", root.resolve("docker/Dockerfile"))
        .withDockerfilePath("docker/Dockerfile")
        .withBuildArg("JRE_IMAGE", images.jre())
        .get();
    String now = imageId(SERVER_IMAGE);
    if (previous != null && !previous.equals(now)) {
      // The last run's image (its jar layer) would be left untagged by every build: remove it.
      try {
        DockerClientFactory.instance().client().removeImageCmd(previous).exec();
      } catch (RuntimeException e) {
        System.out.println("ScaleOutContainersIT: the previous " + SERVER_IMAGE + " stays: " + e.getMessage());
      }
    }
    return built;
  }

  private static String imageId(String name) {
    try {
      return DockerClientFactory.instance().client().inspectImageCmd(name).exec().getId();
    } catch (com.github.dockerjava.api.exception.NotFoundException e) {
      return null;
    }
  }

  /** Until the replica has replayed what the primary holds now (the schema kmzb1 migrated, its demo data). */
  private static void awaitReplay() throws Exception {
    String target;
    try (Connection c = DriverManager.getConnection(jdbc(primary)); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_current_wal_lsn()")) {
      rs.next();
      target = rs.getString(1);
    }
    long deadline = System.nanoTime() + READY.toNanos();
    try (Connection c = DriverManager.getConnection(jdbc(replica)); Statement s = c.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = s.executeQuery("SELECT pg_last_wal_replay_lsn() >= '" + target + "'::pg_lsn")) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
        Thread.sleep(200);
      }
    }
    throw new AssertionError("the replica did not replay " + target + " within " + READY);
  }

  /** Containers a killed run left behind (no Ryuk removes them); another run's that still goes on stay. */
  private static void removeLeftovers() {
    DockerClient docker = DockerClientFactory.instance().client();
    docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, "scale-out")).exec().stream()
        .filter(c -> !alive(c.getLabels().get(PID_LABEL)))
        .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
  }

  private static boolean alive(String pid) {
    try {
      return pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static URI url(GenericContainer<?> c, int port) {
    return URI.create("http://" + c.getHost() + ":" + c.getMappedPort(port));
  }

  private static String jdbc(GenericContainer<?> c) {
    return "jdbc:postgresql://" + c.getHost() + ":" + c.getMappedPort(5432) + "/kmzb?user=kmzb&password=" + PASSWORD;
  }
}
