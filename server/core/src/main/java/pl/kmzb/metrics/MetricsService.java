package pl.kmzb.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.server.RequestLog;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.config.OpsSettings;
import pl.kmzb.http.HttpServer;
import pl.kmzb.http.Router;
import pl.kmzb.store.PoolMetrics;
import pl.kmzb.store.ReportStore;
import pl.kmzb.tiles.TileCache;

/**
 * The server's Prometheus metrics: one registry that plugins find in {@code SharedServices} under
 * {@link MeterRegistry}, the JVM's memory, GC, threads and CPU, the store's connection pool and
 * change-log position, the tile cache, every request (through {@link #requestLog()}), and
 * {@code /metrics} where {@code metrics.mode} puts it: guarded on the HTTP port, or open on an admin
 * listener of its own.
 */
public final class MetricsService implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final HttpServer admin;

  private MetricsService(OpsSettings ops) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    if (ops.metricsMode() == OpsSettings.MetricsMode.ADMIN_PORT) {
      Router router = new Router();
      router.get("/metrics", new MetricsEndpoint(registry, null));
      admin = new HttpServer(ops.metricsAdminHost(), ops.metricsAdminPort(), 4, router, null);
    } else {
      admin = null;
    }
  }

  /**
   * Registers what the core offers (pool, change log, tile cache) and {@code GET /metrics} on
   * {@code router} when guarded; starts the admin listener when asked for.
   */
  public static MetricsService start(OpsSettings ops, ReportStore store, TileCache tiles, Router router,
      Authenticator auth) throws Exception {
    MetricsService m = new MetricsService(ops);
    PoolMetrics.bind(store, m.registry);
    Gauge.builder("kmzb.changelog.last.seq", store, ReportStore::lastChangeSeq)
        .description("Sequence of the newest entry in the store's change log (read at each scrape)")
        .register(m.registry);
    bindTileCache(tiles, m.registry);
    if (ops.metricsMode() == OpsSettings.MetricsMode.GUARDED) {
      router.get("/metrics", new MetricsEndpoint(m.registry, auth));
    }
    if (m.admin != null) {
      m.admin.start();
    }
    return m;
  }

  private static void bindTileCache(TileCache tiles, MeterRegistry registry) {
    for (boolean filtered : new boolean[] {false, true}) {
      String share = filtered ? "filtered" : "unfiltered";
      Gauge.builder("kmzb.tiles.cache.entries", tiles, t -> t.entries(filtered)).tag("share", share)
          .description("Encoded tiles held by the tile cache").register(registry);
      Gauge.builder("kmzb.tiles.cache.bytes", tiles, t -> t.weightedBytes(filtered)).tag("share", share)
          .baseUnit("bytes").description("Bytes the tile cache's entries weigh (its bound is tiles.cache-mb)")
          .register(registry);
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Jetty's hook that sees every request once complete. */
  public RequestLog requestLog() {
    return new RequestMetrics(registry);
  }

  /** The admin listener's port, or -1 when metrics are not on a port of their own. */
  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  @Override
  public void close() throws Exception {
    try {
      if (admin != null) {
        admin.close();
      }
    } finally {
      gc.close();
      registry.close();
    }
  }
}
