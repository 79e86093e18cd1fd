package pl.kmzb.plugin;

import pl.kmzb.auth.Authenticator;
import pl.kmzb.boundary.TerytAssigner;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.http.ClientAddresses;
import pl.kmzb.http.Readiness;
import pl.kmzb.http.Router;
import pl.kmzb.store.ReportStore;
import pl.kmzb.tiles.TileLayers;

/**
 * What the server hands each plugin at start. {@code clients} is where a plugin that knows the
 * trusted proxies installs the client-address rule core's per-client limits use.
 */
public record PluginContext(
    ServerConfig config,
    CategoryCatalog catalog,
    ReportStore store,
    Router router,
    Readiness readiness,
    Authenticator auth,
    TerytAssigner areas,
    TileLayers tiles,
    ClientAddresses clients) {}
