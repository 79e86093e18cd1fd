package pl.kmzb.store;

import pl.kmzb.config.ServerConfig;

/** Opens the store the configuration names. */
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
    PostgisConnect.await(config.postgisUrl(), config.postgisUser(), config.postgisPassword(),
        config.postgisConnectWait());
    return config.storeReadOnly()
        ? PostgisReportStore.openReadOnly(config.postgisUrl(), config.postgisUser(), config.postgisPassword(),
            config.postgisPoolSize())
        : PostgisReportStore.open(config.postgisUrl(), config.postgisUser(), config.postgisPassword(),
            config.postgisPoolSize());
  }
}
