package pl.kmzb.analytics;

import pl.kmzb.crs.Crs;
import pl.kmzb.crs.CrsTransform;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;

/**
 * Analytics for resource allocation (issue 17): hot spots, kernel density, coverage by police units
 * and candidate sites for new posts, under {@code /api/analytics}. Reads the store in one scan per
 * request and keeps nothing between requests but the study-area masks.
 */
public final class AnalyticsPlugin implements ServerPlugin {
  @Override
  public String name() {
    return "analytics";
  }

  @Override
  public void start(PluginContext context) {
    Crs pl1992 = context.crs().require("EPSG:2180");
    CrsTransform to2180 = context.crs().fromLonLat(pl1992);
    CrsTransform toLonLat = context.crs().toLonLat(pl1992);
    Analyses analyses = Analyses.of(context);
    RoadNetworks roads = new RoadNetworks(pl.kmzb.store.JdbcRoadStore.of(context.store()), to2180);
    new AnalyticsEndpoints(analyses, context.auth(), context.visibility(), new GridWriter(toLonLat), to2180, roads,
        new RoadSegmentWriter(toLonLat)).register(context.router());
  }
}
