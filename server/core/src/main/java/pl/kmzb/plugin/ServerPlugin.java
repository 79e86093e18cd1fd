package pl.kmzb.plugin;

/**
 * A part of the server loaded once at start through {@link java.util.ServiceLoader} (listed in
 * META-INF/services/pl.kmzb.plugin.ServerPlugin). The report plugin owns ingest and clustering;
 * a plugin registers its routes and background work in {@link #start} and marks readiness.
 */
public interface ServerPlugin extends AutoCloseable {
  /** A short name for logs and health output. */
  String name();

  /**
   * Start order: lower starts first. Providers of {@link SharedServices} (the report plugin, 0)
   * come before the services that use them (default 100); equal orders start by name.
   */
  default int order() {
    return 100;
  }

  /** Registers routes and starts background work; long loading should run off this thread. */
  void start(PluginContext context) throws Exception;

  /** Stops background work; called once at shutdown, in reverse start order. */
  @Override
  default void close() throws Exception {}
}
