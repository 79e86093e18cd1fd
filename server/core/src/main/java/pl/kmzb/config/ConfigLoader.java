package pl.kmzb.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Resolves the configuration from, in rising precedence: defaults, a YAML file ({@code --config=FILE}
 * or {@code KMZB_CONFIG}), environment variables ({@code KMZB_*}) and {@code --key=value} arguments.
 * Unknown keys are errors, so a typo never silently falls back to a default.
 */
public final class ConfigLoader {
  static final String CONFIG_ARG = "config";
  static final String CONFIG_ENV = "KMZB_CONFIG";
  /** Variables the test tooling sets; not settings of the server. */
  private static final String TEST_PREFIX = "KMZB_TEST_";

  private ConfigLoader() {}

  public static ServerConfig load(List<String> args, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<String, String> cli = parseArgs(args, problems);
    Map<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      values.put(s, s.defaultValue());
    }
    String file = cli.containsKey(CONFIG_ARG) ? cli.remove(CONFIG_ARG) : env.get(CONFIG_ENV);
    if (file != null) {
      readFile(Path.of(file), problems).forEach((k, v) -> put(values, k, v, "file " + file, problems));
    }
    env.forEach((name, v) -> {
      if (name.startsWith("KMZB_") && !name.equals(CONFIG_ENV) && !name.startsWith(TEST_PREFIX)) {
        Setting.ofEnv(name).ifPresentOrElse(s -> values.put(s, v),
            () -> problems.add("unknown environment variable " + name + "; known: " + knownEnv()));
      }
    });
    cli.forEach((k, v) -> put(values, k, v, "argument --" + k, problems));
    values.forEach((s, v) -> {
      String p = s.problem(v);
      if (p != null) {
        problems.add(s.key() + "='" + v + "' " + p);
      }
    });
    if (problems.isEmpty()) {
      crossCheck(values, problems);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return ServerConfig.of(values);
  }

  /** Rules between keys: addresses must outlive the window in which they limit reports. */
  private static void crossCheck(Map<Setting, String> v, List<String> problems) {
    java.time.Duration window = java.time.Duration.parse(v.get(Setting.CITIZEN_WINDOW).strip());
    java.time.Duration retention = java.time.Duration.parse(v.get(Setting.IP_RETENTION).strip());
    if (retention.compareTo(window) < 0) {
      problems.add(Setting.IP_RETENTION.key() + " (" + retention + ") must be at least " + Setting.CITIZEN_WINDOW.key()
          + " (" + window + "), or the rate limit would forget addresses it still needs");
    }
    String password = v.get(Setting.ADMIN_PASSWORD);
    if (!password.isEmpty() && password.length() < 12) {
      problems.add(Setting.ADMIN_PASSWORD.key() + " must have at least 12 characters");
    }
    if (v.get(Setting.STORE_READ_ONLY).strip().equals("true") && !v.get(Setting.STORE).equals("postgis")) {
      problems.add(Setting.STORE_READ_ONLY.key() + "=true needs " + Setting.STORE.key()
          + "=postgis: it serves a PostgreSQL streaming replica; the embedded store has one writer in this process");
    }
    if (v.get(Setting.STORE_READ_ONLY).strip().equals("true") && !v.get(Setting.DEMO_REPORTS).strip().equals("0")) {
      problems.add(Setting.DEMO_REPORTS.key() + " must be 0 with " + Setting.STORE_READ_ONLY.key()
          + "=true: a read-only server writes nothing; seed the primary");
    }
    int maxZoom = Integer.parseInt(v.get(Setting.TILES_MAX_ZOOM).strip());
    int clusterMaxZoom = Integer.parseInt(v.get(Setting.TILES_CLUSTER_MAX_ZOOM).strip());
    if (clusterMaxZoom > maxZoom) {
      problems.add(Setting.TILES_CLUSTER_MAX_ZOOM.key() + " (" + clusterMaxZoom + ") must not exceed "
          + Setting.TILES_MAX_ZOOM.key() + " (" + maxZoom + ")");
    }
  }

  private static void put(Map<Setting, String> values, String key, String v, String where, List<String> problems) {
    Setting.ofKey(key).ifPresentOrElse(s -> values.put(s, v),
        () -> problems.add("unknown key '" + key + "' in " + where + "; known keys: " + knownKeys()));
  }

  private static Map<String, String> parseArgs(List<String> args, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 3) {
        problems.add("argument '" + a + "' is not of the form --key=value");
      } else {
        out.put(a.substring(2, eq), a.substring(eq + 1));
      }
    }
    return out;
  }

  /** Reads a YAML file; nested maps become dotted keys ({@code http: {port: 80}} is {@code http.port}). */
  private static Map<String, String> readFile(Path file, List<String> problems) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
      if (root == null || root.isMissingNode() || root.isNull()) {
        return out;
      }
      if (!root.isObject()) {
        problems.add("config file " + file + " must hold a map of keys");
        return out;
      }
      flatten("", root, out, problems, file);
    } catch (IOException e) {
      problems.add("cannot read config file " + file + ": " + e.getMessage());
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out, List<String> problems, Path file) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = prefix + e.getKey();
      if (e.getValue().isObject() && Setting.ofKey(key).isEmpty()) {
        flatten(key + ".", e.getValue(), out, problems, file);
      } else if (e.getValue().isValueNode()) {
        out.put(key, e.getValue().isNull() ? "" : e.getValue().asText());
      } else {
        problems.add("config file " + file + ": '" + key + "' must be a single value");
      }
    }
  }

  private static String knownKeys() {
    return java.util.Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.joining(", "));
  }

  private static String knownEnv() {
    return java.util.Arrays.stream(Setting.values()).map(Setting::envName).collect(Collectors.joining(", "));
  }

  /** Help text: every key, its environment variable, default and description. */
  public static String help() {
    StringBuilder sb = new StringBuilder();
    for (Setting s : Setting.values()) {
      sb.append("  --").append(s.key()).append("=…  (").append(s.envName()).append(", default '")
          .append(s.defaultValue()).append("')\n      ").append(s.description()).append('\n');
    }
    return sb.toString();
  }
}
