package pl.kmzb.store;

import pl.kmzb.config.ServerConfig;

/** Opens the store the configuration names. */
public final class Stores {
  private Stores() {}

  public static ReportStore open(ServerConfig config) {
    return switch (config.store()) {
      case "postgis" -> config.storeReadOnly()
          ? PostgisReportStore.openReadOnly(config.postgisUrl(), config.postgisUser(), config.postgisPassword(),
              config.postgisPoolSize())
          : PostgisReportStore.open(config.postgisUrl(), config.postgisUser(), config.postgisPassword(),
              config.postgisPoolSize());
      case "embedded" -> EmbeddedReportStore.open(config.embeddedFile());
      default -> throw new IllegalArgumentException("unknown store '" + config.store() + "'");
    };
  }
}
