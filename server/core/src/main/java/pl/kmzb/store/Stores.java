package pl.kmzb.store;

import pl.kmzb.config.ServerConfig;

/** Opens the store the configuration names (PostGIS: after waiting up to postgis.connect-wait for it). */
public final class Stores {
  private Stores() {}

  public static ReportStore open(ServerConfig config) {
    return switch (config.store()) {
      case "postgis" -> openPostgis(config);
      case "embedded" -> EmbeddedReportStore.open(config.embeddedFile());
      default -> throw new IllegalArgumentException("unknown store '" + config.store() + "'");
    };
  }

  private static ReportStore openPostgis(ServerConfig config) {
    // Wait for a database that is starting (or down) here, so the pool never fails with a stack trace.
    DatabaseWait.untilReachable(config.postgisUrl(), config.postgisUser(), config.postgisPassword(),
        config.ops().postgisConnectWait());
    return config.storeReadOnly()
        ? PostgisReportStore.openReadOnly(config.postgisUrl(), config.postgisUser(), config.postgisPassword(),
            config.postgisPoolSize(), config.ops().postgisConnectionTimeout())
        : PostgisReportStore.open(config.postgisUrl(), config.postgisUser(), config.postgisPassword(),
            config.postgisPoolSize(), config.ops().postgisConnectionTimeout());
  }
}
