package pl.kmzb.plugin;

import pl.kmzb.auth.Authenticator;
import pl.kmzb.boundary.TerytAssigner;
import pl.kmzb.category.CategoryCatalog;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.crs.CrsRegistry;
import pl.kmzb.http.ClientAddress;
import pl.kmzb.http.Readiness;
import pl.kmzb.http.Router;
import pl.kmzb.layer.LayerCatalog;
import pl.kmzb.store.ReportStore;
import pl.kmzb.tiles.TileLayers;
import pl.kmzb.unit.CurrentUnits;
import pl.kmzb.visibility.VisibilityPolicy;

/**
 * What the server hands each plugin at start. {@code visibility} is the one policy every public
 * output calls; {@code policeUnits} the one list of police units every output reads (reloaded on
 * import); {@code clients} tells who sent a request (trusted proxies), for per-client limits;
 * {@code crs} holds the CRSs the OGC services publish and their transforms (warm); {@code layers} is
 * the published-layer catalogue every OGC service reads; {@code shared} holds what plugins offer each other (the cluster index, ingest).
 */
public record PluginContext(
    ServerConfig config,
    CategoryCatalog catalog,
    ReportStore store,
    Router router,
    Readiness readiness,
    Authenticator auth,
    TerytAssigner areas,
    CurrentUnits policeUnits,
    TileLayers tiles,
    VisibilityPolicy visibility,
    ClientAddress clients,
    CrsRegistry crs,
    LayerCatalog layers,
    SharedServices shared) {}
