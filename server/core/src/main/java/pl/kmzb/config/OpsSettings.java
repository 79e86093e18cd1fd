package pl.kmzb.config;

import java.time.Duration;
import java.util.Map;

/**
 * Operations settings: how long to wait for PostGIS at start ({@code postgis.connect-wait}), where
 * Prometheus metrics are served ({@code metrics.*}) and the access log's format ({@code log.format}) and how long a request waits for a PostGIS
 * connection ({@code postgis.connection-timeout}).
 * Grouped in one record so {@link ServerConfig} gains one field.
 */
public record OpsSettings(Duration postgisConnectWait, MetricsMode metricsMode, String metricsAdminHost,
    int metricsAdminPort, boolean jsonLog, Duration postgisConnectionTimeout) {

  /** Where /metrics is served. */
  public enum MetricsMode {
    GUARDED, ADMIN_PORT, OFF;

    static MetricsMode of(String value) {
      return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  /** A JDBC URL without the password its query may carry (?user=u&password=secret): for logs and messages. */
  public static String withoutPassword(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }

  static OpsSettings of(Map<Setting, String> v) {
    return new OpsSettings(
        Duration.parse(v.get(Setting.POSTGIS_CONNECT_WAIT).strip()),
        MetricsMode.of(v.get(Setting.METRICS_MODE)),
        v.get(Setting.METRICS_ADMIN_HOST).strip(),
        Integer.parseInt(v.get(Setting.METRICS_ADMIN_PORT).strip()),
        v.get(Setting.LOG_FORMAT).strip().equals("json"),
        Duration.parse(v.get(Setting.POSTGIS_CONNECTION_TIMEOUT).strip()));
  }
}
