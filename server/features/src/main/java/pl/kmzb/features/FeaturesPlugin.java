package pl.kmzb.features;

import java.time.Clock;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.filter.FilterParser;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;
import pl.kmzb.store.FeatureQueries;

/** The feature services: OGC API – Features under /ogc/features and WFS under /wfs, over one feature source. */
public final class FeaturesPlugin implements ServerPlugin {
  @Override
  public String name() {
    return "features";
  }

  @Override
  public void start(PluginContext context) {
    ServerConfig config = context.config();
    FeatureCatalog catalog = FeatureCatalog.of(context.layers(), context.catalog());
    FeatureSource source = new FeatureSource(context.visibility(), new FilterParser(context.catalog()),
        new FeatureQueries(context.store()), Clock.systemUTC());
    PublicUrl urls = new PublicUrl(config.publicUrl(), context.clients());
    ItemsEndpoint items = new ItemsEndpoint(catalog, source, context.store(), context.auth(), urls,
        config.featuresDefaultLimit(), config.featuresMaxLimit(), context.crs());
    new FeaturesApi(catalog, context.auth(), urls, items, Conformance.of(context.crs())).register(context.router());
  }
}
