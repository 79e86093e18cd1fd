package pl.kmzb.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import pl.kmzb.auth.AuthEndpoints;
import pl.kmzb.auth.Authenticator;
import pl.kmzb.auth.FirstAdministrator;
import pl.kmzb.auth.UserStore;
import pl.kmzb.boundary.TerytAssigner;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.http.AccessLog;
import pl.kmzb.http.ClientAddress;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.http.HealthEndpoint;
import pl.kmzb.http.HttpServer;
import pl.kmzb.http.Readiness;
import pl.kmzb.http.Router;
import io.micrometer.core.instrument.MeterRegistry;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.metrics.MetricsService;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.Plugins;
import pl.kmzb.plugin.ServerPlugin;
import pl.kmzb.plugin.SharedServices;
import pl.kmzb.store.JdbcBoundaryStore;
import pl.kmzb.store.JdbcPoliceUnitStore;
import pl.kmzb.unit.CurrentUnits;
import pl.kmzb.unit.PoliceUnitEndpoints;
import pl.kmzb.store.JdbcUserStore;
import pl.kmzb.store.ReportStore;
import pl.kmzb.store.Stores;
import pl.kmzb.tiles.RenderBudget;
import pl.kmzb.tiles.TileCache;
import pl.kmzb.tiles.TileEndpoints;
import pl.kmzb.tiles.TileLayers;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * One running server: configuration and catalogue checked first (fail fast), then the store, the
 * routes, the plugins, and HTTP. Loading that takes time happens in plugins' background work while
 * {@code /health} answers 503.
 */
public final class Application implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);
  /** Pending until the HTTP server listens (health itself is answered from then on). */
  static final String HTTP_COMPONENT = "http";

  private final ReportStore store;
  private final List<ServerPlugin> plugins;
  private final HttpServer http;
  private final Readiness readiness;
  private final ReferenceReloader reference;
  private final VisibilityPolicy visibility;
  private final MetricsService metrics;

  private Application(ReportStore store, List<ServerPlugin> plugins, HttpServer http, Readiness readiness,
      ReferenceReloader reference, VisibilityPolicy visibility, MetricsService metrics) {
    this.metrics = metrics;
    this.visibility = visibility;
    this.reference = reference;
    this.store = store;
    this.plugins = plugins;
    this.http = http;
    this.readiness = readiness;
  }

  public static Application start(ServerConfig config) throws Exception {
    LOG.info("starting with {}", config);
    CategoryCatalog catalog = CategoryCatalog.load(config.layersDir());
    LayerCatalog layers = LayerCatalog.load(config.layersDir(), catalog);
    CrsRegistry crs = CrsRegistry.standard();
    crs.warm(); // proj4j: a few milliseconds, so no background work and no readiness mark
    ReportStore store = Stores.open(config);
    List<ServerPlugin> started = new ArrayList<>();
    ReferenceReloader reference = null;
    MetricsService metrics = null;
    try {
      Readiness readiness = new Readiness();
      // Ready once it listens: work run after ready (Readiness.afterReady) then waits for the start's end.
      readiness.waitFor(HTTP_COMPONENT);
      Router router = new Router();
      UserStore users = JdbcUserStore.of(store);
      if (config.storeReadOnly()) {
        // A standby replays the primary's users; it can neither create nor restore one.
        router.readOnly(pl.kmzb.store.ReadOnlyStore.EXPLANATION);
        LOG.info("read-only server: writes are refused with 503; users and reports come from the primary");
      } else {
        FirstAdministrator.ensure(users, config.adminUser(), config.adminPassword(), LOG);
      }
      ClientAddress clients = ClientAddress.parse(config.trustedProxies().isBlank() ? List.of()
          : Arrays.stream(config.trustedProxies().split(",")).map(String::strip).toList());
      Authenticator auth = new Authenticator(users, Clock.systemUTC(), config.tokenTtl(), config.loginLimits(), clients,
          config.credentialCacheTtl());
      router.get("/health", new HealthEndpoint(readiness, store, auth));
      new AuthEndpoints(users, auth, clients).register(router);
      new PoliceUnitEndpoints(JdbcPoliceUnitStore.of(store), auth).register(router);
      TerytAssigner areas = new TerytAssigner(JdbcBoundaryStore.of(store));
      TileLayers tiles = new TileLayers();
      CurrentUnits policeUnits = new CurrentUnits();
      reference = new ReferenceReloader(store, areas, policeUnits, tiles, config.tilesMaxZoom(), config.referencePoll())
          .start();
      VisibilityPolicy visibility = new VisibilityPolicy(catalog, areas::assign);
      // Built before the plugins so other tile APIs (OGC API – Tiles) serve through the same cache.
      TileCache tileCache = new TileCache(config.tilesCacheMb() * 1024L * 1024L, config.tilesFilteredCachePercent());
      TileEndpoints tileEndpoints = new TileEndpoints(tiles, tileCache,
          RenderBudget.of(config.tilesFilteredRenderRate(), config.tilesFilteredRenderBurst(),
              config.tilesFilteredRenderConcurrency(), config.tilesFilteredRenderPending()),
          new PublicUrl(config.publicUrl(), clients), clients, auth);
      SharedServices shared = new SharedServices();
      shared.register(TileEndpoints.class, tileEndpoints);
      metrics = MetricsService.start(config.ops(), store, tileCache, router, auth);
      shared.register(MeterRegistry.class, metrics.registry());
      PluginContext context = new PluginContext(config, catalog, store, router, readiness, auth, areas, policeUnits,
          tiles, visibility, clients, crs, layers, shared);
      // Each plugin's start time in one line: what a slow start spent on the main thread.
      StringBuilder times = new StringBuilder();
      for (ServerPlugin plugin : Plugins.discover()) {
        long t0 = System.nanoTime();
        plugin.start(context);
        started.add(plugin);
        times.append(times.isEmpty() ? "" : ", ").append(plugin.name()).append(' ')
            .append((System.nanoTime() - t0) / 1_000_000).append(" ms");
      }
      LOG.info("plugins started: {}", times);
      tileEndpoints.register(router);
      HttpServer http = new HttpServer(config.httpHost(), config.httpPort(), config.httpThreads(), router,
          AccessLog.open(config.accessLog(), config.ops().jsonLog()), config.httpLimits(), metrics.requestLog());
      http.start();
      readiness.ready(HTTP_COMPONENT);
      LOG.info("listening on {}:{} with {} store; plugins {}; routes {}", config.httpHost(), http.port(),
          store.kind(), started.stream().map(ServerPlugin::name).toList(), router.describe());
      return new Application(store, started, http, readiness, reference, visibility, metrics);
    } catch (Exception | Error e) {
      closeAll(started);
      if (metrics != null) {
        metrics.close();
      }
      if (reference != null) {
        reference.close();
      }
      store.close();
      throw e;
    }
  }

  public int port() {
    return http.port();
  }

  /** The port of the metrics listener (metrics.mode=admin-port), else -1. */
  public int metricsPort() {
    return metrics.adminPort();
  }

  public Readiness readiness() {
    return readiness;
  }

  /**
   * Loads imported boundaries and police units now, as the next {@code reference.poll-interval} would:
   * for tools and tests that import in-process and must not wait for the poll.
   */
  public void reloadReferenceData() {
    reference.check();
  }

  public ReportStore store() {
    return store;
  }

  /** The one visibility policy every public output of this server calls. */
  public VisibilityPolicy visibility() {
    return visibility;
  }

  @Override
  public void close() throws Exception {
    http.close();
    // Start-up work still running (analytics' first computations, warm-ups) ends before the store closes.
    List<String> running = readiness.stopBackground(java.time.Duration.ofSeconds(5));
    if (!running.isEmpty()) {
      LOG.info("stopping while background work {} still runs", running);
    }
    reference.close();
    closeAll(plugins);
    metrics.close();
    store.close();
  }

  private static void closeAll(List<ServerPlugin> plugins) {
    List<ServerPlugin> reversed = new ArrayList<>(plugins);
    Collections.reverse(reversed);
    for (ServerPlugin p : reversed) {
      try {
        p.close();
      } catch (Exception e) {
        LOG.warn("plugin {} did not stop cleanly", p.name(), e);
      }
    }
  }
}
