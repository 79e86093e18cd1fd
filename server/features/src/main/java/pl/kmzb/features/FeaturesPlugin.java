package pl.kmzb.features;

import java.time.Clock;
import pl.kmzb.config.ServerConfig;
import pl.kmzb.http.PublicUrl;
import pl.kmzb.plugin.PluginContext;
import pl.kmzb.plugin.ServerPlugin;
import pl.kmzb.store.FeatureQueries;
import pl.kmzb.wfs.Capabilities;
import pl.kmzb.wfs.GetFeature;
import pl.kmzb.wfs.WfsEndpoint;
import java.util.Map;
import pl.kmzb.crs.AxisOrder;
import pl.kmzb.fes.FesParser;
import pl.kmzb.filter.FilterCrs;

/** The feature services: OGC API – Features under /ogc/features and WFS 2.0 under /wfs, over one feature source. */
public final class FeaturesPlugin implements ServerPlugin {
  @Override
  public String name() {
    return "features";
  }

  @Override
  public void start(PluginContext context) {
    ServerConfig config = context.config();
    FeatureCatalog catalog = FeatureCatalog.of(context.layers(), context.catalog());
    FeatureSource source = new FeatureSource(context.visibility(), context.catalog(),
        new FeatureQueries(context.store()), Clock.systemUTC());
    PublicUrl urls = new PublicUrl(config.publicUrl(), context.clients());
    ItemsEndpoint items = new ItemsEndpoint(catalog, source, context.store(), context.auth(), urls,
        config.featuresDefaultLimit(), config.featuresMaxLimit(), context.crs());
    new FeaturesApi(catalog, context.auth(), urls, items, Conformance.of(context.crs())).register(context.router());
    // FES 2.0: geometries without srsName are in the feature types' default CRS (URN EPSG:4326, lat/lon).
    FilterCrs defaultCrs = FilterCrs.of(context.crs(), "urn:ogc:def:crs:EPSG::4326", AxisOrder.Protocol.WFS_2_0_0);
    GetFeature.FesFilters fes = (xml, view) -> new FesParser(view, context.crs(), AxisOrder.Protocol.WFS_2_0_0,
        defaultCrs, Map.of()).parse(xml);
    Capabilities.FilterSupport filters = Capabilities.FilterSupport.FES_20;
    new WfsEndpoint(catalog, context.auth(), urls, new Capabilities(context.layers().service(), context.crs(),
        filters, config.featuresDefaultLimit()), new GetFeature(source, context.store(), context.crs(), fes,
        config.featuresDefaultLimit(), config.featuresMaxLimit())).register(context.router());
  }
}
