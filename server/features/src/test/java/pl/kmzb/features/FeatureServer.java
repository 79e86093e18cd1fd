package pl.kmzb.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pl.kmzb.config.ConfigLoader;
import pl.kmzb.server.Application;
import pl.kmzb.testing.TestPostgis;

/** A real server with the feature plugin on one of the two stores, for the services' tests. */
public final class FeatureServer {
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  private FeatureServer() {}

  public static Application start(boolean postgis, Path dir, String... extra) throws Exception {
    List<String> args = new ArrayList<>(postgis
        ? List.of("--store=postgis", "--postgis.url=" + TestPostgis.createDatabase())
        : List.of("--store=embedded", "--embedded.file=" + dir.resolve("kmzb.sqlite")));
    args.addAll(List.of("--http.port=0", "--http.host=127.0.0.1", "--access-log=off",
        "--auth.admin-password=" + ADMIN_PASSWORD));
    args.addAll(List.of(extra));
    return Application.start(ConfigLoader.load(args, Map.of()));
  }
}
