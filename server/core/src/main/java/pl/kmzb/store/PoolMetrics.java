package pl.kmzb.store;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Hands the store's connection pool to a Micrometer registry: HikariCP then publishes
 * {@code hikaricp_connections_active}, {@code _idle}, {@code _pending}, {@code _max}, acquisition,
 * usage and creation times, and timeouts, tagged with the pool's name (kmzb-postgis, kmzb-sqlite).
 */
public final class PoolMetrics {
  private PoolMetrics() {}

  /** @param meterRegistry a {@code io.micrometer.core.instrument.MeterRegistry} */
  public static void bind(ReportStore store, Object meterRegistry) {
    if (store instanceof JdbcReportStore jdbc && jdbc.dataSource instanceof HikariDataSource pool) {
      pool.setMetricRegistry(meterRegistry);
    }
  }
}
