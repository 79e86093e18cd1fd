import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * bench/scale-out.sh's load and measurement: the command line of {@code pl.kmzb.testing.ScaleOutLoad}
 * (server/app's test classes, shared with {@code pl.kmzb.app.ScaleOutContainersIT}, which says how
 * it measures). Run with the server jar and server/app/target/test-classes on the class path:
 *
 * <pre>java -cp kmzb-server.jar:test-classes bench/scale-out/ScaleOutLoad.java PROXY RATE SECONDS PRIMARY_JDBC NAME=URL... [late:NAME=URL...]</pre>
 *
 * <p>Servers named {@code late:NAME=URL} are started by the script while the load runs; only their
 * final count is checked. With {@code SPIKE_REPLICA_JDBC} and {@code SPIKE_MS} in the environment,
 * the replica's replay is paused for SPIKE_MS half-way through the load (a lag spike). POLL_MS: the
 * pollers' pause (25 ms).
 */
public final class ScaleOutLoad {
  public static void main(String[] args) throws Exception {
    Map<String, URI> servers = new LinkedHashMap<>();
    Map<String, URI> late = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv[0].startsWith("late:")) {
        late.put(kv[0].substring(5), URI.create(kv[1]));
      } else {
        servers.put(kv[0], URI.create(kv[1]));
      }
    }
    var env = System.getenv();
    var result = pl.kmzb.testing.ScaleOutLoad.run(new pl.kmzb.testing.ScaleOutLoad.Options(URI.create(args[0]),
        Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], servers,
        Long.parseLong(env.getOrDefault("POLL_MS", "25")), env.get("SPIKE_REPLICA_JDBC"),
        Long.parseLong(env.getOrDefault("SPIKE_MS", "0")), null));
    System.out.println(result);
    boolean exact = result.failed() == 0 && result.servers().values().stream().allMatch(s -> s.exact());
    for (var s : late.entrySet()) {
      // Started while the writes went on: it must converge to the same count without a restart.
      long c = pl.kmzb.testing.ScaleOutLoad.awaitCount(s.getValue(), result.expectedEnd(), Duration.ofMinutes(3));
      exact &= c == result.expectedEnd();
      System.out.printf("%-10s started during the load: count %d, expected %d: %s%n", s.getKey(), c,
          result.expectedEnd(), c == result.expectedEnd() ? "exact" : "WRONG");
    }
    System.exit(exact ? 0 : 1);
  }
}
